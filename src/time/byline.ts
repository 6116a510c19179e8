/**
 * The byline of an article clipped from a news site: the block of short lines at the top of the
 * body that says who wrote it and when ("Par Le Figaro avec AFP / Publié il y a 4 heures, / Mis à
 * jour il y a 4 heures"), in French, English, German, Spanish, Italian and Portuguese.
 *
 * Where the block is: from the top of the body (after a `# title` that opens it) down to the first
 * line of prose (byline-line.ts says what prose is), a heading after some text, a table, code or
 * HTML, or the sixteenth line. Images and their captions inside it are skipped, not read. Nothing
 * after the block is read, so a date in the lede, a later heading or a caption is never a byline.
 *
 * What it says: the labelled dates (a label alone on its line takes its value from the next line),
 * else the first date standing alone is the publication date; an update printed as a time alone
 * ("mis à jour à 12h03") takes the publication's day; a zone written on one value applies to the
 * others; a time alone on the line after a date completes it. The author is the labelled one, else
 * the text of a link to an author page, else a name glued to a date ("Jean Dupont30/05/2022"),
 * else a newsroom credit alone on its line ("Redacción", "Redazione ANSA"). A page that labels
 * several author lines ("Por Ana Lima" / "Por João Silva") names each.
 */
import { isName } from './byline-author.js';
import { timeAt } from './byline-clock.js';
import { isProse, scanLine, type Item, type Role } from './byline-line.js';
import { AUTHOR_LINE_LABELS, CAPTION_CREDIT, NEWSROOM_WORDS, alternation } from './byline-words.js';
import type { DateSpec } from './date-spec.js';

export interface BylineValue {
  /** As printed (Markdown taken away). */
  text: string;
  /** 1-based line in the file. */
  line: number;
}

export interface BylineDate extends BylineValue {
  spec: DateSpec;
}

export interface Byline {
  published?: BylineDate;
  updated?: BylineDate;
  /** Every labelled author line, in order ("Por Ana Lima" then "Por João Silva"), else the one unlabelled. */
  authors?: BylineValue[];
}

export interface BylineRead {
  byline: Byline;
  /**
   * Where the body goes on after the block (an offset in the body), when the block holds a byline
   * and can be taken out whole: its lines run from the top to the last line of the byline, with no
   * image or caption among them.
   */
  end?: number;
}

const MAX_LINES = 16;
// A byline line is short; a longer one is prose (or hostile input) and is not matched at all.
const MAX_LINE = 300;

