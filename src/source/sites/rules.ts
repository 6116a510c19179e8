/**
 * What a static site generator does with a site's files, as data: one adapter per generator
 * (hugo.ts, jekyll.ts, eleventy.ts, astro.ts), each naming the tool's own documented rules, in
 * the style of Hugo's page_frontmatter.go. The stages read the rules they need by name: which
 * files are posts (discover), frontmatter formats (frontmatter.ts), keys and flags
 * (article/normalize.ts), dates (article/dates.ts), URLs (article/site-urls.ts), templates
 * (content/templates.ts) and relative images (content/). What a site's own config says (its
 * URL, zone, permalink patterns) is read in config/site/.
 */
import type { ListedFile } from '../discover.js';
import type { FrontmatterRules } from '../frontmatter.js';

export const SSG_NAMES = ['hugo', 'jekyll', 'eleventy', 'astro'] as const;
export type SsgName = (typeof SSG_NAMES)[number];

/** Whether the file's extension is one of `extensions`. */
export function endsWithOne(relPath: string, extensions: readonly string[]): boolean {
  const dot = relPath.lastIndexOf('.');
  return dot !== -1 && extensions.includes(relPath.slice(dot).toLowerCase());
}

/** A frontmatter value that keeps a page out of the site (and so out of every feed). */
export interface Unpublished {
  key: string;
  /** The value that does it. */
  value: boolean;
  /** A draft (counted as one), or a page that is simply not a post (not an article at all). */
  kind: 'draft' | 'page';
  /** Why, in the words of the generator's docs. */
  why: string;
}

export interface SiteRules {
  name: SsgName;
  /** Which files are posts, in words (explain says it of a page that is none). */
  postsAre: string;
  /** As the docs write it. */
  title: string;
  frontmatter: FrontmatterRules;
  /**
   * The frontmatter keys of a field (article/schema.ts), in the tool's order; they replace
   * syndicate's own keys for that field. A dotted key reads inside a mapping (`params.author`).
   */
  keys: Readonly<Record<string, readonly string[]>>;
  /** Fields whose keys are all read and merged, rather than the first present (Jekyll's categories and tags). */
  mergedKeys?: readonly string[];
  /** Keys whose text value is a list of words split on spaces (Jekyll's `categories: a b`). */
  wordLists?: readonly string[];
  unpublished: readonly Unpublished[];
  dates: {
    /**
     * The zone a date without an offset is read in: the site's, or UTC. `plainInUtc`: an
     * unquoted YAML timestamp with a time is UTC (Ruby's YAML), anything else the site's.
     */
    zoneless: 'site' | 'utc' | 'plainInUtc';
    /** The offset a date is shown with: as written, the site zone's (Jekyll converts), or UTC (JavaScript dates). */
    shown: 'written' | 'site' | 'utc';
    /**
     * `ruby`: a date string is read by Ruby's Time.parse, which passes over numbers it finds no
     * place for ("2023-01-29 18:30:22 2023 -0800", a year written twice, is 18:30:22 -08:00).
     */
    parser?: 'ruby';
    /** A date at the start of a file name, when the tool reads more than YYYY-MM-DD there (Jekyll: `2024-6-5-x.md`). */
    nameDate?: RegExp;
  };
  /**
   * What a relative image or link in the body is relative to: the page's URL (what a browser
   * does), or the source file (the tool rewrites it: `published` when the file is copied beside
   * it in the output, `processed` when the tool publishes it under a name of its own).
   */
  relative: 'page' | 'source-published' | 'source-processed';
  /** The template language of the body: its tags are rendered or removed (content/templates.ts). */
  templates: 'hugo' | 'liquid' | 'nunjucks' | 'none';
  /** The posts among the listed files (Markdown and HTML: discover.ts), by path. */
  posts(files: ListedFile[], listing: PostListing): ListedFile[];
}

/** What a site's config says about which files are posts. */
export interface PostListing {
  /** Hugo: the sections whose pages are the feed's (`params.mainSections`); else the section with the most pages. */
  sections?: readonly string[];
  /** Astro: the content collections' folders under the articles folder, and the file pattern each loads. */
  collections?: readonly { dir: string; skipUnderscored: boolean }[];
}
