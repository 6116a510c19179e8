/**
 * What a feed means, and where a reader sees something else. The meaning of each item is taken
 * from the same build's JSON Feed (the least ambiguous of the three formats; the items are in the
 * same order in every format), and its id from the feed being read (RSS guid, Atom id).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { child, children, NS, parseXml, textOf } from '../support/xml.js';
import type { Field, Format, ReadItem, Reader, ReaderRun } from './readers.js';

export type Meaning = Omit<ReadItem, 'enclosures'> & { enclosures: { url: string; type: string; length: string | null }[] };

export interface Disagreement {
  /** The feed, as a path relative to the folder of builds. */
  feed: string;
  format: Format;
  reader: string;
  version: string;
  field: Field | 'item';
  /** The item's id. */
  item: string;
  expected: unknown;
  got: unknown;
  /** What the feed means of the whole item. */
  meant?: Meaning;
  /** The reader-bugs.ts entry that explains it, when one does. */
  bug?: string;
}

export function formatOf(file: string): Format {
  return file.endsWith('.json') ? 'json' : file.endsWith('atom.xml') ? 'atom' : 'rss';
}

const utc = (date: string | undefined) => (date ? new Date(date).toISOString().replace('.000Z', 'Z') : null);

/** Plain text as a reader shows it: white space folded, and none before punctuation (tags taken out may leave some). */
export function fold(plain: string | null | undefined): string | null {
  return plain?.replace(/\s+/g, ' ').replace(/ ([,.;:!?)])/g, '$1').trim() || null;
}

/** The text of some HTML, as a reader shows it: tags out, entities decoded, white space folded. */
export function text(html: string | null | undefined): string | null {
  if (!html) return null;
  const decoded = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
      if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
      return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' } as Record<string, string>)[name.toLowerCase()] ?? all;
    });
  return fold(decoded);
}

/** The ids of a feed's items, as the feed itself writes them. */
function idsOf(file: string, format: Format): string[] {
  const source = readFileSync(file, 'utf8');
  if (format === 'json') return (JSON.parse(source) as { items: { id: string }[] }).items.map((i) => i.id);
  const root = parseXml(source);
  if (format === 'atom') return children(root, 'entry', NS.atom).map((e) => textOf(e, 'id', NS.atom) ?? '');
  return children(child(root, 'channel')!, 'item').map((i) => textOf(i, 'guid') ?? '');
}

interface JsonItem {
  id: string;
  url?: string;
  external_url?: string;
  title?: string;
  summary?: string;
  content_html?: string;
  content_text?: string;
  image?: string;
  date_published?: string;
  date_modified?: string;
  authors?: { name: string }[];
  tags?: string[];
  attachments?: { url: string; mime_type: string; size_in_bytes?: number }[];
}

/** What each item of a feed means, in the feed's order. */
export function meaningOf(file: string): Meaning[] {
  const format = formatOf(file);
  const json = JSON.parse(readFileSync(path.join(path.dirname(file), 'feed.json'), 'utf8')) as { items: JsonItem[] };
  const ids = idsOf(file, format);
  return json.items.map((j, i) => ({
    id: ids[i] ?? null,
    title: j.title ?? null,
    // RSS <link> and Atom's alternate link are a link post's external URL; JSON Feed's url is the post's own page.
    link: (format === 'json' ? j.url : (j.external_url ?? j.url)) ?? null,
    published: utc(j.date_published),
    updated: utc(j.date_modified),
    authors: (j.authors ?? []).map((a) => a.name),
    summary: fold(j.summary),
    // A summary-only JSON Feed carries the summary as its content_text (JSON Feed requires content).
    content: text(j.content_html) ?? (format === 'json' ? fold(j.content_text) : null),
    categories: j.tags ?? [],
    // RSS leaves out an enclosure of unknown length (RSS 2.0 requires one).
    enclosures: (j.attachments ?? [])
      .filter((a) => format !== 'rss' || a.size_in_bytes !== undefined)
      .map((a) => ({ url: a.url, type: a.mime_type, length: a.size_in_bytes === undefined ? null : String(a.size_in_bytes) })),
    image: j.image ?? null,
  }));
}

const blank = (v: unknown) => (v === '' || v === undefined ? null : v);

/** A reader's value of a field, in the form of the meaning's. */
function gotOf(field: Field, item: Partial<ReadItem>, reader: Reader, format: Format): unknown {
  const plain = reader.plain?.[format]?.includes(field);
  switch (field) {
    case 'authors':
      // The names a reader shows, in order: one string with every name is as good as a list.
      return (item.authors ?? []).filter(Boolean).join(', ') || null;
    case 'summary':
    case 'content':
      return plain ? fold(item[field]) : text(item[field]);
    case 'categories':
      return item.categories ?? [];
    case 'enclosures':
      return (item.enclosures ?? []).map((e) => ({
        url: blank(e.url),
        type: blank(e.type),
        length: reader.noEnclosureLength || blank(e.length) === null ? null : String(e.length),
      }));
    default:
      return blank(item[field]) ?? null;
  }
}

function expectedOf(field: Field, meant: Meaning, reader: Reader): unknown {
  if (field === 'authors') return meant.authors.join(', ') || null;
  // A reader with one text per item shows the body, or the summary of an item without one.
  if (field === 'content' && reader.oneText) return meant.content ?? meant.summary;
  if (field === 'enclosures' && reader.noEnclosureLength) return meant.enclosures.map((e) => ({ ...e, length: null }));
  return meant[field];
}

// Texts are the same when they hold the same characters: where a tag was, one reader leaves a
// space and another none (`( <b>no</b>` shows as "( no" or "(no").
const same = (a: unknown, b: unknown, field: Field) =>
  field === 'summary' || field === 'content' ? String(a).replace(/\s+/g, '') === String(b).replace(/\s+/g, '') : JSON.stringify(a) === JSON.stringify(b);

/** Every field of every item where a reader does not see what the feed means. */
export function disagreements(run: ReaderRun, file: string, feedName: string): Disagreement[] {
  const format = formatOf(file);
  const { reader, version } = run;
  const read = run.feeds.get(file);
  const meanings = meaningOf(file);
  const base = { feed: feedName, format, reader: reader.name, version };
  if (!read?.items) return [{ ...base, field: 'item', item: '(all)', expected: `${meanings.length} items`, got: read?.error ?? 'nothing' }];
  const lacks = reader.lacks[format] ?? {};
  const byId = new Map(read.items.map((i) => [i.id, i]));
  const found: Disagreement[] = [];
  for (const [n, meant] of meanings.entries()) {
    // A reader without ids keeps the feed's order.
    const got = lacks.id ? read.items[n] : byId.get(meant.id);
    if (!got) {
      found.push({ ...base, field: 'item', item: meant.id ?? String(n), expected: 'present', got: 'missing' });
      continue;
    }
    for (const field of Object.keys(meant) as Field[]) {
      if (lacks[field]) continue;
      const expected = expectedOf(field, meant, reader);
      const value = gotOf(field, got, reader, format);
      if (!same(expected, value, field)) found.push({ ...base, field, item: meant.id ?? String(n), expected, got: value, meant });
    }
  }
  return found;
}
