/**
 * A URL as a URI (RFC 3986): every character a URI may not hold percent-encoded as UTF-8, so that
 * each URL a feed carries in an attribute (enclosure, image, link) is written the same way and
 * passes a URI check such as the W3C Feed Validation Service's. The WHATWG URL parser, which
 * makes our URLs absolute, leaves `|`, `^`, `[`, `]`, `{`, `}` and backquotes in paths and queries
 * (and a raw HTML `src` may hold a space); Markdown links already come out encoded (markdown-it
 * encodes them), and are unchanged here. `%XX` escapes are kept as they are, so this is idempotent.
 */

// RFC 3986's unreserved and reserved characters, without the brackets (only an IPv6 host may
// hold them, and the host is left alone) and with % for the escapes already there.
const NOT_URI = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]/gu;

function encode(c: string): string {
  // A lone surrogate has no UTF-8 form: it is written as U+FFFD, as a decoder would read it.
  return /^[\uD800-\uDFFF]$/.test(c) ? '%EF%BF%BD' : encodeURIComponent(c);
}

export function toUri(url: string): string {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0] ?? '';
  const rest = url.slice(authority.length);
  const hash = rest.indexOf('#');
  // Past the first #, another # is data of the fragment, not a delimiter.
  const [body, fragment] = hash === -1 ? [rest, ''] : [rest.slice(0, hash + 1), rest.slice(hash + 1).replaceAll('#', '%23')];
  return authority + (body + fragment).replace(NOT_URI, encode);
}
