/**
 * The browser view: what a person who opens an RSS or Atom feed in a browser sees. Browsers are
 * removing XSLT (Chromium shows every page that uses it under a red banner, and then shows the raw
 * XML), so the view is a small script instead: each XML feed carries an XHTML <div> holding a
 * <script> element, which browsers run in any XML document, and the script replaces the document
 * with a page: the site, what a feed is and how to subscribe, and each item with its title, its
 * date in the reader's locale, its summary and its link.
 *
 * Feed readers skip the <div>: it is an extension element (RSS 2.0 allows elements "defined in a
 * namespace", RFC 4287 any foreign element), which the W3C Feed Validation Service accepts
 * directly in a channel or feed without a warning, and the reader matrix shows no reader's items
 * change for it. The script reads the feed only through the DOM and writes text with
 * textContent, so nothing in an article is ever run or parsed as markup in the page.
 */

import { escapeAttr } from './xml.js';

const XHTML = 'http://www.w3.org/1999/xhtml';

/**
 * What each XML feed carries in its channel (or feed) before the items, `src` relative to the feed.
 * The script runs when the parser meets it, and builds the page once the whole feed is read.
 */
export function browserView(src: string): string {
  return `<div xmlns="${XHTML}"><script src="${escapeAttr(src)}"></script></div>`;
}

export const BROWSER_VIEW = `// The page a browser shows for an RSS or Atom feed of syndicate (see src/feeds/stylesheet.ts).
(() => {
  'use strict';
  const XHTML = '${XHTML}';
  const ATOM = 'http://www.w3.org/2005/Atom';
  const STYLE = \`
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; background: #fff; }
header { border-bottom: 1px solid #ddd; margin-bottom: 1.5rem; }
.about { background: #f3f6fa; border-radius: .5rem; padding: .75rem 1rem; }
article { margin: 1.5rem 0; }
article h2 { font-size: 1.15rem; margin: 0; }
time { color: #666; font-size: .9rem; }
code { background: #eee; padding: 0 .25rem; border-radius: .25rem; word-break: break-all; }
@media (prefers-color-scheme: dark) { body { color: #eee; background: #111; } .about { background: #1e2633; } code { background: #333; } time { color: #aaa; } a { color: #8ab4f8; } }
\`;

  function page() {
    const root = document.documentElement;
    const atom = root.namespaceURI === ATOM;
    const ns = atom ? ATOM : null;
    const all = (parent, name) => Array.from(parent.children).filter((c) => c.localName === name && c.namespaceURI === ns);
    const text = (parent, name) => (all(parent, name)[0]?.textContent ?? '').trim();
    const alternate = (parent) => all(parent, 'link').find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate')?.getAttribute('href') ?? '';
    const make = (name, attrs, ...children) => {
      const el = document.createElementNS(XHTML, name);
      for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
      el.append(...children.filter((c) => c !== null));
      return el;
    };
    // Only web addresses become links.
    const link = (href, ...children) => make('a', /^https?:/i.test(href) ? { href } : {}, ...children);
    const channel = atom ? root : all(root, 'channel')[0];
    if (!channel) return;
    const title = text(channel, 'title');
    const home = atom ? alternate(channel) : text(channel, 'link');
    const items = all(channel, atom ? 'entry' : 'item').map((item) => {
      const when = atom ? text(item, 'published') || text(item, 'updated') : text(item, 'pubDate');
      const date = new Date(when);
      const shown = isNaN(date) ? when : date.toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
      // An RSS description is HTML (ours is escaped plain text): its text is what it shows as a page.
      const summary = atom ? text(item, 'summary') : new DOMParser().parseFromString(text(item, 'description'), 'text/html').body.textContent.trim();
      return make(
        'article', {},
        make('h2', {}, link(atom ? alternate(item) : text(item, 'link'), text(item, 'title'))),
        make('time', isNaN(date) ? {} : { datetime: date.toISOString() }, shown),
        summary ? make('p', {}, summary) : null,
      );
    });
    const about = make(
      'p', { class: 'about' },
      'This is a ', make('strong', {}, 'web feed'), '. Subscribe by copying the address of this page into your feed reader ',
      '(NetNewsWire, Feedly, Inoreader, Miniflux, Thunderbird, ...): new articles then come to you.',
      home ? ' Visit the site: ' : '', home ? link(home, home) : null, home ? '.' : '',
    );
    const lang = root.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang') || text(channel, 'language');
    const html = make(
      'html', lang ? { lang } : {},
      make('head', {}, make('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }), make('title', {}, title + ' (web feed)'), make('style', {}, STYLE)),
      make('body', {}, make('header', {}, make('h1', {}, title), about), make('main', {}, ...items)),
    );
    document.replaceChild(html, root);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', page);
  else page();
})();
`;
