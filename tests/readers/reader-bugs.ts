/**
 * The one table of reader bugs: where a reader sees something else than a valid feed says, the
 * feed cannot avoid it, and the spec says the feed is right. A disagreement of the matrix that one
 * of these explains does not fail it; each entry must still be met by its reader's version (a
 * reader upgrade that fixes it shows as a failure, and the entry goes). docs/readers.md holds the
 * same table (bugTable() below; a test compares them).
 */
import { fold, text, type Disagreement } from './compare.js';
import type { Field, Format } from './readers.js';

export interface ReaderBug {
  key: string;
  reader: string;
  /** The version it was seen in (a prefix of the version the reader reports). */
  version: string;
  formats: Format[];
  field: Field;
  /** What the reader does. */
  does: string;
  /** What the spec says, in its words. */
  spec: string;
  /** Whether this bug is what a disagreement shows (not only that the field differs). */
  explains(d: Disagreement): boolean;
}

const RFC4287_TEXT =
  'RFC 4287 §3.1.1.1: if the type is "text", "the content of the Text construct MUST NOT contain child elements. Such text is intended to be presented to humans in a readable fashion."';
const RFC4287_PUBLISHED =
  'RFC 4287 §4.2.9: "The "atom:published" element is a Date construct indicating an instant in time associated with an event early in the life cycle of the entry."';
/** Plain text read as HTML: what looks like a tag is taken out (and may turn into markup). */
const asHtml = (plain: unknown) => text(String(plain));
const names = (d: Disagreement) => d.meant?.authors ?? [];

