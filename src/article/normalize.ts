/**
 * Draft (raw frontmatter + body) to Article: validates the frontmatter
 * against the one schema, picks the first key present for each field, and
 * takes the title from the `# heading` that opens the body when the
 * frontmatter has none (a heading further down is a section, not a title).
 * The byline block at the top of the body (time/byline.ts) gives dates and an
 * author; in a clipping (no frontmatter) it is metadata, so the body starts
 * after it.
 */
import * as v from 'valibot';
import type { Person } from '../config/schema.js';
import { openingHeading } from '../content/markdown.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import type { SourceFile, SourceText } from '../source/discover.js';
import type { Draft } from '../source/frontmatter.js';
import { cleanText } from '../util/xml-chars.js';
import { foldWhitespace } from '../content/summary.js';
import type { DateInput } from '../time/resolve.js';
import type { Article, EnclosureRef, ImageRef, Markup } from './article.js';
import { readByline, type BylineRead } from '../time/byline.js';
import { clippedName, clipperDate } from './clipper.js';
import { describeIssue, pathOf } from '../util/validate.js';
import { mimeFromUrl, registeredMime } from './media.js';
import { frontmatterSchema, type EnclosureInput, type Field, type Frontmatter, type ImageInput, type KeyTable, type PersonInput } from './schema.js';
import { PLAIN_RULES, rubyDate, siteData, type ReadRules } from './read-rules.js';
import { isPlainTimestamp, readSiteBody } from './site-body.js';

export function normalize(draft: Draft, rules: ReadRules = PLAIN_RULES): { article?: Article; diagnostics: Diagnostic[] } {
  const file = draft.source.displayPath;
  const site = siteData(draft.data, rules, draft.source.relPath, draft.lineOf, file);
  // A page the site's generator publishes as no post is no article: nothing to say about it.
  if (site.unpublished?.kind === 'page') return { diagnostics: [] };
  const problem = (issue: v.BaseIssue<unknown>, data: Record<string, unknown>) => {
    const path = writtenPath(data, pathOf(issue));
    return { path, at: draft.lineOf(path), message: describeIssue(issue, path) };
  };
  const result = rules.ssg === undefined ? v.safeParse(frontmatterSchema(rules.keys), site.data) : tolerantParse(site, rules, problem, file);
  if (!result.success) {
    return {
      diagnostics: [...site.diagnostics, ...result.issues.map((issue) => ((p) => error(file, 'frontmatter-type', p.message, p.at))(problem(issue, site.data)))],
    };
  }
  const pick = picker(result.output, rules.keys);
  const dateInput = (field: 'published' | 'updated' | 'captured' | 'expires'): DateInput | undefined => {
    const found = pick(field);
    if (!found) return undefined;
    const line = draft.lineOf([found.key]);
    // Ruby's YAML reads an unquoted timestamp without offset as UTC (Jekyll: plainDatesInUtc).
    const inUtc = rules.plainDatesInUtc && isPlainTimestamp(draft.source.text, line, found.key);
    const ruby = rules.rubyDates && typeof found.value === 'string' ? rubyDate(found.value) : undefined;
    if (ruby) diagnostics.push(warning(file, 'date-ruby', `${found.key}: "${found.value as string}" is read as Jekyll (Ruby's Time.parse) reads it, passing over "${ruby.passedOver}": "${ruby.date}" (write that)`, line));
    const value = field === 'captured' ? clipperDate(found.value as string) : (ruby?.date ?? (found.value as string));
    return { key: found.key, value, line, ...(inUtc && { zone: 'UTC' }) };
  };
  const diagnostics: Diagnostic[] = [...site.diagnostics];
  // A body that is not Markdown (markup: html or text) holds no byline and no `# heading` title.
  const markup = (pick('markup')?.value as Markup | undefined) ?? 'markdown';
  const title = titleOf(draft, pick('title')?.value as string | undefined, markup);
  if (title === undefined) {
    diagnostics.push(error(file, 'no-title', 'the article has no title; add "title:" to the frontmatter or start the body with a "# Heading" line', draft.bodyLine));
    return { diagnostics };
  }
  const enclosure = enclosureOf(draft, pick('enclosure'), diagnostics);
  const authors = pick('authors')?.value as PersonInput[] | undefined;
  const tags = pick('tags')?.value as string[] | undefined;
  const summary = pick('summary')?.value as string | undefined;
  const image = pick('image')?.value as ImageInput | undefined;
  const { byline, end }: BylineRead = markup === 'markdown' ? readByline(draft.body, draft.bodyLine) : { byline: {} };
  const via = pick('via')?.value as string | undefined;
  const writtenAuthors = (authors ?? []).map((a) => toPerson({ ...a, name: clippedName(a.name, via !== undefined) }));
  // A clipping's byline block is metadata: its body starts after the block, title heading included.
  const clipping = draft.bodyStart === 0;
  const cut = clipping ? (end ?? 0) : 0;
  const article: Article = {
    // The text is not kept: the body is all that is read from it again.
    source: withoutText(draft.source),
    title: title.text,
    // A clipped article's "Par Le Figaro avec AFP" line names its author when the frontmatter does not.
    authors: writtenAuthors.length > 0 || !byline.authors ? writtenAuthors : byline.authors.map((a) => ({ name: singleLine(a.text) })),
    tags: dedupe((tags ?? []).map(singleLine).filter((t) => t !== '')),
    summary: summary === undefined ? undefined : foldWhitespace(cleanText(summary)) || undefined,
    image: image === undefined ? undefined : toImage(image),
    enclosure,
    lang: pick('lang')?.value as string | undefined,
    id: pick('id')?.value as string | undefined,
    slug: pick('slug')?.value as string | undefined,
    permalink: pick('permalink')?.value as string | undefined,
    // A page its site generator does not publish is out of every feed, as a draft is.
    draft: site.unpublished?.kind === 'draft' || ((pick('draft')?.value as boolean | undefined) ?? false),
    link: pick('link')?.value as string | undefined,
    via,
    bodyStart: draft.bodyStart + cut,
    markup,
    titleFromHeading: title.fromHeading && cut === 0,
    clipping,
    dates: { published: dateInput('published'), updated: dateInput('updated') },
    timezone: pick('timezone')?.value as string | undefined,
    captured: dateInput('captured'),
    ...(pick('expires') && { expires: dateInput('expires') }),
    byline,
    ...(site.facts && { site: site.facts }),
  };
  readSiteBody(draft, rules, article, diagnostics);
  return { article, diagnostics };
}

