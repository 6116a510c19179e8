/**
 * The archive pages (RFC 5005) of a feed as last published: the item ids each page held, read
 * from the pages the subscription document links to. A build keeps those sets (feeds/archive.ts),
 * so a page once published keeps its items.
 *
 * The subscription document names only its newest page (prev-archive; JSON Feed's next_url); the
 * others follow from syndicate's own layout, `archive/N/` before the feed's file name, so all are
 * read at once (a few at a time) instead of one after the other down the chain. They are read
 * where the subscription document was read from: beside a file, or at the same web address (a
 * feed fetched from a mirror or a local server is followed there, not to the site's address).
 */
import path from 'node:path';
import { mapLimit } from '../util/concurrency.js';
import { readFeed, type FeedDocument, type FeedLocation } from './read-feed.js';

/** Pages read at once. */
const PAGES_AT_ONCE = 8;
/** All the pages are read within this, or none is used: a build never waits on a slow server for long. */
const PAGES_DEADLINE_MS = 60_000;
/** More pages than this is not a publication of ours: not read. */
const MAX_PAGES = 100_000;

export interface PublishedPages {
  /** Each page's item ids, in its order; the oldest page first. */
  pages: string[][];
  /** The files read, for a previous feed that is a file (the up-to-date check watches them). */
  files: string[];
}

/**
 * The pages the subscription document `feed`, read from `location`, links to; none when it links
 * to none. Throws, saying why, when they cannot all be read.
 */
export async function readPublishedPages(location: FeedLocation, feed: FeedDocument): Promise<PublishedPages> {
  const newest = feed.prevArchive;
  if (newest === undefined) return { pages: [], files: [] };
  const layout = /^(.*)archive\/(\d+)\/([^?#]+)(?:[?#].*)?$/.exec(newest);
  const count = layout ? Number(layout[2]) : NaN;
  const name = layout?.[3];
  if (name === undefined || !(count >= 1 && count <= MAX_PAGES)) throw new Error(`its newest archive page, ${newest}, is not at archive/N/ as syndicate writes them`);
  const pageAt = pageLocations(location, name);
  if (pageAt === undefined) throw new Error(`it was not read from a file or address ending in ${name}, so its archive pages cannot be found beside it`);
  const deadline = Date.now() + PAGES_DEADLINE_MS;
  const locations = Array.from({ length: count }, (_, i) => pageAt(i + 1));
  let failed: Error | undefined;
  const pages = await mapLimit(locations, PAGES_AT_ONCE, async (at, i) => {
    // One page that cannot be read is enough: the pages left are not asked for.
    if (failed) throw failed;
    const left = deadline - Date.now();
    if (left <= 0) throw (failed = new Error(`its archive pages were not all read within ${PAGES_DEADLINE_MS / 1000} s`));
    try {
      return (await pageFeed(at, left)).entries.flatMap((e) => e.id ?? e.link ?? []);
    } catch (e) {
      throw (failed ??= new Error(`archive page ${i + 1} (${'url' in at ? at.url : at.file}): ${(e as Error).message}`));
    }
  });
  return { pages, files: locations.flatMap((at) => ('file' in at ? [at.file] : [])) };
}

async function pageFeed(at: FeedLocation, timeoutMs: number): Promise<FeedDocument> {
  const feed = await readFeed(at, { timeoutMs: Math.min(timeoutMs, 15_000) });
  if (feed === undefined) throw new Error('not found');
  return feed;
}

/** Where page N is, for a subscription document read from `location` whose file name is `name`. */
function pageLocations(location: FeedLocation, name: string): ((n: number) => FeedLocation) | undefined {
  if ('url' in location) {
    const url = new URL(location.url);
    if (!url.pathname.endsWith(`/${name}`)) return undefined;
    const dir = url.pathname.slice(0, -name.length);
    return (n) => ({ url: new URL(`${dir}archive/${n}/${name}`, url).href });
  }
  const parts = decodeURIComponent(name).split('/');
  const file = location.file.split(path.sep);
  if (parts.length >= file.length || file.slice(-parts.length).join('/') !== parts.join('/')) return undefined;
  const dir = file.slice(0, -parts.length).join(path.sep);
  return (n) => ({ file: path.join(dir, 'archive', String(n), ...parts) });
}
