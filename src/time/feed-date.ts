/**
 * A date as feeds write it, read as feed readers read it, for `syndicate import`: RFC 822 (RSS
 * pubDate), W3CDTF / RFC 3339 (Atom, dc:date, JSON Feed), and what real feeds write instead: day
 * and month names in German, Spanish, Italian, Dutch and Portuguese (`Di, 05 Mai 2020`), two-digit
 * years (RFC 822's own), single-digit hours, and no zone at all (read as UTC, as readers do).
 * The offset written is kept. parse-date.ts does the reading; this only makes those forms its own.
 */
import { formatRfc3339 } from './format.js';
import { parseDate, type ParsedDate } from './parse-date.js';

const NAMES: Record<string, string> = {};
for (const [english, others] of [
  ['Mon', 'mo montag lu lun lunes lunedì lunedi ma maandag seg segunda'],
  ['Tue', 'di dienstag mar martes martedì martedi dinsdag ter terça terca'],
  ['Wed', 'mi mittwoch mié mie miércoles miercoles mercoledì mercoledi wo woensdag qua quarta'],
  ['Thu', 'do donnerstag jue jueves gio giovedì giovedi donderdag qui quinta'],
  ['Fri', 'fr freitag vie viernes ven venerdì venerdi vr vrijdag sex sexta'],
  ['Sat', 'sa samstag sáb sab sábado sabado sabato za zaterdag'],
  ['Sun', 'so sonntag dom domingo domenica zo zondag'],
  ['Jan', 'januar jän jänner ene enero gen gennaio januari janeiro'],
  ['Feb', 'februar febrero febbraio februari fev fevereiro'],
  ['Mar', 'mär märz maerz marzo mrt maart março marco'],
  ['Apr', 'abr abril aprile'],
  ['May', 'mai mayo mag maggio mei maio'],
  ['Jun', 'juni junio giu giugno junho'],
  ['Jul', 'juli julio lug luglio julho'],
  ['Aug', 'ago agosto augustus'],
  ['Sep', 'set settembre september setembro'],
  ['Oct', 'okt oktober octubre ott ottobre out outubro'],
  ['Nov', 'noviembre novembre novembro'],
  ['Dec', 'dez dezember dic diciembre dicembre dezembro'],
] as const) {
  for (const name of others.split(' ')) NAMES[name] = english;
}

/** RFC 822 in any of those spellings: weekday, day, month, year, time, zone (all but the day, month and year optional). */
const RFC822ISH = /^(?:([\p{L}]+)\.?,?\s+)?(\d{1,2})\.?\s+([\p{L}]+)\.?\s+(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?)?$/u;

/** The date, or undefined when it is none a reader would read. */
export function readFeedDate(text: string): ParsedDate | undefined {
  const written = text.trim().replace(/\s+/g, ' ');
  if (written === '') return undefined;
  const direct = parseDate(written, 'UTC');
  if (!('error' in direct)) return direct;
  const english = asRfc822(written) ?? slashed(written);
  if (english === undefined) return undefined;
  const parsed = parseDate(english, 'UTC');
  return 'error' in parsed ? undefined : parsed;
}

/** The date as frontmatter keeps it: RFC 3339 with the offset it was written with, or the day alone. */
export function frontmatterDate(date: ParsedDate): string {
  return date.precision === 'day' ? formatRfc3339(date).slice(0, 10) : formatRfc3339(date);
}

function asRfc822(text: string): string | undefined {
  const m = RFC822ISH.exec(text);
  if (!m) return undefined;
  const [, weekday, day, month, year, hour, minute, second, zone] = m;
  const mon = englishName(month!);
  if (mon === undefined || (weekday !== undefined && englishName(weekday) === undefined)) return undefined;
  // RFC 2822 4.3: a two-digit year under 50 is in the 2000s.
  const fullYear = year!.length === 4 ? year : String(Number(year) + (Number(year) < 50 ? 2000 : 1900));
  if (hour === undefined) return `${day} ${mon} ${fullYear}`;
  return `${day} ${mon} ${fullYear} ${hour.padStart(2, '0')}:${minute}:${second ?? '00'} ${zone ?? '+0000'}`;
}

/** `2020/1/10 14:33:00`, a form some generators write: read as ISO 8601 (in UTC when it names no zone). */
function slashed(text: string): string | undefined {
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const date = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  return h === undefined ? date : `${date}T${h.padStart(2, '0')}:${mi}:${s ?? '00'}Z`;
}

function englishName(name: string): string | undefined {
  const lower = name.toLowerCase();
  const english = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  if (english.includes(lower.slice(0, 3)) && /^[a-z]+$/.test(lower)) return lower.slice(0, 1).toUpperCase() + lower.slice(1, 3);
  return NAMES[lower];
}
