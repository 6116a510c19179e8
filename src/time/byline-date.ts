/**
 * The date grammar of bylines: what a date printed at a position of a line says, as a DateSpec
 * (date-spec.ts), and where it ends. Read in the six languages of byline-words.ts:
 * - day, month name, year ("30 mai 2022", "12. März 2026", "12 de marzo de 2026", "12.mar.2026"),
 *   month name, day, year ("May 30, 2022", "Sept. 14, 2025"), numbers ("30/05/2022", "30.05.22",
 *   day first unless the site is American: see SpecContext.monthFirst), each after an optional
 *   weekday and a French "le", and followed by an optional time (byline-clock.ts) after "à", "at",
 *   "a las", "alle", "às", "um", a comma, a dash, a "|" or a "·";
 * - a time before its date ("10:15 BST, 30 May 2022", "07h30, le 9 mars 2026");
 * - relative forms: "4 hours ago", "il y a 4 heures", "vor 3 Stunden", "hace 2 horas", "2 ore fa",
 *   "há 3 horas", "just now", "yesterday at 4:17 pm", "hier à 10h15", "gestern, 10:15 Uhr";
 * - spans the copy glued: the first four digits after a day and month are the year, so
 *   "30 mai 202210h15" is 30 May 2022 at 10:15 and "12 Mar 202612 Mar 2026" two dates.
 * A time alone is a date only where a label asks for one ("Updated at 11.02 GMT").
 */
import { timeAt, type ClockTime } from './byline-clock.js';
import { COUNT_WORDS, DAY_WORDS, MONTHS, NOW_WORDS, TIME_LINKS, UNITS, WEEKDAYS, alternation } from './byline-words.js';
import type { DateSpec } from './date-spec.js';

export interface DateRead {
  spec: DateSpec;
  end: number;
}

const NOT_LETTER = String.raw`(?![\p{L}])`;
const MONTH = String.raw`(${alternation(Object.keys(MONTHS))})\.?${NOT_LETTER}`;
const WEEKDAY = String.raw`(?:(?:${alternation(WEEKDAYS)})\.?${NOT_LETTER},?\s+)?`;
const ORDINAL = String.raw`(?:er|re|e|st|nd|rd|th|º|ª)?`;
const LE = String.raw`(?:(?:le|the)\s+)?`;
const YEAR = String.raw`(\d{4})`;

const DAY_MONTH_YEAR = new RegExp(String.raw`${WEEKDAY}${LE}(\d{1,2})${ORDINAL}\.?\s*(?:(?:de|of)\s+)?${MONTH}[\s.,]*(?:de\s+)?${YEAR}`, 'iuy');
const MONTH_DAY_YEAR = new RegExp(String.raw`${WEEKDAY}${MONTH}\s*(\d{1,2})${ORDINAL}(?:,\s*|\s+)${YEAR}`, 'iuy');
const NUMBERS = new RegExp(String.raw`${WEEKDAY}${LE}(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2}(?!\d))`, 'iuy');
// "2024-12-04T19:01:55+00:00", as a page's metadata prints it: the time and its offset are read with the date.
const ISO = /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s?(Z|[+-]\d{2}:?\d{2})?)?(?!\d)/y;

const COUNT = String.raw`(\d{1,3}|${alternation(Object.keys(COUNT_WORDS))})`;
const UNIT = String.raw`(${alternation(Object.keys(UNITS))})\.?${NOT_LETTER}`;
const AGO_FORMS = [
  String.raw`(?:about\s+|~\s*)?${COUNT}\s*${UNIT}\s+ago`,
  String.raw`il\s+y\s+a\s+(?:environ\s+|plus\s+de\s+|moins\s+de\s+|près\s+de\s+)?${COUNT}\s*${UNIT}`,
  String.raw`vor\s+(?:etwa\s+|rund\s+|über\s+)?${COUNT}\s*${UNIT}`,
  String.raw`hace\s+(?:unos\s+|unas\s+|más\s+de\s+)?${COUNT}\s*${UNIT}`,
  String.raw`${COUNT}\s*${UNIT}\s+fa`,
  String.raw`há\s+(?:cerca\s+de\s+|mais\s+de\s+)?${COUNT}\s*${UNIT}`,
].map((form) => new RegExp(`${form}${NOT_LETTER}`, 'iuy'));
const NOW = new RegExp(`(?:${alternation(NOW_WORDS)})${NOT_LETTER}`, 'iuy');
const DAY_WORD = new RegExp(`(${alternation(Object.keys(DAY_WORDS))})${NOT_LETTER}`, 'iuy');

// Between a date and its time: "à", "at", "a las", "alle", "às", "um", "ore", a comma, a dash, "|", "·", "•", "/" or "//".
const TIME_LINK = new RegExp(String.raw`\s*(?:(?:[,|·•\-–—]|\/{1,2})\s*)?(?:(?:${alternation(TIME_LINKS)})\s+)?`, 'iuy');
// Between a time and the date after it: a comma or spaces, and a French "le".
const DATE_AFTER_TIME = /\s*(?:,\s*|\s)(?:le\s+)?/iy;

// Every form above opens with a digit, a sign, or one of these words: a weekday, a month, "le" or
// "the", a count, the first word of a relative form, of a "now" or of a day word. A line of prose
// opens with none, and is passed over without the patterns, whose first use compiles them (about
// 25 ms: the whole cost of bylines for a rebuild that reads one article). Only a count may be glued
// to the word after it ("\s*" before its unit), so counts open a word, the others are whole words.
const openingWord = (w: string) => /^\p{L}*/u.exec(w.toLowerCase())![0];
const OPENING_WORDS = new Set(
  [...WEEKDAYS, ...Object.keys(MONTHS), 'le', 'the', 'about', 'il', 'vor', 'hace', 'há', ...NOW_WORDS, ...Object.keys(DAY_WORDS)].map(openingWord),
);
const COUNT_OPENINGS = Object.keys(COUNT_WORDS).map(openingWord);
const LETTERS = /\p{L}+/uy;

