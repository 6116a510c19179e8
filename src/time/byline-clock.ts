/**
 * Times of day as bylines print them, and the zone after them: 24-hour clocks ("10:15", "10h15",
 * "10 h 15", "10.15", "10:15h", "10:15 Uhr"), 12-hour clocks ("4:17 pm", "4:17PM", "11:02 a.m.",
 * "9 pm"; 12 am is 00:xx and 12 pm is 12:xx), and four digits with no colon when a zone follows
 * (CNN's "1015 GMT"). A player's "00:00/02:21" and a duration's "5:12 min" are not times.
 */
import { zoneAt, type ZoneSpec } from './zone-names.js';

export interface ClockTime {
  time: { hour: number; minute: number; second?: number };
  zone?: ZoneSpec;
  /** Where the time (and its zone) ends. */
  end: number;
}

// Not followed by more digits, a duration's "/" or "min", or a date's next dot-group ("12.03.2026").
const NOT_A_TIME_AFTER = String.raw`(?!\d|\s*/\s*\d|\s*(?:min|mn)\b|\.\d)`;
const TWELVE = new RegExp(String.raw`(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2}))?\s?([ap])\.?\s?m\b\.?`, 'iuy');
const TWENTY_FOUR = new RegExp(String.raw`(\d{1,2})(?:\s?[:hH]\s?|\.)(\d{2})(?::(\d{2}))?${NOT_A_TIME_AFTER}(?:\s?h(?![\p{L}])\.?)?`, 'uy');
const HOUR_ONLY = new RegExp(String.raw`(\d{1,2})\s?h(?![\p{L}\d])`, 'uy');
const FOUR_DIGITS = /(\d{2})(\d{2})(?=\s*\(?[A-Z]{2,4}\b)/uy;
const UHR = /\s*Uhr\b/iy;

/** The time of day written at `pos` in `text`, with its zone if one follows. */
export function timeAt(text: string, pos: number): ClockTime | undefined {
  // A time is a number of its own: not the end of a longer one ("2022", a year glued to its time, is split by the date grammar).
  const clock = twelveHour(text, pos) ?? twentyFour(text, pos) ?? fourDigits(text, pos) ?? hourOnly(text, pos);
  if (!clock) return undefined;
  let end = clock.end;
  UHR.lastIndex = end;
  if (UHR.exec(text)) end = UHR.lastIndex;
  const zone = zoneAt(text, end);
  if (clock.needsZone && !zone) return undefined;
  return { time: clock.time, zone: zone?.zone, end: zone?.end ?? end };
}

type Found = { time: ClockTime['time']; end: number; needsZone?: boolean };

function twelveHour(text: string, pos: number): Found | undefined {
  TWELVE.lastIndex = pos;
  const m = TWELVE.exec(text);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (hour < 1 || hour > 12 || minute > 59) return undefined;
  const pm = m[4]!.toLowerCase() === 'p';
  return { time: withSecond((hour % 12) + (pm ? 12 : 0), minute, m[3]), end: TWELVE.lastIndex };
}

function twentyFour(text: string, pos: number): Found | undefined {
  TWENTY_FOUR.lastIndex = pos;
  const m = TWENTY_FOUR.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return undefined;
  return { time: withSecond(Number(m[1]), Number(m[2]), m[3]), end: TWENTY_FOUR.lastIndex };
}

function fourDigits(text: string, pos: number): Found | undefined {
  FOUR_DIGITS.lastIndex = pos;
  const m = FOUR_DIGITS.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return { time: { hour: Number(m[1]), minute: Number(m[2]) }, end: FOUR_DIGITS.lastIndex, needsZone: true };
}

function hourOnly(text: string, pos: number): Found | undefined {
  HOUR_ONLY.lastIndex = pos;
  const m = HOUR_ONLY.exec(text);
  if (!m || Number(m[1]) > 23) return undefined;
  return { time: { hour: Number(m[1]), minute: 0 }, end: HOUR_ONLY.lastIndex };
}

function withSecond(hour: number, minute: number, second: string | undefined): ClockTime['time'] {
  return second === undefined ? { hour, minute } : { hour, minute, second: Number(second) };
}
