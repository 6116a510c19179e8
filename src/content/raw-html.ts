/**
 * Where raw HTML in a body opens and closes, told conservatively: enough to cut
 * a rendered body into pieces that the sanitizer can take one at a time with
 * the same result as the whole (see segments() in markdown.ts). A piece is cut
 * only where every raw tag opened so far was closed, in order, by its own name;
 * anything this reading cannot be sure of (comments, doctypes, processing
 * instructions, a close tag out of order) keeps the rest of the body in one
 * piece. A comment with no `-`, `<` or `>` inside (`<!--more-->`, the excerpt
 * mark of Hugo and Jekyll, in a fifth of the benchmark's articles) ends at its
 * `-->` for every parser and is dropped by the sanitizer, so it is passed over.
 * Where the parser reads less than this (the content of a script or a
 * style is text to it; `<circle/>` in an SVG closes itself), whatever it skips
 * either nests in order, and changes nothing outside it, or does not, and the
 * rest is one piece.
 */

// htmlparser2's void elements (its Parser.ts): they never open anything.
const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>/g;
const SIMPLE_COMMENT = /<!--[^<>-]*-->/g;

/**
 * Follows the raw tags of `html` on the stack `open` (names of the raw elements still open);
 * false when this reading can no longer tell.
 */
export function followRawTags(html: string, open: string[]): boolean {
  // Passed over as a space, so that `</<!--x-->b>` does not read as the close tag it is not.
  const read = html.includes('<!--') ? html.replace(SIMPLE_COMMENT, ' ') : html;
  if (/<[!?]/.test(read)) return false;
  for (const [, close, nameAsWritten] of read.matchAll(TAG)) {
    const name = nameAsWritten!.toLowerCase();
    if (VOID.has(name)) continue;
    if (!close) open.push(name);
    else if (open.pop() !== name) return false;
  }
  return true;
}
