/** `syndicate check`: the whole build, rendering included, writing nothing: for pull requests. */
import { runBuild, buildRequest } from './build.js';
import type { Command } from './command.js';
import { report } from './report.js';

export const command: Command = {
  usage: '[--articles DIR] [--config FILE] [--now ISO-8601] [--previous FILE|URL] [--strict] [--no-cache] [--json] [--quiet]',
  about: 'Runs the whole build, rendering included, and writes nothing. Exit 0 with a summary, or 1 with every error: for pull requests.',
  flags: ['articles', 'config', 'now', 'previous', 'strict', 'no-cache', 'json', 'quiet'],
  positionals: 'none',
  example: 'syndicate check --strict',
  async run({ values, cwd }) {
    const result = await runBuild({ ...buildRequest(values, cwd), write: false, cache: values['no-cache'] !== true, stamped: false });
    return report('check', result, { json: values.json === true, quiet: values.quiet === true });
  },
};
