/**
 * Rebuilds, behind one door: everything that exists only to make the next build cheaper. A build
 * written as if there were no cache (build.ts) takes a Rebuild and asks it four things: whether
 * the last build's output still stands (upToDate, before any config or article is read), the
 * stores of earlier work its stages may use (stores), a plan to start from given what changed
 * (keptPlan), and to record a finished build (record). All of it lives under the cache folder
 * (node_modules/.cache/syndicate), keyed on the tool hash (tool-hash.ts), so nothing written by
 * another build of syndicate is ever read. Only the up-to-date check loads with this module: a
 * rebuild it answers needs nothing else, so the rest is loaded when first asked for.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CollectStores } from '../article/collect.js';
import type { ConfigStore } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { BuildPlan } from '../feeds/build-plan.js';
import type { ItemStore } from '../feeds/items.js';
import type { BuildResult } from '../output/result.js';
import type { Listing } from '../source/discover.js';
import type { PreviousFeed } from '../time/previous.js';
import { shownPath } from '../util/paths.js';
import type { Threads } from '../util/worker-pool.js';
import { configCache } from './config-cache.js';
import type { GitLogCache } from './git-log.js';
import type { ItemCache } from './item-cache.js';
import type { Records } from './kept-records.js';
import type { RenderCache } from './render-cache.js';
import { dropStamp, listingDigest, stampKey, upToDate, writeStamp, type Checked, type StampKey, type StampRequest } from './stamp.js';

export interface RebuildRequest extends Omit<StampRequest, 'cacheDir'> {
  /** Whether to answer from, and leave, the stamp of the up-to-date check and the kept plan (`build`; not `check`). */
  stamped: boolean;
}

/** The stores the stages use: parsed articles and their resolutions, the git log, renders, items. */
export type Stores = CollectStores & { renders: RenderCache; items: ItemStore };

/** What the build hands keptPlan: how it reads articles, and what it already started. */
export interface KeptPlanRequest {
  config: Config;
  articlesDir: string;
  cwd: string;
  ci?: boolean;
  now: number;
  previous?: string;
  previousFeed?: Promise<PreviousFeed>;
  stores: Stores;
  threads: () => Threads | undefined;
}

/** The tool's cache folder for a project in `cwd`: node_modules/.cache/syndicate, and only when node_modules exists (no stray folder otherwise). */
export function cacheDirOf(cwd: string): string | undefined {
  return existsSync(path.join(cwd, 'node_modules')) ? path.join(cwd, 'node_modules', '.cache', 'syndicate') : undefined;
}

/** The modules of the door beyond the up-to-date check, loaded together as soon as a build is known to be needed. */
const loadModules = async () => {
  const [articleCache, gitLog, itemCache, renderCache, keptPlan, collect, location, previous, prune, keptRecords] = await Promise.all([
    import('./article-cache.js'),
    import('./git-log.js'),
    import('./item-cache.js'),
    import('./render-cache.js'),
    import('./kept-plan.js'),
    import('../article/collect.js'),
    import('../source/feed-location.js'),
    import('../time/previous.js'),
    import('./prune.js'),
    import('./kept-records.js'),
  ]);
  return { ...articleCache, ...gitLog, ...itemCache, ...renderCache, ...keptPlan, ...collect, ...location, ...previous, ...prune, ...keptRecords };
};

export class Rebuild {
  private checked?: Checked;
  /** Started once a build is needed, so that the modules load while the config and the articles are read. */
  private modules?: ReturnType<typeof loadModules>;
  private opened?: Stores & { gitLogCache: GitLogCache; renders: RenderCache; items: ItemCache };
  /** What the kept plan handed out keeps of each file, for record(). */
  private readonly keptRecords = new WeakMap<BuildPlan, Records>();

  private constructor(
    private readonly cacheDir: string,
    private readonly cwd: string,
    private readonly stamp: StampKey | undefined,
  ) {}

  /** The door for a build in `req.cwd`, or undefined without a cache folder. */
  static async open(req: RebuildRequest): Promise<Rebuild | undefined> {
    const cacheDir = cacheDirOf(req.cwd);
    if (cacheDir === undefined) return undefined;
    return new Rebuild(cacheDir, req.cwd, req.stamped ? await stampKey({ ...req, cacheDir }) : undefined);
  }