const HEADING = /^ {0,3}#{1,6}(?:\s|$)/;
const SETEXT = /^ {0,3}(?:=+|-+)\s*$/;
const NOT_TEXT = /^ {0,3}(?:```|~~~|<|\||\$\$)/;
const IMAGE_ONLY = /^\s*(?:\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?\s*)+$/;
const AUTHOR_PAGE = /\/(?:auteurs?|authors?|journalistes?|profiles?|profil|autor(?:es|en)?|autore|people|redacteurs?|staff)\//i;
const NEWSROOM_LINE = new RegExp(String.raw`^(?:${alternation(NEWSROOM_WORDS)})(?:\s+\p{Lu}[\p{L}.-]*){0,3}$`, 'iu');
const AUTHOR_LINE_LABEL = new RegExp(`^(?:${alternation(AUTHOR_LINE_LABELS)})\\s*:?$`, 'iu');

/** What the block says so far, while its lines are read. */
interface Reading {
  dates: { role?: Role; value: BylineDate; hasTime: boolean }[];
  authors: { value: BylineValue; labelled: boolean }[];
  pending?: Role | 'author';
  /** The end of the last line that belongs to the cut, and whether the cut can still grow. */
  cutEnd?: number;
  frozen: boolean;
  /** The file line of the last line read, which a time alone on the next line completes. */
  previousLine?: number;
  /** How many dates and authors were read before the standfirst, when one was passed over. */
  standfirst?: { dates: number; authors: number };
}

export function readByline(body: string, bodyLine: number): BylineRead {
  const reading: Reading = { dates: [], authors: [], frozen: false };
  const lines = body.slice(0, MAX_LINES * 2 * (MAX_LINE + 1)).split('\n');
  let seen = 0;
  let afterImage = false;
  let titled = false;
  let offset = 0;
  for (let index = 0; index < lines.length && seen < MAX_LINES; offset += lines[index]!.length + 1, index++) {
    const raw = lines[index]!;
    if (raw.trim() === '') continue;
    seen++;
    // The title that opens the body (`# Title`, or `Title` over `===`) is the block's first line; a later heading ends it.
    if (seen === 1 && SETEXT.test(lines[index + 1] ?? '')) {
      offset += raw.length + 1;
      index++;
      titled = true;
      continue;
    }
    if (HEADING.test(raw)) {
      if (seen !== 1) break;
      titled = true;
      continue;
    }
    if (NOT_TEXT.test(raw) || raw.length > MAX_LINE) break;
    if (IMAGE_ONLY.test(raw) || CAPTION_CREDIT.test(raw)) {
      // An image and its caption stay in the body: the block cannot be cut past them.
      reading.frozen = true;
      afterImage = IMAGE_ONLY.test(raw);
      continue;
    }
    const text = plain(raw);
    const items = scanLine(text);
    if (isProse(items)) {
      // A sentence under an image is its caption. Under a title, the first one may be a standfirst
      // with the byline after it ("di Elisa Messina"): passed over once, on conditions (conclude).
      // Anywhere else, it is the start of the article.
      if (!afterImage && (!titled || reading.standfirst)) break;
      if (!afterImage) reading.standfirst = { dates: reading.dates.length, authors: reading.authors.length };
      afterImage = false;
      reading.frozen = true;
      continue;
    }
    afterImage = false;
    if (readLine(reading, raw, text, items, bodyLine + index) && !reading.frozen) reading.cutEnd = Math.min(body.length, offset + raw.length + 1);
    reading.previousLine = bodyLine + index;
  }
  return conclude(reading);
}

/** Takes in one line of the block; true when it holds something of a byline (a date, an author, a label, noise). */
function readLine(reading: Reading, raw: string, text: string, items: Item[], line: number): boolean {
  const pending = reading.pending;
  reading.pending = undefined;
  if (pending === 'author' && isName(text)) return addAuthor(reading, text, line, true);
  if (completesTime(reading, text, line)) return true;
  let held = false;
  const link = authorLink(raw);
  if (link) held = addAuthor(reading, link, line, false);
  if (AUTHOR_LINE_LABEL.test(text)) {
    reading.pending = 'author';
    return true;
  }
  if (NEWSROOM_LINE.test(text)) return addAuthor(reading, text, line, false);
  for (const [i, item] of items.entries()) {
    if (item.kind === 'date') {
      // A label alone on the line before gives this date its role.
      const role = item.role ?? (i === 0 && pending !== 'author' ? pending : undefined);
      reading.dates.push({ role, value: { text: item.text, line, spec: item.spec }, hasTime: item.spec.time !== undefined });
      held = true;
    } else if (item.kind === 'label') {
      reading.pending = item.role;
      held = true;
    } else if (item.kind === 'author') {
      held = addAuthor(reading, item.name, line, true);
    } else if (item.kind === 'noise') {
      held = true;
    } else if (item.glued && items[i + 1]?.kind === 'date' && isName(item.text)) {
      // "Jean Dupont30/05/2022": a name set against its date on the page, glued by the copy.
      held = addAuthor(reading, item.text, line, false);
    }
  }
  return held;
}

function addAuthor(reading: Reading, name: string, line: number, labelled: boolean): true {
  reading.authors.push({ value: { text: name, line }, labelled });
  return true;
}