export const BUGS: ReaderBug[] = [
  {
    key: 'rss-parser-first-author',
    reader: 'rss-parser',
    version: '3.13',
    formats: ['atom'],
    field: 'authors',
    does: 'keeps the first of an entry\'s authors (its item has one `author`)',
    spec: 'RFC 4287 §4.1.2: "atom:entry elements MUST contain one or more atom:author elements"',
    explains: (d) => names(d).length > 1 && d.got === names(d)[0],
  },
  {
    key: 'simplepie-decodes-enclosure-urls',
    reader: 'simplepie',
    version: '1.5.8',
    formats: ['rss', 'atom'],
    field: 'enclosures',
    does: 'decodes the percent-escapes of enclosure URLs (`urldecode`: `%20` is a space, `%7C` a `|`), which makes them no URIs',
    spec: 'RFC 3986 §2.4: "the components and subcomponents significant to the scheme-specific dereferencing process (if any) must be parsed and separated before the percent-encoded octets within those components can be safely decoded"',
    explains: (d) =>
      JSON.stringify((d.expected as { url: string }[]).map((e) => ({ ...e, url: decodeURIComponent(e.url) }))) === JSON.stringify(d.got),
  },
  {
    key: 'gofeed-json-length-is-duration',
    reader: 'gofeed',
    version: '1.1.3',
    formats: ['json'],
    field: 'enclosures',
    does: 'gives an attachment\'s `duration_in_seconds` as the enclosure length',
    spec: 'JSON Feed 1.1: "size_in_bytes (optional, number) specifies how large the file is"; "duration_in_seconds (optional, number) specifies how long it takes to listen to or watch"',
    explains: (d) => {
      const [want, got] = [d.expected, d.got] as { url: string; length: string }[][];
      return want!.length === got!.length && want!.every((e, i) => e.url === got![i]!.url && e.length !== got![i]!.length);
    },
  },
  {
    key: 'gofeed-json-content-text-as-html',
    reader: 'gofeed',
    version: '1.1.3',
    formats: ['json'],
    field: 'content',
    does: 'puts `content_text` in `Content`, which holds HTML when it comes from `content_html`: an app shows text that looks like markup as markup',
    spec: 'JSON Feed 1.1: "content_text (optional, string) is the plain text of the item."',
    explains: (d) => d.got === asHtml(d.expected),
  },
  {
    key: 'newsboat-text-summary-as-html',
    reader: 'newsboat',
    version: '2.21',
    formats: ['atom'],
    field: 'content',
    does: 'shows an Atom summary of type "text" as HTML',
    spec: RFC4287_TEXT,
    explains: (d) => d.got === asHtml(d.expected),
  },
  {
    key: 'ruby-feedparser-text-as-html',
    reader: 'ruby-feedparser',
    version: '0.11',
    formats: ['rss', 'atom'],
    field: 'title',
    does: 'renders titles as HTML: `<angle brackets>` vanish, `<b>` turns into `*`',
    spec: `${RFC4287_TEXT} RSS 2.0 allows HTML in description only (the RSS Advisory Board: "Titles, however, should not contain HTML. The spec doesn't allow for it.")`,
    explains: (d) => fold(String(d.got).replace(/\*/g, '')) === asHtml(d.expected),
  },
  {
    key: 'ruby-feedparser-text-summary-as-html',
    reader: 'ruby-feedparser',
    version: '0.11',
    formats: ['atom'],
    field: 'content',
    does: 'shows an Atom summary of type "text" as HTML (its one text, when an entry has no content)',
    spec: RFC4287_TEXT,
    explains: (d) => d.got === asHtml(d.expected),
  },
  {
    key: 'ruby-feedparser-updated-as-published',
    reader: 'ruby-feedparser',
    version: '0.11',
    formats: ['atom'],
    field: 'published',
    does: 'keeps one date, `atom:updated` before `atom:published`',
    spec: RFC4287_PUBLISHED,
    explains: (d) => d.got === d.meant?.updated,
  },
  {
    key: 'feed-extractor-updated-as-published',
    reader: 'feed-extractor',
    version: '8.0',
    formats: ['atom'],
    field: 'published',
    does: 'gives `atom:updated` as the publication date when there is one',
    spec: RFC4287_PUBLISHED,
    explains: (d) => d.got === d.meant?.updated,
  },
  {
    key: 'feed-extractor-text-as-html',
    reader: 'feed-extractor',
    version: '8.0',
    formats: ['rss', 'atom'],
    field: 'summary',
    does: 'takes out of plain text what looks like a tag, and `]]>`',
    spec: 'RSS 2.0 description: "entity-encoded HTML is allowed": its text, decoded once, is HTML. ' + RFC4287_TEXT,
    explains: (d) => d.got === fold(asHtml(d.expected)?.replaceAll(']]>', '')),
  },
  {
    key: 'feed-extractor-empty-summary-from-body',
    reader: 'feed-extractor',
    version: '8.0',
    formats: ['rss', 'atom'],
    field: 'summary',
    does: 'gives the body\'s text as the summary of an item whose summary is empty',
    spec: 'RSS 2.0: description is "The item synopsis."; RFC 4287 §4.2.13: "The "atom:summary" element is a Text construct that conveys a short summary, abstract, or excerpt of an entry."',
    explains: (d) => d.expected === null && d.got !== null && d.got === d.meant?.content,
  },
  {
    key: 'feed-extractor-content-text-as-html',
    reader: 'feed-extractor',
    version: '8.0',
    formats: ['json'],
    field: 'content',
    does: 'takes out of `content_text` what looks like a tag',
    spec: 'JSON Feed 1.1: "content_text (optional, string) is the plain text of the item."',
    explains: (d) => d.got === asHtml(d.expected),
  },
];

export function explain(d: Disagreement): string | undefined {
  return BUGS.find((b) => b.reader === d.reader && d.version.startsWith(b.version) && b.formats.includes(d.format) && b.field === d.field && b.explains(d))?.key;
}

/** The table as docs/readers.md has it. */
export function bugTable(): string {
  const rows = BUGS.map((b) => `| ${b.key} | ${b.reader} ${b.version} | ${b.formats.join(', ')} | ${b.field} | ${b.does.replaceAll('|', '\\|')} | ${b.spec.replaceAll('|', '\\|')} |`);
  return ['| bug | reader | formats | field | what the reader does | what the spec says |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}
