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
import { formatAnnotation, formatDiagnostic, type Diagnostic } from './diagnostics.js';
import { serve } from './serve.js';
import { parseDate } from './time/parse-date.js';
import { VERSION } from './version.js';

const USAGE = `syndicate ${VERSION}: Markdown articles to RSS 2.0, Atom 1.0 and JSON Feed 1.1

Usage:
  syndicate build [--articles DIR] [--out DIR] [--config FILE] [--now ISO-8601]
                  [--previous FILE|URL] [--strict] [--keep-going] [--no-cache]
  syndicate check [--articles DIR] [--config FILE] [--now ISO-8601] [--previous FILE|URL]
                  [--strict] [--json] [--quiet]
  syndicate serve [--out DIR] [--port 8080] [--host 127.0.0.1] [--watch]
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
  --json           print the result as JSON for machines (build, check, explain)
  -q, --quiet      print only errors
  --port N         serve: the port (default 8080; 0 picks a free one)
  --host H         serve: the address to listen on (default 127.0.0.1)
  --watch          serve: build first, then rebuild when articles or the config change
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
        quiet: { type: 'boolean', short: 'q' },
        port: { type: 'string' },
        host: { type: 'string' },
        watch: { type: 'boolean' },
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
    if (command === 'build' || command === 'check') {
      if (rest.length > 0) return usage(`unexpected argument "${rest[0]}"`);
      const now = referenceTime(values.now, process.env.SOURCE_DATE_EPOCH);
      const config = await loadConfig(path.resolve(cwd, values.config), cwd);
      const result = await build({
        config,
        articlesDir: values.articles,
        outDir: values.out,
        now,
        cwd,
        previous: values.previous,
        strict: values.strict,
        ci,
        keepGoing: values['keep-going'],
        cacheDir: values['no-cache'] ? false : undefined,
        // check runs the whole pipeline and writes nothing.
        write: command === 'build',
      });
      return report(command, result, { json: values.json, quiet: values.quiet });
    }
    if (command === 'serve') {
      if (rest.length > 0) return usage(`unexpected argument "${rest[0]}"`);
      const port = Number(values.port ?? '8080');
      if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`--port must be a port number, not "${values.port}"`);
      const configPath = path.resolve(cwd, values.config);
      const rebuild = async () => {
        try {
          const config = await loadConfig(configPath, cwd);
          const now = referenceTime(values.now, process.env.SOURCE_DATE_EPOCH);
          report('build', await build({ config, articlesDir: values.articles, outDir: values.out, now, cwd, ci }), { quiet: values.quiet });
        } catch (e) {
          // A broken config while watching is reported, and the server goes on.
          if (e instanceof ConfigError) printDiagnostics(e.diagnostics);
          else throw e;
        }
      };
      if (values.watch) await rebuild();
      const serving = await serve({
        outDir: path.resolve(cwd, values.out),
        host: values.host ?? '127.0.0.1',
        port,
        watch: values.watch ? { paths: [path.resolve(cwd, values.articles), configPath], rebuild } : undefined,
      });
      process.stdout.write(`serving ${values.out} at ${serving.url}${values.watch ? ', rebuilding on changes' : ''} (Ctrl-C to stop)\n`);
      await new Promise((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await serving.close();
      return 0;
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
      if (!values.json) printDiagnostics(collected.diagnostics.filter((d) => named.has(d.file) || !d.file.endsWith('.md')));
      for (const m of missing) process.stderr.write(`${m}: error: not an article that could be read (see the errors above, or check the path and --articles)\n`);
      return missing.length > 0 ? 1 : 0;
    }
    return usage(command === undefined ? 'no command given' : `unknown command "${command}"`);
  } catch (e) {
    if (e instanceof ConfigError) {
      printDiagnostics(e.diagnostics);
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

/** Diagnostics on standard error, and as annotations on the pull request when run in GitHub Actions. */
function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  const annotate = process.env.GITHUB_ACTIONS === 'true';
  for (const d of diagnostics) {
    process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (annotate) process.stdout.write(`${formatAnnotation(d)}\n`);
  }
}

function report(command: 'build' | 'check', result: BuildResult, { json = false, quiet = false }): number {
  if (json) {
    process.stdout.write(`${JSON.stringify({ command, ...result }, null, 2)}\n`);
    return result.ok ? 0 : 1;
  }
  if (!quiet) {
    for (const output of result.outputs) {
      if (output.status === 'not-written') continue;
      const what = output.items === undefined ? (output.kind === 'stylesheet' ? 'stylesheet for browsers' : 'list of the feeds') : plural(output.items, 'item');
      process.stdout.write(`${output.status === 'written' ? 'wrote' : 'unchanged'} ${output.path} (${what})\n`);
    }
  }
  printDiagnostics(quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (!result.ok) {
    const wrote = result.outputs.some((o) => o.status !== 'not-written');
    const outcome = command === 'check' ? 'check failed' : `build failed: ${plural(errors, 'error')}; ${wrote ? 'the feeds were written without the articles in error' : 'nothing was written'}`;
    process.stderr.write(`${command === 'check' ? `${outcome}: ${plural(errors, 'error')}` : outcome}\n`);
    return 1;
  }
  if (quiet) return 0;
  const left = [result.drafts && plural(result.drafts, 'draft'), result.scheduled && `${result.scheduled} scheduled`].filter(Boolean);
  const items = result.outputs[0]?.items ?? 0;
  process.stdout.write(
    command === 'check'
      ? `${plural(result.articles, 'article')} checked, ${plural(items, 'item')} in the feeds; no errors\n`
      : `${plural(result.articles, 'article')} read${left.length ? `, ${left.join(' and ')} left out` : ''}\n`,
  );
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
