#!/usr/bin/env node
/**
 * The command line: commands and flags only. Exit codes: 0 success,
 * 1 articles have errors, 2 usage or configuration errors.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, OptionError, type BuildResult } from './build.js';
import { collect } from './collect.js';
import { explainCandidate, formatExplanation, pickCandidates } from './explain.js';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } from './config.js';
import { formatDiagnostic } from './diagnostics.js';
import { parseDate } from './time/parse-date.js';
import { VERSION } from './version.js';

const USAGE = `syndicate ${VERSION}: Markdown articles to RSS 2.0, Atom 1.0 and JSON Feed 1.1

Usage:
  syndicate build [--articles DIR] [--out DIR] [--config FILE] [--now ISO-8601]
                  [--previous FILE|URL] [--strict] [--keep-going] [--no-cache]
  syndicate explain FILE... [--articles DIR] [--config FILE] [--previous FILE|URL] [--json]

Options:
  --articles DIR   folder of Markdown articles (default: articles)
  --out DIR        output folder (default: dist)
  --config FILE    configuration file (default: ${DEFAULT_CONFIG_FILE})
  --now ISO-8601   reference time for drafts and scheduled articles
                   (default: SOURCE_DATE_EPOCH if set, else the clock)
  --previous REF   the feed as last published (file or URL): items it holds
                   keep their id and first-published date (config: previous)
  --strict         warnings fail the build (exit 1), e.g. a shallow git clone
  --no-cache       render every article again (the cache lives in
                   node_modules/.cache/syndicate)
  --keep-going     write the feeds of the good articles even when others
                   have errors (exit 1 all the same)
  --json           explain: print JSON for machines
  -h, --help       this text
  -v, --version    the version
`;

class UsageError extends Error {}

export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        articles: { type: 'string', default: 'articles' },
        out: { type: 'string', default: 'dist' },
        config: { type: 'string', default: DEFAULT_CONFIG_FILE },
        now: { type: 'string' },
        previous: { type: 'string' },
        strict: { type: 'boolean' },
        json: { type: 'boolean' },
        'keep-going': { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    return usage((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  const ci = process.env.CI === 'true';
  try {
    if (command === 'build') {
      if (rest.length > 0) return usage(`unexpected argument "${rest[0]}"`);
      const now = referenceTime(values.now, process.env.SOURCE_DATE_EPOCH);
      const config = await loadConfig(path.resolve(cwd, values.config), cwd);
      const result = await build({ config, articlesDir: values.articles, outDir: values.out, now, cwd, previous: values.previous, strict: values.strict, ci, keepGoing: values['keep-going'], cacheDir: values['no-cache'] ? false : undefined });
      return reportBuild(result);
    }
    if (command === 'explain') {
      if (rest.length === 0) return usage('explain needs at least one article file');
      const config = await loadConfig(path.resolve(cwd, values.config), cwd);
      const collected = await collect({ config, articlesDir: values.articles, previous: values.previous, cwd, ci });
      const { found, missing } = pickCandidates(collected.candidates, rest, cwd);
      const explanations = found.map(explainCandidate);
      if (values.json) process.stdout.write(`${JSON.stringify({ articles: explanations, diagnostics: collected.diagnostics }, null, 2)}\n`);
      else process.stdout.write(explanations.map((e) => `${formatExplanation(e)}\n`).join('\n'));
      const named = new Set(rest.map((f) => path.relative(cwd, path.resolve(cwd, f)).split(path.sep).join('/')));
      // Problems of the named files are shown; those of other articles are not this command's business.
      if (!values.json) for (const d of collected.diagnostics) if (named.has(d.file) || !d.file.endsWith('.md')) process.stderr.write(`${formatDiagnostic(d)}\n`);
      for (const m of missing) process.stderr.write(`${m}: error: not an article that could be read (see the errors above, or check the path and --articles)\n`);
      return missing.length > 0 ? 1 : 0;
    }
    return usage(command === undefined ? 'no command given' : `unknown command "${command}"`);
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const d of e.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
      return 2;
    }
    if (e instanceof UsageError) return usage(e.message);
    if (e instanceof OptionError) {
      process.stderr.write(`syndicate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function reportBuild(result: BuildResult): number {
  for (const output of result.outputs) {
    if (output.status !== 'not-written') process.stdout.write(`${output.status === 'written' ? 'wrote' : 'unchanged'} ${output.path} (${plural(output.items, 'item')})\n`);
  }
  for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const wrote = result.outputs.some((o) => o.status !== 'not-written');
    process.stderr.write(`build failed: ${plural(errors, 'error')}; ${wrote ? 'the feeds were written without the articles in error' : 'nothing was written'}\n`);
    return 1;
  }
  const left = [result.drafts && plural(result.drafts, 'draft'), result.scheduled && `${result.scheduled} scheduled`].filter(Boolean);
  process.stdout.write(`${plural(result.articles, 'article')} read${left.length ? `, ${left.join(' and ')} left out` : ''}\n`);
  return 0;
}

function referenceTime(now: string | undefined, sourceDateEpoch: string | undefined): number {
  if (now !== undefined) {
    const parsed = parseDate(now, 'UTC');
    if ('error' in parsed) throw new UsageError(`--now: ${parsed.error}`);
    return parsed.instant;
  }
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    if (!/^\d+$/.test(sourceDateEpoch)) throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds, not "${sourceDateEpoch}"`);
    return Number(sourceDateEpoch) * 1000;
  }
  return Date.now();
}

function usage(message: string): number {
  process.stderr.write(`syndicate: ${message}\n\n${USAGE}`);
  return 2;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`syndicate: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
