/** The normalized article: one field per meaning, whichever frontmatter key it came from. */
import type { Person } from '../config.js';
import type { SourceFile } from '../source/discover.js';
import type { Byline } from '../time/byline.js';

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
  line?: number;
}

/** A raw date value and where it was written. */
export interface DateInput {
  key: string;
  value: string;
  line?: number;
}

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
  /**
   * The Markdown body, rendered only if the article lands in a feed. Absent
   * when the article came from the article cache: it is then read again from
   * the file (see readBody) if the render cache does not hold it either.
   */
  body?: string;
  /** Where the body starts in the file's decoded text. */
  bodyStart: number;
  /** The title came from the body's first `# heading`, which is then left out of the content. */
  titleFromHeading: boolean;
  dates: { published?: DateInput; updated?: DateInput };
  /** IANA zone for this article's zone-less dates (frontmatter `timezone`). */
  timezone?: string;
  /** When the text was captured (frontmatter `captured` / `retrieved`): the anchor of relative dates. */
  captured?: DateInput;
  /** Dates and author read from the first lines of the body. */
  byline: Byline;
}
