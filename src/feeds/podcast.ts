/**
 * Podcast mode: the iTunes and Podcasting 2.0 tags that Apple Podcasts and
 * Podcast Index need in an RSS feed (itunes:image, itunes:category,
 * itunes:explicit, itunes:duration, podcast:guid, ...).
 */
import { createHash } from 'node:crypto';
import { isArtworkUrl } from '../config/apple-podcasts.js';
import type { Config } from '../config/schema.js';
import type { FeedItem, FeedMeta } from './model.js';
import { element, escapeAttr } from './xml.js';

export type PodcastConfig = NonNullable<Config['podcast']>;

export const PODCAST_NAMESPACES = 'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0"';

// The namespace UUID of podcast:guid (Podcast Namespace, tags/guid.md).
const PODCAST_GUID_NAMESPACE = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6';

/** podcast:guid: a UUIDv5 of the feed URL without its scheme and trailing slashes. */
export function podcastGuid(feedUrl: string): string {
  const name = feedUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '');
  const namespace = Buffer.from(PODCAST_GUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The show as every feed that carries its tags announces it: one show, one podcast:guid. The guid is
 * `podcast.guid`, else derived from the subscription feed's URL (never an archive page's).
 */
export function podcastShow(p: PodcastConfig | undefined, feedUrl: string | undefined): FeedMeta['podcast'] {
  return p && feedUrl !== undefined ? { ...p, guid: p.guid ?? podcastGuid(feedUrl) } : undefined;
}

export function podcastChannel(p: NonNullable<FeedMeta['podcast']>, author: string | undefined): string[] {
  const [top, sub] = p.category.split('>').map((c) => c.trim());
  const category = sub
    ? `<itunes:category text="${escapeAttr(top!)}">${element('itunes:category', { text: sub })}</itunes:category>`
    : element('itunes:category', { text: top });
  return [
    element('itunes:image', { href: p.image }),
    category,
    element('itunes:explicit', {}, p.explicit ? 'true' : 'false'),
    element('itunes:type', {}, p.type),
    ...(author ? [element('itunes:author', {}, author)] : []),
    ...(p.owner ? [`<itunes:owner>${element('itunes:name', {}, p.owner.name)}${element('itunes:email', {}, p.owner.email)}</itunes:owner>`] : []),
    element('podcast:guid', {}, p.guid),
    element('podcast:locked', {}, p.locked ? 'yes' : 'no'),
  ];
}

export function podcastItem(item: FeedItem): string[] {
  if (!item.enclosure) return [];
  return [
    ...(item.enclosure.duration !== undefined ? [element('itunes:duration', {}, String(item.enclosure.duration))] : []),
    // Apple takes only JPEG and PNG artwork; another image stays in the item's Media RSS.
    ...(item.image && isArtworkUrl(item.image.url) ? [element('itunes:image', { href: item.image.url })] : []),
    element('itunes:episodeType', {}, 'full'),
    ...(item.enclosure.season !== undefined ? [element('itunes:season', {}, String(item.enclosure.season))] : []),
    ...(item.enclosure.episode !== undefined ? [element('itunes:episode', {}, String(item.enclosure.episode))] : []),
  ];
}
