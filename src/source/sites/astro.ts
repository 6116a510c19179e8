/**
 * Astro (docs.astro.build "Content collections", the glob loader of astro 5, @astrojs/rss 4;
 * and the two shapes most blogs take: the blog starter and AstroPaper).
 */
import type { ListedFile } from '../discover.js';
import { endsWithOne, type PostListing, type SiteRules } from './rules.js';

export const astro: SiteRules = {
  name: 'astro',
  title: 'Astro',
  // js-yaml: a repeated key fails the build; here only that page is refused.
  frontmatter: { formats: ['yaml'], repeatedKeys: 'refuse' },
  keys: {
    // AstroPaper's pubDatetime/modDatetime, the blog starter's pubDate/updatedDate.
    published: ['pubDatetime', 'pubDate', 'date', 'publishDate'],
    updated: ['modDatetime', 'updatedDate', 'updated', 'lastmod'],
    authors: ['author', 'authors'],
    tags: ['tags', 'categories'],
    summary: ['description', 'summary'],
    image: ['ogImage', 'heroImage', 'image', 'cover'],
    // The glob loader's id (astro 5) and AstroPaper 2's postSlug.
    slug: ['slug', 'postSlug'],
    permalink: [],
    lang: ['lang', 'language'],
  },
  unpublished: [{ key: 'draft', value: true, kind: 'draft', why: 'a draft (the site leaves drafts out of its pages and feed)' }],
  // js-yaml reads a zone-less timestamp as UTC; dates are JavaScript Dates, printed in UTC.
  dates: { zoneless: 'utc', shown: 'utc' },
  // Astro resolves images from the source file and publishes them under hashed names (/_astro/).
  relative: 'source-processed',
  templates: 'none',
  postsAre: "the Markdown entries of the content collections, without those whose names start with _",
  posts: astroPosts,
};

/** The files the collections' glob loaders take: under their folders, and `_name.md` skipped where the pattern says. */
function astroPosts(files: ListedFile[], listing: PostListing): ListedFile[] {
  const collections = listing.collections ?? [{ dir: '', skipUnderscored: false }];
  return files.filter((f) =>
    collections.some((c) => {
      const inside = c.dir === '' || f.relPath.startsWith(`${c.dir}/`);
      const name = f.relPath.slice(f.relPath.lastIndexOf('/') + 1);
      return inside && endsWithOne(name, ['.md', '.markdown']) && !(c.skipUnderscored && name.startsWith('_'));
    }),
  );
}
