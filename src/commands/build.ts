/**
 * `syndicate build`: the feeds of the articles, into the output folder. A rebuild with nothing
 * changed is answered from the last build's stamp before any config or article is read; any other
 * starts from what that check learned (rebuild/index.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { siteOf, type SiteReading } from '../config/site/index.js';
import type { BuildResult } from '../output/result.js';
import { Rebuild } from '../rebuild/index.js';
import { UsageError, text, type Command, type Values } from './command.js';
import { postsOf } from '../source/sites/index.js';
import { progressBar, report } from './report.js';

/** A build as the command line asks for it: the options as given, relative to `cwd`. */
export interface BuildRequest {
  cwd: string;
  /** The articles folder given (--articles); else the site generator's, else `articles`. */
  articles?: string;
  out: string;
  config: string;
  now?: string;
  previous?: string;
  strict: boolean;
  keepGoing: boolean;
  ci: boolean;
  /** false: run every stage and write nothing (`check`). */
  write: boolean;
  /** Whether to use the caches of earlier builds, where there is a cache folder. */
  cache: boolean;
  /** Whether to answer from, and leave, the up-to-date stamp and the kept plan. */
  stamped: boolean;
  /** Articles to read or render from which worker threads are used. */
  threadsFrom?: number;
  progress?: (done: number, total: number) => void;
}

/** The options of build, check and serve's rebuilds, from the command line's flags. */
export function buildRequest(values: Values, cwd: string): Omit<BuildRequest, 'write' | 'cache' | 'stamped'> {
  const ci = process.env.CI === 'true';
  return {
    cwd,
    articles: text(values, 'articles'),
    out: text(values, 'out') ?? 'dist',
    config: text(values, 'config') ?? 'syndicate.config.json',
    now: text(values, 'now'),
    previous: text(values, 'previous'),
    strict: values.strict === true,
    keepGoing: values['keep-going'] === true,
    ci,
    threadsFrom: threadsFrom(process.env.SYNDICATE_THREADS_FROM),
    progress: progressBar(!ci && Boolean(process.stderr.isTTY) && !values.json && !values.quiet),
  };
}

/** SYNDICATE_THREADS_FROM: how many articles to read or render make a build start worker threads (default 200). */
function threadsFrom(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`SYNDICATE_THREADS_FROM must be a whole number of articles, 1 or more, not "${value}"`);
  return Number(value);
}

/**
 * The project in `cwd` as a build sees it before its config is validated: the site generator's
 * reading, if it is such a site, and the articles folder (--articles, else the generator's posts
 * folder, else `articles`).
 */
export function projectOf(cwd: string, configFile: string, articles: string | undefined): { site?: SiteReading; articles: string } {
  const text = (() => {
    try {
      return readFileSync(path.resolve(cwd, configFile), 'utf8');
    } catch {
      return undefined;
    }
  })();
  const site = siteOf(cwd, text);
  return { site, articles: articles ?? site?.settings.articlesDir ?? 'articles' };
}

export async function runBuild(req: BuildRequest): Promise<BuildResult> {
  const { cwd, ci } = req;
  const now = await referenceTime(req.now, process.env.SOURCE_DATE_EPOCH);
  const { site, articles } = projectOf(cwd, req.config, req.articles);
  const [configPath, articlesDir, outDir] = [req.config, articles, req.out].map((p) => path.resolve(cwd, p)) as [string, string, string];
  const siteFiles = site?.settings.files.map((f) => path.resolve(cwd, f));
  const rebuild = req.cache
    ? await Rebuild.open({ cwd, configPath, articlesDir, outDir, previous: req.previous, strict: req.strict, keepGoing: req.keepGoing, ci, stamped: req.stamped, site: site && { files: siteFiles!, select: postsOf(site.settings) } })
    : undefined;
  const stamped = await rebuild?.upToDate(articlesDir, now);
  if (stamped) return stamped;
  // The pipeline loads only now: the up-to-date check answers without it.
  const [{ loadConfig }, { build }] = await Promise.all([import('../config/load.js'), import('../build.js')]);
  const config = await loadConfig(configPath, cwd, rebuild?.config, site ?? null);
  const result = await build({ ...req, config, articlesDir: articles, outDir: req.out, now, rebuild });
  // Clears the progress line, if there was one.
  if (req.progress) process.stderr.write('\r\x1b[K');
  return result;
}

async function referenceTime(now: string | undefined, sourceDateEpoch: string | undefined): Promise<number> {
  if (now !== undefined) {
    // The date parser (and its time zone data) is loaded only for --now: a rebuild answered by its stamp does without.
    const { parseDate } = await import('../time/parse-date.js');
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

export const command: Command = {
  usage: '[--articles DIR] [--out DIR] [--config FILE] [--now ISO-8601] [--previous FILE|URL] [--strict] [--keep-going] [--no-cache] [--json] [--quiet]',
  about: 'Builds RSS 2.0, Atom 1.0 and JSON Feed 1.1 from the articles into the output folder. Files whose bytes did not change are not rewritten; a failed build writes nothing.',
  flags: ['articles', 'out', 'config', 'now', 'previous', 'strict', 'keep-going', 'no-cache', 'json', 'quiet'],
  positionals: 'none',
  example: 'syndicate build --articles posts --out public --strict',
  async run({ values, cwd }) {
    const cache = values['no-cache'] !== true;
    const result = await runBuild({ ...buildRequest(values, cwd), write: true, cache, stamped: cache });
    return report('build', result, { json: values.json === true, quiet: values.quiet === true });
  },
};
