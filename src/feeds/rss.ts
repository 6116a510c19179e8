/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification), following the RSS
 * Advisory Board's best practices: atom:link rel="self", content:encoded
 * for the full HTML, guid isPermaLink only when it is the item's URL. Where
 * the spec leaves a choice, the form most readers read right (measured by the
 * reader matrix, docs/readers.md): authors as one dc:creator, an update date
 * as atom:updated, the lead image as media:thumbnail alone (media.ts).
 */
import { formatRfc3339, formatRfc822 } from '../time/format.js';
import type { Feed, FeedItem, FeedMeta, FeedSerializer } from './model.js';
import { serialize } from './model.js';
import { mediaImage } from './media.js';
import { FH_NAMESPACE, historyElements } from './history.js';
import { PODCAST_NAMESPACES, podcastChannel, podcastItem } from './podcast.js';
import { browserView } from './stylesheet.js';
import { cdata, element, escapePlainText, escapeText } from './xml.js';

/** An element of plain text (escapePlainText). */
const plain = (name: string, text: string) => element(name, {}, text, escapePlainText);

export const rss: FeedSerializer = {
  head,
  item: (item, feed) => renderItem(item, feed.podcast !== undefined),
  separator: '\n',
  tail: (_feed, items) => `${items > 0 ? '\n' : ''}</channel>\n</rss>\n`,
  variant: (feed) => (feed.podcast !== undefined ? 'podcast' : ''),
};

export function renderRss(feed: Feed): string {
  return serialize(rss, feed);
}

function head(feed: FeedMeta): string {
  const self = feed.links.rss!;
  const lastBuild = feed.updated;
  const pub = feed.published;
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"${feed.history ? ` xmlns:fh="${FH_NAMESPACE}"` : ''}${feed.podcast ? ` ${PODCAST_NAMESPACES}` : ''}>`,
    '<channel>',
    plain('title', feed.title),
    element('link', {}, feed.homeUrl),
    element('description', {}, feed.description),
    element('atom:link', { href: self, rel: 'self', type: 'application/rss+xml' }),
  ];
  if (feed.hub) out.push(element('atom:link', { href: feed.hub, rel: 'hub' }));
  out.push(...historyElements(feed.history, 'rss', (rel, href) => element('atom:link', { href, rel, type: 'application/rss+xml' })));
  if (feed.language) out.push(element('language', {}, feed.language));
  if (feed.copyright) out.push(plain('copyright', feed.copyright));
  if (feed.author?.email) out.push(element('managingEditor', {}, `${feed.author.email} (${feed.author.name})`));
  if (pub) out.push(element('pubDate', {}, formatRfc822(pub)));
  if (lastBuild) out.push(element('lastBuildDate', {}, formatRfc822(lastBuild)));
  out.push(element('generator', {}, `${feed.generator.name} ${feed.generator.version}`));
  out.push(element('docs', {}, 'https://www.rssboard.org/rss-specification'));
  if (feed.podcast) out.push(...podcastChannel(feed.podcast, feed.author?.name ?? feed.title));
  if (feed.icon) {
    out.push('<image>', element('url', {}, feed.icon), plain('title', feed.title), element('link', {}, feed.homeUrl), '</image>');
  }
  if (feed.stylesheets?.rss) out.push(browserView(feed.stylesheets.rss));
  return `${out.join('\n')}\n`;
}

function renderItem(item: FeedItem, podcast = false): string {
  const out = ['<item>', plain('title', item.title), element('link', {}, item.externalUrl ?? item.url)];
  // description is HTML by convention: the plain-text summary is escaped as HTML first.
  out.push(element('description', {}, escapeText(item.summary)));
  // One dc:creator with every name: readers that keep one author (gofeed, rss-parser, newsboat)
  // show all of them, where repeated dc:creator showed one. Not <author>, whose "email (name)"
  // three readers of six showed whole or as an email.
  out.push(plain('dc:creator', item.authors.map((a) => a.name).join(', ')));
  for (const tag of item.tags) out.push(plain('category', tag));
  if (item.enclosure?.length !== undefined) {
    out.push(element('enclosure', { url: item.enclosure.url, length: item.enclosure.length, type: item.enclosure.type }));
  }
  out.push(element('guid', { isPermaLink: item.id === item.url ? 'true' : 'false' }, item.id));
  if (item.image) out.push(mediaImage(item.image));
  if (podcast) out.push(...podcastItem(item));
  out.push(element('pubDate', {}, formatRfc822(item.published)));
  // RSS has no update date of its own: Atom's, which feedparser and SimplePie read in RSS items.
  out.push(element('atom:updated', {}, formatRfc3339(item.updated)));
  if (item.html !== undefined) out.push(`<content:encoded>${cdata(item.html)}</content:encoded>`);
  out.push('</item>');
  return out.join('\n');
}
