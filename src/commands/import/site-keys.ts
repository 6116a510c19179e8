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

// A shortcode as Hugo's lexer (and content/templates/hugo.ts) reads one: no `>` or `%` inside but in quotes; not one commented out already.
const INSIDE = String.raw`((?:"(?:[^"\\]|\\.)*"|\`[^\`]*\`|[^"\`>%])*?)`;
const HUGO_ANGLE = new RegExp(String.raw`\{\{<(?!\s*\/\*)${INSIDE}>\}\}`, 'g');
const HUGO_PERCENT = new RegExp(String.raw`\{\{%(?!\s*\/\*)${INSIDE}%\}\}`, 'g');

/**
 * An imported body as the site's template language leaves it: the feed's `{{ x }}` and `{% x %}`
 * are text (a GitHub Actions `${{ runner.os }}`, Hugo's own release notes), which Jekyll's Liquid
 * and Eleventy's Nunjucks would run and Hugo would read as shortcodes, dropping them (and failing
 * on a shortcode the site does not have). Liquid and Nunjucks keep a `raw` block as it is; Hugo
 * writes a shortcode commented out (`{{</*` and `*\/>}}` around it) as its text.
 */
export function siteBody(body: string, ssg: SsgName): string {
  const templates = SITES[ssg].templates;
  if (templates === 'hugo') return body.replace(HUGO_ANGLE, '{{</*$1*/>}}').replace(HUGO_PERCENT, '{{%/*$1*/%}}');
  if (templates === 'none' || !/\{[{%#]/.test(body)) return body;
  // A body that closes a raw block itself cannot be wrapped in one: left as it is (the build warns of its tags).
  if (/\{%-?\s*endraw\b/.test(body)) return body;
  const text = body.trimEnd();
  return `{% raw %}${text}{% endraw %}${body.slice(text.length)}`;
}
