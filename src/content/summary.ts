/** Plain-text summaries: whitespace folded, cut at a word boundary. */

export const SUMMARY_MAX_CHARS = 300;

export function foldWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** At most `max` characters (code points), cut at the last space before the limit, with an ellipsis. */
export function cutAtWord(text: string, max = SUMMARY_MAX_CHARS): string {
  const chars = Array.from(foldWhitespace(text));
  if (chars.length <= max) return chars.join('');
  const head = chars.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  // A single word longer than the limit is cut inside the word rather than dropped.
  const cut = space > max / 2 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:.!?\-–—]+$/u, '')}…`;
}
