#!/usr/bin/env node
/**
 * The command line: commands and flags only. Exit codes: 0 success,
 * 1 articles have errors, 2 usage or configuration errors.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BuildResult } from './build.js';
import { DEFAULT_CONFIG_FILE } from './config-file.js';
import { formatAnnotation, formatDiagnostic, type Diagnostic } from './diagnostics.js';
import { VERSION } from './version.js';
import { defaultCacheDir } from './util/cache-dir.js';
import { stampKey, upToDate } from './stamp.js';
import { existsSync } from 'node:fs';

const USAGE = `syndicate ${VERSION}: Markdown articles to RSS 2.0, Atom 1.0 and JSON Feed 1.1

Usage:
  syndicate build [--articles DIR] [--out DIR] [--config FILE] [--now ISO-8601]
                  [--previous FILE|URL] [--strict] [--keep-going] [--no-cache]
  syndicate check [--articles DIR] [--config FILE] [--now ISO-8601] [--previous FILE|URL]
                  [--strict] [--json] [--quiet]
  syndicate init [--url URL] [--title TITLE]
  syndicate import FEED [--articles DIR]
  syndicate ping [--out DIR] [--config FILE] [--state FILE]
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
  --no-cache       do all the work again, without the up-to-date stamp and
                   the article and render caches (node_modules/.cache/syndicate)
  --keep-going     write the feeds of the good articles even when others
                   have errors (exit 1 all the same)
  --json           print the result as JSON for machines (build, check, explain)
  -q, --quiet      print only errors
  --url, --title   init: the site's address and title (asked for in a terminal)
  --state FILE     ping: what was last pinged (default .syndicate-ping.json)
  --port N         serve: the port (default 8080; 0 picks a free one)
  --host H         serve: the address to listen on (default 127.0.0.1)
  --watch          serve: build first, then rebuild when articles or the config change
  -h, --help       this text
  -v, --version    the version
`;

class UsageError extends Error {}

/** The pipeline's modules, loaded when a command needs them: the up-to-date check of a build answers without them. */
async function pipeline() {
  const [config, buildModule, collectModule] = await Promise.all([import('./config.js'), import('./build.js'), import('./collect.js')]);
  return { ...config, ...buildModule, ...collectModule };
}

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
        url: { type: 'string' },
        state: { type: 'string' },
        title: { type: 'string' },
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
      const result = await stampedBuild({
        cwd,
        articles: values.articles,
        out: values.out,
        config: values.config,
        now: values.now,
        previous: values.previous,
        strict: values.strict ?? false,
        keepGoing: values['keep-going'] ?? false,
        ci,
        // check runs the whole pipeline and writes nothing.
        write: command === 'build',
        cache: !values['no-cache'],
        stamped: command === 'build' && !values['no-cache'],
        progress: progressBar(!ci && Boolean(process.stderr.isTTY) && !values.json && !values.quiet),
      });
      return report(command, result, { json: values.json, quiet: values.quiet });
    }
    if (command === 'init') {
      if (rest.length > 0) return usage(`unexpected argument "${rest[0]}"`);
      // Commands other than build load their modules when run, so a build starts faster.
      const { init, InitError } = await import('./init.js');
      try {
        const result = await init({ cwd, url: values.url, title: values.title, interactive: Boolean(process.stdin.isTTY), today: new Date().toISOString().slice(0, 10) });
        for (const f of result.written) process.stdout.write(`wrote ${f}\n`);
        for (const f of result.kept) process.stdout.write(`kept ${f} (it exists; init never overwrites)\n`);
        process.stdout.write('next: npx syndicate build\n');
        return 0;
      } catch (e) {
        if (e instanceof InitError) return usage(e.message);
        throw e;
      }
    }
    if (command === 'import') {
      if (rest.length !== 1) return usage('import takes one feed: a file or a URL');
      const { importFeed } = await import('./import.js');
      const result = await importFeed(rest[0]!, path.resolve(cwd, values.articles), cwd);
      for (const f of result.written) process.stdout.write(`wrote ${f}\n`);
      for (const f of result.kept) process.stdout.write(`kept ${f} (it exists; import never overwrites)\n`);
      process.stdout.write(`${plural(result.written.length, 'article')} imported\n`);
      return 0;
    }
    if (command === 'ping') {
      if (rest.length > 0) return usage(`unexpected argument "${rest[0]}"`);
      const { loadConfig } = await pipeline();
      const config = await loadConfig(path.resolve(cwd, values.config), cwd);
      const { ping, PingError } = await import('./ping.js');
      try {
        const result = await ping({ config, outDir: path.resolve(cwd, values.out), statePath: path.resolve(cwd, values.state ?? '.syndicate-ping.json') });
        for (const url of result.pinged) process.stdout.write(`pinged ${config.site.hub} for ${url}\n`);
        for (const url of result.unchanged) process.stdout.write(`unchanged since the last ping: ${url}\n`);
        for (const f of result.failed) process.stderr.write(`${f.url}: error: ${f.reason}\n`);
        return result.failed.length > 0 ? 1 : 0;
      } catch (e) {
        if (e instanceof PingError) {
          process.stderr.write(`syndicate: ${e.message}\n`);
          return 2;
        }
        throw e;
      }
    }
    if (command === 'serve') {
      if (rest.length > 0) return usage(`unexpected argument "${rest[0]}"`);
      const port = Number(values.port ?? '8080');
      if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`--port must be a port number, not "${values.port}"`);
      const configPath = path.resolve(cwd, values.config);
      const { ConfigError } = await pipeline();
      const rebuild = async () => {
        try {
          const result = await stampedBuild({ cwd, articles: values.articles, out: values.out, config: values.config, now: values.now, strict: false, keepGoing: false, ci, write: true, cache: true, stamped: true });
          report('build', result, { quiet: values.quiet });
        } catch (e) {
          // A broken config while watching is reported, and the server goes on.
          if (e instanceof ConfigError) printDiagnostics(e.diagnostics);
          else throw e;
        }
      };
      if (values.watch) await rebuild();
      const { serve } = await import('./serve.js');
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
      const { loadConfig, collect } = await pipeline();
      const config = await loadConfig(path.resolve(cwd, values.config), cwd);
      const { explainCandidate, formatExplanation, pickCandidates } = await import('./explain.js');
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
    const { ConfigError, OptionError } = await pipeline();
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

