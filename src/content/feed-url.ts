/**
 * The URL policy of feed HTML, shared by the sanitizer (html.ts) and by the
 * Markdown renderer's links and images (markdown.ts), which is why it stands
 * apart from sanitize-html: rendering Markdown does not load the sanitizer.
 */
import { toUri } from '../util/uri.js';
import { resolveUrl } from '../util/text.js';

const SAFE_DATA_IMAGE = /^\s*data:image\/(png|jpeg|gif|webp|avif);base64,[a-z0-9+/=\s]*$/i;

export const LINK_SCHEMES = ['http', 'https', 'mailto'];
// data: is let through for images only, and feedUrl() keeps only raster image types.
export const MEDIA_SCHEMES = ['http', 'https', 'data'];
const MEDIA_TAGS = new Set(['img', 'source']);

/**
 * What relative URLs of a body resolve against when it is not simply the page's URL: a site
 * generator that resolves them from the source file (Eleventy's passthrough copies, a Hugo
 * bundle's resources under ugly URLs), never above `root` (the site's URL); or one that
 * publishes such images under names of its own (Astro), so that they cannot be linked.
 */
export interface RelativeBase {
  base: string;
  root?: string;
  dropRelativeMedia?: boolean;
}

/** Whether `value` is a relative reference to a path (not a URL with a scheme, a root-relative path or a fragment). */
export function isPathRelative(value: string): boolean {
  return !/^\s*(?:[a-z][a-z0-9+.-]*:|\/|#|\?)/i.test(value) && value.trim() !== '';
}

/**
 * A URL of an attribute of `tag` as a feed may carry it: absolute against `baseUrl`, with a
 * scheme the options allow for that tag; undefined when it must go. Markdown links and images
 * (markdown.ts) go through it too, so a body with no HTML of its own needs no sanitizing.
 */
export function feedUrl(value: string, baseUrl: string | RelativeBase, tag: string): string | undefined {
  const schemes = MEDIA_TAGS.has(tag) ? MEDIA_SCHEMES : LINK_SCHEMES;
  // An SVG (which can hold script) or HTML data: URL never passes; PNG, JPEG, GIF, WebP and AVIF do.
  if (/^\s*data:/i.test(value)) return schemes.includes('data') && SAFE_DATA_IMAGE.test(value) ? value : undefined;
  const rule = typeof baseUrl === 'string' ? undefined : baseUrl;
  const relative = rule !== undefined && isPathRelative(value);
  if (relative && rule.dropRelativeMedia && MEDIA_TAGS.has(tag)) return undefined;
  // A relative path that climbs above the site is refused, never followed (URL resolution would
  // stop it at the host's root and so link some other file of the site).
  if (relative && rule.root !== undefined && climbsAbove(value, rule.base.startsWith(rule.root) ? rule.base.slice(rule.root.length).split('/').length - 1 : 0)) return undefined;
  const resolved = resolveUrl(value, rule?.base ?? (baseUrl as string));
  if (relative && rule.root !== undefined && resolved !== undefined && !resolved.startsWith(rule.root)) return undefined;
  // Written as a URI, as every URL of an item is (util/uri.ts): `|`, `[ ]`, `^` percent-encoded.
  return resolved !== undefined && schemes.includes(resolved.slice(0, resolved.indexOf(':'))) ? toUri(resolved) : undefined;
}

/**
 * Whether the relative path `value`, from a folder `depth` folders below the site's root, goes
 * above the root, counted as URL resolution counts ("\\" is "/" in http(s) URLs, "%2e" is ".").
 */
export function climbsAbove(value: string, depth: number): boolean {
  for (const segment of value.replace(/[?#].*$/s, '').split(/[\\/]/)) {
    const dots = segment.replace(/%2e/gi, '.');
    if (dots === '..') depth -= 1;
    else if (dots !== '.') depth += 1;
    if (depth < 0) return true;
  }
  return false;
}
