/**
 * The author of a byline, kept as the site printed the names: after a label ("Par", "By", "Von",
 * "Por", "di", "Recueilli par", "Quelle:"), to the end of the line, a "|", "·" or "•", or where a
 * date or a date label begins ("Par Jean DupontPublié le ..." gives "Jean Dupont"), trailing
 * separators trimmed. Roles, places and outlets after a comma, a dash or in parentheses stay
 * ("Jane Doe, Political Editor", "Jean Dupont (Bruxelles, correspondant)"), so do several names
 * joined by "et/and/und/y/e" and agency credits ("Le Figaro avec AFP").
 *
 * A value is a name only when it reads as one: its first part (before a comma, a parenthesis or
 * a dash) is made of capitalized or all-capital words, handles, initials, outlets that write
 * their name in lower case ("dpa", "franceinfo") and the words that join names ("de", "van",
 * "avec", "and"). So "Par ailleurs, ...", "By the time ...", "By 2030" and "Von Montag an ..." are
 * prose, not authors.
 */
import { LOWERCASE_OUTLETS, NAME_JOINERS } from './byline-words.js';

const JOINERS = new Set(NAME_JOINERS);
const OUTLETS = new Set(LOWERCASE_OUTLETS);
const MAX_NAME_CHARS = 120;
const MAX_NAME_WORDS = 16;
const MAX_HEAD_WORDS = 8;

/** The author value starting at `pos`: to `end`, or to the first place `stopsAt` says a date or label begins. */
export function authorAt(text: string, pos: number, stopsAt: (text: string, at: number) => boolean): { name: string; end: number } | undefined {
  let end = text.length;
  for (let i = pos + 1; i < text.length; i++) {
    const c = text[i]!;
    const prev = text[i - 1]!;
    if ((c === '|' || c === '·' || c === '•') && /\s/.test(prev)) {
      end = i;
      break;
    }
    // A date or a label may start after a space, or glued to a name ("Doe4 hours ago", "DupontPublié").
    const boundary = /\s/.test(prev) || (/\p{L}/u.test(prev) && /\d/.test(c)) || (/\p{Ll}/u.test(prev) && /\p{Lu}/u.test(c)) || prev === '-';
    if (boundary && !/\s/.test(c) && stopsAt(text, i)) {
      end = i;
      break;
    }
  }
  const name = text.slice(pos, end).replace(/[\s,;:/|·•\-–—]+$/u, '').trim();
  return isName(name) ? { name, end } : undefined;
}

/** Whether `value` reads as the name of people or of a newsroom (see the module's comment). */
export function isName(value: string): boolean {
  if (value === '' || value.length > MAX_NAME_CHARS || value.split(/\s+/).length > MAX_NAME_WORDS) return false;
  const head = value.split(/\s*[,(;]\s*|\s+[-–—]\s+/)[0]!;
  const words = head.split(/[\s/]+/).filter((w) => w !== '');
  if (words.length === 0 || words.length > MAX_HEAD_WORDS) return false;
  if (JOINERS.has(words[0]!.toLowerCase()) && !/^\p{Lu}/u.test(words[0]!)) return false;
  let named = false;
  for (const word of words) {
    if (isNamePart(word)) named = true;
    else if (!JOINERS.has(word.toLowerCase())) return false;
  }
  return named;
}

function isNamePart(word: string): boolean {
  const bare = word.replace(/[.,'’]+$/u, '');
  return (
    /^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(bare) || // Jean, O'Neil, Jean-Pierre, J., MAILONLINE
    /^@[\w.]+$/u.test(bare) || // @janedoe
    /^\p{Lu}[\p{L}\d.-]*$/u.test(bare) || // R7, BFM2
    OUTLETS.has(bare.toLowerCase()) ||
    // Lower-case agencies credited in a list: "dpa/AFP", "t-online"
    bare.split(/[/]/).every((part) => OUTLETS.has(part.toLowerCase()) || /^\p{Lu}/u.test(part))
  );
}
