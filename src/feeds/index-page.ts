/**
 * dist/index.html: a page listing every feed, with the autodiscovery
 * <link rel="alternate"> tags a site can copy into its own <head>. It looks like the feed pages
 * (stylesheet.ts), wraps long lines rather than scrolling them sideways, and offers a copy button
 * for each address and for the tags; it works without its few lines of script, which only add
 * the buttons.
 */
import type { FeedFormat } from '../config/schema.js';
import type { FeedMeta } from './model.js';
import { escapeAttr, escapeText } from './xml.js';

export const FEED_TYPES: Record<FeedFormat, { type: string; label: string }> = {
  rss: { type: 'application/rss+xml', label: 'RSS 2.0' },
  atom: { type: 'application/atom+xml', label: 'Atom 1.0' },
  json: { type: 'application/feed+json', label: 'JSON Feed 1.1' },
};

const STYLE = `body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; background: #fff; }
header { border-bottom: 1px solid #ddd; margin-bottom: 1.5rem; }
.about { background: #f3f6fa; border-radius: .5rem; padding: .75rem 1rem; }
ul.feeds { list-style: none; padding: 0; }
ul.feeds li { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem .75rem; margin: .5rem 0; }
ul.feeds .label { font-weight: 600; min-width: 8rem; }
ul.feeds a { overflow-wrap: anywhere; }
.snippet { position: relative; }
pre { background: #f3f3f3; border-radius: .5rem; padding: 2.25rem .75rem .75rem; margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: .85rem; }
button.copy { font: inherit; font-size: .8rem; padding: .1rem .6rem; border: 1px solid #bbb; border-radius: .4rem; background: #fff; color: inherit; cursor: pointer; }
.snippet button.copy { position: absolute; top: .4rem; right: .4rem; }
@media (prefers-color-scheme: dark) { body { color: #eee; background: #111; } .about { background: #1e2633; } pre { background: #222; } button.copy { background: #222; border-color: #555; } a { color: #8ab4f8; } }`;

// Adds a copy button before each [data-copy] element, which copies its text; says "Copied" a moment.
const SCRIPT = `for (const el of document.querySelectorAll('[data-copy]')) {
  const button = document.createElement('button');
  button.className = 'copy';
  button.type = 'button';
  button.textContent = 'Copy';
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(el.dataset.copy || el.textContent);
    button.textContent = 'Copied';
    setTimeout(() => (button.textContent = 'Copy'), 1500);
  });
  el.after(button);
}`;

export function renderIndexPage(feed: FeedMeta, facets: readonly FeedMeta[] = []): string {
  const links = (Object.entries(feed.links) as [FeedFormat, string][]).filter(([, href]) => href);
  const discovery = links.map(([format, href]) => `<link rel="alternate" type="${FEED_TYPES[format].type}" title="${escapeAttr(`${feed.title} (${FEED_TYPES[format].label})`)}" href="${escapeAttr(href)}">`);
  const lang = feed.language ? ` lang="${escapeAttr(feed.language)}"` : '';
  const feedRow = ([format, href]: [FeedFormat, string]) =>
    `<li><span class="label">${FEED_TYPES[format].label}</span> <a href="${escapeAttr(href)}" data-copy="${escapeAttr(href)}">${escapeText(href)}</a></li>`;
  return [
    '<!doctype html>',
    `<html${lang}>`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeText(feed.title)}: feeds</title>`,
    ...discovery,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeText(feed.title)}</h1>`,
    `<p>${escapeText(feed.description)}</p>`,
    '</header>',
    '<p class="about">These are the <strong>web feeds</strong> of this site. Copy an address into your feed reader (NetNewsWire, Feedly, Inoreader, Miniflux, Thunderbird, ...) to follow every new article.</p>',
    '<ul class="feeds">',
    ...links.map(feedRow),
    '</ul>',
    ...(facets.length > 0
      ? ['<h2>More feeds</h2>', '<ul>', ...facets.map((f) => `<li><a href="${escapeAttr(f.links.rss ?? f.links.atom ?? f.links.json ?? '')}">${escapeText(f.title)}</a></li>`), '</ul>']
      : []),
    '<h2>On your own pages</h2>',
    '<p>To let browsers and readers find the feeds from your pages, copy these lines into their <code>&lt;head&gt;</code>:</p>',
    `<div class="snippet"><pre data-copy>${escapeText(discovery.join('\n'))}</pre></div>`,
    `<p><a href="${escapeAttr(feed.homeUrl)}">${escapeText(feed.homeUrl)}</a></p>`,
    `<script>\n${SCRIPT}\n</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
