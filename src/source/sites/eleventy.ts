/**
 * Eleventy (11ty.dev; read in the docs "Dates", "Permalinks", "Collections", "Front matter
 * data", and in eleventy-base-blog and @11ty/eleventy-plugin-rss 3.0).
 */
import { endsWithOne, type SiteRules } from './rules.js';

export const eleventy: SiteRules = {
  name: 'eleventy',
  title: 'Eleventy',
  // YAML, `---json`, and `---js` read for its constants' plain values only (it is never run).
  // js-yaml refuses a repeated key, and so the whole build: here only that page is refused.
  frontmatter: { formats: ['yaml', 'json', 'js-literals'], repeatedKeys: 'refuse' },
  keys: {
    published: ['date'],
    updated: ['updated', 'lastmod', 'modified'],
    authors: ['author', 'authors'],
    tags: ['tags'],
    summary: ['description', 'summary', 'excerpt'],
    image: ['image', 'cover'],
    // `permalink` is a template (`/posts/{{ title | slugify }}/`), rendered for the URL (article/site-urls.ts).
    permalink: [],
    slug: [],
    lang: ['lang', 'language'],
  },
  unpublished: [
    // eleventy-base-blog's drafts preprocessor.
    { key: 'draft', value: true, kind: 'draft', why: 'a draft (eleventy-base-blog leaves drafts out of builds)' },
    { key: 'eleventyExcludeFromCollections', value: true, kind: 'page', why: 'excluded from collections, so from the feed' },
    { key: 'permalink', value: false, kind: 'page', why: '"permalink: false": Eleventy writes no page for it' },
  ],
  // js-yaml and Luxon read every date in UTC, and a written offset becomes UTC.
  dates: { zoneless: 'utc', shown: 'utc' },
  // Passthrough copies the files beside the source, so a source-relative path is where they are.
  relative: 'source-published',
  templates: 'nunjucks',
  // Every template is a page; which are posts is the feed's collection (tags), read from the frontmatter.
  postsAre: "the Markdown pages of the feed's collection, outside _includes and _data",
  posts: (files) => files.filter((f) => endsWithOne(f.relPath, ['.md', '.markdown']) && !/(?:^|\/)_(?:includes|data)\//.test(f.relPath)),
};
