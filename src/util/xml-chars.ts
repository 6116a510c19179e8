/** Text XML 1.0 can hold: what every string of a feed goes through, in every format. */

// XML 1.0 §2.2 Char, negated. With the u flag a lone surrogate is one code point and matches.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// A quick non-unicode test for anything that might be forbidden (any surrogate half included):
// most text has none, and the unicode-aware replace is then skipped.
const MAYBE_FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

// The last long text cleaned, and its clean form: an item's HTML is cleaned once for each of the
// three formats, one after the other, and scanning it is most of the cost (pointer-equal strings
// compare at once).
let lastLong = '';
let lastLongClean = '';

/** The text without the characters XML 1.0 forbids. JSON Feed uses it too, so all formats agree. */
export function cleanText(text: string): string {
  if (text === lastLong) return lastLongClean;
  const clean = MAYBE_FORBIDDEN.test(text) ? text.replace(FORBIDDEN, '') : text;
  if (text.length > 1024) {
    lastLong = text;
    lastLongClean = clean;
  }
  return clean;
}
