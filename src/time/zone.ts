/**
 * Wall-clock time in an IANA zone to an instant and back. The offsets come
 * from @date-fns/tz (Intl underneath); the choice made at daylight-saving
 * edges is ours and follows RFC 5545 and Temporal's "compatible" rule:
 * a time in the spring-forward gap moves forward by the gap, an ambiguous
 * time in the autumn overlap takes the earlier (summer-time) instant.
 */
import type { tzOffset as TzOffset } from '@date-fns/tz/tzOffset';
import { onFirstUse } from '../util/on-first-use.js';

// Only named zones need it: a date in UTC or with an offset (as --now usually is) does without.
const tzOffset = onFirstUse<{ tzOffset: typeof TzOffset }>('@date-fns/tz/tzOffset');

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** Offset of `zone` from UTC at `instant`, in minutes east. */
export function offsetAt(zone: string, instant: number): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
  return tzOffset().tzOffset(zone, new Date(instant));
}

function wallAsUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
}

const DAY = 86_400_000;

/** The instant a wall-clock time in `zone` names, and the offset in force then. */
export function wallTimeToInstant(w: WallTime, zone: string): { instant: number; offset: number } {
  const local = wallAsUtc(w);
  // Offsets in force a day either side cover every transition of real zones.
  const before = offsetAt(zone, local - DAY);
  const after = offsetAt(zone, local + DAY);
  if (before === after) {
    // Most times are nowhere near a transition: one offset, checked, and done (each offset
    // costs an Intl lookup, the bulk of resolving dates).
    const instant = local - before * 60_000;
    if (offsetAt(zone, instant) === before) return { instant, offset: before };
  }
  const candidates = [local - before * 60_000, local - after * 60_000]
    .filter((instant) => instant + offsetAt(zone, instant) * 60_000 === local)
    .sort((a, b) => a - b);
  if (candidates.length > 0) {
    const instant = candidates[0]!;
    return { instant, offset: offsetAt(zone, instant) };
  }
  // In a gap: read the time with the offset from before the jump, which lands after it.
  const instant = local - before * 60_000;
  return { instant, offset: offsetAt(zone, instant) };
}
