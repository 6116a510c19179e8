/** The normalized article: one field per meaning, whichever frontmatter key it came from. */
import type { Diagnostic } from '../diagnostics.js';
import type { Person } from '../config/schema.js';
import type { SourceFile } from '../source/discover.js';
import type { Byline } from '../time/byline.js';
import type { DateInput } from '../time/resolve.js';

export interface ImageRef {
  /** As written: may be relative to the article's page. */
  src: string;
  alt?: string;
  caption?: string;
  credit?: string;
}

export interface EnclosureRef {
  url: string;
  /** Registered MIME type, when declared or known from the extension. */
  type?: string;
  /** Bytes, when declared. */
  length?: number;
  /** Seconds. */
  duration?: number;
  title?: string;
  /** A podcast episode's number, and its season's. */
  episode?: number;
  season?: number;
  line?: number;
}

/**
 * What an article's body is written in (frontmatter `markup`). `html` and `text` bodies (what
 * `syndicate import` writes) are shown as the HTML or the text they are: never read as Markdown,
 * never searched for a byline or a `# heading` title.
 */
export type Markup = 'markdown' | 'html' | 'text';

export interface Article {
  source: SourceFile;
  title: string;
  authors: Person[];
  tags: string[];
  summary?: string;
  image?: ImageRef;
  enclosure?: EnclosureRef;
  lang?: string;
  id?: string;
  slug?: string;
  permalink?: string;
  draft: boolean;
  /** External URL the item points to (link posts, cross-posts). */
  link?: string;
  /** The page a clipping was taken from (a clipper's `source`), linked as where the item came from. */
  via?: string;
  /**
   * Where the Markdown body starts in the file's decoded text. The body is
   * not kept: it is read again from the file (see bodyOf) only for an article
   * that lands in a feed and is not in the render cache, so a build of any
   * size never holds every body in memory.
   */
  bodyStart: number;
  markup: Markup;
  /** The body (from bodyStart) opens with the `# heading` the title came from, which is then left out of the content. */
  titleFromHeading: boolean;
  /**
   * A clipping: a Markdown file with no frontmatter, as web clippers and readers' "save as" leave
   * them. Its byline block is taken out of the body (bodyStart is after it) and what the web page
   * left in its body goes when it is rendered (content/clipping.ts). An article with frontmatter is
   * left as written.
   */
  clipping: boolean;
  dates: { published?: DateInput; updated?: DateInput };
  /** IANA zone for this article's zone-less dates (frontmatter `timezone`). */
  timezone?: string;
  /** When the text was captured (frontmatter `captured` / `retrieved`): the anchor of relative dates. */
  captured?: DateInput;
  /** When the page leaves the site (Hugo's expiryDate): from then on it is in no feed. */
  expires?: DateInput;
  /** Dates and author read from the byline block at the top of the body (time/byline.ts). */
  byline: Byline;
  /** What a site generator's URL rule reads besides the fields above (article/site-urls.ts). */
  site?: SiteFacts;
  /** The link tags of the body (`ref posts/x.md`, `post_url 2024-01-01-x`), with their lines: resolved to URLs for rendering (site-links.ts). */
  templateLinks?: { tag: string; line: number }[];
}

/** Frontmatter values only a site generator's URLs use. */
export interface SiteFacts {
  /** Jekyll's categories (`categories`, `category`): the `:categories` of its permalinks. */
  categories?: string[];
  /** Eleventy's `permalink`, a template (`/posts/{{ title | slugify }}/`). */
  permalinkTemplate?: string;
}

/** What reading one file gave: an article, or none (its errors say why), and its diagnostics. */
export interface Loaded {
  article?: Article;
  diagnostics: Diagnostic[];
}
