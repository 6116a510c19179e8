/**
 * One line of a byline block, read left to right into items: a labelled date ("Publié le 30 mai
 * 2022 à 10h15"), a date standing alone ("Mon 30 May 2022 10.15 BST"), an author after its label,
 * noise (reading times, players), a label whose value is on the next line ("Published"), and the
 * other words (places, roles, outlets). Separators of every kind sit between items (",", ";",
 * "|", "·", "•", "/", dashes, parentheses, a period, spaces), or nothing at all where the copy
 * glued two spans ("10:15Mis à jour", "Jean Dupont30/05/2022", "Updated4 hours ago").
 *
 * A line is prose, and ends the block, when it holds a run of six or more other words: "Par
 * ailleurs, le gouvernement a annoncé le 3 mars ...", "Hier, le Premier ministre ...", "On 4 May
 * 2021, the council voted ...". A date or a label inside such a sentence is never read.
 */
import { authorAt } from './byline-author.js';
import { dateAt } from './byline-date.js';
import { AUTHOR_LABELS, BUTTON_WORDS, DATE_LINKS, NOISE, NOT_AUTHOR_LABELS, PUBLISHED_LABELS, TIME_LINKS, UPDATED_LABELS, alternation } from './byline-words.js';
import type { DateSpec } from './date-spec.js';

export type Role = 'published' | 'updated';

export type Item =
  | { kind: 'date'; role?: Role; spec: DateSpec; text: string }
  /** A label with nothing after it: its value is on the next line. */
  | { kind: 'label'; role: Role }
  | { kind: 'author'; name: string }
  | { kind: 'noise' }
  /** Words that are none of the above; `glued` when a date follows with no space ("Jean Dupont30/05/2022"). */
  | { kind: 'other'; text: string; words: number; glued?: boolean };

/** Six other words in a row make a sentence. */
const PROSE_WORDS = 6;

const END = String.raw`(?![\p{Ll}])`;
const PUBLISHED = new RegExp(`(?:${alternation(PUBLISHED_LABELS)})${END}`, 'iuy');
const UPDATED = new RegExp(`(?:${alternation(UPDATED_LABELS)})${END}`, 'iuy');
// After a label: a colon or a dash, "le/on/am/el/em/il/a", "à/at/a las/alle/às/um" before a time.
const LABEL_LINK = new RegExp(String.raw`(?:\s*[:\-–—])?(?:\s*(?:${alternation([...DATE_LINKS, ...TIME_LINKS])})(?![\p{L}]))?(?:\s*:)?\s*`, 'iuy');
// Only a colon or a dash, when the word the link took was the date's own ("il y a", "a year ago", "à l'instant").
const LABEL_COLON = /[\s:\-–—]*/uy;
// A label, then a colon or a space ("By-election" is a word, not "By" and a name); the labels only
// read with a colon after them; the labels only read at the start of a line. Longest label first.
const labels = (pick: (l: (typeof AUTHOR_LABELS)[number]) => boolean | undefined) => alternation(AUTHOR_LABELS.filter(pick).map((l) => l.label));
const AUTHOR = new RegExp(String.raw`(?:${labels((l) => !l.colon && !l.start)})(?:\s*:\s*|\s+)|(?:${labels((l) => l.colon)})\s*:\s*`, 'iuy');
const AUTHOR_AT_START = new RegExp(String.raw`(?:${labels((l) => l.start)})(?:\s*:\s*|\s+)`, 'iuy');
const NOT_AUTHOR = new RegExp(String.raw`(?:${alternation(NOT_AUTHOR_LABELS)})(?:\s*:|\s+(?=\p{L}))`, 'iuy');
const NOISES = new RegExp(NOISE.map((n) => `(?:${n})`).join('|'), 'iuy');
const BUTTON = new RegExp(`^(?:${alternation(BUTTON_WORDS)})$`, 'iu');
const SEPARATORS = /(?:[\s,;|·•/()\-–—:]|\.(?=\s|$))+/uy;

/** The items of one line of plain text (Markdown already taken away). */
export function scanLine(line: string): Item[] {
  if (BUTTON.test(line)) return [{ kind: 'noise' }];
  const items: Item[] = [];
  let pos = 0;
  while (pos < line.length) {
    SEPARATORS.lastIndex = pos;
    if (SEPARATORS.exec(line)) pos = SEPARATORS.lastIndex;
    if (pos >= line.length) break;
    const found = itemAt(line, pos, items);
    if (found) {
      if (found.item) items.push(found.item);
      pos = found.end;
      continue;
    }
    pos = otherWord(line, pos, items);
    // A sentence needs reading no further: the line is prose, whatever comes after.
    if (isProse(items)) return items;
  }
  return items;
}

