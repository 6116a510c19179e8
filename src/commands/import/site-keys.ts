/**
 * An imported article as a site generator reads it, when import writes into a generator's site
 * (config/site/ detects it as builds do): each value under a key the generator reads for its field
 * (Hugo's `lastmod`, not `updated`), and no `permalink`. The generator publishes the page itself,
 * at an address of its own, which is the item's link (docs/sites.md); Eleventy would read an
 * absolute URL there as a path template and Jekyll as a path pattern, publishing the page under
 * `/https:/old.example.net/...`. The item keeps its id, so readers still see it once.
 */
import { SITES, type SsgName } from '../../source/sites/index.js';

// The frontmatter keys import writes, and the field each is read for (article/schema.ts).
const FIELD_OF: Readonly<Record<string, string>> = { date: 'published', updated: 'updated', author: 'authors', authors: 'authors', tags: 'tags', summary: 'summary', image: 'image' };

export function siteFrontmatter(frontmatter: Record<string, unknown>, ssg: SsgName): Record<string, unknown> {
  const keys = SITES[ssg].keys;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(frontmatter)) {
    if (key === 'permalink') continue;
    const field = FIELD_OF[key];
    const read = field === undefined ? undefined : keys[field];
    if (read === undefined || read.includes(key)) out[key] = value;
    else if (read[0] !== undefined) out[read[0]] = value;
  }
  return out;
}
