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

export const DEFAULT_CHAINS: Chains = { published: [...PUBLISHED_SOURCES], updated: [...UPDATED_SOURCES] };
