/**
 * The items of built feeds as plain values, one shape for all three formats, read with the test's
 * own XML parser (support/xml.ts) and JSON.parse: never with the importer's reader, which is
 * what the round trips check.
 */
import { child, children, NS, parseXml, textOf, type XmlElement } from './xml.js';

export interface Person {
  name: string;
  email?: string;
  url?: string;
}

export interface BuiltItem {
  id: string;
  /** What a reader opens: RSS link, Atom alternate, JSON Feed url. */
  link?: string;
  /** Atom rel="related", JSON Feed external_url. */
  related?: string;
  title: string;
  /** RFC 3339 with the offset written. */
  published?: string;
  updated?: string;
  authors: Person[];
  tags: string[];
  enclosure?: { url: string; type?: string; length?: number; duration?: number };
  image?: string;
  html: string;
}

const MEDIA = 'http://search.yahoo.com/mrss/';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RSS's RFC 822 date as RFC 3339 in the same offset (offset 0 as Z). */
export function rfc822AsRfc3339(text: string): string {
  const m = /^\w{3}, (\d{2}) (\w{3}) (\d{4}) (\d{2}:\d{2}:\d{2}) ([+-])(\d{2})(\d{2})$/.exec(text);
  if (!m) throw new Error(`not RFC 822: ${text}`);
  const [, d, mon, y, time, sign, hh, mm] = m;
  const offset = hh === '00' && mm === '00' ? 'Z' : `${sign}${hh}:${mm}`;
  return `${y}-${String(MONTHS.indexOf(mon!) + 1).padStart(2, '0')}-${d}T${time}${offset}`;
}

export function rssItems(xml: string): BuiltItem[] {
  const channel = child(parseXml(xml), 'channel')!;
  return children(channel, 'item').map((item) => {
    const enclosure = child(item, 'enclosure');
    return {
      id: textOf(item, 'guid')!,
      link: textOf(item, 'link'),
      title: textOf(item, 'title')!,
      published: rfc822AsRfc3339(textOf(item, 'pubDate')!),
      updated: textOf(item, 'updated', NS.atom),
      // One dc:creator naming every author, "Ada Martin, Jonas Weber" (src/feeds/rss.ts): kept whole.
      authors: children(item, 'creator', NS.dc).map((c) => ({ name: c.text })),
      tags: children(item, 'category').map((c) => c.text),
      enclosure: enclosure && { url: enclosure.attrs.url!, type: enclosure.attrs.type, length: Number(enclosure.attrs.length) },
      image: child(item, 'thumbnail', MEDIA)?.attrs.url,
      html: textOf(item, 'encoded', NS.content) ?? '',
    };
  });
}

export function atomItems(xml: string): BuiltItem[] {
  const feed = parseXml(xml);
  return children(feed, 'entry', NS.atom).map((entry) => {
    const links = children(entry, 'link', NS.atom);
    const rel = (r: string) => links.find((l) => (l.attrs.rel ?? 'alternate') === r);
    const enclosure = rel('enclosure');
    const person = (a: XmlElement): Person => ({ name: textOf(a, 'name', NS.atom)!, email: textOf(a, 'email', NS.atom), url: textOf(a, 'uri', NS.atom) });
    return {
      id: textOf(entry, 'id', NS.atom)!,
      link: rel('alternate')?.attrs.href,
      related: rel('related')?.attrs.href,
      title: textOf(entry, 'title', NS.atom)!,
      published: textOf(entry, 'published', NS.atom),
      updated: textOf(entry, 'updated', NS.atom),
      authors: children(entry, 'author', NS.atom).map(person),
      tags: children(entry, 'category', NS.atom).map((c) => c.attrs.term!),
      enclosure: enclosure && { url: enclosure.attrs.href!, type: enclosure.attrs.type, length: enclosure.attrs.length === undefined ? undefined : Number(enclosure.attrs.length) },
      image: child(entry, 'thumbnail', MEDIA)?.attrs.url,
      html: textOf(entry, 'content', NS.atom) ?? '',
    };
  });
}

type JsonItem = {
  id: string;
  url?: string;
  external_url?: string;
  title: string;
  date_published?: string;
  date_modified?: string;
  authors?: { name: string; url?: string }[];
  tags?: string[];
  attachments?: { url: string; mime_type?: string; size_in_bytes?: number; duration_in_seconds?: number }[];
  image?: string;
  content_html?: string;
};

export function jsonItems(text: string): BuiltItem[] {
  return (JSON.parse(text) as { items: JsonItem[] }).items.map((i) => {
    const a = i.attachments?.[0];
    return {
      id: i.id,
      link: i.url,
      related: i.external_url,
      title: i.title,
      published: i.date_published,
      updated: i.date_modified,
      authors: (i.authors ?? []).map((p) => (p.url?.startsWith('mailto:') ? { name: p.name, email: p.url.slice(7) } : { name: p.name, url: p.url })),
      tags: i.tags ?? [],
      enclosure: a && { url: a.url, type: a.mime_type, length: a.size_in_bytes, duration: a.duration_in_seconds },
      image: i.image,
      html: i.content_html ?? '',
    };
  });
}
