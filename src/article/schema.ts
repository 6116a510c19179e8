/**
 * The frontmatter contract, in one place. Each field lists the keys people
 * already write for it in Hugo, Jekyll, Eleventy and Astro; the first key
 * present wins. Unknown keys are ignored; a known key with a wrong type is an
 * error naming that key. A site generator's adapter (source/sites/) names its
 * own keys for some fields, and the config's `keys` adds more (keyTable).
 */
import * as v from 'valibot';
import { foldWhitespace } from '../content/summary.js';
import { cleanText } from '../util/xml-chars.js';
import { isValidTimeZone } from '../util/names.js';
import { email, httpUrl, isAbsoluteHttpUrl, language, mapping, oneOf } from '../util/validate.js';
import type { FrontmatterField } from '../config/schema.js';

/** Field name -> the frontmatter keys accepted for it, in order of preference. */
export const FIELD_KEYS = {
  title: ['title'],
  published: ['date', 'published', 'pubDate', 'publishDate'],
  updated: ['updated', 'lastmod', 'modified', 'last_modified_at'],
  authors: ['authors', 'author'],
  tags: ['tags', 'categories', 'keywords'],
  summary: ['summary', 'description', 'excerpt'],
  image: ['image', 'cover'],
  enclosure: ['enclosure', 'audio'],
  lang: ['lang', 'language'],
  id: ['id', 'guid'],
  slug: ['slug'],
  permalink: ['permalink'],
  draft: ['draft'],
  link: ['link', 'canonical'],
  timezone: ['timezone'],
  // Web clippers (Obsidian Web Clipper, MarkDownload) write `created` for when the page was clipped and `source` for its address.
  captured: ['captured', 'retrieved', 'created'],
  via: ['source'],
  // When the page goes out of the feeds (Hugo's expiryDate); none of syndicate's own keys.
  expires: [],
  markup: ['markup'],
} as const satisfies Record<FrontmatterField, readonly string[]>;

export type Field = keyof typeof FIELD_KEYS;

/** The keys read for each field. */
export type KeyTable = Readonly<Record<Field, readonly string[]>>;

/**
 * The keys of each field for a site: the config's own `keys` first, then the generator's keys
 * where it names them (source/sites/), else syndicate's.
 */
export function keyTable(generator: Readonly<Record<string, readonly string[]>> | undefined, configured: Readonly<Partial<Record<Field, readonly string[]>>>): KeyTable {
  const fields = Object.keys(FIELD_KEYS) as Field[];
  return Object.fromEntries(fields.map((f) => [f, [...new Set([...(configured[f] ?? []), ...(generator?.[f] ?? FIELD_KEYS[f])])]])) as unknown as KeyTable;
}

// A number written where text goes (YAML reads `title: 1984` as one) is that text; not an infinite one.
const text = v.union([v.string(), v.pipe(v.number(), v.finite('must be text'), v.transform(String))], 'must be text');
// One line of plain text: characters XML forbids removed and whitespace folded before the check,
// so a value made only of control characters counts as empty.
const nonEmpty = v.pipe(
  text,
  v.transform((t) => foldWhitespace(cleanText(t))),
  v.minLength(1, 'must hold some text'),
);
// An id is kept as written, only trimmed: RSS guids and JSON Feed ids are carried verbatim.
const idText = v.pipe(
  text,
  v.transform((t) => cleanText(t).trim()),
  v.minLength(1, 'must hold some text'),
);
const dateText = v.string('must be a date written as text, like 2022-05-30 or 2022-05-30T10:15:00+02:00');
// A URL in the article may be relative to the article's own page.
const urlRef = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

/**
 * A value written either as one string or as a mapping: the string becomes the
 * mapping's `key`, so a mistake inside the mapping is reported on its own key.
 */
const stringOr = <const E extends v.ObjectEntries>(key: keyof E & string, entries: E, expected: string) =>
  v.pipe(
    v.unknown(),
    v.transform((value) => (typeof value === 'string' || typeof value === 'number' ? { [key]: value } : value)),
    mapping(entries, `must be ${expected}`),
  );

const person = stringOr('name', { name: nonEmpty, email: v.optional(email), url: v.optional(httpUrl) }, 'a name, or a mapping with name, email and url');

const image = stringOr(
  'src',
  { src: urlRef, alt: v.optional(text), caption: v.optional(text), credit: v.optional(text) },
  'an image URL, or a mapping with src, alt, caption and credit',
);

/** "1:02:03", "62:03" or a number of seconds. */
const positiveWhole = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be 1 or more'));

