/**
 * The plan of a build: which articles each feed holds, in which order, and
 * what the build has to say about that. Drafts and articles scheduled after
 * `now` are left out; items are newest first, with the id as the
 * tie-breaker so equal dates always come out in the same order; each feed
 * keeps its configured number. The one planner: a rebuild that starts from
 * the last build's records (rebuild/kept-plan.ts) plans with it too, from
 * what it kept of every article.
 */
import { atomId } from '../article/atom-id.js';
import type { Config } from '../config/schema.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { planArchive } from './archive.js';
import { planFacets, type Facet } from './facets.js';
import type { Plannable } from './plannable.js';

export interface FeedPlan<T> {
  /** The articles planned from, but for the duplicates left out, in the order given. */
  articles: T[];
  drafts: number;
  scheduled: number;
  /** The main feed's items, newest first. */
  items: T[];
  /** Archive pages, oldest first, each newest first. */
  pages: T[][];
  facets: Facet<T>[];
  /** Every article some feed holds, newest first: each is rendered once, in this order. */
  toRender: T[];
  /** The reference times (--now) that give the same plan. */
  window: { from: number; until: number | null };
  /** Duplicates, and tags spelled two ways. */
  diagnostics: Diagnostic[];
}

/** `published`: the item ids of each archive page as last published, oldest first (feeds/archive.ts keeps them). */
export function planFeeds<T extends Plannable>(candidates: readonly T[], config: Config, now: number, displayDir: string, published?: readonly (readonly string[])[]): FeedPlan<T> {
  const diagnostics: Diagnostic[] = [];
  const articles = withoutDuplicates(candidates, config.site.url, diagnostics);
  const { history, archivePageSize, limit } = config.feeds;
  const live = liveOf(articles, now);
  const pagesAsPublished = published && asOwnIds(published, live.items, config.site.url);
  const archive = history === 'archive' ? planArchive(live.items, archivePageSize, limit, pagesAsPublished) : undefined;
  // A complete feed holds every item, whatever feeds.limit says.
  const items = archive?.current ?? (history === 'complete' ? live.items : live.items.slice(0, limit || undefined));
  const facetsOn = Object.values(config.feeds.facets).some(Boolean);
  const facets = facetsOn ? planFacets(live.items, config, displayDir, diagnostics) : [];
  const pages = archive?.pages ?? [];
  let toRender = items;
  if (facets.length > 0 || pages.length > 0) {
    const held = new Set([...items, ...facets.flatMap((f) => f.items), ...pages.flat()]);
    toRender = live.items.filter((c) => held.has(c));
  }
  return { articles, drafts: live.drafts, scheduled: live.scheduled, items, pages, facets, toRender, window: sameItemsWindow(articles, now), diagnostics };
}

/**
 * Published page ids as the items' own: an Atom feed holds an id that is not an IRI in its Atom
 * form (article/atom-id.ts), which names the same item. The plan refuses two ids Atom writes as one.
 */
function asOwnIds(published: readonly (readonly string[])[], items: readonly Plannable[], siteUrl: string): readonly (readonly string[])[] {
  const own = new Map<string, string>();
  for (const c of items) {
    const written = atomId(c.id, siteUrl);
    if (written !== c.id) own.set(written, c.id);
  }
  return own.size === 0 ? published : published.map((ids) => ids.map((id) => own.get(id) ?? id));
}

/** The live articles (neither drafts nor scheduled after `now`), newest first, and how many are not. */
function liveOf<T extends Plannable>(candidates: readonly T[], now: number): { items: T[]; drafts: number; scheduled: number } {
  let drafts = 0;
  let scheduled = 0;
  const live: T[] = [];
  for (const c of candidates) {
    // An expired page is out of the site, as a draft is.
    if (c.draft || (c.expires !== undefined && c.expires.instant <= now)) drafts++;
    else if (c.published.instant > now) scheduled++;
    else live.push(c);
  }
  live.sort(newestFirst);
  return { items: live, drafts, scheduled };
}

/** The order of every feed: newest published first, then newest updated, then by id. */
export function newestFirst(a: Plannable, b: Plannable): number {
  return b.published.instant - a.published.instant || b.updated.instant - a.updated.instant || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The reference times that give the same live articles as `now`: from the
 * newest published one to the next scheduled one (drafts are out at any time).
 */
function sameItemsWindow(candidates: readonly Plannable[], now: number): FeedPlan<Plannable>['window'] {
  let from = Number.MIN_SAFE_INTEGER;
  let until: number | null = null;
  for (const c of candidates) {
    if (c.draft) continue;
    // The plan changes when a page expires too.
    for (const t of c.expires === undefined ? [c.published.instant] : [c.published.instant, c.expires.instant]) {
      if (t <= now) from = Math.max(from, t);
      else until = until === null ? t : Math.min(until, t);
    }
  }
  return { from, until };
}

/**
 * Two articles with one id would be one item to every aggregator, and two with
 * one URL would overwrite each other's page: the second of each pair is an
 * error naming both files, and is left out (it matters under --keep-going).
 * Ids are compared as written and as Atom writes them (article/atom-id.ts),
 * where `1600-2823` and `https://example.com/blog/1600-2823` are one.
 */
function withoutDuplicates<T extends Plannable>(candidates: readonly T[], siteUrl: string, diagnostics: Diagnostic[]): T[] {
  const byId = new Map<string, T>();
  const byAtomId = new Map<string, T>();
  const byUrl = new Map<string, T>();
  const kept: T[] = [];
  for (const c of candidates) {
    const inAtom = atomId(c.id, siteUrl);
    const sameId = byId.get(c.id);
    const sameAtomId = byAtomId.get(inAtom);
    const sameUrl = byUrl.get(c.url);
    const file = c.article.source.displayPath;
    if (sameId) {
      diagnostics.push(error(file, 'duplicate-id', `this article has the same id as ${sameId.article.source.displayPath} (${c.id}); give one of them its own "id:" or "slug:"`));
    } else if (sameAtomId) {
      const other = sameAtomId.article.source.displayPath;
      diagnostics.push(error(file, 'duplicate-id', `this article's id (${c.id}) and the id of ${other} (${sameAtomId.id}) are one in Atom (${inAtom}); give one of them another "id:"`));
    } else if (sameUrl) {
      diagnostics.push(error(file, 'duplicate-url', `this article has the same URL as ${sameUrl.article.source.displayPath} (${c.url}); give one of them its own "slug:" or "permalink:"`));
    } else {
      byId.set(c.id, c);
      byAtomId.set(inAtom, c);
      byUrl.set(c.url, c);
      kept.push(c);
    }
  }
  return kept;
}
