/**
 * One feed item to the article that keeps it: frontmatter holding every field the item has that
 * an article can carry, and its content as the body, marked `markup: html` or `markup: text` so
 * the build shows it as the HTML or text it was and never reads it as Markdown. Where the item
 * cannot be kept as it is, the rule taken is said in a note (a warning to the user):
 * - no title: the first words of its text (RSS and JSON Feed items may have none; articles must);
 * - no date: its update date; else the feed's own date; else the time of the import;
 * - several enclosures: the first (an article carries one; RSS items, too);
 * - an enclosure of unknown length (RSS writes 0): no length, so the build warns and RSS leaves
 *   it out (the W3C validator refuses a length of 0); a type that is a known misspelling
 *   (`audio/x-m4a`): the registered type.
 */
import { registeredMime, mimeFromUrl } from '../../article/media.js';
import { cutAtWord, foldWhitespace } from '../../content/summary.js';
import { htmlToText, type FeedDocument, type FeedEnclosure, type FeedEntry, type FeedPerson } from '../../source/read-feed.js';
import { frontmatterDate, readFeedDate } from '../../time/feed-date.js';
import type { ParsedDate } from '../../time/parse-date.js';
import { cleanText } from '../../util/xml-chars.js';
import { isAbsoluteHttpUrl, isEmail } from '../../util/validate.js';
import { absoluteUrls } from './absolute-urls.js';

export interface ImportContext {
  doc: FeedDocument;
  /** Where the feed was read from, when from the web: the base of links the feed leaves relative. */
  feedUrl?: string;
  /** The time of the import: the date of an item that has none, in a feed that has none either. */
  now: number;
}

export interface ImportedArticle {
  entry: FeedEntry;
  id?: string;
  title: string;
  /** The publication date as written in the frontmatter. */
  date: string;
  frontmatter: Record<string, unknown>;
  body: string;
  /** What could not be kept as it was, and the rule taken. */
  notes: string[];
}

// A description longer than this is no summary: the build makes one from the first paragraph.
const SUMMARY_MAX = 2000;

export function articleOf(entry: FeedEntry, ctx: ImportContext): ImportedArticle {
  const notes: string[] = [];
  const content = contentOf(entry, ctx);
  const title = entry.title ?? untitled(entry, content?.text(), notes);
  const { date, updated } = datesOf(entry, ctx, notes);
  const fm: Record<string, unknown> = { title: clean(title) };
  if (entry.id !== undefined) fm.id = cleanText(entry.id);
  fm.date = date;
  if (updated !== undefined) fm.updated = updated;
  const people = entry.authors.flatMap(personOf);
  if (people.length === 1) fm.author = people[0];
  else if (people.length > 1) fm.authors = people;
  const tags = entry.tags.map(clean).filter((t) => t !== '');
  if (tags.length > 0) fm.tags = tags;
  const summary = entry.summary && clean(entry.summary);
  if (summary && summary.length <= SUMMARY_MAX && summary !== content?.text()) fm.summary = summary;
  if (entry.image !== undefined && isAbsoluteHttpUrl(entry.image)) fm.image = entry.image;
  const enclosure = enclosureOf(entry.enclosures, notes);
  if (enclosure) fm.enclosure = enclosure;
  const permalink = entry.link !== undefined && isAbsoluteHttpUrl(entry.link) ? entry.link : undefined;
  if (entry.externalUrl !== undefined && isAbsoluteHttpUrl(entry.externalUrl) && entry.externalUrl !== permalink) fm.link = entry.externalUrl;
  if (permalink) fm.permalink = permalink;
  if (content) fm.markup = content.markup;
  return { entry, id: fm.id as string | undefined, title: fm.title as string, date, frontmatter: fm, body: content?.body ?? '', notes };
}

/** One line of text, without what XML forbids. */
function clean(text: string): string {
  return foldWhitespace(cleanText(text));
}

interface Body {
  markup: 'html' | 'text';
  body: string;
  /** What a reader reads of it: worked out only when asked (a second of a 10 MB item). */
  text(): string;
}

function contentOf(entry: FeedEntry, ctx: ImportContext): Body | undefined {
  const content = entry.content;
  if (content === undefined) return undefined;
  const value = cleanText(content.value);
  if (content.type === 'text') return { markup: 'text', body: value, text: () => foldWhitespace(value) };
  // Relative links are made absolute against what they were relative to in the feed: the article's
  // address may be another, and a reader never sees the xml:base they were written under.
  const base = content.base ?? entry.link ?? ctx.feedUrl ?? ctx.doc.link;
  const body = base === undefined ? value : absoluteUrls(value, base);
  return { markup: 'html', body, text: () => htmlToText(body) };
}

