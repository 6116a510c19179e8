/** What the serializers see: one feed, its items in order, every URL absolute. */
import type { Config, Person } from '../config/schema.js';
import type { Timestamp } from '../time/timestamp.js';

export interface FeedImage {
  url: string;
  alt?: string;
  caption?: string;
  credit?: string;
}

export interface FeedEnclosure {
  url: string;
  type: string;
  /** Bytes; undefined when it could not be known (RSS then leaves the enclosure out). */
  length?: number;
  /** Seconds. */
  duration?: number;
  title?: string;
  /** A podcast episode's number, and its season's (<itunes:episode>, <itunes:season>). */
  episode?: number;
  season?: number;
}

export interface FeedItem {
  /** As the article has it: RSS guid and JSON Feed id, verbatim. */
  id: string;
  /** The same id as Atom writes it: an IRI (article/atom-id.ts). */
  atomId: string;
  /** The article's own page. */
  url: string;
  /** The page a link post points to. */
  externalUrl?: string;
  /** The page a clipped article was taken from (a clipper's `source`): Atom's rel="via", JSON Feed's external_url. */
  via?: string;
  title: string;
  /** Sanitized HTML with absolute URLs; undefined in summary-only feeds. */
  html?: string;
  /**
   * `html` as a JSON string literal, when the render cache made it (see content/render-cache.ts);
   * written as is by the JSON Feed, so it must be of HTML already clean of what XML forbids, as
   * rendered HTML is.
   */
  htmlJson?: string;
  /** Plain text. */
  summary: string;
  published: Timestamp;
  updated: Timestamp;
  /** Never empty: the site author (or the site title) stands in. */
  authors: Person[];
  tags: string[];
  lang?: string;
  image?: FeedImage;
  enclosure?: FeedEnclosure;
}

export interface FeedLinks {
  rss?: string;
  atom?: string;
  json?: string;
}

export interface FeedHistory {
  /** The feed holds every item (fh:complete). */
  complete?: boolean;
  /** This document is an archive page (fh:archive), and `current` the subscription feed. */
  archive?: boolean;
  current?: FeedLinks;
  /**
   * The archive page of the items just older than these. There is no
   * next-archive: writing it would change a full page when the next one fills.
   */
  prevArchive?: FeedLinks;
}

/** Everything about a feed but its items, with the newest item dates already known. */
export interface FeedMeta {
  title: string;
  description: string;
  /** The site's home page. */
  homeUrl: string;
  /** Absolute URL of each format of this feed that is written. */
  links: FeedLinks;
  language?: string;
  icon?: string;
  copyright?: string;
  author?: Person;
  generator: { name: string; version: string };
  /** Podcast mode settings, when the feed is a podcast, with the show's one podcast:guid. */
  podcast?: NonNullable<Config['podcast']> & { guid: string };
  /** The WebSub hub subscribers can follow for push updates. */
  hub?: string;
  /** Where the browser view's script (stylesheet.ts) is, relative to each XML feed, when there is one. */
  stylesheets?: { rss?: string; atom?: string };
  /** Paging and archiving (RFC 5005): links per format to the other documents of the feed's history. */
  history?: FeedHistory;
  /** Newest `updated` and `published` over the items: feed-level dates come from content, never the clock. */
  updated?: Timestamp;
  published?: Timestamp;
}

/** A feed with its items, for serializing in one go. */
export interface Feed extends Omit<FeedMeta, 'updated' | 'published'> {
  items: FeedItem[];
}

/**
 * A format's serializer in three parts, so a long feed is written item by item
 * (the items never all live in memory at once). `separator` goes between items.
 */
export interface FeedSerializer {
  head(feed: FeedMeta): string;
  item(item: FeedItem, feed: FeedMeta): string;
  separator: string;
  tail(feed: FeedMeta, items: number): string;
  /**
   * All that `item` reads of the feed, as a string: an item's text is the same in every feed
   * whose variant is the same, which lets the item cache keep one text per variant.
   */
  variant(feed: FeedMeta): string;
}

/** One way of writing an item: a format, for a feed. Items written in variants of the same key are the same text. */
export interface Variant {
  key: string;
  serializer: FeedSerializer;
  meta: FeedMeta;
}

export function variantOf(format: string, serializer: FeedSerializer, meta: FeedMeta): Variant {
  return { key: `${format}:${serializer.variant(meta)}`, serializer, meta };
}

/** An item ready to write: its UTF-8 text in each variant (by key) the build writes it in, and its dates for the feed's own. */
export interface ItemText {
  published: Timestamp;
  updated: Timestamp;
  texts: ReadonlyMap<string, Buffer>;
}

/** The whole document at once: head, items, tail. */
export function serialize(format: FeedSerializer, feed: Feed): string {
  const meta: FeedMeta = { ...feed, updated: newest(feed.items, 'updated'), published: newest(feed.items, 'published') };
  return format.head(meta) + feed.items.map((item) => format.item(item, meta)).join(format.separator) + format.tail(meta, feed.items.length);
}

/** The newest of a timestamp field over the items: feed-level dates come from content, never the clock. */
export function newest(items: readonly { published: Timestamp; updated: Timestamp }[], field: 'published' | 'updated'): Timestamp | undefined {
  let best: Timestamp | undefined;
  for (const item of items) if (!best || item[field].instant > best.instant) best = item[field];
  return best;
}