/** Whether a date may be printed at `pos`: false only for a word no date form opens with. */
function mayOpenDate(text: string, pos: number): boolean {
  LETTERS.lastIndex = pos;
  const word = LETTERS.exec(text)?.[0].toLowerCase();
  return word === undefined || OPENING_WORDS.has(word) || COUNT_OPENINGS.some((count) => word.startsWith(count));
}

/** The date (and time) printed at `pos`; `bareTime` lets a time alone count (after a label). */
export function dateAt(text: string, pos: number, { bareTime = false } = {}): DateRead | undefined {
  if (!mayOpenDate(text, pos)) return undefined;
  const relative = relativeAt(text, pos);
  if (relative) return relative;
  const date = calendarAt(text, pos);
  if (date) return withTime(text, date);
  const clock = timeAt(text, pos);
  if (!clock) return undefined;
  DATE_AFTER_TIME.lastIndex = clock.end;
  const after = DATE_AFTER_TIME.exec(text) ? calendarAt(text, DATE_AFTER_TIME.lastIndex) : calendarAt(text, clock.end);
  if (after) return { spec: { date: after.spec.date, time: clock.time, zone: clock.zone }, end: after.end };
  return bareTime ? { spec: { time: clock.time, zone: clock.zone }, end: clock.end } : undefined;
}

/** The time printed after a time link, completing `date`; the date alone when none follows. */
function withTime(text: string, date: DateRead): DateRead {
  TIME_LINK.lastIndex = date.end;
  const linked = TIME_LINK.exec(text);
  const clock = linked ? timeAt(text, TIME_LINK.lastIndex) : undefined;
  if (!clock) return date;
  return { spec: { ...date.spec, time: clock.time, zone: clock.zone }, end: clock.end };
}

/** A calendar date at `pos`, without its time. */
function calendarAt(text: string, pos: number): DateRead | undefined {
  return numbersAt(text, pos) ?? namedAt(text, pos, DAY_MONTH_YEAR, 'day-first') ?? namedAt(text, pos, MONTH_DAY_YEAR, 'month-first') ?? isoAt(text, pos);
}

function namedAt(text: string, pos: number, pattern: RegExp, order: 'day-first' | 'month-first'): DateRead | undefined {
  pattern.lastIndex = pos;
  const m = pattern.exec(text);
  if (!m) return undefined;
  const [day, month] = order === 'day-first' ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
  return dated(text, pattern.lastIndex, Number(m[3]), MONTHS[month.toLowerCase()]!, Number(day));
}

function numbersAt(text: string, pos: number): DateRead | undefined {
  NUMBERS.lastIndex = pos;
  const m = NUMBERS.exec(text);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[3])];
  const year = m[4]!.length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
  // Day first (30/05/2022); month first when the second number cannot be a month (05/30/2022).
  const [day, month] = b > 12 && a <= 12 ? [b, a] : [a, b];
  const read = dated(text, NUMBERS.lastIndex, year, month, day);
  if (read && a <= 12 && b <= 12 && a !== b) read.spec.date!.swappable = true;
  return read;
}

function isoAt(text: string, pos: number): DateRead | undefined {
  ISO.lastIndex = pos;
  const m = ISO.exec(text);
  const read = m ? dated(text, ISO.lastIndex, Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  if (!read || m![4] === undefined || Number(m![4]) > 23 || Number(m![5]) > 59 || Number(m![6] ?? 0) > 59) return read;
  const time = m![6] === undefined ? { hour: Number(m![4]), minute: Number(m![5]) } : { hour: Number(m![4]), minute: Number(m![5]), second: Number(m![6]) };
  const offset = m![7] && (m![7] === 'Z' ? 0 : (m![7][0] === '-' ? -1 : 1) * (Number(m![7].slice(1, 3)) * 60 + Number(m![7].slice(-2))));
  return { spec: { ...read.spec, time, ...(offset === undefined || offset === '' ? {} : { zone: { offset } }) }, end: read.end };
}

/** A date that exists, ending at `end`: a year may run into its time or into another date, nothing else. */
function dated(text: string, end: number, year: number, month: number, day: number): DateRead | undefined {
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  if (/\d/.test(text[end] ?? '') && !timeAt(text, end) && !calendarAt(text, end)) return undefined;
  return { spec: { date: { year, month, day } }, end };
}

/** "4 hours ago" and its translations, "just now", "yesterday at 4:17 pm". */
function relativeAt(text: string, pos: number): DateRead | undefined {
  for (const form of AGO_FORMS) {
    form.lastIndex = pos;
    const m = form.exec(text);
    if (!m) continue;
    const count = /^\d/.test(m[1]!) ? Number(m[1]) : COUNT_WORDS[m[1]!.toLowerCase()]!;
    return { spec: { ago: { count, unit: UNITS[m[2]!.toLowerCase()]! } }, end: form.lastIndex };
  }
  NOW.lastIndex = pos;
  if (NOW.exec(text)) return { spec: { now: true }, end: NOW.lastIndex };
  DAY_WORD.lastIndex = pos;
  const m = DAY_WORD.exec(text);
  if (!m) return undefined;
  const daysBack = DAY_WORDS[m[1]!.toLowerCase().replace('’', "'")]!;
  const day: DateRead = { spec: { daysBack }, end: DAY_WORD.lastIndex };
  return withTime(text, day);
}

export type { ClockTime };
