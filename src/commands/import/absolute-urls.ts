/**
 * The relative URLs of imported HTML made absolute against what they were relative to in the
 * feed (its xml:base, else the item's page): the article may get another address, and feed
 * readers never applied an xml:base the HTML does not carry. Only the URL attributes the build's
 * sanitizer keeps are touched (href, src, poster, cite, srcset), and only inside tags, so text,
 * `<pre>` blocks and the rest of the markup stay byte for byte as the feed had them.
 */
import { decodeHTMLAttribute } from 'entities';
import { hasScheme, resolveUrl } from '../../util/text.js';

const TAG = /<[a-zA-Z][^>]*>/g;
const URL_ATTRIBUTE = /(\s)(href|src|poster|cite|srcset)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

export function absoluteUrls(html: string, base: string): string {
  if (!/\s(?:href|src|poster|cite|srcset)\s*=/i.test(html)) return html;
  return html.replace(TAG, (tag) =>
    tag.replace(URL_ATTRIBUTE, (whole, space: string, name: string, equals: string, dq?: string, sq?: string, bare?: string) => {
      const written = decodeHTMLAttribute(dq ?? sq ?? bare ?? '');
      const resolved = name.toLowerCase() === 'srcset' ? srcset(written, base) : one(written, base);
      return resolved === undefined ? whole : `${space}${name}${equals}"${resolved.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
    }),
  );
}

/** The URL resolved, or undefined when it is absolute already (or no URL). */
function one(value: string, base: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || hasScheme(trimmed)) return undefined;
  return resolveUrl(trimmed, base);
}

function srcset(value: string, base: string): string | undefined {
  let changed = false;
  const candidates = value.split(',').map((candidate) => {
    const [url, ...descriptor] = candidate.trim().split(/\s+/);
    const resolved = url ? one(url, base) : undefined;
    if (resolved === undefined) return candidate.trim();
    changed = true;
    return [resolved, ...descriptor].join(' ');
  });
  return changed ? candidates.join(', ') : undefined;
}
