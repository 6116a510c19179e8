/**
 * How articles are read for a site: its generator's rules (source/sites/) with what its config
 * says (config/site/), as plain data that crosses to the worker threads and names the article
 * cache's entries (rebuild/article-cache.ts). Without a generator: syndicate's own reading.
 */
import type { Config } from '../config/schema.js';
import { warning, type Diagnostic } from '../diagnostics.js';
import { PLAIN_FRONTMATTER, type FrontmatterRules } from '../source/frontmatter.js';
import { SITES, type SiteRules, type SsgName, type Unpublished } from '../source/sites/index.js';
import { isBcp47 } from '../util/validate.js';
import { FIELD_KEYS, keyTable, type KeyTable } from './schema.js';
import type { SiteFacts } from './article.js';

export interface ReadRules {
  ssg?: SsgName;
  frontmatter: FrontmatterRules;
  keys: KeyTable;
  mergedKeys: readonly string[];
  wordLists: readonly string[];
  unpublished: readonly Unpublished[];
  /** Jekyll: an unquoted YAML timestamp without offset is UTC. */
  plainDatesInUtc: boolean;
  /** Jekyll: Ruby's Time.parse passes over stray numbers in a date (rubyDate). */
  rubyDates?: boolean;
  templates: SiteRules['templates'];
  /** What relative URLs in the body are relative to (source/sites/). */
  relative?: SiteRules['relative'];
  /** The site's values its templates may name (config/site/: `site.*`, `metadata.*`). */
  templateVars?: Readonly<Record<string, unknown>>;
  /** Eleventy: tags folders give their pages, and the tag of the feed's collection. */
  folderTags?: Readonly<Record<string, readonly string[]>>;
  feedTag?: string;
}

export const PLAIN_RULES: ReadRules = {
  frontmatter: PLAIN_FRONTMATTER,
  keys: FIELD_KEYS,
  mergedKeys: [],
  wordLists: [],
  unpublished: [],
  plainDatesInUtc: false,
  templates: 'none',
};

const made = new WeakMap<Config, ReadRules>();

export function readRulesOf(config: Config): ReadRules {
  let rules = made.get(config);
  if (rules) return rules;
  const site = config.generator;
  const keys = config.keys ?? {};
  if (site === undefined) {
    rules = Object.keys(keys).length === 0 ? PLAIN_RULES : { ...PLAIN_RULES, keys: keyTable(undefined, keys) };
  } else {
    const tool = SITES[site.ssg];
    rules = {
      ssg: site.ssg,
      frontmatter: tool.frontmatter,
      // Per-page zones are not a generator's; a site that builds its drafts has none.
      keys: keyTable({ timezone: [], ...tool.keys, ...(site.publishesDrafts && { draft: [] }) }, keys),
      mergedKeys: tool.mergedKeys ?? [],
      wordLists: tool.wordLists ?? [],
      // A site that builds its drafts publishes them.
      unpublished: site.publishesDrafts ? tool.unpublished.filter((u) => u.key !== 'draft' && u.key !== 'published') : tool.unpublished,
      plainDatesInUtc: tool.dates.zoneless === 'plainInUtc',
      rubyDates: tool.dates.parser === 'ruby',
      templates: tool.templates,
      relative: tool.relative,
      ...(tool.templates !== 'none' && { templateVars: site.vars }),
      ...(site.folderTags && { folderTags: site.folderTags }),
      ...(site.feedTag && { feedTag: site.feedTag }),
    };
  }
  made.set(config, rules);
  return rules;
}

/**
 * The frontmatter as the site's generator reads it, before validation: keys inside mappings
 * (`params.author`) lifted, word lists split, merged fields merged, a `lang` written with `_`
 * made a BCP 47 tag, folders' tags added. And whether the generator publishes the page at all.
 */
