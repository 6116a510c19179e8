/**
 * A site generator's settings, as syndicate read them from the site's own files (hugo.ts,
 * jekyll.ts, eleventy.ts, astro.ts here), and what they make of syndicate's config.
 */
import type { PostListing, SsgName } from '../../source/sites/index.js';

/** How a generator makes a post's URL, as the site configures it (article/site-urls.ts applies it). */
export type UrlSettings =
  | {
      kind: 'hugo';
      /** Patterns by section (`[permalinks]`). */
      permalinks: Record<string, string>;
      /** `uglyURLs`: for every section, or by section. */
      ugly: boolean | Record<string, boolean>;
      /** Paths are lowercased unless `disablePathToLower`. */
      lower: boolean;
      /** The site's languages: a page named `x.<lang>.md` is that language's, under /<lang>/ unless it is the default one (not in a subfolder). */
      languages: string[];
      defaultLanguage: string;
      defaultInSubdir: boolean;
    }
  | {
      kind: 'jekyll';
      /** The posts' permalink pattern, a built-in style already spelled out. */
      permalink: string;
    }
  | {
      kind: 'eleventy';
      /** `permalink` of each folder's directory data, by folder (relative to the articles folder). */
      folderPermalinks: Record<string, string>;
    }
  | {
      kind: 'astro';
      /** Each collection's folder (relative to the articles folder), the route its pages are under, and how the route names them. */
      collections: { dir: string; route: string; name: 'id' | 'astropaper' | 'title-slug' }[];
    };

export interface SiteSettings {
  ssg: SsgName;
  /** The generator's files this reading came from, relative to the project: the stamp hashes their bytes. */
  files: string[];
  /** The folder of the posts, relative to the project. */
  articlesDir: string;
  listing: PostListing;
  urls: UrlSettings;
  /** Drafts the site publishes anyway (Hugo's buildDrafts, Jekyll's unpublished). */
  publishesDrafts: boolean;
  /**
   * What the published site's root is in the project, relative to the articles folder, for
   * paths relative to a source file (Eleventy's input folder: '' when it is the articles folder).
   */
  publishedRoot?: string;
  /** Values templates in the body may name (`{{ site.title }}`, `{{< param "x" >}}`, `{{ metadata.title }}`). */
  vars: Record<string, unknown>;
  /** Tags that every page under a folder gets from its directory data (Eleventy), by folder. */
  folderTags?: Record<string, string[]>;
  /** The collection the site's feed lists (Eleventy: pages tagged with it are the posts). */
  feedTag?: string;
}

/** A site as read: its settings, the part of syndicate's config they give, and what could not be read. */
export interface SiteReading {
  settings: SiteSettings;
  /** Config values in syndicate's shape (`site.url`, `site.timezone`, ...), under syndicate.config.json's. */
  config: Record<string, unknown>;
  /** Keys syndicate could not read from the site's files, each with where it looked: asked for when syndicate.config.json lacks them. */
  missing: { key: string; file: string; why: string }[];
}
