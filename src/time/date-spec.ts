/**
 * A date as a byline prints it (DateSpec: plain data, kept with the article in the caches) and
 * the instant it names once the zone, the site's language and the anchor are known.
 *
 * The rules of relative dates, each approximate:
 * - seconds, minutes and hours count back exact durations from the anchor, to the minute ("4 hours
 *   ago" has precision "minute": a Timestamp has no "hour"); from an anchor known only to the day
 *   (a clipper's `created: 2026-03-15`), they give that day, precision "day";
 * - days, weeks, months and years ("il y a 2 jours", "1 month ago") count calendar days back from
 *   the anchor's date in the zone and give midnight there, precision "day", so that precision "day"
 *   always means midnight (a month back from 15 March is 15 February; a missing day is the
 *   month's last);
 * - "yesterday"/"today" and their translations are the anchor's date minus one or zero days in
 *   the zone: at their time when one is printed, else midnight.
 */
import type { Unit } from './byline-words.js';
import type { Precision } from './timestamp.js';
import type { ZoneSpec } from './zone-names.js';
import { offsetAt, wallTimeToInstant } from './zone.js';

export interface DateSpec {
  /** A calendar date as printed. `swappable`: written with numbers that read as day/month or month/day (05/06/2022). */
  date?: { year: number; month: number; day: number; swappable?: boolean };
  /** A day counted back from the anchor's: 0 for "today", 1 for "yesterday". */
  daysBack?: number;
  /** "4 hours ago". */
  ago?: { count: number; unit: Unit };
  /** "just now". */
  now?: boolean;
  time?: { hour: number; minute: number; second?: number };
  zone?: ZoneSpec;
}

/** When the text was captured, and how precisely that is known. */
export interface Anchor {
  instant: number;
  precision: Precision;
}

/** An instant as read, with the offset, precision and zone it keeps (parse-date.ts's dates too). */
export interface ParsedDate {
  instant: number;
  offset: number;
  precision: Precision;
  zone: string;
  /** True for relative expressions: the instant is only as good as the anchor. */
  approximate?: boolean;
}

export interface SpecContext {
  /** The zone of a date printed without one: the article's, else the site's. */
  zone: string;
  /** Numeric dates read month first (05/06/2022 is May 6): on US sites. */
  monthFirst: boolean;
  anchor: () => Anchor | undefined;
}

const MINUTE = 60_000;
const UNIT_MS: Partial<Record<Unit, number>> = { second: 1000, minute: MINUTE, hour: 60 * MINUTE };

/** The instant `spec` names, or why it names none (a relative date with nothing to count from). */
export function specInstant(spec: DateSpec, ctx: SpecContext): ParsedDate | { error: string } {
  const zone = zoneName(spec.zone, ctx.zone);
  const relative = spec.now || spec.ago || spec.daysBack !== undefined || !spec.date;
  if (!relative) return absolute(spec, spec.date!, zone, ctx.monthFirst, false);
  const anchor = ctx.anchor();
  if (anchor === undefined) return { error: 'is relative and there is nothing to count from; add "captured:" with the time the text was taken' };
  if (spec.now) return spanBack(anchor, 0, 'minute', zone, spec.zone);
  if (spec.ago) {
    const ms = UNIT_MS[spec.ago.unit];
    if (ms !== undefined) return spanBack(anchor, spec.ago.count * ms, spec.ago.unit === 'second' ? 'second' : 'minute', zone, spec.zone);
    const { count, unit } = spec.ago;
    const back = unit === 'day' ? { days: count } : unit === 'week' ? { days: 7 * count } : { months: unit === 'month' ? count : 12 * count };
    return { ...midnightBefore(anchor.instant, zone, back, spec.zone), approximate: true };
  }
  // A day word, or a time printed with no date: a day of the anchor's, in the zone.
  const day = localDate(anchor.instant, zone, spec.zone, spec.daysBack ?? 0);
  return absolute({ ...spec, time: anchor.precision === 'day' && spec.daysBack === undefined ? undefined : spec.time }, day, zone, false, true);
}

