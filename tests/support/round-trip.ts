/**
 * A feed item as its `.expected.json` describes it (written from the specifications, see
 * tests/fixtures/import/README.md), compared field by field with the items the build made of the
 * imported articles, in every format that can carry the field. Each comparison is named
 * `field@format`; what differs is returned with both values.
 */
import { decodeHTMLStrict } from 'entities';
import type { BuiltItem, Person } from './built-items.js';

export interface ExpectedPerson {
  name: string;
  email: string | null;
  url: string | null;
}

export interface ExpectedItem {
  id: string | null;
  link: string | null;
  title: string | null;
  published: string | null;
  updated: string | null;
  authors: ExpectedPerson[];
  categories: string[];
  enclosures: { url: string; type: string; length: number; duration: number | null }[];
  image: string | null;
  external_url: string | null;
  content_type: 'html' | 'text';
  content_contains: string[];
  content_links_resolved?: string[];
}

export type Format = 'rss' | 'atom' | 'json';
export type Built = Record<Format, BuiltItem>;

export const FIELDS = ['id', 'link', 'title', 'published', 'updated', 'authors', 'author_details', 'categories', 'enclosures', 'image', 'external_url', 'content', 'links_resolved'] as const;
export type Field = (typeof FIELDS)[number];

export interface Mismatch {
  field: Field;
  format: Format;
  expected: unknown;
  got: unknown;
}

// The registered types the build writes for the misspellings real feeds use (article/media.ts).
const REGISTERED: Record<string, string> = { 'audio/x-m4a': 'audio/mp4', 'audio/mp3': 'audio/mpeg', 'image/jpg': 'image/jpeg' };

/** The id as Atom writes one that is not an IRI: a percent-encoded path under the site (docs/import.md). */
export function atomFormOf(id: string, site: string): string {
  return /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i.test(id) ? id : site + id.split('/').map(encodeURIComponent).join('/');
}

