/**
 * The feed as it was last published (`--previous FILE|URL`, or `previous` in the config). Items it
 * already holds keep their id and first-published date, so a rebuild from a shallow clone, a
 * squashed history or a tarball never republishes them as new.
 */
import type { Config } from '../config/schema.js';
import { readFeed, type FeedFormat, type FeedLocation } from '../source/read-feed.js';
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
}

/** The previous feed a build reads: --previous, else the config's, when the chain of publication dates asks it. */
export function previousRefOf(config: Config, previous: string | undefined): string | undefined {
  const ref = previous ?? config.previous;
  return ref !== undefined && config.dates.published.includes('previous') ? ref : undefined;
}

/** The feed at `location`, named `ref`; a web server that has none yet (a first deploy) gives an empty one. */
export async function readPreviousFeed(ref: string, location: FeedLocation): Promise<PreviousFeed> {
  const feed = await readFeed(location);
  const items = (feed?.entries ?? []).flatMap((e) => {
    const id = e.id ?? e.link;
    return id === undefined ? [] : [{ id, url: e.link, published: when(e.published) }];
  });
  return previousFeedOf(ref, items, feed?.format);
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