const duration = v.union(
  [
    v.pipe(v.number(), v.finite('must be a number of seconds or HH:MM:SS'), v.minValue(0, 'must not be negative')),
    v.pipe(v.string(), v.regex(/^(\d+:)?\d{1,2}:\d{2}$|^\d+$/, 'must be a number of seconds or HH:MM:SS')),
  ],
  'must be a number of seconds or HH:MM:SS',
);

const enclosure = stringOr(
  'url',
  {
    url: urlRef,
    type: v.optional(v.pipe(v.string(), v.regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'must be a MIME type like audio/mpeg'))),
    length: v.optional(v.pipe(v.number(), v.integer('must be a whole number of bytes'), v.gtValue(0, 'must be the file size in bytes'))),
    duration: v.optional(duration),
    title: v.optional(text),
    // A podcast's episode and season numbers (<itunes:episode>, <itunes:season>): a serial show needs the episode.
    episode: v.optional(positiveWhole),
    season: v.optional(positiveWhole),
  },
  'a URL, or a mapping with url, type, length, duration, episode and season',
);

/**
 * A clipper's `source`: the page's address. Other sites write `source:` for other things (a
 * credit, a name), so a value that is not an http(s) URL is passed over as an unknown key is.
 */
const clippedFrom = v.pipe(
  v.unknown(),
  v.transform((value) => (typeof value === 'string' && isAbsoluteHttpUrl(value.trim()) ? value.trim() : undefined)),
);

/** One value or a list of them; always a list after parsing. */
const oneOrMany = <T extends v.GenericSchema>(item: T) =>
  v.pipe(
    v.unknown(),
    v.transform((value) => (Array.isArray(value) ? value : [value])),
    v.array(item),
  );

const slug = v.pipe(
  v.string(),
  v.check((s) => /^[^/\\\s?#]+$/.test(s) && s !== '.' && s !== '..', 'must be one path segment without slashes, spaces, ? or #'),
);

const permalink = v.pipe(
  v.string(),
  v.check((p) => (p.startsWith('/') && !p.split('/').includes('..')) || isAbsoluteHttpUrl(p), 'must be a path starting with / (like /blog/hello/) or an absolute URL'),
);

const valueSchemas = {
  title: nonEmpty,
  published: dateText,
  updated: dateText,
  authors: oneOrMany(person),
  tags: oneOrMany(nonEmpty),
  summary: text,
  image,
  enclosure,
  lang: language,
  id: idText,
  slug,
  permalink,
  draft: v.boolean('must be true or false'),
  link: httpUrl,
  timezone: v.pipe(v.string(), v.check(isValidTimeZone, 'must be an IANA time zone name, like Europe/Paris')),
  captured: dateText,
  expires: dateText,
  via: clippedFrom,
  // What the body is written in (Hugo's key): an imported feed's HTML or text is never read as Markdown.
  // Hugo's own names for its Markdown and HTML formats (md, goldmark, htm) are read as theirs.
  markup: v.union(
    [
      oneOf(['markdown', 'html', 'text'] as const),
      v.pipe(oneOf(['md', 'goldmark'] as const), v.transform(() => 'markdown' as const)),
      v.pipe(v.literal('htm'), v.transform(() => 'html' as const)),
    ],
    'must be one of "markdown", "html", "text" (or Hugo\'s "md", "goldmark", "htm")',
  ),
} satisfies Record<Field, v.GenericSchema>;

const schemas = new Map<string, v.GenericSchema<unknown, Record<string, unknown>>>();

/**
 * One object schema over every accepted key of `keys`, built from it and the value schemas
 * above (one per key table, kept). A key named for two fields is checked by the first.
 */
export function frontmatterSchema(keys: KeyTable = FIELD_KEYS, site = false): v.GenericSchema<unknown, Record<string, unknown>> {
  const id = JSON.stringify([keys, site]);
  let schema = schemas.get(id);
  if (schema === undefined) {
    const entries = new Map<string, v.GenericSchema>();
    // A site generator makes its URLs from a slug with its own slug rules: any text is one.
    const values = site ? { ...valueSchemas, slug: nonEmpty } : valueSchemas;
    for (const field of Object.keys(keys) as Field[]) for (const key of keys[field]) if (!entries.has(key)) entries.set(key, v.nullish(values[field]));
    schema = v.object(Object.fromEntries(entries)) as unknown as v.GenericSchema<unknown, Record<string, unknown>>;
    schemas.set(id, schema);
  }
  return schema;
}

export type Frontmatter = Record<string, unknown>;
export type PersonInput = v.InferOutput<typeof person>;
export type ImageInput = v.InferOutput<typeof image>;
export type EnclosureInput = v.InferOutput<typeof enclosure>;
