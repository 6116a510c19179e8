/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
import type { Person } from '../config/schema.js';
import { formatRfc3339 } from '../time/format.js';
import type { Feed, FeedItem, FeedMeta, FeedSerializer } from './model.js';
import { serialize } from './model.js';
import { cleanText } from '../util/xml-chars.js';

/** JSON written as is: an item's HTML as the render cache already quoted it (FeedItem.htmlJson; clean, as all rendered HTML is). */
class JsonText {
  constructor(readonly text: string) {}
}

/**
 * A copy of `value` in which every string has lost the characters XML forbids, so the
 * three formats carry the same text. Done before JSON.stringify rather than as its
 * replacer function, which measured several times slower on full-content items.
 */
function cleaned(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (value instanceof JsonText) return value;
  if (Array.isArray(value)) return value.map(cleaned);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = cleaned(v);
  return out;
}

/**
 * Written in pieces that join into exactly what JSON.stringify(cleaned(doc), null, 2)
 * would give for the whole document.
 */
export const jsonFeed: FeedSerializer = {
  head: (feed) => {
    const whole = JSON.stringify(cleaned(document(feed)), null, 2);
    // Cut before the empty list that stands for the items: `"items": []\n}`.
    return `${whole.slice(0, whole.lastIndexOf('[]'))}[`;
  },
  item: (i) => `\n    ${indented(cleaned(item(i)) as Record<string, unknown>, '    ')}`,
  separator: ',',
  tail: (_feed, items) => (items > 0 ? '\n  ]\n}\n' : ']\n}\n'),
  variant: () => '',
};

/**
 * What JSON.stringify(value, null, 2) gives for an object, its lines indented by `indent`,
 * written member by member: a string member (an item's HTML above all) is quoted once and
 * never scanned again for the line breaks to indent, which took a fifth of the JSON Feed's time.
 */
function indented(value: Record<string, unknown>, indent: string): string {
  const inner = `${indent}  `;
  const members: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const json = v instanceof JsonText ? v.text : typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v, null, 2).replace(/\n/g, `\n${inner}`);
    members.push(`${inner}${JSON.stringify(key)}: ${json}`);
  }
  return members.length === 0 ? '{}' : `{\n${members.join(',\n')}\n${indent}}`;
}

export function renderJsonFeed(feed: Feed): string {
  return serialize(jsonFeed, feed);
}

function document(feed: FeedMeta) {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.links.json,
    description: feed.description || undefined,
    icon: feed.icon,
    authors: feed.author ? [author(feed.author)] : undefined,
    language: feed.language,
    hubs: feed.hub ? [{ type: 'WebSub', url: feed.hub }] : undefined,
    // JSON Feed's pagination: the next document holds older items, which is RFC 5005's prev-archive.
    next_url: feed.history?.prevArchive?.json,
    items: [],
  };
}

function item(i: FeedItem) {
  return {
    id: i.id,
    url: i.url,
    external_url: i.externalUrl ?? i.via,
    title: i.title,
    content_html: i.htmlJson !== undefined ? new JsonText(i.htmlJson) : i.html,
    // JSON Feed requires content; a summary-only feed carries the summary as text.
    content_text: i.html === undefined ? i.summary : undefined,
    summary: i.summary || undefined,
    image: i.image?.url,
    date_published: formatRfc3339(i.published),
    date_modified: formatRfc3339(i.updated),
    authors: i.authors.map(author),
    tags: i.tags.length > 0 ? i.tags : undefined,
    language: i.lang,
    attachments: i.enclosure
      ? [
          {
            url: i.enclosure.url,
            mime_type: i.enclosure.type,
            title: i.enclosure.title,
            size_in_bytes: i.enclosure.length,
            duration_in_seconds: i.enclosure.duration,
          },
        ]
      : undefined,
  };
}

function author(p: Person) {
  // JSON Feed authors have no email field; a mailto: URL carries it when there is no site.
  return { name: p.name, url: p.url ?? (p.email ? `mailto:${p.email}` : undefined) };
}
