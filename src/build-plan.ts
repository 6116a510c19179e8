/**
 * The plan of a build: which articles each feed holds, in which order, and
 * what the build has to say about them. Made from every article here, or
 * taken from the last build's plan with the few articles that changed since
 * (kept-plan.ts); the rest of the build (build.ts) cannot tell the two apart.
 */
import path from 'node:path';
import type { Candidate, Collected } from './collect.js';
import type { Config } from './config.js';
import type { Diagnostic } from './diagnostics.js';
import { planArchive } from './feeds/archive.js';
import { planFacets, type Facet } from './feeds/facets.js';
import { planFeed } from './feeds/plan.js';
import type { ListedFile } from './source/discover.js';
import { nameHash, shapeOf } from './shape.js';
import { sameItemsWindow } from './stamp.js';
import type { PreviousFeed } from './time/previous.js';
import { readsMtime } from './time/resolve.js';

export interface BuildPlan {
  articlesDir: string;
  /** Every article file listed. */
  files: ListedFile[];
  /** Whether dates were asked of git. */
  usesGit: boolean;
  /** The previous feed that was read, if any, and what it held. */
  previousRead?: { file: string } | { url: string };
  previous?: PreviousFeed;
  /** What reading, resolving and planning found; the items' own problems come later. */
  diagnostics: Diagnostic[];
  /** How many articles were read, and how many of them are drafts or scheduled. */
  articles: number;
  drafts: number;
  scheduled: number;
  /** The main feed's items, newest first. */
  items: Candidate[];
  /** Archive pages, oldest first, each newest first. */
  pages: Candidate[][];
  facets: Facet[];
  /** Every article some feed holds, newest first: each is rendered once, in this order. */
  toRender: Candidate[];
  /** The reference times (--now) that give the same plan. */
  window: { from: number; until: number | null };
  /** What kept-plan.ts keeps of every listed file, in order; undefined when some file gave no article. Computed when asked. */
  records(): FileRecords | undefined;
}

/** Of each listed file: the hash of its bytes and the shape of its article (kept-plan.ts); and which files' dates were read from their mtime. */
export interface FileRecords {
  hashes: string[];
  shapes: string[];

  /** Indexes of the files whose article is dated by its mtime (readsMtime). */
  mtimeDated: number[];
  /** Each article's publication instant, and the indexes of the drafts: what an article removed takes out of the counts. */
  instants: number[];
  drafted: number[];
  /** With a previous feed: what each article was looked up by in it, hashed (nameHash; '' for nothing). */
  previousKeys?: string[];
}

export function planBuild(collected: Collected, config: Config, now: number, cwd: string): BuildPlan {
  const { candidates, articlesDir } = collected;
  const diagnostics = [...collected.diagnostics];
  const { history, archivePageSize, limit } = config.feeds;
  const live = planFeed(candidates, now, 0);
  const archive = history === 'archive' ? planArchive(live.items, archivePageSize, limit) : undefined;
  // A complete feed holds every item, whatever feeds.limit says.
  const items = archive?.current ?? (history === 'complete' ? live.items : live.items.slice(0, limit || undefined));
  const facetsOn = Object.values(config.feeds.facets).some(Boolean);
  const facets = facetsOn ? planFacets(live.items, config, path.relative(cwd, articlesDir) || '.', diagnostics) : [];
  const pages = archive?.pages ?? [];
  let toRender = items;
  if (facets.length > 0 || pages.length > 0) {
    const held = new Set([...items, ...facets.flatMap((f) => f.items), ...pages.flat()]);
    toRender = live.items.filter((c) => held.has(c));
  }
  return {
    articlesDir,
    files: collected.files,
    usesGit: collected.usesGit,
    previousRead: collected.previousRead,
    previous: collected.previous,
    diagnostics,
    articles: candidates.length,
    drafts: live.drafts,
    scheduled: live.scheduled,
    items,
    pages,
    facets,
    toRender,
    window: sameItemsWindow(candidates, now),
    // Only when every listed file gave an article: candidates are then in the listing's order.
    records: () =>
      candidates.length === collected.files.length && candidates.every((c, i) => c.article.source.relPath === collected.files[i]!.relPath)
        ? {
            hashes: candidates.map((c) => c.article.source.hash),
            shapes: candidates.map((c) => c.shape ?? shapeOf(c)),
            mtimeDated: candidates.flatMap((c, i) => (readsMtime(c) ? [i] : [])),
            instants: candidates.map((c) => c.published.instant),
            drafted: candidates.flatMap((c, i) => (c.draft ? [i] : [])),
            ...(collected.previous === undefined ? {} : { previousKeys: candidates.map(previousKeyHash) }),
          }
        : undefined,
  };
}

/** A candidate's previousKey as a kept plan holds it. */
export function previousKeyHash(c: Candidate): string {
  return c.previousKey === undefined ? '' : nameHash(c.previousKey);
}
