/**
 * The article's public URL, from the config's permalink pattern or the
 * article's own `permalink`. Pattern tokens:
 *   :path   the file's path under articles/ without extension (a `slug`
 *           replaces the file name part; `dir/index.md` is `dir`)
 *   :slug   the `slug`, else the file name without extension and date prefix
 *   :year :month :day   the publication date, as written (its own offset)
 */
import type { Timestamp } from '../time/timestamp.js';
import type { Article } from './article.js';
import type { UrlSettings } from '../config/site/index.js';
import { sitePath } from './site-urls.js';

export function articleUrl(article: Article, published: Timestamp, siteUrl: string, pattern: string, generator?: UrlSettings): string {
  const base = siteBase(siteUrl);
  // A site generator's site: the URL its generator publishes the post at (site-urls.ts); an absolute `permalink` is that.
  if (generator !== undefined && !(article.permalink !== undefined && !article.permalink.startsWith('/'))) return underSite(sitePath(article, published, generator), base);
  if (article.permalink !== undefined) {
    return article.permalink.startsWith('/') ? underSite(article.permalink.slice(1), base) : new URL(article.permalink).href;
  }
  const [dir, name] = splitLast(article.source.relPath.replace(/\.[^./]+$/, ''));
  // A page bundle (dir/index.md) is named by its folder.
  const [parent, leaf] = name === 'index' ? splitLast(dir) : [dir, name];
  // Each token is worked out only if the pattern has it.
  const value = (token: string): string => {
    if (token === 'path') return [parent, article.slug ?? leaf].filter(Boolean).join('/');
    if (token === 'slug') return article.slug ?? leaf.replace(/^\d{4}-\d{2}-\d{2}[-_]/, '');
    // The date as written, in its own offset.
    const wall = new Date(published.instant + published.offset * 60_000);
    if (token === 'year') return String(wall.getUTCFullYear()).padStart(4, '0');
    return String(token === 'month' ? wall.getUTCMonth() + 1 : wall.getUTCDate()).padStart(2, '0');
  };
  const filled = pattern.replace(/:(path|slug|year|month|day)\b/g, (_, token: string) => value(token));
  // Collapse the double slash an empty :path leaves (articles/index.md).
  return underSite((filled.includes('//') ? filled.replace(/\/{2,}/g, '/') : filled).slice(1), base);
}

/** A relative POSIX path's folder ('' at the top) and last name. */
function splitLast(p: string): [dir: string, name: string] {
  const slash = p.lastIndexOf('/');
  return slash === -1 ? ['', p] : [p.slice(0, slash), p.slice(slash + 1)];
}

/**
 * The URL of `sitePath` (relative to the site's root) under `base`. Always a path under the site:
 * a first segment that reads like a scheme (a file named `javascript:x.md`, `slug: "mailto:x"`)
 * is a path segment here, never a URL of its own.
 */
function underSite(sitePath: string, base: string): string {
  const encoded = encodePath(sitePath);
  // What the URL parser would give, without parsing: an encoded path holds only characters it
  // keeps as they are, so only `.` and `..` segments (which it resolves) need it.
  return DOT_SEGMENT.test(encoded) ? new URL(`./${encoded}`, base).href : base + encoded;
}

const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

// The last site URL asked for and its base: every article of a build asks for the same one.
let lastBase: [siteUrl: string, base: string] | undefined;

/** The site URL with a trailing slash, so relative paths land under it. */
export function siteBase(siteUrl: string): string {
  if (lastBase?.[0] === siteUrl) return lastBase[1];
  const url = new URL(siteUrl);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  lastBase = [siteUrl, url.href];
  return url.href;
}

/** Percent-encodes each segment, so a `#` or `?` in a file name stays part of the path. */
function encodePath(p: string): string {
  // In encodeURIComponent's output, %2F, %40 and %3A can only come from `/`, `@` and `:`
  // (a `%` of the input is %25).
  return encodeURIComponent(p).replace(/%(?:2F|40|3A)/g, (c) => KEPT[c]!);
}

const KEPT: Record<string, string> = { '%2F': '/', '%40': '@', '%3A': ':' };