/** Whether the line is a sentence of prose rather than a line of a byline. */
export function isProse(items: readonly Item[]): boolean {
  return items.some((i) => i.kind === 'other' && i.words >= PROSE_WORDS);
}

function itemAt(line: string, pos: number, before: readonly Item[]): { item?: Item; end: number } | undefined {
  NOISES.lastIndex = pos;
  if (NOISES.exec(line)) return { item: { kind: 'noise' }, end: NOISES.lastIndex };
  NOT_AUTHOR.lastIndex = pos;
  // "Edited by Rahul Mehta", "Photo: Jane Doe/AP": someone else's credit, up to the next separator of items.
  if (NOT_AUTHOR.exec(line)) return { item: { kind: 'noise' }, end: spanEnd(line, NOT_AUTHOR.lastIndex) };
  return labelledAt(line, pos) ?? authorItemAt(line, pos, before) ?? unlabelledAt(line, pos);
}

/** A published or updated label at `pos`, with its date, or alone at the end of the line. */
function labelledAt(line: string, pos: number): { item: Item; end: number } | undefined {
  for (const [role, pattern] of [['published', PUBLISHED], ['updated', UPDATED]] as const) {
    pattern.lastIndex = pos;
    if (!pattern.exec(line)) continue;
    const starts = [LABEL_LINK, LABEL_COLON].map((link) => {
      link.lastIndex = pattern.lastIndex;
      link.exec(line);
      return link.lastIndex;
    });
    for (const start of starts) {
      const read = dateAt(line, start, { bareTime: true });
      if (read) return { item: { kind: 'date', role, spec: read.spec, text: line.slice(start, read.end).trim() }, end: read.end };
    }
    if (/^[\s:\-–—]*$/u.test(line.slice(starts[0]))) return { item: { kind: 'label', role }, end: line.length };
  }
  return undefined;
}

/**
 * An author label and its name. At the start of a line any label; after a date or a separator, a
 * capitalized one ("12.03.2026 10:15 Uhr  Von Max Mustermann"); never after other words, where
 * "by" and "par" are prose ("Published by Penguin").
 */
function authorItemAt(line: string, pos: number, before: readonly Item[]): { item: Item; end: number } | undefined {
  const atStart = before.length === 0 && /^[\s\-*]*$/u.test(line.slice(0, pos));
  const afterItem = before.length > 0 && before.at(-1)!.kind !== 'other';
  if (!atStart && !(afterItem && /\p{Lu}/u.test(line[pos]!))) return undefined;
  for (const pattern of atStart ? [AUTHOR, AUTHOR_AT_START] : [AUTHOR]) {
    pattern.lastIndex = pos;
    if (!pattern.exec(line)) continue;
    const value = authorAt(line, pattern.lastIndex, startsDateOrLabel);
    if (value) return { item: { kind: 'author', name: value.name }, end: value.end };
  }
  return undefined;
}

function unlabelledAt(line: string, pos: number): { item: Item; end: number } | undefined {
  const read = dateAt(line, pos);
  return read && { item: { kind: 'date', spec: read.spec, text: line.slice(pos, read.end).trim() }, end: read.end };
}

/** Whether a date or a date label starts at `at`: where an author's name ends. */
function startsDateOrLabel(line: string, at: number): boolean {
  PUBLISHED.lastIndex = at;
  UPDATED.lastIndex = at;
  return PUBLISHED.test(line) || UPDATED.test(line) || dateAt(line, at) !== undefined;
}

/**
 * One other word, added to the run of other words before it. A word stops early where a date or
 * a label starts glued to it: "Dupont30/05/2022", "DupontPublié", "EDTUpdated".
 */
function otherWord(line: string, pos: number, items: Item[]): number {
  let end = pos + 1;
  let glued = false;
  while (end < line.length && !/[\s,;|·•/()]/u.test(line[end]!)) {
    const [prev, c] = [line[end - 1]!, line[end]!];
    if (((/\p{L}/u.test(prev) && /\d/u.test(c)) || (/\p{Ll}/u.test(prev) && /\p{Lu}/u.test(c))) && startsDateOrLabel(line, end)) {
      glued = true;
      break;
    }
    end++;
  }
  const word = line.slice(pos, end);
  const last = items.at(-1);
  if (last?.kind === 'other') items[items.length - 1] = { kind: 'other', text: `${last.text} ${word}`, words: last.words + 1, glued };
  else items.push({ kind: 'other', text: word, words: 1, glued });
  return end;
}

/** Where the span started at `pos` ends: at a "|", "·" or "•", or the end of the line. */
function spanEnd(line: string, pos: number): number {
  const next = line.slice(pos).search(/\s[|·•]\s/u);
  return next === -1 ? line.length : pos + next;
}
