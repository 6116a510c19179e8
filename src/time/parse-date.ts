/**
 * Parses one written date, in the forms people write in frontmatter and in
 * bylines: ISO 8601 / RFC 3339, RFC 2822, English and French human forms
 * ("May 30, 2022 10:15 am", "lundi 30 mai 2022 à 10h15"), day-first numeric
 * dates ("30/05/2022"), and relative expressions ("4 hours ago", "il y a
 * 4 heures") resolved against an anchor and marked approximate.
 *
 * A value with a UTC offset keeps that offset; a value without one is read as
 * wall-clock time in `zone`; a date alone is midnight there (precision "day"),
 * never the previous day in another zone.
 */
// One module each rather than the date-fns barrel, which costs a quarter second at every start.
import { isExists } from 'date-fns/isExists';
import { midnightBefore, type ParsedDate } from './date-spec.js';
import type { Precision } from './timestamp.js';
import { offsetAt, wallTimeToInstant, type WallTime } from './zone.js';

// One shape for a date as read, by this module and by bylines' DateSpecs (date-spec.ts).
export type { ParsedDate };

export interface ParseOptions {
  /**
   * When the text was written or captured; needed for "4 hours ago". Asked only for a
   * relative expression: finding the anchor costs more than most dates' parsing.
   */
  anchor?: () => number;
}

export const DATE_FORMAT_HINT = 'write it as 2022-05-30, 2022-05-30T10:15, or 2022-05-30T10:15:00+02:00';

type Result = ParsedDate | { error: string };

/** Date fields found in the text, before validation and zone handling. */
interface Fields {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  fraction?: string;
  /** Offset in minutes east, when the text carries one. */
  offset?: number;
  /** The offset as written, for the record ("+02:00", "GMT"). */
  offsetText?: string;
}

export function parseDate(text: string, zone: string, options: ParseOptions = {}): Result {
  const trimmed = text.trim();
  const fields = iso(trimmed) ?? rfc2822(trimmed) ?? human(trimmed) ?? numeric(trimmed);
  if (fields === 'bad-offset') return { error: `"${trimmed}" has a UTC offset out of range (at most ±18:00)` };
  if (fields) return toParsed(trimmed, fields, zone);
  const rel = relative(trimmed, zone, options.anchor);
  if (rel) return rel;
  return { error: `"${trimmed}" is not a date I can read; ${DATE_FORMAT_HINT}` };
}

function toParsed(text: string, f: Fields, zone: string): Result {
  if (!isExists(f.year, f.month - 1, f.day)) {
    return { error: `"${text}" is not a real date (${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)} does not exist)` };
  }
  if ((f.hour ?? 0) > 23 || (f.minute ?? 0) > 59 || (f.second ?? 0) > 59) return { error: `"${text}" is not a real time of day` };
  const wall: WallTime = {
    year: f.year,
    month: f.month,
    day: f.day,
    hour: f.hour ?? 0,
    minute: f.minute ?? 0,
    second: f.second ?? 0,
    millisecond: f.fraction === undefined ? 0 : Math.floor(Number(`0.${f.fraction}`) * 1000),
  };
  const precision: Precision =
    f.hour === undefined ? 'day' : f.second === undefined ? 'minute' : f.fraction === undefined ? 'second' : 'millisecond';
  if (f.offset !== undefined) {
    const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
    return { instant: local - f.offset * 60_000, offset: f.offset, precision, zone: f.offset === 0 ? 'UTC' : f.offsetText ?? formatOffset(f.offset) };
  }
  const { instant, offset } = wallTimeToInstant(wall, zone);
  return { instant, offset, precision, zone };
}

// ---------------------------------------------------------------------------------------------
// Offsets and named zones

const NAMED_ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  cet: 60, cest: 120, wet: 0, west: 60, eet: 120, eest: 180,
};

const OFFSET = `(?:[+-]\\d{2}(?::?\\d{2})?|${Object.keys(NAMED_ZONES).sort((a, b) => b.length - a.length).join('|')})`;

/** Minutes east for "+02:00", "+0200", "-05", "GMT", "EDT"; 'bad-offset' out of range; undefined when not an offset. */
function readOffset(text: string): number | 'bad-offset' | undefined {
  const named = NAMED_ZONES[text.toLowerCase()];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + (m[3] === undefined ? 0 : Number(m[3]));
  if (Number(m[2]) > 18 || Number(m[3] ?? 0) > 59 || minutes > 18 * 60) return 'bad-offset';
  return (m[1] === '-' ? -1 : 1) * minutes;
}