/** What a reader reads of HTML: entities decoded, tags dropped, white space folded. */
export function readerText(html: string): string {
  return decodeHTMLStrict(html.replace(/<br\s*\/?>/g, '\n').replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/**
 * HTML as the build's sanitizer may give it back: the attributes it drops (class, style, data-*,
 * ...) dropped, entities decoded, void tags and white space evened.
 */
function looseHtml(html: string): string {
  return decodeHTMLStrict(html.replace(/(?:^|\s)(?!(?:href|src|alt|width|height)=)[\w:-]+="[^"]*"/g, ''))
    .replace(/\u00a0/g, ' ')
    .replace(/ \/>/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `2024-03-04` (a day) is that day's midnight, in the site's zone (UTC in these tests). */
function instantText(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date;
}

export function compareItem(exp: ExpectedItem, built: Built, source: Format, site: string): Mismatch[] {
  const out: Mismatch[] = [];
  const check = (field: Field, format: Format, expected: unknown, got: unknown) => {
    if (JSON.stringify(expected) !== JSON.stringify(got)) out.push({ field, format, expected, got });
  };
  const formats: Format[] = ['rss', 'atom', 'json'];
  if (exp.id !== null) {
    check('id', 'rss', exp.id, built.rss.id);
    check('id', 'json', exp.id, built.json.id);
    check('id', 'atom', atomFormOf(exp.id, site), built.atom.id);
  }
  for (const f of formats) check('title', f, exp.title ?? built.json.title, built[f].title);
  if (exp.title === null && built.json.title.trim() === '') out.push({ field: 'title', format: 'json', expected: 'a title made from the text', got: '' });
  // What a reader opens, in the format the feed was in; a link post's two pages in JSON Feed.
  if (exp.link !== null) {
    if (source === 'json') check('link', 'json', exp.link, built.json.link);
    else check('link', source, exp.link, built[source].link);
  }
  if (exp.external_url !== null) {
    check('external_url', 'json', exp.external_url, built.json.related);
    check('external_url', 'rss', exp.external_url, built.rss.link);
  }
  const published = exp.published ?? exp.updated;
  // RSS dates have no fractions of a second (RFC 822).
  if (published !== null) for (const f of formats) check('published', f, f === 'rss' ? instantText(published).replace(/\.\d+/, '') : instantText(published), built[f].published);
  const updated = exp.updated ?? exp.published;
  if (updated !== null) for (const f of formats) check('updated', f, instantText(updated), built[f].updated);
  if (exp.authors.length > 0) compareAuthors(exp.authors, built, check);
  for (const f of formats) check('categories', f, exp.categories, built[f].tags);
  compareEnclosure(exp, built, check);
  if (exp.image !== null) for (const f of formats) check('image', f, exp.image, built[f].image);
  compareContent(exp, built, out);
  return out;
}

type Check = (field: Field, format: Format, expected: unknown, got: unknown) => void;

function compareAuthors(authors: ExpectedPerson[], built: Built, check: Check): void {
  // A mailto: URL (JSON Feed's way to give an address) is the person's email.
  const people: Person[] = authors.map((a) =>
    a.url?.startsWith('mailto:') ? { name: a.name, email: a.url.slice(7) } : { name: a.name, ...(a.email && { email: a.email }), ...(a.url && { url: a.url }) },
  );
  const names = people.map((p) => p.name);
  // RSS writes one dc:creator naming them all (src/feeds/rss.ts, the reader matrix's form).
  check('authors', 'rss', [names.join(', ')], built.rss.authors.map((p) => p.name));
  for (const f of ['atom', 'json'] as const) check('authors', f, names, built[f].authors.map((p) => p.name));
  const strip = (p: Person) => ({ name: p.name, ...(p.email && { email: p.email }), ...(p.url && { url: p.url }) });
  check('author_details', 'atom', people, built.atom.authors.map(strip));
  check('author_details', 'json', people.map((p) => ({ name: p.name, ...((p.url ?? p.email) && { url: p.url ?? `mailto:${p.email}` }) })), built.json.authors.map((p) => ({ name: p.name, ...((p.url ?? p.email) && { url: p.url ?? `mailto:${p.email}` }) })));
  // RSS carries names only: <author>'s "email (name)" was shown whole or as an email by three
  // readers of six (docs/readers.md), so the build writes dc:creator; Atom and JSON Feed keep the rest.
}

function compareEnclosure(exp: ExpectedItem, built: Built, check: Check): void {
  const want = exp.enclosures.map((e) => ({ url: e.url, type: REGISTERED[e.type] ?? e.type, length: e.length > 0 ? e.length : undefined, duration: e.duration ?? undefined }));
  const got = (f: 'atom' | 'json' | 'rss') => (built[f].enclosure ? [built[f].enclosure] : []);
  check('enclosures', 'json', want, got('json'));
  check('enclosures', 'atom', want.map(({ duration: _, ...e }) => e), got('atom').map((e) => ({ url: e!.url, type: e!.type, length: e!.length })));
  // RSS needs a length (RSS 2.0 and the W3C validator: a positive number of bytes).
  check('enclosures', 'rss', want.map(({ duration: _, ...e }) => e), got('rss').map((e) => ({ url: e!.url, type: e!.type, length: e!.length })));
}

function compareContent(exp: ExpectedItem, built: Built, out: Mismatch[]): void {
  for (const f of ['rss', 'atom', 'json'] as const) {
    const html = built[f].html;
    const missing = exp.content_contains.filter((snippet) =>
      exp.content_type === 'text' ? !readerText(html.replace(/\n/g, ' ')).includes(snippet.replace(/\s+/g, ' ').trim()) : !looseHtml(html).includes(looseHtml(snippet)),
    );
    if (missing.length > 0) out.push({ field: 'content', format: f, expected: missing, got: html.slice(0, 300) });
    const unresolved = (exp.content_links_resolved ?? []).filter((u) => !html.includes(u));
    if (unresolved.length > 0) out.push({ field: 'links_resolved', format: f, expected: unresolved, got: html.slice(0, 300) });
  }
}