  /** The last build's result, every file unchanged, when nothing it depended on changed; else undefined (the articles are listed by then). */
  async upToDate(articlesDir: string, now: number): Promise<BuildResult | undefined> {
    if (!this.stamp) return undefined;
    const answer = await upToDate(this.stamp, articlesDir, this.cwd, now);
    if ('result' in answer) return answer.result;
    this.checked = answer.checked;
    this.load().catch(() => undefined);
    return undefined;
  }

  /** The articles as the up-to-date check listed them, so the build does not list them again. */
  get listed(): Listing | undefined {
    return this.checked?.listed;
  }

  /** Validated configs, by the file's text. */
  get config(): ConfigStore {
    return configCache(this.cacheDir);
  }

  private load(): ReturnType<typeof loadModules> {
    return (this.modules ??= loadModules());
  }

  /** The stores of one build: opened once, the article cache only when first asked (kept-plan.ts does without it). */
  async stores(config: Config, articlesDir: string, ci: boolean): Promise<Stores> {
    if (this.opened) return this.opened;
    const { ArticleCache, GitLogCache, ItemCache, RenderCache } = await this.load();
    const renders = new RenderCache(path.join(this.cacheDir, 'render'));
    const gitLogCache = new GitLogCache(this.cacheDir);
    this.opened = {
      articles: ArticleCache.lazy(path.join(this.cacheDir, 'articles'), path.resolve(this.cwd, articlesDir), config, ci),
      gitLog: gitLogCache.source,
      gitLogCache,
      renders,
      items: new ItemCache(path.join(this.cacheDir, 'items'), renders),
    };
    return this.opened;
  }

  /** The last build's plan with what changed since read again, when the up-to-date check found that only articles (or what the plan finds again) changed. */
  async keptPlan(req: KeptPlanRequest): Promise<BuildPlan | undefined> {
    const { checked, stamp, opened } = this;
    if (!stamp || !checked?.since || !opened) return undefined;
    const { keptPlan, collect, feedLocation, previousRefOf } = await this.load();
    const ref = previousRefOf(req.config, req.previous);
    const kept = await keptPlan(stamp.planRecord, checked.since, {
      ...req,
      listed: checked.listed,
      previousRead: ref === undefined ? undefined : feedLocation(ref, req.cwd),
      gitWas: checked.gitWas,
      gitLog: opened.gitLogCache,
      read: (files, git) => collect({ ...req, listed: { files, diagnostics: [] }, git, stores: { gitLog: opened.gitLog }, threadsFrom: Infinity }),
    });
    if (kept === undefined) return undefined;
    this.keptRecords.set(kept.plan, kept.records);
    return kept.plan;
  }

  /** Keeps the renders and items this build used, and lets the others go. */
  saveStores(): void {
    this.opened?.renders.save();
    this.opened?.items.save();
  }

  /**
   * Records a finished build: a successful one that wrote its files leaves its stamp and its plan,
   * and removes what the last one wrote and this one no longer does (returned, as shown); any
   * other forgets the stamp.
   */
  async record(plan: BuildPlan, config: Config, result: BuildResult, written: { outDir: string; outputs: string[]; looked: ReadonlySet<string> } | undefined): Promise<string[]> {
    if (!this.stamp) return [];
    if (!result.ok || written === undefined) {
      await dropStamp(this.stamp);
      return [];
    }
    const { pruneStale, keepPlan, recordsOf } = await this.load();
    const removed = pruneStale(this.stamp.outputsRecord, written.outDir, written.outputs).map((p) => shownPath(this.cwd, p));
    const { checked } = this;
    // The check's digest, when the build's files are the ones it listed (a file over the size limit is left out, and fails the build).
    const articles = checked && checked.listed.files.length === plan.files.length ? checked.articles : listingDigest(plan.files);
    // The stamp and the plan are told apart from those of any other build, even one that ran at the same time.
    const build = randomUUID();
    const { articlesDir, previousRead, usesGit, window } = plan;
    // The previous feed's archive pages, files read beside it, are inputs like the files the items looked at.
    const archive = plan.previous?.archive;
    const inputs = archive && 'files' in archive ? [...written.looked, ...archive.files] : written.looked;
    await writeStamp(this.stamp, { build, articlesDir, articles, inputs, previous: previousRead, usesGit, git: checked?.git, window, outputs: written.outputs }, result);
    keepPlan(this.stamp.planRecord, build, plan, () => this.keptRecords.get(plan) ?? recordsOf(plan, config));
    return removed;
  }

  /** Lets go of the stores' files, whether or not the build finished. */
  close(): void {
    this.opened?.renders.close();
    this.opened?.items.close();
  }
}