function withOffset(fields: Fields, written: string | undefined): Fields | 'bad-offset' {
  if (written === undefined) return fields;
  // OFFSET only lets through what readOffset knows, so undefined cannot happen here.
  const offset = readOffset(written) ?? 'bad-offset';
  if (offset === 'bad-offset') return offset;
  // Written out rather than spread: copying an object with optional fields left undefined
  // measured most of the time of parsing a date (7 us against 2 us).
  const { year, month, day, hour, minute, second, fraction } = fields;
  return { year, month, day, hour, minute, second, fraction, offset, offsetText: /^[+-]/.test(written) ? formatOffset(offset) : written.toUpperCase() };
}

// ---------------------------------------------------------------------------------------------
// ISO 8601 / RFC 3339 as people write it: "T" or a space between date and time, seconds and
// fractions optional, "Z", "+02:00", "+0200" or "+02", optionally after a space. And YAML
// timestamps as Hugo and Jekyll read them: "2024-05-29 9:00:00 +0000", "2001-12-14 21:59:43.10 -5".

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?[ \t]*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?)?$/i;

function iso(text: string): Fields | 'bad-offset' | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, off] = m;
  // A one-digit hour of offset ("-5") as readOffset reads it ("-05").
  return withOffset({ year: +y!, month: +mo!, day: +d!, hour: num(h), minute: num(mi), second: num(s), fraction: frac }, off?.replace(/^([+-])(\d)(?!\d)/, '$10$2'));
}

// ---------------------------------------------------------------------------------------------
// RFC 2822: "Mon, 30 May 2022 10:15:00 +0200" (weekday and seconds optional).

const MONTHS: Record<string, number> = {};
for (const [n, names] of [
  [1, 'january jan janvier janv'],
  [2, 'february feb février fevrier févr fevr'],
  [3, 'march mar mars'],
  [4, 'april apr avril avr'],
  [5, 'may mai'],
  [6, 'june jun juin'],
  [7, 'july jul juillet juil'],
  [8, 'august aug août aout'],
  [9, 'september sep sept septembre'],
  [10, 'october oct octobre'],
  [11, 'november nov novembre'],
  [12, 'december dec décembre decembre déc'],
] as const) {
  for (const name of names.split(' ')) MONTHS[name] = n;
}
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;

const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mer|jeu|ven|sam|dim';
// ("mar", short for mardi, is left out: it is also March.)

const RFC2822 = new RegExp(`^(?:(?:${WEEKDAYS})\\.?,?\\s+)?(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\s+(\\d{2}):(\\d{2})(?::(\\d{2}))?\\s*(${OFFSET})$`, 'i');

function rfc2822(text: string): Fields | 'bad-offset' | undefined {
  const m = RFC2822.exec(text);
  if (!m) return undefined;
  const [, d, mon, y, h, mi, s, off] = m;
  return withOffset({ year: +y!, month: MONTHS[mon!.toLowerCase()]!, day: +d!, hour: +h!, minute: +mi!, second: num(s) }, off);
}

// ---------------------------------------------------------------------------------------------
// Human forms in English and French. The text is first reduced: weekday names, "the", "le",
// "on", ordinal suffixes ("1st", "1er") and commas are dropped; "à" and "at" join the time.

// 10:15, 10:15:30, 10h15, 10 h 15, 10h, 10 am, 10:15 pm, 10.15 pm
const TIME = String.raw`(\d{1,2})(?:\s?[:h.]\s?(\d{2})(?::(\d{2}))?|\s?h)?\s*(am|pm|a\.m\.?|p\.m\.?)?`;
const AT = String.raw`(?:\s*(?:,|à|a|at|-|–)?\s*${TIME}(?:\s*\(?(${OFFSET})\)?)?)?`;

