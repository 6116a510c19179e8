/**
 * Hugo (gohugo.io; read in Hugo 0.111's sources and docs: resources/page/pagemeta/
 * page_frontmatter.go, resources/page/permalinks.go, common/paths/path.go, "Content
 * organization", "Page bundles", "Front matter").
 */
import type { ListedFile } from '../discover.js';
import { endsWithOne, type PostListing, type SiteRules } from './rules.js';

export const hugo: SiteRules = {
  name: 'hugo',
  title: 'Hugo',
  // `---` YAML, `+++` TOML (what `hugo new` writes), `{` JSON. A key written twice: YAML keeps
  // the last, silently; TOML forbids it and Hugo refuses the page (toml.ts says so).
  frontmatter: { formats: ['yaml', 'toml', 'json'], repeatedKeys: 'last-wins' },
  keys: {
    // .Date: date, then publishDate (and its aliases), then lastmod (dateFieldAliases).
    published: ['date', 'publishDate', 'publishdate', 'pubdate', 'published', 'lastmod', 'modified'],
    updated: ['lastmod', 'modified'],
    // No core author field: the conventions of themes, then a page's own params.
    authors: ['authors', 'author', 'params.author'],
    tags: ['tags', 'categories', 'keywords'],
    summary: ['summary', 'description'],
    // PaperMod's cover is a mapping; Hugo's own `images` a list (its first is the page's image).
    image: ['image', 'cover.image', 'images'],
    slug: ['slug'],
    // `url` is the page's whole path, used as written.
    permalink: ['url'],
    // The language of a page comes from its file name or content folder, never from a `lang` key.
    lang: [],
    // An expired page is not built (buildExpired is off by default).
    expires: ['expiryDate', 'expirydate', 'unpublishdate'],
  },
  unpublished: [
    { key: 'draft', value: true, kind: 'draft', why: 'a draft (Hugo builds it only with --buildDrafts)' },
    { key: 'headless', value: true, kind: 'page', why: 'a headless bundle (Hugo renders no page for it)' },
  ],
  // Zone-less values are read in the site's timeZone; a written offset is kept.
  dates: { zoneless: 'site', shown: 'written' },
  // Hugo writes links as they are: a browser resolves them against the page.
  relative: 'page',
  templates: 'hugo',
  postsAre: "the regular pages of the main sections: not list pages (_index.md), nor a page bundle's resources",
  posts: hugoPosts,
};

const LIST_PAGE = /(?:^|\/)_index\.[^/]+$/;
const BUNDLE_INDEX = /(?:^|\/)index\.[^/]+$/;

/**
 * Regular pages of the main sections: not list pages (`_index.md`), not the Markdown files a leaf
 * bundle (a folder with `index.md`) holds as resources, and only in `sections` (Hugo's
 * `mainSections`: the section with the most pages unless the site names them).
 */
function hugoPosts(files: ListedFile[], listing: PostListing): ListedFile[] {
  const bundles = new Set(files.filter((f) => BUNDLE_INDEX.test(f.relPath)).map((f) => folderOf(f.relPath)));
  const inBundle = (relPath: string) => {
    for (let dir = folderOf(relPath); dir !== ''; dir = folderOf(dir)) if (bundles.has(dir)) return true;
    return false;
  };
  const pages = files.filter((f) => endsWithOne(f.relPath, ['.md', '.markdown', '.html', '.htm']) && !LIST_PAGE.test(f.relPath) && (BUNDLE_INDEX.test(f.relPath) ? !inBundle(folderOf(f.relPath)) : !inBundle(f.relPath)));
  const sections = listing.sections ?? biggestSection(pages);
  return pages.filter((f) => sections.includes(sectionOf(f.relPath)));
}

function folderOf(relPath: string): string {
  const slash = relPath.lastIndexOf('/');
  return slash === -1 ? '' : relPath.slice(0, slash);
}

/** The first folder under the content folder ('' for a page at its top). */
export function sectionOf(relPath: string): string {
  const slash = relPath.indexOf('/');
  return slash === -1 ? '' : relPath.slice(0, slash);
}

/** Hugo's default mainSections: the section with the most pages (the first by name on a tie). */
function biggestSection(pages: ListedFile[]): string[] {
  const counts = new Map<string, number>();
  for (const p of pages) {
    const s = sectionOf(p.relPath);
    if (s !== '') counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return best ? [best[0]] : [''];
}