function untitled(entry: FeedEntry, text: string | undefined, notes: string[]): string {
  const words = text ? cutAtWord(text, 60) : '';
  const title = words || lastSegment(entry.link) || `Item ${entry.position}`;
  notes.push(`it has no title; it is titled "${title}" from its ${words ? 'first words' : entry.link ? 'address' : 'place in the feed'} (articles need one)`);
  return title;
}

function lastSegment(url: string | undefined): string | undefined {
  const segment = url?.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop();
  return segment ? decodeURIComponentSafe(segment).replace(/[-_]+/g, ' ').trim() || undefined : undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function datesOf(entry: FeedEntry, ctx: ImportContext, notes: string[]): { date: string; updated?: string } {
  const read = (label: string, text: string | undefined): ParsedDate | undefined => {
    if (text === undefined) return undefined;
    const parsed = readFeedDate(text);
    if (parsed === undefined) notes.push(`its ${label} "${text.trim()}" is not a date I can read`);
    return parsed;
  };
  const published = read('date', entry.published);
  const updated = read('update date', entry.updated);
  let date = published ?? updated;
  if (date === undefined) {
    const feedDate = ctx.doc.date === undefined ? undefined : readFeedDate(ctx.doc.date);
    date = feedDate ?? { instant: ctx.now, offset: 0, precision: 'second', zone: 'UTC' };
    notes.push(`it has no date; it is dated ${frontmatterDate(date)}, ${feedDate ? "the feed's own date" : 'the time of the import'}; write its true "date:" if you know it`);
  }
  if (updated === undefined || updated.instant === date.instant) return { date: frontmatterDate(date) };
  if (updated.instant < date.instant) {
    notes.push(`its update date ${frontmatterDate(updated)} is earlier than its date, and is left out`);
    return { date: frontmatterDate(date) };
  }
  return { date: frontmatterDate(date), updated: frontmatterDate(updated) };
}

/** A person as frontmatter writes one: a name alone, or a mapping with the email and URL it has. */
function personOf(p: FeedPerson): (string | Record<string, string>)[] {
  const email = p.email !== undefined && isEmail(p.email) ? p.email : undefined;
  const url = p.url !== undefined && isAbsoluteHttpUrl(p.url) ? p.url : undefined;
  const name = clean(p.name ?? email ?? (url ? new URL(url).host : ''));
  if (name === '') return [];
  return email === undefined && url === undefined ? [name] : [{ name, ...(email && { email }), ...(url && { url }) }];
}

function enclosureOf(enclosures: FeedEnclosure[], notes: string[]): Record<string, unknown> | undefined {
  const usable = enclosures.filter((e) => isAbsoluteHttpUrl(e.url));
  for (const e of enclosures) if (!usable.includes(e)) notes.push(`its enclosure "${e.url}" is not an http(s) URL, and is left out`);
  const [first, ...others] = usable;
  if (first === undefined) return undefined;
  if (others.length > 0) notes.push(`it has ${usable.length} enclosures; an article carries one, the first (${first.url}); left out: ${others.map((o) => o.url).join(', ')}`);
  const declared = first.type !== undefined && /^[a-z]+\/[a-z0-9.+-]+$/i.test(first.type) ? first.type : undefined;
  const type = declared === undefined ? (mimeFromUrl(first.url) ?? 'application/octet-stream') : registeredMime(declared).type;
  if (declared !== undefined && type !== declared.toLowerCase()) notes.push(`its enclosure's type "${declared}" is written "${type}", the registered type`);
  else if (declared === undefined) notes.push(`its enclosure has ${first.type === undefined ? 'no' : `an invalid (${first.type})`} type; "${type}" is written`);
  const out: Record<string, unknown> = { url: first.url, type };
  if (first.length !== undefined && first.length > 0) out.length = first.length;
  if (first.duration !== undefined) out.duration = first.duration;
  if (first.episode !== undefined) out.episode = first.episode;
  if (first.season !== undefined) out.season = first.season;
  if (first.title !== undefined && clean(first.title) !== '') out.title = clean(first.title);
  return out;
}
