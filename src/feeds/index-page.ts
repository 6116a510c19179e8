/**
 * dist/index.html: a page listing every feed, with the autodiscovery
 * <link rel="alternate"> tags a site can copy into its own <head>.
 */
import type { FeedFormat } from '../config/schema.js';
import type { FeedMeta } from './model.js';
import { escapeAttr, escapeText } from './xml.js';

export const FEED_TYPES: Record<FeedFormat, { type: string; label: string }> = {
  rss: { type: 'application/rss+xml', label: 'RSS 2.0' },
  atom: { type: 'application/atom+xml', label: 'Atom 1.0' },
  json: { type: 'application/feed+json', label: 'JSON Feed 1.1' },
};

export function renderIndexPage(feed: FeedMeta, facets: readonly FeedMeta[] = []): string {
  const links = (Object.entries(feed.links) as [FeedFormat, string][]).filter(([, href]) => href);
  const discovery = links.map(([format, href]) => `<link rel="alternate" type="${FEED_TYPES[format].type}" title="${escapeAttr(`${feed.title} (${FEED_TYPES[format].label})`)}" href="${escapeAttr(href)}">`);
  const lang = feed.language ? ` lang="${escapeAttr(feed.language)}"` : '';
  return [
    '<!doctype html>',
    `<html${lang}>`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeText(feed.title)}: feeds</title>`,
    ...discovery,
    '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}pre{background:#f3f3f3;padding:.75rem;overflow-x:auto}</style>',
    '</head>',
    '<body>',
    `<h1>${escapeText(feed.title)}</h1>`,
    `<p>${escapeText(feed.description)}</p>`,
    '<p>Subscribe in your feed reader with one of these addresses:</p>',
    '<ul>',
    ...links.map(([format, href]) => `<li>${FEED_TYPES[format].label}: <a href="${escapeAttr(href)}">${escapeText(href)}</a></li>`),
    '</ul>',
    ...(facets.length > 0
      ? ['<h2>More feeds</h2>', '<ul>', ...facets.map((f) => `<li><a href="${escapeAttr(f.links.rss ?? f.links.atom ?? f.links.json ?? '')}">${escapeText(f.title)}</a></li>`), '</ul>']
      : []),
    '<p>To let browsers and readers find the feeds from your pages, copy these lines into their <code>&lt;head&gt;</code>:</p>',
    `<pre>${escapeText(discovery.join('\n'))}</pre>`,
    `<p><a href="${escapeAttr(feed.homeUrl)}">${escapeText(feed.homeUrl)}</a></p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
