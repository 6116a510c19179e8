/**
 * The feed as it was last published (`--previous FILE|URL`, or `previous` in the config). Items it
 * already holds keep their id and first-published date, so a rebuild from a shallow clone, a
 * squashed history or a tarball never republishes them as new.
 */
import type { Config } from '../config/schema.js';
import type { PublishedPages } from '../source/read-archive.js';
import type { FeedLocation } from '../source/feed-location.js';
import type { FeedFormat } from '../source/read-feed.js';
import { parseDate } from './parse-date.js';

export interface PreviousItem {
  id: string;
  url?: string;
  published?: { instant: number; offset: number; precision: 'second' | 'minute' | 'day' | 'millisecond' };
}

export interface PreviousFeed {
  /** Where it was read from, as given. */
  source: string;
  /** Atom holds ids in their Atom form (article/atom-id.ts); the others verbatim. */
  format?: FeedFormat;
  /** Its items, in its order. */
  items: PreviousItem[];
  byUrl: Map<string, PreviousItem>;
  byId: Map<string, PreviousItem>;
  /**
   * Its archive pages (RFC 5005), when the build keeps them (feeds.history "archive"): the ids each
   * held, or why they could not be read (the build then cuts pages by date, with a warning).
   */
  archive?: PublishedPages | { problem: string };
}

/** The previous feed a build reads: --previous, else the config's, when the chain of publication dates asks it. */
export function previousRefOf(config: Config, previous: string | undefined): string | undefined {
  const ref = previous ?? config.previous;
  return ref !== undefined && config.dates.published.includes('previous') ? ref : undefined;
}

/** Whether a build keeps the archive pages of its previous feed: with archive pages of its own. */
export function keepsArchivePages(config: Config): boolean {
  return config.feeds.history === 'archive';
}

/**
 * The feed at `location`, named `ref`, and its archive pages when `withPages`; a web server that
 * has none yet (a first deploy) gives an empty one.
 */
export async function readPreviousFeed(ref: string, location: FeedLocation, withPages = false): Promise<PreviousFeed> {
  // Loaded here, not with the build: most builds read no feed (the XML reader takes ~80 ms to load).
  const [{ readFeed }, { readPublishedPages }] = await Promise.all([import('../source/read-feed.js'), import('../source/read-archive.js')]);
  const doc = await readFeed(location);
  const items = (doc?.entries ?? []).flatMap((e) => {
    const id = e.id ?? e.link;
    return id === undefined ? [] : [{ id, url: e.link, published: when(e.published) }];
  });
  const feed = previousFeedOf(ref, items, doc?.format);
  if (withPages) feed.archive = doc === undefined ? { pages: [], files: [] } : await readPublishedPages(location, doc).catch((e: Error) => ({ problem: e.message }));
  return feed;
}

/** The ids of each published archive page, oldest first, when they were read. */
export function publishedPagesOf(previous: PreviousFeed | undefined): string[][] | undefined {
  return previous?.archive && 'pages' in previous.archive ? previous.archive.pages : undefined;
}

/** The feed of these items, looked up by id and by URL (a later item with the same one wins). */
export function previousFeedOf(source: string, items: PreviousItem[], format?: FeedFormat): PreviousFeed {
  const feed: PreviousFeed = { source, format, items, byUrl: new Map(), byId: new Map() };
  for (const item of items) {
    feed.byId.set(item.id, item);
    if (item.url) feed.byUrl.set(item.url, item);
  }
  return feed;
}

function when(text: string | undefined): PreviousItem['published'] {
  if (text === undefined) return undefined;
  const parsed = parseDate(text, 'UTC');
  return 'error' in parsed ? undefined : { instant: parsed.instant, offset: parsed.offset, precision: parsed.precision };
}
