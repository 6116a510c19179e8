/**
 * Zones as newsrooms print them after a time: abbreviations ("EDT", "BST", "MEZ"), offsets
 * ("GMT+1", "+05:30") and places ("(heure de Paris)", ", UK").
 *
 * The rule, for a reader of the code: GMT, UTC and an offset are fixed offsets, whatever the
 * season ("16:05 GMT" in July is 16:05Z). Any other abbreviation names a region, and the time is
 * read with that region's rules on that date: an abbreviation that contradicts the season (EST
 * in July, BST in January, MEZ in August) gives the offset the region actually had, since sites
 * print one label all year round far more often than they print a wrong hour. The label decides
 * only where the region's rules leave a choice: a time in the autumn overlap, which happens
 * twice, is the one the label names ("1:30 a.m. EST" on the night New York falls back is the
 * second 1:30). IST is India's (neither Irish nor Israeli time), as printed on the Indian sites.
 */

/** A fixed offset (minutes east), or a region, with the offset its abbreviation names, if it names one. */
export type ZoneSpec = { offset: number } | { region: string; nominal?: number };

const region = (name: string, nominal?: number): ZoneSpec => (nominal === undefined ? { region: name } : { region: name, nominal });

/** Abbreviations, matched in capitals only: "et", "est" and "ist" are words of French and German. */
const ABBREVIATIONS: Record<string, ZoneSpec> = {
  GMT: { offset: 0 }, UTC: { offset: 0 }, UT: { offset: 0 }, Z: { offset: 0 },
  ET: region('America/New_York'), EST: region('America/New_York', -300), EDT: region('America/New_York', -240),
  CT: region('America/Chicago'), CST: region('America/Chicago', -360), CDT: region('America/Chicago', -300),
  MT: region('America/Denver'), MST: region('America/Denver', -420), MDT: region('America/Denver', -360),
  PT: region('America/Los_Angeles'), PST: region('America/Los_Angeles', -480), PDT: region('America/Los_Angeles', -420),
  BST: region('Europe/London', 60),
  CET: region('Europe/Berlin', 60), CEST: region('Europe/Berlin', 120), MEZ: region('Europe/Berlin', 60), MESZ: region('Europe/Berlin', 120),
  WET: region('Europe/Lisbon', 0), WEST: region('Europe/Lisbon', 60), EET: region('Europe/Athens', 120), EEST: region('Europe/Athens', 180),
  IST: region('Asia/Kolkata', 330), BRT: region('America/Sao_Paulo', -180), BRST: region('America/Sao_Paulo', -120),
  JST: region('Asia/Tokyo', 540), HKT: region('Asia/Hong_Kong', 480), SGT: region('Asia/Singapore', 480),
  AEST: region('Australia/Sydney', 600), AEDT: region('Australia/Sydney', 660),
};

/** Places printed in parentheses after a time, case-insensitive. */
const PLACES: [string, string][] = [
  ['heure de paris', 'Europe/Paris'],
  ['heure française', 'Europe/Paris'],
  ['hora canaria', 'Atlantic/Canary'],
  ['hora de canarias', 'Atlantic/Canary'],
  ['hora peninsular', 'Europe/Madrid'],
  ['hora dos açores', 'Atlantic/Azores'],
  ['horário de brasília', 'America/Sao_Paulo'],
  ['hora de brasília', 'America/Sao_Paulo'],
  ['ora italiana', 'Europe/Rome'],
];

const ABBREVIATION = Object.keys(ABBREVIATIONS).sort((a, b) => b.length - a.length).join('|');
const PLACE = PLACES.map(([p]) => p.replace(/ /g, '\\s+')).join('|');

// An abbreviation ends where letters end, or where a capitalized word glued to it starts
// ("EDTUpdated", as copied from a page that set them side by side).
const END = String.raw`(?=$|[^\p{L}]|\p{Lu}\p{Ll})`;

// "GMT+1", "UTC-03:00", "+05:30": a fixed offset.
const FIXED = new RegExp(String.raw`\s*\(?(?:GMT|UTC)\s?([+-])\s?(\d{1,2})(?::?(\d{2}))?\)?|\s*([+-])(\d{2}):?(\d{2})(?!\d)`, 'uy');
const NAMED = new RegExp(String.raw`\s*\(?(${ABBREVIATION})${END}\)?`, 'uy');
const PLACED = new RegExp(String.raw`\s*\((${PLACE})\)|\s*,\s*(UK)${END}`, 'iuy');
// A second zone in parentheses after a zoned time ("1015 GMT (1815 HKT)") is the same instant.
const SECOND_ZONE = new RegExp(String.raw`\s*\(\d{1,2}[:.h]?\d{2}\s*(?:${ABBREVIATION})\)`, 'uy');

/** The zone written at `pos` in `text` (after a time), and where it ends; undefined when none is. */
export function zoneAt(text: string, pos: number): { zone: ZoneSpec; end: number } | undefined {
  const found = fixedAt(text, pos) ?? namedAt(text, pos) ?? placedAt(text, pos);
  if (!found) return undefined;
  SECOND_ZONE.lastIndex = found.end;
  return SECOND_ZONE.exec(text) ? { zone: found.zone, end: SECOND_ZONE.lastIndex } : found;
}

function fixedAt(text: string, pos: number): { zone: ZoneSpec; end: number } | undefined {
  FIXED.lastIndex = pos;
  const m = FIXED.exec(text);
  if (!m) return undefined;
  const [sign, hours, minutes] = m[1] ? [m[1], m[2]!, m[3]] : [m[4]!, m[5]!, m[6]];
  if (Number(hours) > 14 || Number(minutes ?? 0) > 59) return undefined;
  return { zone: { offset: (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0)) }, end: FIXED.lastIndex };
}

function namedAt(text: string, pos: number): { zone: ZoneSpec; end: number } | undefined {
  NAMED.lastIndex = pos;
  const m = NAMED.exec(text);
  // "(MEZ" without its ")" is still MEZ; a ")" without "(" is left for the text after.
  return m ? { zone: ABBREVIATIONS[m[1]!]!, end: m[0].endsWith(')') && !m[0].includes('(') ? NAMED.lastIndex - 1 : NAMED.lastIndex } : undefined;
}

function placedAt(text: string, pos: number): { zone: ZoneSpec; end: number } | undefined {
  PLACED.lastIndex = pos;
  const m = PLACED.exec(text);
  if (!m) return undefined;
  if (m[2]) return { zone: { region: 'Europe/London' }, end: PLACED.lastIndex };
  const name = m[1]!.toLowerCase().replace(/\s+/g, ' ');
  return { zone: { region: PLACES.find(([p]) => p === name)![1] }, end: PLACED.lastIndex };
}
