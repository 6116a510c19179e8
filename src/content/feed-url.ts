/**
 * The URL policy of feed HTML, shared by the sanitizer (html.ts) and by the
 * Markdown renderer's links and images (markdown.ts), which is why it stands
 * apart from sanitize-html: rendering Markdown does not load the sanitizer.
 */
import { resolveUrl } from '../util/text.js';

const SAFE_DATA_IMAGE = /^\s*data:image\/(png|jpeg|gif|webp|avif);base64,[a-z0-9+/=\s]*$/i;

export const LINK_SCHEMES = ['http', 'https', 'mailto'];
// data: is let through for images only, and feedUrl() keeps only raster image types.
export const MEDIA_SCHEMES = ['http', 'https', 'data'];
const MEDIA_TAGS = new Set(['img', 'source']);

/**
 * A URL of an attribute of `tag` as a feed may carry it: absolute against `baseUrl`, with a
 * scheme the options allow for that tag; undefined when it must go. Markdown links and images
 * (markdown.ts) go through it too, so a body with no HTML of its own needs no sanitizing.
 */
export function feedUrl(value: string, baseUrl: string, tag: string): string | undefined {
  const schemes = MEDIA_TAGS.has(tag) ? MEDIA_SCHEMES : LINK_SCHEMES;
  // An SVG (which can hold script) or HTML data: URL never passes; PNG, JPEG, GIF, WebP and AVIF do.
  if (/^\s*data:/i.test(value)) return schemes.includes('data') && SAFE_DATA_IMAGE.test(value) ? value : undefined;
  const resolved = resolveUrl(value, baseUrl);
  return resolved !== undefined && schemes.includes(resolved.slice(0, resolved.indexOf(':'))) ? resolved : undefined;
}