export function siteData(
  data: Record<string, unknown>,
  rules: ReadRules,
  relPath: string,
  lineOf: (path: readonly PropertyKey[]) => number | undefined,
  file: string,
): { data: Record<string, unknown>; unpublished?: Unpublished | { kind: 'page'; why: string }; facts?: SiteFacts; diagnostics: Diagnostic[] } {
  if (rules === PLAIN_RULES) return { data, diagnostics: [] };
  const out: Record<string, unknown> = { ...data };
  const diagnostics: Diagnostic[] = [];
  const unpublished = rules.unpublished.find((u) => out[u.key] === u.value);
  // `permalink: false` and the like are not values of their field.
  if (unpublished) delete out[unpublished.key];
  const facts = siteFacts(out, rules);
  loosen(out, rules);
  for (const key of Object.values(rules.keys).flat()) {
    if (key.includes('.') && !(key in out)) out[key] = key.split('.').reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined), data);
  }
  for (const key of rules.wordLists) if (typeof out[key] === 'string') out[key] = (out[key] as string).split(/\s+/).filter(Boolean);
  for (const field of rules.mergedKeys) {
    const keys = rules.keys[field as keyof KeyTable];
    const values = keys.flatMap((k) => (out[k] === undefined || out[k] === null ? [] : [out[k]].flat()));
    for (const k of keys) delete out[k];
    if (values.length > 0) out[keys[0]!] = values;
  }
  for (const key of rules.keys.lang) {
    const lang = out[key];
    if (typeof lang !== 'string' || isBcp47(lang) || !isBcp47(lang.replace(/_/g, '-'))) continue;
    const tag = Intl.getCanonicalLocales(lang.replace(/_/g, '-'))[0]!;
    out[key] = tag;
    diagnostics.push(warning(file, 'lang-normalized', `${key}: "${lang}" is not a BCP 47 language tag; it is read as "${tag}" (write that)`, lineOf([key])));
  }
  const feedTag = rules.feedTag;
  if (rules.folderTags || feedTag) {
    const tagKey = rules.keys.tags[0] ?? 'tags';
    const tags = [...folderTagsOf(rules.folderTags ?? {}, relPath), ...[out[tagKey] ?? []].flat()];
    // The collection's tag says the page is a post; it is not one of its topics.
    out[tagKey] = tags.filter((t) => t !== feedTag);
    if (feedTag && !unpublished && !tags.includes(feedTag)) return { data: out, unpublished: { kind: 'page', why: `not in the "${feedTag}" collection the site's feed lists` }, diagnostics };
  }
  return { data: out, unpublished, facts, diagnostics };
}

/**
 * Values as the generators take them where syndicate's schema would not: an empty value is no
 * value, "true" and "false" are booleans (Hugo's cast), a list of images is its first (Hugo's
 * `images`).
 */
function loosen(data: Record<string, unknown>, rules: ReadRules): void {
  for (const [key, value] of Object.entries(data)) if (value === '' || (Array.isArray(value) && value.length === 0)) delete data[key];
  for (const key of rules.keys.draft) if (data[key] === 'true' || data[key] === 'false') data[key] = data[key] === 'true';
  for (const key of rules.keys.image) if (Array.isArray(data[key])) data[key] = (data[key] as unknown[])[0];
}

/** Jekyll's categories (before they are merged into the tags) and Eleventy's permalink template: what only URLs read. */
function siteFacts(data: Record<string, unknown>, rules: ReadRules): SiteFacts | undefined {
  const words = (v: unknown) => (typeof v === 'string' ? v.split(/\s+/) : Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
  if (rules.ssg === 'jekyll') {
    const categories = [...words(data.categories), ...[data.category ?? []].flat()].map(String).filter((c) => c !== '');
    return categories.length > 0 ? { categories } : undefined;
  }
  if (rules.ssg === 'eleventy' && typeof data.permalink === 'string') return { permalinkTemplate: data.permalink };
  return undefined;
}

function folderTagsOf(folderTags: Readonly<Record<string, readonly string[]>>, relPath: string): string[] {
  const parts = relPath.split('/').slice(0, -1);
  const tags: string[] = [...(folderTags[''] ?? [])];
  for (let n = 1; n <= parts.length; n++) tags.push(...(folderTags[parts.slice(0, n).join('/')] ?? []));
  return tags;
}

/**
 * A date as Ruby's Time.parse reads it, where syndicate's parser does not: an ISO date and time
 * with bare numbers before the offset, which Ruby passes over (jekyllrb.com's
 * "2023-01-29 18:30:22 2023 -0800"). The date without them, and what was passed over; undefined
 * for any other text (it stays the parser's to judge).
 */
export function rubyDate(value: string): { date: string; passedOver: string } | undefined {
  const m = /^(\d{4}-\d{1,2}-\d{1,2}(?:T|[ \t]+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)((?:[ \t]+\d+)+)([ \t]+(?:[+-]\d{1,2}(?::?\d{2})?|Z|UTC))?[ \t]*$/i.exec(value);
  return m ? { date: `${m[1]}${m[3] ?? ''}`, passedOver: m[2]!.trim() } : undefined;
}