type Found = { key: string; value: unknown };

/**
 * The frontmatter of a site generator's page, validated: a key of the wrong type is read as
 * absent, with a warning (the generator publishes the page all the same, and so do its feeds).
 */
function tolerantParse(
  site: { data: Record<string, unknown>; diagnostics: Diagnostic[] },
  rules: ReadRules,
  problem: (issue: v.BaseIssue<unknown>, data: Record<string, unknown>) => { path: PropertyKey[]; at?: number; message: string },
  file: string,
): v.SafeParseResult<v.GenericSchema<unknown, Record<string, unknown>>> {
  const schema = frontmatterSchema(rules.keys, true);
  let result = v.safeParse(schema, site.data);
  for (let round = 0; !result.success && round < 16; round++) {
    const data = { ...site.data };
    for (const issue of result.issues) {
      const p = problem(issue, site.data);
      site.diagnostics.push(warning(file, 'frontmatter-type', `${p.message}; it is left out, as if not written`, p.at));
      delete data[String(p.path[0])];
    }
    site.data = data;
    result = v.safeParse(schema, data);
  }
  return result;
}


/** The first key present of each field, with its value. */
function picker(fm: Frontmatter, keys: KeyTable): (field: Field) => Found | undefined {
  return (field) => {
    for (const key of keys[field]) {
      const value = fm[key];
      if (value !== undefined && value !== null) return { key, value };
    }
    return undefined;
  };
}

