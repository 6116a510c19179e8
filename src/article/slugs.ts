/**
 * The slug algorithms of the site generators, each as its tool's source writes it, for URLs that
 * are the ones the site publishes (site-urls.ts).
 */

/**
 * Hugo's paths.Sanitize (common/paths/path.go, 0.111): a run of whitespace becomes one `-`
 * before the next kept character; kept are letters, digits, marks, `. / \ _ # + ~ -` and `%XX`;
 * everything else is dropped. `lower`: MakePathSanitized lowercases unless disablePathToLower.
 */
export function hugoPath(text: string, lower = true): string {
  let out = '';
  let hyphen = false;
  for (let i = 0; i < text.length; ) {
    const c = String.fromCodePoint(text.codePointAt(i)!);
    if (/[\p{L}\p{Nd}\p{M}./\\_#+~-]/u.test(c) || (c === '%' && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3)))) {
      if (hyphen && out !== '') out += '-';
      hyphen = false;
      out += c;
    } else if (/\s/u.test(c)) hyphen = true;
    i += c.length;
  }
  return lower ? out.toLowerCase() : out;
}

type JekyllMode = 'raw' | 'default' | 'pretty' | 'ascii';

// Jekyll::Utils SLUGIFY_*_REGEXP.
const JEKYLL_DROPPED: Record<JekyllMode, RegExp> = {
  raw: /\s+/gu,
  default: /[^\p{M}\p{L}\p{Nd}]+/gu,
  pretty: /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu,
  ascii: /[^A-Za-z0-9]+/g,
};

/** Jekyll::Utils.slugify: the mode's other characters become `-`, trimmed of `-`, lowercased unless `cased`. */
export function jekyllSlug(text: string, mode: JekyllMode = 'default', cased = false): string {
  const slug = text.replace(JEKYLL_DROPPED[mode], '-').replace(/^-+|-+$/g, '');
  return cased ? slug : slug.toLowerCase();
}

/**
 * github-slugger, as Astro names content entries and AstroPaper its posts: lowercased, every
 * character but letters, marks, numbers, connectors (`_`), `-` and spaces dropped, spaces made `-`.
 */
export function githubSlug(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** lodash's kebabCase, as AstroPaper's slugifyStr uses it for Latin text: words (camelCase split too), lowercased, joined by `-`. */
export function kebabCase(text: string): string {
  const words = text.replace(/['\u2019]/g, '').match(/\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\p{N}+|\p{L}+/gu) ?? [];
  return words.map((w) => w.toLowerCase()).join('-');
}

/** AstroPaper's slugifyStr: lodash's kebabCase for Latin text, github-slugger for the rest. */
export function astroPaperSlug(text: string): string {
  return /^[\p{Script=Latin}\d\s\p{P}]*$/u.test(text) ? kebabCase(text) : githubSlug(text);
}

/**
 * @sindresorhus/slugify, Eleventy's `slugify` filter: `&` read as "and", accents taken off,
 * lowercased, every run of other characters made one `-`.
 */
export function eleventySlug(text: string): string {
  return text
    .replace(/&/g, ' and ')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
