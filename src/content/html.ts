/**
 * One pass over the rendered HTML with sanitize-html (htmlparser2 underneath):
 * keeps only what feed readers can show safely, and makes every URL absolute
 * against the article's own URL, since readers ignore xml:base and a relative
 * image would break.
 */
import type sanitizeHtml from 'sanitize-html';
import { onFirstUse } from '../util/on-first-use.js';
import { LINK_SCHEMES, MEDIA_SCHEMES, feedUrl, type RelativeBase } from './feed-url.js';

const sanitizer = onFirstUse<typeof sanitizeHtml>('sanitize-html');

const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite'] as const;
const SRCSET_ATTRIBUTES = ['srcset'] as const;

const GLOBAL_ATTRIBUTES = ['lang', 'dir', 'title'];

/** Tags nested deeper than this are dropped by the sanitizer (their text kept). */
export const NESTING_LIMIT = 200;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var',
    'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'abbr', 'cite', 'q', 'dfn',
    'time', 'a', 'img', 'picture', 'source', 'figure', 'figcaption', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col', 'audio', 'video', 'track',
    'details', 'summary', 'span', 'div', 'section', 'article', 'aside', 'header', 'footer', 'ruby', 'rt', 'rp',
    'bdi', 'bdo', 'wbr', 'input', 'iframe',
  ],
  allowedAttributes: {
    '*': GLOBAL_ATTRIBUTES,
    a: ['href', 'hreflang', 'rel'],
    img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading'],
    source: ['src', 'srcset', 'sizes', 'type', 'media'],
    audio: ['src', 'controls', 'preload', 'loop', 'muted'],
    video: ['src', 'poster', 'controls', 'preload', 'loop', 'muted', 'width', 'height', 'playsinline'],
    track: ['src', 'kind', 'srclang', 'label', 'default'],
    blockquote: ['cite'],
    q: ['cite'],
    del: ['cite', 'datetime'],
    ins: ['cite', 'datetime'],
    time: ['datetime'],
    ol: ['start', 'reversed', 'type'],
    li: ['value'],
    th: ['colspan', 'rowspan', 'scope', 'style'],
    td: ['colspan', 'rowspan', 'style'],
    col: ['span'],
    colgroup: ['span'],
    code: ['class'],
    pre: ['class'],
    details: ['open'],
    // GFM task lists render as disabled checkboxes.
    input: ['type', 'checked', 'disabled'],
    iframe: ['src', 'width', 'height', 'title', 'allow', 'allowfullscreen', 'loading'],
  },
  allowedClasses: { code: [/^language-[\w+-]+$/], pre: [/^language-[\w+-]+$/] },
  // markdown-it writes table alignment as style="text-align:..."; nothing else passes.
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: LINK_SCHEMES,
  allowedSchemesByTag: { img: MEDIA_SCHEMES, source: MEDIA_SCHEMES },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'poster'],
  allowProtocolRelative: false,
  allowIframeRelativeUrls: false,
  disallowedTagsMode: 'discard',
  // Deeper tags are dropped (their text kept): no reader needs more, and hostile nesting
  // would otherwise cost time in the square of its depth.
  nestingLimit: NESTING_LIMIT,
  // An embed or image whose source was refused would show as an empty box: drop it whole.
  // Of inputs, only the read-only checkbox of a GFM task list is kept.
  exclusiveFilter: (frame) =>
    ((frame.tag === 'iframe' || frame.tag === 'img') && !frame.attribs.src) || (frame.tag === 'input' && frame.attribs.type !== 'checkbox'),
};

/** Sanitized HTML with absolute URLs, resolved against `baseUrl`; iframes only from `iframeHosts`. */
export function cleanHtml(html: string, baseUrl: string | RelativeBase, iframeHosts: readonly string[] = []): string {
  return sanitizer()(html, {
    ...OPTIONS,
    allowedIframeHostnames: [...iframeHosts],
    transformTags: {
      '*': (tagName, attribs) => ({ tagName, attribs: absolutize(tagName, attribs, baseUrl) }),
      input: (tagName, attribs) => ({ tagName, attribs: { ...attribs, disabled: '' } }),
    },
  });
}

function absolutize(tag: string, attribs: sanitizeHtml.Attributes, baseUrl: string | RelativeBase): sanitizeHtml.Attributes {
  const out: sanitizeHtml.Attributes = { ...attribs };
  for (const name of URL_ATTRIBUTES) {
    const value = out[name];
    if (value === undefined) continue;
    const url = feedUrl(value, baseUrl, tag);
    if (url === undefined) delete out[name];
    else out[name] = url;
  }
  for (const name of SRCSET_ATTRIBUTES) {
    const value = out[name];
    if (value === undefined) continue;
    out[name] = value
      .split(',')
      .map((candidate) => {
        const [url, ...descriptor] = candidate.trim().split(/\s+/);
        // Each candidate as any other URL of the body: its scheme checked, never above the site, a URI.
        const resolved = url ? feedUrl(url, baseUrl, tag) : undefined;
        return resolved === undefined ? undefined : [resolved, ...descriptor].join(' ');
      })
      .filter((c): c is string => c !== undefined)
      .join(', ');
  }
  return out;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * The deepest tag nesting in `html`, counted in one linear pass (an upper bound:
 * unclosed tags count as open). The sanitizer's time grows with the square of the
 * depth, so hostile nesting is refused before it gets there.
 */
export function htmlDepth(html: string): number {
  // What /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g matches, found with indexOf and character
  // tests: the regular expression's matches took a twentieth of a render thread.
  let depth = 0;
  let max = 0;
  for (let i = html.indexOf('<'); i !== -1; ) {
    const closing = html.charCodeAt(i + 1) === SLASH;
    const nameStart = closing ? i + 2 : i + 1;
    if (!isLetter(html.charCodeAt(nameStart))) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    let nameEnd = nameStart + 1;
    while (isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    const end = html.indexOf('>', nameEnd);
    // No > after this name, so none after any later <: nothing more matches.
    if (end === -1) break;
    const selfClosing = end > nameEnd && html.charCodeAt(end - 1) === SLASH;
    if (closing) depth = Math.max(0, depth - 1);
    else if (!selfClosing && !VOID.has(html.slice(nameStart, nameEnd).toLowerCase())) max = Math.max(max, ++depth);
    i = html.indexOf('<', end + 1);
  }
  return max;
}

const SLASH = 0x2f;

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
}