/** The title: as written, else the `# heading` that opens a Markdown body; undefined when there is none. */
function titleOf(draft: Draft, written: string | undefined, markup: Markup): { text: string; fromHeading: boolean } | undefined {
  if (written !== undefined) {
    const text = singleLine(written);
    return text === '' ? undefined : { text, fromHeading: false };
  }
  if (markup !== 'markdown') return undefined;
  const heading = openingHeading(draft.body);
  const text = heading === undefined ? '' : singleLine(heading);
  return text === '' ? undefined : { text, fromHeading: true };
}

/** The enclosure, its MIME type registered (a corrected one with a warning; an unknown one is an error). */
function enclosureOf(draft: Draft, found: Found | undefined, diagnostics: Diagnostic[]): EnclosureRef | undefined {
  if (found === undefined) return undefined;
  const file = draft.source.displayPath;
  const enclosure = toEnclosure(found.value as EnclosureInput, draft.lineOf([found.key]));
  if (enclosure.type && enclosure.declaredType && enclosure.type !== enclosure.declaredType) {
    const message = `${found.key}.type "${enclosure.declaredType}" is not a registered MIME type; "${enclosure.type}" is written instead`;
    diagnostics.push(warning(file, 'mime-corrected', message, draft.lineOf([found.key, 'type'])));
  }
  if (!enclosure.type) diagnostics.push(error(file, 'enclosure-type', `${found.key}: the MIME type of "${enclosure.url}" is unknown; add "type:" (for example audio/mpeg)`, enclosure.line));
  return stripDeclared(enclosure);
}

function withoutText({ text: _text, ...file }: SourceText): SourceFile {
  return file;
}

/** Titles, names and tags are one line of plain text. */
function singleLine(text: string): string {
  return foldWhitespace(cleanText(text));
}

/**
 * The schema turns a lone value into a list and a string into a mapping; an
 * error path is cut back to what the author actually wrote (`tags`, not `tags.0`).
 */
function writtenPath(data: unknown, path: readonly PropertyKey[]): PropertyKey[] {
  const out: PropertyKey[] = [];
  let node = data;
  for (const key of path) {
    // An index the schema added around a lone value: stay on that value.
    if (typeof key === 'number' && !Array.isArray(node)) continue;
    // A key the schema added inside a string: the string is what was written.
    if (node === null || typeof node !== 'object') break;
    out.push(key);
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return out;
}

function dedupe(values: string[]): string[] {
  return [...new Set(values)];
}

// "Jane Doe <jane@example.com>" is the common one-line form; anything else is a name kept as written.
const NAME_WITH_EMAIL = /^(.+?)\s*<([^\s<>@]+@[^\s<>@]+\.[^\s<>@.]+)>$/;

function toPerson(input: PersonInput): Person {
  const m = input.email === undefined ? NAME_WITH_EMAIL.exec(input.name.trim()) : null;
  return m ? { name: singleLine(m[1]!), email: m[2]!, url: input.url } : { name: singleLine(input.name), email: input.email, url: input.url };
}

function toImage(input: ImageInput): ImageRef {
  const opt = (t: string | undefined) => (t === undefined ? undefined : foldWhitespace(cleanText(t)) || undefined);
  return { src: input.src, alt: opt(input.alt), caption: opt(input.caption), credit: opt(input.credit) };
}

type EnclosureDraft = EnclosureRef & { declaredType?: string };

function toEnclosure(input: EnclosureInput, line: number | undefined): EnclosureDraft {
  const declared = input.type;
  return {
    url: input.url,
    type: declared === undefined ? mimeFromUrl(input.url) : registeredMime(declared).type,
    declaredType: declared?.toLowerCase(),
    length: input.length,
    duration: toSeconds(input.duration),
    title: input.title === undefined ? undefined : singleLine(input.title),
    episode: input.episode,
    season: input.season,
    line,
  };
}

function stripDeclared({ declaredType: _, ...enclosure }: EnclosureDraft): EnclosureRef {
  return enclosure;
}

function toSeconds(duration: number | string | undefined): number | undefined {
  if (duration === undefined) return undefined;
  if (typeof duration === 'number') return Math.round(duration);
  return duration.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}
