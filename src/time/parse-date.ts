/**
 * Parses one written date. A value with a UTC offset keeps that offset; a
 * value without one is read as wall-clock time in `zone`; a date alone is
 * midnight there (precision "day"), never the previous day in another zone.
 */
import { isExists } from 'date-fns';
import type { Precision } from './timestamp.js';
import { wallTimeToInstant, type WallTime } from './zone.js';

export interface ParsedDate {
  instant: number;
  offset: number;
  precision: Precision;
  zone: string;
}

// ISO 8601 / RFC 3339 as people write it in frontmatter: "T" or a space between
// date and time, seconds and fractions optional, "Z", "+02:00", "+0200" or "+02".
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?: ?(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?)?$/;

export const DATE_FORMAT_HINT = 'write it as 2022-05-30, 2022-05-30T10:15, or 2022-05-30T10:15:00+02:00';

export function parseDate(text: string, zone: string): ParsedDate | { error: string } {
  const m = ISO.exec(text.trim());
  if (!m) return { error: `"${text}" is not a date I can read; ${DATE_FORMAT_HINT}` };
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const wall: WallTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: h === undefined ? 0 : Number(h),
    minute: mi === undefined ? 0 : Number(mi),
    second: s === undefined ? 0 : Number(s),
    millisecond: frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000),
  };
  if (!isExists(wall.year, wall.month - 1, wall.day)) {
    return { error: `"${text}" is not a real date (${y}-${mo}-${d} does not exist)` };
  }
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) {
    return { error: `"${text}" is not a real time of day` };
  }
  const precision: Precision = h === undefined ? 'day' : s === undefined ? 'minute' : frac === undefined ? 'second' : 'millisecond';

  if (off !== undefined) {
    const offset = parseOffset(off);
    if (offset === undefined) return { error: `"${text}" has a UTC offset out of range (at most ±18:00)` };
    const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
    return { instant: local - offset * 60_000, offset, precision, zone: offset === 0 ? 'UTC' : off };
  }
  const { instant, offset } = wallTimeToInstant(wall, zone);
  return { instant, offset, precision, zone };
}

function parseOffset(text: string): number | undefined {
  if (/^(Z|UTC|GMT)$/i.test(text)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text)!;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 18 || minutes > 59 || hours * 60 + minutes > 18 * 60) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}
