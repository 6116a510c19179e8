/** The adapters, by the generator's name: the one table the stages look a site's rules up in. */
import { astro } from './astro.js';
import { eleventy } from './eleventy.js';
import { hugo } from './hugo.js';
import { jekyll } from './jekyll.js';
import type { ListedFile } from '../discover.js';
import type { PostListing, SiteRules, SsgName } from './rules.js';

export const SITES: Readonly<Record<SsgName, SiteRules>> = { hugo, jekyll, eleventy, astro };

export { SSG_NAMES, type PostListing, type SiteRules, type SsgName, type Unpublished } from './rules.js';

/** The selection of posts among a site's listed files (discover's `select`). */
export function postsOf(site: { ssg: SsgName; listing: PostListing }): (files: ListedFile[]) => ListedFile[] {
  return (files) => SITES[site.ssg].posts(files, site.listing);
}
