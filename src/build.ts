/**
 * Wires the pipeline stages together, and nothing else:
 * discover -> parse -> normalize -> resolve -> plan -> render -> serialize -> write.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { siteBase } from './article/permalink.js';
import { collect, previousRefOf, type Candidate } from './collect.js';
import type { Config, FeedFormat } from './config.js';
import { RenderCache } from './content/render-cache.js';
import { defaultCacheDir } from './util/cache-dir.js';
import { error, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { atom } from './feeds/atom.js';
import type { SiteFiles } from './feeds/enclosure.js';
import { ItemCache } from './feeds/item-cache.js';
import { feedItems } from './feed-items.js';
import { jsonFeed } from './feeds/jsonfeed.js';
import { newest, variantOf, type FeedMeta, type FeedSerializer, type Variant } from './feeds/model.js';
import { renderIndexPage } from './feeds/index-page.js';
import type { Facet } from './feeds/facets.js';
import { renderOpml, type OpmlEntry } from './feeds/opml.js';
import { archiveDir } from './feeds/archive.js';
import { STYLESHEET } from './feeds/stylesheet.js';
import { rss } from './feeds/rss.js';
import { OutputSession, WriteError, type WriteStatus } from './output/write.js';
import { VERSION } from './version.js';
import { WorkerPool } from './util/worker-pool.js';
import { dropStamp, listingDigest, writeStamp, type Checked, type StampKey } from './stamp.js';
import { planBuild } from './build-plan.js';
import { keepPlan, reusePlan } from './kept-plan.js';
import { readPreviousFeed } from './time/previous.js';
import { pruneStale } from './output/prune.js';
import { WholeFeeds } from './output/whole-feeds.js';

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
  /** The cache folder (parsed and rendered articles); false for none. Default: node_modules/.cache/syndicate in cwd, if node_modules exists. */
  cacheDir?: string | false;
  /** Where to leave the stamp of a successful build, for the up-to-date check of the next one (see stamp.ts). */
  stamp?: StampKey;
  /** What the up-to-date check learned: the articles as it listed them, so they are not listed twice, and more (see Checked). */
  checked?: Checked;
  /** Told after each item is rendered: (done, total). */
  progress?: (done: number, total: number) => void;
}

/** The options name something the build must not do; the CLI exits 2. */
export class OptionError extends Error {}

/**
 * The output folder is replaced file by file: it must not be a folder whose
 * other contents matter to the system or to the build itself.
 */
function refuseOutDir(outDir: string, articlesDir: string): void {
  const within = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
  const why =
    outDir === path.parse(outDir).root
      ? 'the root of the file system'
      : outDir === os.homedir()
        ? 'your home folder'
        : within(outDir, articlesDir)
          ? 'inside the articles folder'
          : within(articlesDir, outDir)
            ? 'a folder that holds the articles folder'
            : undefined;
  if (why) throw new OptionError(`--out ${outDir} is ${why}; choose a folder of its own, like dist`);
}

export interface BuildOutput {
  /** A feed format, one of the files written beside the feeds, or a file of a facet feed. */
  kind: FeedFormat | 'stylesheet' | 'index' | 'opml' | 'facet' | 'archive';
  /** Path of the file, relative to cwd. */
  path: string;
  /** For feeds: how many items. */
  items?: number;
  status: WriteStatus | 'not-written';
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  outputs: BuildOutput[];
  articles: number;
  drafts: number;
  scheduled: number;
  /** Files an earlier build wrote and this one no longer does, removed (relative to cwd). */
  removed: string[];
  /** Whether this build started from the last build's plan, reading only the articles that changed (kept-plan.ts). */
  planReused: boolean;
}

const SERIALIZERS: Record<FeedFormat, FeedSerializer> = { rss, atom, json: jsonFeed };

export async function build(options: BuildOptions): Promise<BuildResult> {
  // Worker threads, started only if some stage has enough work for them, and shared by the stages.
  let pool: WorkerPool | undefined;
  let started = false;
  const threads = () => {
    if (!started) pool = WorkerPool.create();
    started = true;
    return pool;
  };
  try {
    return await buildWith(options, threads);
  } finally {
    await pool?.close();
  }
}