interface BuildRequest {
  cwd: string;
  /** The options as given: articles and output folders, config file, --now, --previous. */
  articles: string;
  out: string;
  config: string;
  now?: string;
  previous?: string;
  strict: boolean;
  keepGoing: boolean;
  ci: boolean;
  write: boolean;
  /** Whether to use the caches of parsed, rendered and written articles, where there is a cache folder. */
  cache: boolean;
  /** Whether to answer from, and leave, the stamp of the up-to-date check (and keep the validated config). */
  stamped: boolean;
  progress?: (done: number, total: number) => void;
}

/**
 * A build as `build` and `serve --watch` run it: a rebuild with nothing changed is answered from
 * the last build's stamp, before any config or article is read; any other starts from what that
 * check learned (see Checked in stamp.ts).
 */
async function stampedBuild(req: BuildRequest): Promise<BuildResult> {
  const { cwd, ci } = req;
  const now = await referenceTime(req.now, process.env.SOURCE_DATE_EPOCH);
  const [configPath, articlesDir, outDir] = [req.config, req.articles, req.out].map((p) => path.resolve(cwd, p)) as [string, string, string];
  const cacheDir = req.stamped ? defaultCacheDir(cwd, existsSync) : undefined;
  const stamp =
    cacheDir === undefined ? undefined : await stampKey({ cwd, configPath, articlesDir, outDir, previous: req.previous, strict: req.strict, keepGoing: req.keepGoing, ci, cacheDir });
  const answer = stamp ? await upToDate(stamp, articlesDir, cwd, now) : {};
  if ('result' in answer) return answer.result;
  const { loadConfig, build } = await pipeline();
  const config = await loadConfig(configPath, cwd, cacheDir);
  const result = await build({
    config,
    articlesDir: req.articles,
    outDir: req.out,
    now,
    cwd,
    previous: req.previous,
    strict: req.strict,
    ci,
    keepGoing: req.keepGoing,
    cacheDir: req.cache ? undefined : false,
    stamp,
    checked: answer.checked,
    write: req.write,
    progress: req.progress,
  });
  // Clears the progress line, if there was one.
  if (req.progress) process.stderr.write('\r\x1b[K');
  return result;
}

/**
 * A progress line on a terminal, shown only once a build has taken a second;
 * never in CI logs or pipes, where it would only be noise.
 */
function progressBar(enabled: boolean): ((done: number, total: number) => void) | undefined {
  if (!enabled) return undefined;
  const start = Date.now();
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - start < 1000 || (now - last < 100 && done < total)) return;
    last = now;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} items`);
  };
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
    const described: Record<string, string> = { stylesheet: 'stylesheet for browsers', index: 'list of the feeds', opml: 'OPML list of the feeds' };
    for (const output of result.outputs) {
      if (output.status === 'not-written' || output.kind === 'facet' || output.kind === 'archive') continue;
      const what = output.items === undefined ? described[output.kind] : plural(output.items, 'item');
      process.stdout.write(`${output.status === 'written' ? 'wrote' : 'unchanged'} ${output.path} (${what})\n`);
    }
    // Facet feeds can be hundreds of files: one line for all of them.
    for (const kind of ['facet', 'archive'] as const) {
      const files = result.outputs.filter((o) => o.kind === kind && o.status !== 'not-written');
      if (files.length === 0) continue;
      const written = files.filter((o) => o.status === 'written').length;
      process.stdout.write(`${kind} feeds: ${plural(written, 'file')} written, ${files.length - written} unchanged\n`);
    }
  }
  if (!quiet) for (const file of result.removed) process.stdout.write(`removed ${file} (no longer built)\n`);
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

async function referenceTime(now: string | undefined, sourceDateEpoch: string | undefined): Promise<number> {
  if (now !== undefined) {
    // The date parser (and its time zone data) is loaded only for --now: a rebuild answered by its stamp does without.
    const { parseDate } = await import('./time/parse-date.js');
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
