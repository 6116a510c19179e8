/**
 * The whole build, stage by stage, written as if there were no cache:
 * collect (discover, parse, normalize, resolve) -> plan -> make the items (render, serialize)
 * -> write. A rebuild (rebuild/index.ts) may hand over the plan of the last build with the
 * few articles that changed since, and lends the stages its stores of earlier work, which
 * they ask through interfaces of their own.
 */
import os from 'node:os';
import path from 'node:path';
import { collect } from './article/collect.js';
import { linkResolver } from './article/site-links.js';
import { THREADS_FROM } from './article/load.js';
import { OptionError } from './config/file.js';
import type { Config } from './config/schema.js';
import { error, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { planBuild, type BuildPlan } from './feeds/build-plan.js';
import type { SiteFiles } from './feeds/enclosure.js';
import { extraKind, feedSet, type FeedSet } from './feeds/metas.js';
import type { BuildResult } from './output/result.js';
import { writeFeeds, type WrittenFeeds } from './output/write-feeds.js';
import { WriteError } from './output/staging.js';
import { OutputSession, type WriteStatus } from './output/write.js';
import type { Rebuild } from './rebuild/index.js';
import { feedLocation } from './source/feed-location.js';
import { keepsArchivePages, previousRefOf, readPreviousFeed, type PreviousFeed } from './time/previous.js';
import { isWithin, realPathAsFarAsItExists } from './util/paths.js';
import { WorkerPool, type Threads } from './util/worker-pool.js';

export interface BuildOptions {
  config: Config;
  articlesDir: string;
  outDir: string;
  /** Reference time for drafts and scheduled articles, ms since the epoch. */
  now: number;
  /** Folder that paths in messages are relative to. */
  cwd?: string;
  /** false: run every stage but write nothing. */
  write?: boolean;
  /** The previously published feed (file or URL); overrides `config.previous`. */
  previous?: string;
  /** Warnings count as errors: the build fails on them. */
  strict?: boolean;
  /** True in CI (CI=true). */
  ci?: boolean;
  /** Write the feeds of the good articles even when others have errors (the build still fails). */
  keepGoing?: boolean;
  /** What earlier builds left (rebuild/index.ts): without it, everything is done from nothing. */
  rebuild?: Rebuild;
  /** Articles to read, or to render, from which worker threads are used (default 200). */
  threadsFrom?: number;
  /** Told after each item is made: (done, total). */
  progress?: (done: number, total: number) => void;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  // Worker threads, started only if some stage has enough work for them, and shared by the stages.
  let pool: WorkerPool | undefined;
  let started = false;
  const threads = () => {
    if (!started) pool = WorkerPool.create(new URL('./worker.js', import.meta.url));
    started = true;
    return pool;
  };
  try {
    return await buildWith(options, threads);
  } finally {
    await pool?.close();
    options.rebuild?.close();
  }
}

async function buildWith(options: BuildOptions, threads: () => Threads | undefined): Promise<BuildResult> {
  const { config, rebuild } = options;
  const cwd = options.cwd ?? process.cwd();
  const outDir = path.resolve(cwd, options.outDir);
  refuseOutDir(outDir, path.resolve(cwd, options.articlesDir));
  const threadsFrom = options.threadsFrom ?? THREADS_FROM;
  const previousFeed = startPreviousFeed(config, options.previous, cwd);
  const stores = await rebuild?.stores(config, options.articlesDir, options.ci ?? false);
  const collected = () =>
    collect({ config, articlesDir: options.articlesDir, cwd, ci: options.ci, listed: rebuild?.listed, previous: options.previous, previousFeed, stores, threads, threadsFrom });
  // A body's link tags name other articles' URLs, which only a plan of every article knows, and
  // the kept records have no expiry dates: such a site's rebuilds plan anew.
  const linksOthers = (config.generator !== undefined && config.generator.ssg !== 'astro') || (config.keys.expires?.length ?? 0) > 0;
  const kept =
    stores && !linksOthers
      ? await rebuild!.keptPlan({ config, articlesDir: options.articlesDir, cwd, ci: options.ci, now: options.now, previous: options.previous, previousFeed, stores, threads })
      : undefined;
  const plan = kept ?? planBuild(await collected(), config, options.now, cwd);
  const set = feedSet(config, plan);
  const diagnostics = [...plan.diagnostics];
  const names = [...set.formats.map(([, name]) => name), ...set.extras.map(([name]) => name)];
  const session = options.write === false ? undefined : await openSession(outDir, names, cwd, diagnostics);
  const siteFiles: SiteFiles = { articlesDir: plan.articlesDir, filesDir: config.site.files && path.resolve(cwd, config.site.files), siteUrl: config.site.url, looked: new Set() };
  const written = await writeFeeds({
    plan,
    set,
    session,
    items: {
      config,
      siteAuthor: config.site.author ?? { name: set.meta.title },
      siteFiles,
      stores,
      threads,
      threadsFrom,
      ...(linksOthers && plan.candidates && { links: linkResolver(plan.candidates, config, plan.articlesDir, siteFiles.looked) }),
    },
    diagnostics,
    progress: options.progress,
  });
  // Every render and item this build needs is kept now: the entries it did not use go.
  rebuild?.saveStores();
  const result = await commit(session, plan, set, written, { ...options, cwd, outDir, diagnostics });
  if (rebuild) result.removed = await rebuild.record(plan, config, result, session && { outDir, outputs: session.names.map((name) => path.join(outDir, name)), looked: siteFiles.looked! });
  return result;
}

/**
 * Commits the session when the build succeeded (or under --keep-going, which publishes the good
 * articles and still fails), aborts it otherwise, and reports every file.
 */
async function commit(
  session: OutputSession | undefined,
  plan: BuildPlan,
  set: FeedSet,
  written: WrittenFeeds,
  options: BuildOptions & { cwd: string; outDir: string; diagnostics: Diagnostic[] },
): Promise<BuildResult> {
  const { cwd, outDir, config } = options;
  // Under --strict a warning fails the build like an error.
  const sorted = sortDiagnostics(options.strict ? options.diagnostics.map((d) => ({ ...d, severity: 'error' as const })) : options.diagnostics);
  let ok = !hasErrors(sorted);
  let statuses: (WriteStatus | 'not-written')[] = (session?.names ?? []).map(() => 'not-written');
  // A site generator's site publishes its good pages whatever another holds: so do its feeds, unless the config says otherwise.
  const keepGoing = options.keepGoing || (config.keepGoing ?? config.generator !== undefined);
  if (session && (ok || keepGoing)) {
    try {
      statuses = await session.commit();
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      sorted.push(error(path.relative(cwd, e.path) || e.path, 'write-failed', e.message));
      ok = false;
    }
  } else await session?.abort();
  const status = (i: number | undefined) => (i === undefined ? 'not-written' : (statuses[i] ?? 'not-written'));
  const shown = (name: string) => path.relative(cwd, path.join(outDir, name)).split(path.sep).join('/');
  const { formats, extras } = set;
  return {
    ok,
    diagnostics: sorted,
    outputs: [
      ...formats.map(([format, name], i) => ({ kind: format, path: shown(name), items: written.items, status: status(i) })),
      ...extras.map(([name], i) => ({ kind: extraKind(name, config), path: shown(name), status: status(formats.length + i) })),
      ...written.facets.map((f) => ({ kind: 'facet' as const, path: shown(f.path), status: status(f.index) })),
      ...written.archives.map((f) => ({ kind: 'archive' as const, path: shown(f.path), status: status(f.index) })),
    ],
    articles: plan.articles,
    drafts: plan.drafts,
    scheduled: plan.scheduled,
    removed: [],
    planReused: plan.reused === true,
  };
}

/**
 * The previous feed's reading, started at once: a plan kept from the last build and, if that does
 * not hold, the whole build read it once (collect reports a failure).
 */
function startPreviousFeed(config: Config, previous: string | undefined, cwd: string): Promise<PreviousFeed> | undefined {
  const ref = previousRefOf(config, previous);
  if (ref === undefined) return undefined;
  const reading = (async () => readPreviousFeed(ref, feedLocation(ref, cwd), keepsArchivePages(config)))();
  reading.catch(() => undefined);
  return reading;
}

/** The staging session, or undefined (with the error reported) when it cannot even be opened. */
async function openSession(outDir: string, names: string[], cwd: string, diagnostics: Diagnostic[]): Promise<OutputSession | undefined> {
  try {
    return await OutputSession.open(outDir, names);
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    diagnostics.push(error(path.relative(cwd, e.path) || e.path, 'write-failed', e.message));
    return undefined;
  }
}

/**
 * The output folder is replaced file by file: it must not be a folder whose
 * other contents matter to the system or to the build itself.
 */
function refuseOutDir(outDir: string, articlesDir: string): void {
  // The kernel's own file systems are not folders: a recursive mkdir under /proc never ends.
  const real = realPathAsFarAsItExists(outDir);
  const kernel = ['/proc', '/sys', '/dev'].find((dir) => isWithin(real, dir));
  const why =
    kernel !== undefined
      ? `under ${kernel}, which the kernel fills, not a folder for files`
      : outDir === path.parse(outDir).root
      ? 'the root of the file system'
      : outDir === os.homedir()
        ? 'your home folder'
        : isWithin(outDir, articlesDir)
          ? 'inside the articles folder'
          : isWithin(articlesDir, outDir)
            ? 'a folder that holds the articles folder'
            : undefined;
  if (why) throw new OptionError(`--out ${outDir} is ${why}; choose a folder of its own, like dist`);
}
