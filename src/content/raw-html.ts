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

/**
 * Phrasing elements the sanitizer keeps, none of which opens or closes anything by itself for
 * htmlparser2 (unlike `p`, `li` or `rt`), and whose global attributes hold no URL.
 */
const PLAIN_TAGS = new Set(['abbr', 'b', 'bdi', 'cite', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'u', 'var']);
// A tag written as the sanitizer writes it back: lower case, single spaces, double quotes, and
// values with nothing it would escape (&, <, >, ") or cleanText would drop (control characters).
const PLAIN_OPEN = /^<([a-z]+)((?: (?:title|lang|dir)="[^"&<>\x00-\x1f\x7f-\x9f]+")*)>$/;
const PLAIN_CLOSE = /^<\/([a-z]+)>$/;

/** What of markdown-it's inline tokens plainInline() reads. */
interface InlineToken {
  type: string;
  tag: string;
  nesting: number;
  content: string;
}

/**
 * Whether the raw HTML in these inline tokens (one block's) is only plain phrasing tags, closed in
 * order among themselves and Markdown's own tags: the sanitizer would give such a block back as it
 * is, so it need not see it. `*a <kbd>b* c</kbd>` is not: the sanitizer closes the kbd with the em.
 */
export function plainInline(children: readonly InlineToken[]): boolean {
  // Most blocks hold no raw HTML at all: nothing to follow.
  if (!children.some((child) => child.type === 'html_inline')) return true;
  const open: string[] = [];
  for (const child of children) {
    if (child.type === 'html_inline') {
      const opening = PLAIN_OPEN.exec(child.content);
      const name = opening ? opening[1]! : PLAIN_CLOSE.exec(child.content)?.[1];
      if (name === undefined || !PLAIN_TAGS.has(name)) return false;
      if (opening) {
        // A repeated attribute is dropped by the parser: not as written.
        const names = [...opening[2]!.matchAll(/ (\w+)=/g)].map((m) => m[1]);
        if (new Set(names).size !== names.length) return false;
        open.push(name);
      } else if (open.pop() !== name) return false;
    } else if (child.nesting === 1) open.push(child.tag);
    else if (child.nesting === -1 && open.pop() !== child.tag) return false;
  }
  return open.length === 0;
}
