/**
 * Slugs for facet feed folders (tags/<slug>/, authors/<slug>/): safe whatever
 * the tag says. Lowercase letters, marks, digits and dashes only (any script),
 * accents folded, never empty, never "." or "..", never a reserved device name
 * on Windows, at most 80 characters; so a slug can never leave its folder.
 *
 * Two tags share a folder only when they differ in case, accents or the
 * punctuation between words ("Café" and "cafe", "node.js" and "Node JS"); a
 * symbol that changes what a tag means keeps it apart: + # & @ % are spelled
 * out (C, C++ and C# are tags/c/, tags/c-plus-plus/, tags/c-sharp/), and a tag
 * with any other symbol, or too long for 80 characters, ends with a hash of
 * what it says. A slug depends on its tag alone, so a feed's address never
 * moves because another tag came or went.
 */
import { createHash } from 'node:crypto';

const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;
const MAX = 80;
const SPELLED: Record<string, string> = { '+': 'plus', '#': 'sharp', '&': 'and', '@': 'at', '%': 'percent' };

export function slugify(text: string): string {
  const spelled = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .replace(/[+#&@%]/g, (c) => ` ${SPELLED[c]} `);
  // What the tag says, separators aside: the same for two spellings of one tag, different for two tags.
  const meaning = spelled.replace(/[^\p{L}\p{M}\p{N}\p{S}]+/gu, '-').replace(/^-+|-+$/g, '');
  const words = meaning.replace(/[^\p{L}\p{M}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  // Text with no letter or digit left (emoji, punctuation) gets a stable slug from its hash.
  if (words === '') return `t-${hash(text)}`;
  const exact = words === meaning && Array.from(words).length <= MAX;
  const slug = exact ? words : `${cut(words, MAX - 11)}-${hash(meaning)}`;
  return RESERVED.test(slug) ? `${slug}-` : slug;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

/** The first `max` characters (code points), without a trailing dash. */
function cut(text: string, max: number): string {
  return Array.from(text).slice(0, max).join('').replace(/-+$/, '');
}