async function buildWith(options: BuildOptions, threads: () => WorkerPool | undefined): Promise<BuildResult> {
  const { config } = options;
  const cwd = options.cwd ?? process.cwd();
  const outDir = path.resolve(cwd, options.outDir);
  refuseOutDir(outDir, path.resolve(cwd, options.articlesDir));
  const base = siteBase(config.site.url);
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir(cwd, existsSync) : options.cacheDir || undefined;
  const { checked, previous } = options;
  // Read once, from now on, for the kept plan and, if that does not hold, the whole build (collect reports a failure).
  const previousRef = previousRefOf(config, previous);
  const previousFeed = previousRef === undefined ? undefined : readPreviousFeed(previousRef, cwd);
  previousFeed?.catch(() => undefined);
  // A rebuild after a few articles changed, were added or removed, or commits or the previous feed changed, starts from the last build's plan (where it holds); any other from every article.
  const kept =
    checked?.since && options.stamp && cacheDir
      ? await reusePlan(options.stamp.planRecord, checked.since, {
          config,
          articlesDir: options.articlesDir,
          cwd,
          ci: options.ci,
          cacheDir,
          listed: checked.listed,
          previous,
          previousFeed,
          gitWas: checked.gitWas,
          now: options.now,
          pool: threads,
        })
      : undefined;
  const planned =
    kept ??
    planBuild(await collect({ config, articlesDir: options.articlesDir, previous, previousFeed, cwd, ci: options.ci, cacheDir, listed: checked?.listed, pool: threads }), config, options.now, cwd);
  const { articlesDir, facets } = planned;
  const diagnostics = [...planned.diagnostics];
  const { history } = config.feeds;
  const formats = (Object.entries(config.feeds.formats) as [FeedFormat, string | false][]).filter(
    (entry): entry is [FeedFormat, string] => entry[1] !== false,
  );
  const meta: FeedMeta = {
    title: siteTitle(config),
    description: config.site.description ?? siteTitle(config),
    homeUrl: base,
    links: Object.fromEntries(formats.map(([format, name]) => [format, new URL(name, base).href])),
    language: config.site.language,
    icon: config.site.icon,
    copyright: config.site.copyright,
    author: config.site.author,
    generator: { name: 'syndicate', version: VERSION },
    hub: config.site.hub,
    podcast: config.podcast,
    updated: newest(planned.items, 'updated'),
    published: newest(planned.items, 'published'),
    stylesheets: stylesheetLinks(formats, config.feeds.stylesheet),
    history:
      history === 'complete'
        ? { complete: true }
        : planned.pages.length > 0
          ? { prevArchive: placedAt(archiveDir(planned.pages.length), formats, config.feeds.stylesheet, base).links }
          : undefined,
  };
  const archiveMetas = planned.pages.map((_, i) => archiveMeta(i + 1, meta, formats, config.feeds.stylesheet, base));
  // Files beside the feeds, written whole: the stylesheet, the page listing the feeds, the OPML list.
  const facetMetas = facets.map((f) => facetMeta(f, meta, formats, config.feeds.stylesheet, base));
  const opmlEntries = [meta, ...facetMetas].flatMap((m) => opmlEntry(m));
  const extras: [string, string][] = [
    ...(config.feeds.stylesheet ? [[config.feeds.stylesheet, STYLESHEET] as [string, string]] : []),
    ...(config.feeds.index ? [[config.feeds.index, renderIndexPage(meta, facetMetas)] as [string, string]] : []),
    ...(config.feeds.opml ? [[config.feeds.opml, renderOpml(meta.title, opmlEntries)] as [string, string]] : []),
  ];

  // Items are rendered and written one at a time into every format, so a feed
  // of any length never sits in memory whole; nothing reaches the output folder
  // before the commit at the end.
  // The main feed in each format, file i of the session.
  const mainVariants = formats.map(([format]) => variantOf(format, SERIALIZERS[format], meta));
  const names = [...formats.map(([, name]) => name), ...extras.map(([name]) => name)];
  const session = options.write === false ? undefined : await openSession(outDir, names, cwd, diagnostics);
  for (const [i, [, content]] of extras.entries()) await session?.write(formats.length + i, content);
  const emit = async (pick: (v: Variant) => string | Buffer) => {
    if (session) for (const [i, v] of mainVariants.entries()) await session.write(i, pick(v));
  };
  await emit((v) => v.serializer.head(meta));
  let written = 0;
  const siteFiles: SiteFiles = { articlesDir, filesDir: config.site.files && path.resolve(cwd, config.site.files), siteUrl: config.site.url, looked: new Set() };
  // Every article that lands in some feed is rendered once, in order, whichever feeds it goes to.
  const inMain = new Set(planned.items);
  // Facet feeds (at most feeds.limit items each) and archive pages are written whole, each once its last item is rendered.
  const facetFeeds = new WholeFeeds(
    facets.map((f, i) => ({ dir: f.dir, meta: facetMetas[i]!, members: f.items })),
    formats,
    SERIALIZERS,
    session,
  );
  const archivePages = new WholeFeeds(
    planned.pages.map((page, p) => ({ dir: archiveDir(p + 1), meta: archiveMetas[p]!, members: page })),
    formats,
    SERIALIZERS,
    session,
  );
  let index = 0;
  const caches = cacheDir ? { render: new RenderCache(path.join(cacheDir, 'render')), items: new ItemCache(path.join(cacheDir, 'items')) } : undefined;
  try {
    const items = feedItems(planned.toRender, {
      config,
      siteAuthor: config.site.author ?? { name: meta.title },
      siteFiles,
      diagnostics,
      caches,
      threads,
      variantsOf: (c) => [...(inMain.has(c) ? mainVariants : []), ...facetFeeds.variantsOf(c), ...archivePages.variantsOf(c)],
    });
    for await (const result of items) {
      const c = result.candidate;
      index++;
      if ('error' in result) {
        diagnostics.push(error(c.article.source.displayPath, result.code, result.error));
        await facetFeeds.settle(c, undefined);
        await archivePages.settle(c, undefined);
        continue;
      }
      const { text } = result;
      await facetFeeds.settle(c, text);
      await archivePages.settle(c, text);
      options.progress?.(index, planned.toRender.length);
      if (!inMain.has(c)) continue;
      if (written > 0) await emit((v) => v.serializer.separator);
      await emit((v) => text.texts.get(v.key)!);
      written++;
    }
    // Every render and item this build needs is in the caches now: the entries it did not use go.
    caches?.render.save();
    caches?.items.save();
  } finally {
    caches?.render.close();
    caches?.items.close();
  }
  await emit((v) => v.serializer.tail(meta, written));
  // Under --strict a warning fails the build like an error.
  const sorted = sortDiagnostics(options.strict ? diagnostics.map((d) => ({ ...d, severity: 'error' as const })) : diagnostics);
  let ok = !hasErrors(sorted);
  let statuses: (WriteStatus | 'not-written')[] = (session?.names ?? names).map(() => 'not-written');
  // --keep-going publishes the good articles; the build still fails (exit 1) for the bad ones.
  if (session && (ok || options.keepGoing)) {
    try {
      statuses = await session.commit();
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      sorted.push(error(path.relative(cwd, e.path) || e.path, 'write-failed', e.message));
      ok = false;
    }
  } else await session?.abort();
  const shown = (file: string) => path.relative(cwd, file).split(path.sep).join('/');
  const outPath = (name: string) => shown(path.join(outDir, name));
  const result: BuildResult = {
    ok,
    diagnostics: sorted,
    outputs: [
      ...formats.map(([format, name], i) => ({ kind: format, path: outPath(name), items: written, status: statuses[i]! })),
      ...extras.map(([name], i) => ({ kind: extraKind(name, config), path: outPath(name), status: statuses[formats.length + i]! })),
      ...facetFeeds.written.map((f) => ({ kind: 'facet' as const, path: outPath(f.path), status: f.index === undefined ? ('not-written' as const) : statuses[f.index]! })),
      ...archivePages.written.map((f) => ({ kind: 'archive' as const, path: outPath(f.path), status: f.index === undefined ? ('not-written' as const) : statuses[f.index]! })),
    ],
    articles: planned.articles,
    drafts: planned.drafts,
    scheduled: planned.scheduled,
    removed: [],
    planReused: kept !== undefined,
  };
  if (options.stamp) {
    const outputFiles = session?.names.map((name) => path.join(outDir, name)) ?? [];
    const { previousRead } = planned;
    if (ok && session) result.removed = pruneStale(options.stamp.outputsRecord, outDir, outputFiles).map(shown);
    if (ok && session) {
      // The check's digest, when the build's files are the ones it listed (a file over the size limit is left out, and fails the build).
      const articles = checked && checked.listed.files.length === planned.files.length ? checked.articles : listingDigest(planned.files);
      // The stamp and the plan are told apart from those of any other build, even one that ran at the same time.
      const id = randomUUID();
      await writeStamp(
        options.stamp,
        {
          build: id,
          articlesDir,
          articles,
          inputs: siteFiles.looked!,
          previous: previousRead,
          usesGit: planned.usesGit,
          git: checked?.git,
          window: planned.window,
          outputs: outputFiles,
        },
        result,
      );
      keepPlan(options.stamp.planRecord, id, planned);
    } else await dropStamp(options.stamp);
  }
  return result;
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

function extraKind(name: string, config: Config): 'stylesheet' | 'index' | 'opml' {
  return name === config.feeds.stylesheet ? 'stylesheet' : name === config.feeds.index ? 'index' : 'opml';
}

/** A facet feed's description: the site's, with its own title, addresses and stylesheet path. */
/** The links and stylesheet paths of a feed written in every format under `dir`. */
function placedAt(dir: string, formats: [FeedFormat, string][], stylesheet: string | false, base: string): Pick<FeedMeta, 'links' | 'stylesheets'> {
  const names = formats.map(([format, name]) => [format, `${dir}/${name}`] as [FeedFormat, string]);
  return { links: Object.fromEntries(names.map(([format, name]) => [format, new URL(name, base).href])), stylesheets: stylesheetLinks(names, stylesheet) };
}

/** Archive page `n` (RFC 5005): linked to the subscription feed and to the page before it. */
function archiveMeta(n: number, site: FeedMeta, formats: [FeedFormat, string][], stylesheet: string | false, base: string): FeedMeta {
  const at = (k: number) => placedAt(archiveDir(k), formats, stylesheet, base);
  return {
    ...site,
    ...at(n),
    history: { archive: true, current: site.links, prevArchive: n > 1 ? at(n - 1).links : undefined },
  };
}

function facetMeta(facet: Facet, site: FeedMeta, formats: [FeedFormat, string][], stylesheet: string | false, base: string): FeedMeta {
  const what = facet.kind === 'tags' ? 'tagged' : facet.kind === 'authors' ? 'by' : 'in';
  return {
    ...site,
    title: `${site.title}: ${what} ${facet.label}`,
    description: `${site.description} (articles ${what} ${facet.label})`,
    language: facet.kind === 'languages' ? facet.label : site.language,
    ...placedAt(facet.dir, formats, stylesheet, base),
    // A podcast is its main feed: a slice of it is not another show with its own podcast:guid.
    podcast: undefined,
    // A slice has no archive of its own.
    history: undefined,
    updated: newest(facet.items, 'updated'),
    published: newest(facet.items, 'published'),
  };
}

function opmlEntry(m: FeedMeta): OpmlEntry[] {
  const type = m.links.rss ? 'rss' : m.links.atom ? 'atom' : 'json';
  const xmlUrl = m.links[type];
  return xmlUrl ? [{ title: m.title, xmlUrl, htmlUrl: m.homeUrl, type }] : [];
}

/** The stylesheet's address as seen from each XML feed (relative, so it works on any host). */
function stylesheetLinks(formats: [FeedFormat, string][], stylesheet: string | false): FeedMeta['stylesheets'] {
  if (!stylesheet) return undefined;
  const from = (name: string) => path.posix.relative(path.posix.dirname(name), stylesheet);
  return Object.fromEntries(formats.filter(([format]) => format !== 'json').map(([format, name]) => [format, from(name)]));
}

function siteTitle(config: Config): string {
  return config.site.title ?? new URL(config.site.url).host;
}