/** "12 marzo 2026" then "10:15" alone on the next line: the time of that date. */
function completesTime(reading: Reading, text: string, line: number): boolean {
  const last = reading.dates.at(-1);
  if (!last || last.hasTime || !last.value.spec.date || last.value.line !== reading.previousLine) return false;
  const clock = timeAt(text, 0);
  if (!clock || clock.end !== text.length) return false;
  last.value = { ...last.value, text: `${last.value.text} ${text}`, spec: { ...last.value.spec, time: clock.time, zone: last.value.spec.zone ?? clock.zone } };
  last.hasTime = true;
  reading.previousLine = line;
  return true;
}

/** The byline the block's lines make, and where the body goes on after it. */
function conclude(reading: Reading): BylineRead {
  dropUnconfirmed(reading);
  const labelled = (role: Role) => reading.dates.find((d) => d.role === role)?.value;
  const published = labelled('published') ?? reading.dates.find((d) => d.role === undefined)?.value;
  let updated = labelled('updated');
  // "mis à jour à 12h03": the update's day is the publication's, relative when that one is.
  if (updated && published && isTimeOnly(updated.spec) && !isTimeOnly(published.spec)) {
    const { date, daysBack } = published.spec;
    updated = { ...updated, spec: { ...updated.spec, ...(date ? { date } : {}), ...(daysBack !== undefined ? { daysBack } : {}) } };
  }
  const labelledAuthors = reading.authors.filter((a) => a.labelled);
  const authors = (labelledAuthors.length > 0 ? labelledAuthors : reading.authors.slice(0, 1))
    .map((a) => a.value)
    .filter((a, i, all) => all.findIndex((b) => b.text === a.text) === i);
  const byline: Byline = {};
  const values = [published, updated].filter((v): v is BylineDate => v !== undefined);
  // A zone written on one value of the block holds for the values that print none ("4 hours ago" needs none).
  const zoned = values.find((v) => v.spec.zone)?.spec.zone;
  const shared = (v: BylineDate | undefined) => (v && zoned && !v.spec.zone && !v.spec.ago && !v.spec.now ? { ...v, spec: { ...v.spec, zone: zoned } } : v);
  if (published) byline.published = shared(published);
  if (updated) byline.updated = shared(updated);
  if (authors.length > 0) byline.authors = authors;
  const found = values.length > 0 || authors.length > 0;
  return found && reading.cutEnd !== undefined ? { byline, end: reading.cutEnd } : { byline };
}

/**
 * After a standfirst, the lines are a byline only when one of them is labelled ("di", "Publié le",
 * "Updated"): a bare date or name after the first paragraph may be the article's own text.
 */
function dropUnconfirmed(reading: Reading): void {
  const { standfirst } = reading;
  if (!standfirst) return;
  const after = { dates: reading.dates.slice(standfirst.dates), authors: reading.authors.slice(standfirst.authors) };
  if (after.dates.some((d) => d.role !== undefined) || after.authors.some((a) => a.labelled)) return;
  reading.dates.length = standfirst.dates;
  reading.authors.length = standfirst.authors;
}

function isTimeOnly(spec: DateSpec): boolean {
  return spec.time !== undefined && !spec.date && spec.daysBack === undefined && !spec.ago && !spec.now;
}

/** The text of a link to an author's page on the line ("[Jane Doe](https://example.com/author/jane-doe)"). */
function authorLink(raw: string): string | undefined {
  for (const m of raw.matchAll(/\[([^\]]{2,80})\]\(([^)\s]+)[^)]*\)/g)) {
    const name = plain(m[1]!);
    if (AUTHOR_PAGE.test(m[2]!) && isName(name)) return name;
  }
  return undefined;
}

/** A line without its Markdown: quote markers, list bullets, images, links (their text kept), escapes, emphasis, tags. */
export function plain(line: string): string {
  return line
    .normalize('NFC')
    .replace(/[\u00a0\u202f\u2007]/g, ' ')
    .replace(/[’‘]/g, "'")
    .replace(/^\s*(?:>\s?)+/, '')
    .replace(/^\s*[-*+]\s+/, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .replace(/\*+|`+/g, '')
    .replace(/(^|[\s(])_+|_+(?=[\s).,;:!?]|$)/g, '$1')
    .replace(/<[^>]*>/g, '')
    .trim();
}
