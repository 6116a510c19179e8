/**
 * Slugs for facet feed folders (tags/<slug>/, authors/<slug>/): safe whatever
 * the tag says. Lowercase letters, digits and dashes only (any script), accents
 * folded, never empty, never "." or "..", never a reserved device name on
 * Windows, at most 80 characters; so a slug can never leave its folder.
 */
import { createHash } from 'node:crypto';

const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;
const MAX = 80;

export function slugify(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX)
    .replace(/[\uD800-\uDBFF]$/, '')
    .replace(/-+$/, '');
  // Text with no letter or digit left (emoji, CJK, punctuation) gets a stable slug from its hash.
  const slug = folded === '' ? `t-${createHash('sha256').update(text).digest('hex').slice(0, 10)}` : folded;
  return RESERVED.test(slug) ? `${slug}-` : slug;
}
