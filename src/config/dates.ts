/**
 * Where an article's dates may come from, as the config names them (`dates.published`,
 * `dates.updated`): each name is a handler of the resolution chain (time/resolve.ts), tried in
 * the order given, first success wins. The defaults try every source, in this order.
 */
export const PUBLISHED_SOURCES = ['frontmatter', 'byline', 'filename', 'previous', 'git', 'mtime'] as const;
export const UPDATED_SOURCES = ['frontmatter', 'byline', 'git', 'published'] as const;

export type PublishedSource = (typeof PUBLISHED_SOURCES)[number];
export type UpdatedSource = (typeof UPDATED_SOURCES)[number];

export interface Chains {
  published: PublishedSource[];
  updated: UpdatedSource[];
}

/**
 * The published chain in a site whose generator dates a post by its file name when its frontmatter
 * has no date, and reads no byline (Jekyll, Eleventy): the name's date before a byline's, or a
 * clipping's "Published ..." would move the post's date (and a Jekyll URL's day) off the site's.
 */
export const NAME_BEFORE_BYLINE: PublishedSource[] = ['frontmatter', 'filename', ...PUBLISHED_SOURCES.filter((s) => s !== 'frontmatter' && s !== 'filename')];

export const DEFAULT_CHAINS: Chains = { published: [...PUBLISHED_SOURCES], updated: [...UPDATED_SOURCES] };
