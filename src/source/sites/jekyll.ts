/**
 * Jekyll (jekyllrb.com; read in Jekyll 4.3's sources and docs: lib/jekyll/document.rb,
 * publisher.rb, utils.rb, drops/url_drop.rb, docs/_docs/permalinks.md, posts.md,
 * front-matter.md; and jekyll-feed 0.17's feed.xml).
 */
import type { ListedFile } from '../discover.js';
import type { SiteRules } from './rules.js';

export const jekyll: SiteRules = {
  name: 'jekyll',
  title: 'Jekyll',
  // YAML only; a key written twice keeps the last value (Ruby's YAML), silently.
  frontmatter: { formats: ['yaml'], repeatedKeys: 'last-wins' },
  keys: {
    // `published` is a flag here, not a date; the file name's date comes after `date`.
    published: ['date'],
    updated: ['last_modified_at', 'updated'],
    authors: ['author', 'authors'],
    // jekyll-feed writes both categories and tags as the entry's categories.
    tags: ['categories', 'category', 'tags', 'tag'],
    summary: ['description', 'excerpt', 'summary'],
    image: ['image'],
    slug: ['slug'],
    permalink: ['permalink'],
    lang: ['lang'],
  },
  mergedKeys: ['tags'],
  // `categories: news release` is two categories (Document#populate_categories); `category:` is one.
  wordLists: ['categories', 'tags'],
  unpublished: [{ key: 'published', value: false, kind: 'draft', why: 'marked "published: false" (Jekyll builds it only with --unpublished)' }],
  // Time.parse(...).localtime with TZ set to `timezone`: an offset written is converted to the
  // site's zone, and Ruby's YAML reads an unquoted timestamp without offset as UTC.
  // document.rb's DATE_FILENAME_MATCHER: one or two digits for the month and the day.
  dates: { zoneless: 'plainInUtc', shown: 'site', parser: 'ruby', nameDate: /^(\d{4}-\d{1,2}-\d{1,2})-/ },
  relative: 'page',
  templates: 'liquid',
  postsAre: 'the files of _posts named YYYY-MM-DD-title, Markdown or HTML',
  posts: (files) => files.filter((f) => POST_NAME.test(f.relPath)),
};

// Document::DATE_FILENAME_MATCHER: YYYY-MM-DD-title.ext, at any depth of _posts; Markdown or HTML.
const POST_NAME = /(?:^|\/)\d{2,4}-\d{1,2}-\d{1,2}-[^/]+\.(?:md|markdown|mkdown|mkdn|mkd|html|htm)$/i;

/** The date and the title of a post's file name (`2024-06-05-Quoted Title Post.md`). */
export function jekyllName(relPath: string): { date: string; title: string } | undefined {
  const m = /(?:^|\/)(\d{2,4}-\d{1,2}-\d{1,2})-([^/]+)\.[^./]+$/.exec(relPath);
  return m ? { date: m[1]!, title: m[2]! } : undefined;
}