/**
 * Midnight of the calendar date `back` days or months before the date of `instant` in `zone`
 * (shared with parse-date.ts, so a frontmatter "3 days ago" lands where a byline's does).
 */
export function midnightBefore(instant: number, zone: string, back: { days?: number; months?: number }, fixed?: ZoneSpec): ParsedDate {
  const today = localDate(instant, zone, fixed, back.days ?? 0);
  let { year, month, day } = today;
  if (back.months) {
    const index = year * 12 + (month - 1) - back.months;
    [year, month] = [Math.floor(index / 12), (index % 12) + 1];
    day = Math.min(day, new Date(Date.UTC(year, month, 0)).getUTCDate());
  }
  return atWallTime({ year, month, day, hour: 0, minute: 0, second: 0 }, zone, fixed, 'day');
}

function absolute(spec: DateSpec, date: { year: number; month: number; day: number; swappable?: boolean }, zone: string, monthFirst: boolean, approximate: boolean): ParsedDate {
  const { year } = date;
  const [month, day] = date.swappable && monthFirst ? [date.day, date.month] : [date.month, date.day];
  const t = spec.time;
  const precision: Precision = !t ? 'day' : t.second === undefined ? 'minute' : 'second';
  const parsed = atWallTime({ year, month, day, hour: t?.hour ?? 0, minute: t?.minute ?? 0, second: t?.second ?? 0 }, zone, spec.zone, precision);
  return approximate ? { ...parsed, approximate: true } : parsed;
}

function spanBack(anchor: Anchor, ms: number, precision: Precision, zone: string, written: ZoneSpec | undefined): ParsedDate {
  // From an anchor known only to the day, "4 hours ago" is that day, and no finer.
  if (anchor.precision === 'day') return { ...midnightBefore(anchor.instant, zone, {}, written), approximate: true };
  // Counted to the precision it has: "4 hours ago" names a minute, not a second.
  const unit = precision === 'second' ? 1000 : MINUTE;
  const instant = Math.floor((anchor.instant - ms) / unit) * unit;
  return { instant, offset: offsetOf(zone, written, instant), precision, zone, approximate: true };
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The instant of a wall time: at a fixed offset, in a region (the label's offset where the region allows two), or in the zone. */
function atWallTime(w: Wall, zone: string, written: ZoneSpec | undefined, precision: Precision): ParsedDate {
  const local = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  if (written && 'offset' in written) return { instant: local - written.offset * MINUTE, offset: written.offset, precision, zone };
  const found = wallTimeToInstant({ ...w, millisecond: 0 }, zone);
  const nominal = written && 'nominal' in written ? written.nominal : undefined;
  if (nominal !== undefined && found.offset !== nominal) {
    // The second reading of an ambiguous time, when it is the one the label names.
    const other = local - nominal * MINUTE;
    if (offsetAt(zone, other) === nominal) return { instant: other, offset: nominal, precision, zone };
  }
  return { instant: found.instant, offset: found.offset, precision, zone };
}

/** The calendar date `daysBack` days before that of `instant`, in `zone` (or at the written fixed offset). */
function localDate(instant: number, zone: string, written: ZoneSpec | undefined, daysBack: number): { year: number; month: number; day: number } {
  const local = new Date(instant + offsetOf(zone, written, instant) * MINUTE);
  const back = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - daysBack));
  return { year: back.getUTCFullYear(), month: back.getUTCMonth() + 1, day: back.getUTCDate() };
}

function offsetOf(zone: string, written: ZoneSpec | undefined, instant: number): number {
  return written && 'offset' in written ? written.offset : offsetAt(zone, instant);
}

/** The zone a value is read in: the region its abbreviation names, UTC or the offset it wrote, else the context's. */
export function zoneName(written: ZoneSpec | undefined, zone: string): string {
  if (!written) return zone;
  if ('region' in written) return written.region;
  if (written.offset === 0) return 'UTC';
  const abs = Math.abs(written.offset);
  return `${written.offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
