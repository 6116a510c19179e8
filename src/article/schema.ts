/**
 * The frontmatter contract, in one place. Each field lists the keys people
 * already write for it in Hugo, Jekyll, Eleventy and Astro; the first key
 * present wins. Unknown keys are ignored; a known key with a wrong type is an
 * error naming that key.
 */
import { z } from 'zod';
import { foldWhitespace } from '../content/summary.js';
import { cleanText } from '../feeds/xml.js';
import { isValidTimeZone } from '../time/zone.js';
import { email, httpUrl, isAbsoluteHttpUrl, language } from '../util/validate.js';

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
  captured: ['captured', 'retrieved'],
} as const;

export type Field = keyof typeof FIELD_KEYS;

const text = z.union([z.string(), z.number().transform(String)], { error: 'must be text' });
// One line of plain text: characters XML forbids removed and whitespace folded before the check,
// so a value made only of control characters counts as empty.
const nonEmpty = text.transform((t) => foldWhitespace(cleanText(t))).pipe(z.string().min(1, 'must hold some text'));
const dateText = z.string({ error: 'must be a date written as text, like 2022-05-30 or 2022-05-30T10:15:00+02:00' });
// A URL in the article may be relative to the article's own page.
const urlRef = z.string().trim().min(1, 'must not be empty');

/**
 * A value written either as one string or as a mapping: the string becomes the
 * mapping's `key`, so a mistake inside the mapping is reported on its own key.
 */
const stringOr = <T extends z.ZodRawShape>(key: keyof T & string, shape: T, expected: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' || typeof v === 'number' ? { [key]: v } : v),
    z.object(shape, { error: (issue) => (issue.code === 'invalid_type' ? `must be ${expected}` : undefined) }),
  );

const person = stringOr('name', { name: nonEmpty, email: email.optional(), url: httpUrl.optional() }, 'a name, or a mapping with name, email and url');

const image = stringOr(
  'src',
  { src: urlRef, alt: text.optional(), caption: text.optional(), credit: text.optional() },
  'an image URL, or a mapping with src, alt, caption and credit',
);

/** "1:02:03", "62:03" or a number of seconds. */
const duration = z.union([
  z.number().nonnegative('must not be negative'),
  z.string().regex(/^(\d+:)?\d{1,2}:\d{2}$|^\d+$/, 'must be a number of seconds or HH:MM:SS'),
]);

const enclosure = stringOr(
  'url',
  {
    url: urlRef,
    type: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'must be a MIME type like audio/mpeg').optional(),
    length: z.number().int('must be a whole number of bytes').positive('must be the file size in bytes').optional(),
    duration: duration.optional(),
    title: text.optional(),
  },
  'a URL, or a mapping with url, type, length and duration',
);

/** One value or a list of them; always a list after parsing. */
const oneOrMany = <T extends z.ZodType>(item: T) => z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(item));

const slug = z.string().refine((s) => /^[^/\\\s?#]+$/.test(s) && s !== '.' && s !== '..', {
  message: 'must be one path segment without slashes, spaces, ? or #',
});

const permalink = z.string().refine((p) => (p.startsWith('/') && !p.split('/').includes('..')) || isAbsoluteHttpUrl(p), {
  message: 'must be a path starting with / (like /blog/hello/) or an absolute URL',
});

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
  id: nonEmpty,
  slug,
  permalink,
  draft: z.boolean({ error: 'must be true or false' }),
  link: httpUrl,
  timezone: z.string().refine(isValidTimeZone, { message: 'must be an IANA time zone name, like Europe/Paris' }),
  captured: dateText,
} satisfies Record<Field, z.ZodType>;

/** One zod object over every accepted key; built from the two tables above. */
export const frontmatterSchema = z.object(
  Object.fromEntries(
    (Object.keys(FIELD_KEYS) as Field[]).flatMap((field) =>
      FIELD_KEYS[field].map((key) => [key, valueSchemas[field].optional().nullable()]),
    ),
  ) as unknown as { [K in Field as (typeof FIELD_KEYS)[K][number]]: z.ZodNullable<z.ZodOptional<(typeof valueSchemas)[K]>> },
);

export type Frontmatter = z.output<typeof frontmatterSchema>;
export type PersonInput = z.output<typeof person>;
export type ImageInput = z.output<typeof image>;
export type EnclosureInput = z.output<typeof enclosure>;
