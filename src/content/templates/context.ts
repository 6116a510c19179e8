/**
 * What rendering the template tags of a body needs (content/templates/): the site's values and
 * the URLs of the pages its tags link to, as plain data that crosses to worker threads and goes
 * into the render cache's key.
 */

export type Dialect = 'hugo' | 'liquid' | 'nunjucks';

/** What a body's tags are read with at parse time: the language, and the site's values. */
export interface TemplateSite {
  dialect: Dialect;
  /** `site.*` (Jekyll's config, Hugo's title and params), `metadata.*` (Eleventy's global data). */
  vars: Readonly<Record<string, unknown>>;
}

/** What rendering them needs besides: the page, the site's URL, and the links the body's tags name. */
export interface TemplateContext extends TemplateSite {
  page: { url: string; title: string; date: string; fileSlug?: string };
  /** The site's URL, with its path and a final slash. */
  siteUrl: string;
  /** Each link tag (`ref posts/x.md`, `post_url 2024-01-01-x`, `link about.md`) to the URL of its page; missing when there is none. */
  links: Readonly<Record<string, string>>;
  /** Hosts whose iframes the feed keeps (content.iframeHosts): a video is embedded there, linked otherwise. */
  iframeHosts: readonly string[];
}

/** A tag syndicate does not know: removed, and warned of at parse time. */
export interface UnknownTag {
  /** As written, shortened: `{% include note.html %}`. */
  tag: string;
  /** Offset in the body. */
  at: number;
}

/** What a body's tags are: the link tags to resolve, and the tags removed. */
export interface TemplateScan {
  /** Each link tag as its key in TemplateContext.links, and where it is. */
  links: { tag: string; at: number }[];
  unknown: UnknownTag[];
}

/**
 * Put where an unknown tag was. In a URL (a Markdown link's destination, an href or src), the
 * whole URL is made one no feed keeps (finish()); anywhere else it is removed. A noncharacter,
 * which no text needs.
 */
export const REMOVED = '\uFDD0';

/** The body with each REMOVED mark taken out, and the URLs that held one made unusable. */
export function finish(body: string): string {
  if (!body.includes(REMOVED)) return body;
  return body
    .replace(/(\]\(\s*)([^)\s]*\uFDD0[^)\s]*)/g, '$1about:invalid')
    .replace(/(\b(?:href|src)\s*=\s*)(?:"[^"]*\uFDD0[^"]*"|'[^']*\uFDD0[^']*')/gi, '$1"about:invalid"')
    .replace(/\uFDD0/g, '');
}

/** A value of `vars` by a dotted path (`site.params.description`), as text; undefined when there is none. */
export function lookUp(vars: Readonly<Record<string, unknown>>, path: string): string | undefined {
  const value = path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), vars);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
  return undefined;
}
