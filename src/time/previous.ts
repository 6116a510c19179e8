/**
 * The feed as it was last published (`--previous FILE|URL`), read back with
 * rss-parser (RSS and Atom) or as JSON Feed. Items it already holds keep their
 * id and first-published date, so a rebuild from a shallow clone, a squashed
 * history or a tarball never republishes them as new.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getText } from '../util/http-get.js';
import { parseDate } from './parse-date.js';

export interface PreviousItem {
  id: string;
  url?: string;
  published?: { instant: number; offset: number; precision: 'second' | 'minute' | 'day' | 'millisecond' };
}

export interface PreviousFeed {
  /** Where it was read from, as given. */
  source: string;
  /** Its items, in its order. */
  items: PreviousItem[];
  byUrl: Map<string, PreviousItem>;
  byId: Map<string, PreviousItem>;
}

const FETCH_TIMEOUT_MS = 15_000;

export async function readPreviousFeed(ref: string, cwd: string): Promise<PreviousFeed> {
  const text = /^https?:\/\//i.test(ref) ? await download(ref) : await readFile(path.resolve(cwd, ref), 'utf8');
  const items = text.trimStart().startsWith('{') ? fromJsonFeed(text) : await fromXml(text);
  return previousFeedOf(ref, items);
}

/** The feed of these items, looked up by id and by URL (a later item with the same one wins). */
export function previousFeedOf(source: string, items: PreviousItem[]): PreviousFeed {
  const feed: PreviousFeed = { source, items, byUrl: new Map(), byId: new Map() };
  for (const item of items) {
    feed.byId.set(item.id, item);
    if (item.url) feed.byUrl.set(item.url, item);
  }
  return feed;
}

/**
 * The keys (ids and URLs) under which `before` and `after` hold different items, in either map: an
 * article looked up by any other key finds the same item in both.
 */
export function changedKeys(before: PreviousFeed, after: PreviousFeed): Set<string> {
  const changed = new Set<string>();
  for (const key of ['byId', 'byUrl'] as const) {
    for (const text of new Set([...before[key].keys(), ...after[key].keys()])) {
      if (JSON.stringify(before[key].get(text)) !== JSON.stringify(after[key].get(text))) changed.add(text);
    }
  }
  return changed;
}

async function download(url: string): Promise<string> {
  const { status, text } = await getText(url, FETCH_TIMEOUT_MS);
  // No feed there yet (a first deploy) is not an error: there is simply nothing to keep.
  if (status === 404 || status === 410) return '{"items": []}';
  if (status < 200 || status > 299) throw new Error(`HTTP ${status}`);
  return text;
}

function when(text: unknown): PreviousItem['published'] {
  if (typeof text !== 'string') return undefined;
  const parsed = parseDate(text, 'UTC');
  return 'error' in parsed ? undefined : { instant: parsed.instant, offset: parsed.offset, precision: parsed.precision };
}

function fromJsonFeed(text: string): PreviousItem[] {
  const doc = JSON.parse(text) as { items?: { id?: unknown; url?: unknown; date_published?: unknown }[] };
  return (doc.items ?? [])
    .filter((i) => typeof i.id === 'string' || typeof i.id === 'number')
    .map((i) => ({ id: String(i.id), url: typeof i.url === 'string' ? i.url : undefined, published: when(i.date_published) }));
}

async function fromXml(text: string): Promise<PreviousItem[]> {
  // Loaded only when a previous feed is given: most builds never need an XML reader.
  const { default: Parser } = await import('rss-parser');
  const feed = await new Parser({ customFields: { item: ['published'] } }).parseString(text);
  return feed.items.flatMap((item) => {
    const raw = item as typeof item & { id?: string; published?: string };
    const id = item.guid ?? raw.id ?? item.link;
    if (!id) return [];
    // RSS pubDate and Atom published keep the offset they were written with.
    return [{ id, url: item.link, published: when(raw.published ?? item.pubDate) }];
  });
}