const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})${AT}$`, 'i');
const MONTH_DAY_YEAR = new RegExp(`^${MONTH}\\s+(\\d{1,2})\\s+(\\d{4})${AT}$`, 'i');

function reduce(text: string): string {
  return text
    .normalize('NFC')
    .replace(new RegExp(`^(?:(?:on|the|le|du)\\s+)*(?:(?:${WEEKDAYS})\\.?,?\\s+)?(?:(?:the|le)\\s+)?`, 'i'), '')
    .replace(/\b(\d{1,2})(?:st|nd|rd|th|er|re|e)\b/gi, '$1')
    .replace(/^(\d{1,2})\s+of\s+/i, '$1 ')
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function human(text: string): Fields | 'bad-offset' | undefined {
  const reduced = reduce(text);
  let m = DAY_MONTH_YEAR.exec(reduced);
  let day: string | undefined, mon: string | undefined, year: string | undefined, rest: (string | undefined)[];
  if (m) [, day, mon, year, ...rest] = m;
  else if ((m = MONTH_DAY_YEAR.exec(reduced))) [, mon, day, year, ...rest] = m;
  else return undefined;
  return timeFields({ year: +year!, month: MONTHS[mon!.toLowerCase()]!, day: +day! }, rest);
}

/** Adds "10:15 pm"-style time groups [hour, minute, second, meridiem, offset] to a date. */
function timeFields(date: Fields, [h, mi, s, meridiem, off]: (string | undefined)[]): Fields | 'bad-offset' {
  if (h === undefined) return withOffset(date, off);
  let hour = +h;
  if (meridiem) {
    if (hour < 1 || hour > 12) hour = 99; // "13 pm" is no time of day
    else hour = (hour % 12) + (/^p/i.test(meridiem) ? 12 : 0);
  }
  return withOffset({ year: date.year, month: date.month, day: date.day, hour, minute: mi === undefined ? 0 : +mi, second: num(s) }, off);
}

// ---------------------------------------------------------------------------------------------
// Numeric dates, day first as in French and British usage: 30/05/2022, 30.05.2022, 30-05-2022.
// When the second number cannot be a month (05/30/2022), the date is read month first.

const NUMERIC = new RegExp(`^(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4})${AT}$`, 'i');

function numeric(text: string): Fields | 'bad-offset' | undefined {
  const m = NUMERIC.exec(reduce(text));
  if (!m) return undefined;
  const [, a, , b, y, ...rest] = m;
  const [day, month] = +b! > 12 && +a! <= 12 ? [+b!, +a!] : [+a!, +b!];
  return timeFields({ year: +y!, month, day }, rest);
}

// ---------------------------------------------------------------------------------------------
// Relative expressions, against an anchor: "4 hours ago", "il y a 4 heures", "yesterday at 10:15",
// "hier à 10h15", "just now", "à l'instant".

const UNITS: Record<string, { ms?: number; months?: number; precision: Precision }> = {};
for (const [names, unit] of [
  ['second seconds sec secs seconde secondes s', { ms: 1000, precision: 'second' }],
  ['minute minutes min mins mn', { ms: 60_000, precision: 'minute' }],
  ['hour hours hr hrs heure heures h', { ms: 3_600_000, precision: 'minute' }],
  ['day days jour jours', { ms: 86_400_000, precision: 'day' }],
  ['week weeks semaine semaines', { ms: 7 * 86_400_000, precision: 'day' }],
  ['month months mois', { months: 1, precision: 'day' }],
  ['year years an ans année années annee annees', { months: 12, precision: 'day' }],
] as const) {
  for (const name of names.split(' ')) UNITS[name] = unit;
}
const UNIT = `(${Object.keys(UNITS).sort((a, b) => b.length - a.length).join('|')})`;
const COUNT = String.raw`(\d+|an?|one|une?)`;
const AGO = new RegExp(`^(?:about |environ |~)?${COUNT}\\s*${UNIT}\\.?\\s+ago$`, 'i');
const IL_Y_A = new RegExp(`^il y a (?:environ |plus de |moins de )?${COUNT}\\s*${UNIT}\\.?$`, 'i');
const DAY_WORD = new RegExp(`^(yesterday|today|hier|aujourd'hui|aujourd’hui)${AT}$`, 'i');

function relative(text: string, zone: string, anchorOf: ParseOptions['anchor']): Result | undefined {
  const lower = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const ago = AGO.exec(lower) ?? IL_Y_A.exec(lower);
  const now = /^(just now|à l'instant|à l’instant|a l'instant)$/.test(lower);
  const dayWord = DAY_WORD.exec(lower);
  if (!ago && !now && !dayWord) return undefined;
  const anchor = anchorOf?.();
  if (anchor === undefined) return { error: `"${text.trim()}" is relative and there is nothing to count from; add "captured:" with the time the text was taken` };

  if (now) return approximate(anchor, 'minute', zone);
  if (ago) {
    const count = /^\d+$/.test(ago[1]!) ? Number(ago[1]) : 1;
    const unit = UNITS[ago[2]!]!;
    // Days and longer count calendar days back to midnight, as a byline's do (date-spec.ts).
    if (unit.precision === 'day') return { ...midnightBefore(anchor, zone, unit.ms === undefined ? { months: count * unit.months! } : { days: (count * unit.ms) / 86_400_000 }), approximate: true };
    return approximate(anchor - count * unit.ms!, unit.precision, zone);
  }
  // "yesterday at 10:15": the anchor's calendar day in the zone, minus one for yesterday.
  const [, word, ...time] = dayWord!;
  const back = /^(yesterday|hier)$/.test(word!) ? 1 : 0;
  const local = new Date(anchor + offsetAt(zone, anchor) * 60_000 - back * 86_400_000);
  const fields = timeFields({ year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() }, time);
  if (fields === 'bad-offset') return { error: `"${text.trim()}" has a UTC offset out of range (at most ±18:00)` };
  const parsed = toParsed(text.trim(), fields, zone);
  return 'error' in parsed ? parsed : { ...parsed, approximate: true };
}

function approximate(instant: number, precision: Precision, zone: string): ParsedDate {
  return { instant, offset: offsetAt(zone, instant), precision, zone, approximate: true };
}

// ---------------------------------------------------------------------------------------------

function num(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatOffset(offset: number): string {
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
