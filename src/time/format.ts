/**
 * Timestamps written back with the UTC offset they were written with:
 * RFC 822 (as updated by RFC 1123, four-digit years) for RSS, RFC 3339 for
 * Atom and JSON Feed.
 */
import type { Timestamp } from './timestamp.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function shifted(t: Pick<Timestamp, 'instant' | 'offset'>): Date {
  return new Date(t.instant + t.offset * 60_000);
}

function offsetText(offset: number, separator: string): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${pad(Math.floor(abs / 60))}${separator}${pad(abs % 60)}`;
}

/** `Mon, 30 May 2022 10:15:00 +0200` */
export function formatRfc822(t: Pick<Timestamp, 'instant' | 'offset'>): string {
  const d = shifted(t);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${offsetText(t.offset, '')}`;
}

/** `2022-05-30T10:15:00+02:00`; milliseconds only when the source had them. */
export function formatRfc3339(t: Pick<Timestamp, 'instant' | 'offset'> & { precision?: Timestamp['precision'] }): string {
  const d = shifted(t);
  const ms = t.precision === 'millisecond' ? `.${pad(d.getUTCMilliseconds(), 3)}` : '';
  const zone = t.offset === 0 ? 'Z' : offsetText(t.offset, ':');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms}${zone}`;
}
