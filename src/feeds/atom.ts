/**
 * Atom 1.0 (RFC 4287). Every entry carries an author (the site's as a
 * fallback) so the feed stays valid whatever the articles say.
 */
import type { Person } from '../config/schema.js';
import { formatRfc3339 } from '../time/format.js';
import type { Feed, FeedItem, FeedMeta, FeedSerializer } from './model.js';
import { serialize } from './model.js';
import { FH_NAMESPACE, historyElements } from './history.js';
import { mediaImage } from './media.js';
import { browserView } from './stylesheet.js';
import { cdata, element, escapeAttr } from './xml.js';

// A feed with no items still needs <updated>: the epoch says "nothing yet" without the clock.
const EPOCH = { instant: 0, offset: 0 };

export const atom: FeedSerializer = {
  head,
  item: (item, feed) => renderEntry(item, feed.language),
  separator: '\n',
  tail: (_feed, items) => `${items > 0 ? '\n' : ''}</feed>\n`,
  variant: (feed) => feed.language ?? '',
};

export function renderAtom(feed: Feed): string {
  return serialize(atom, feed);
}

function head(feed: FeedMeta): string {
  const self = feed.links.atom!;
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"${feed.history ? ` xmlns:fh="${FH_NAMESPACE}"` : ''}${feed.language ? ` xml:lang="${escapeAttr(feed.language)}"` : ''}>`,
    element('id', {}, self),
    element('title', { type: 'text' }, feed.title),
  ];
  if (feed.description) out.push(element('subtitle', { type: 'text' }, feed.description));
  out.push(element('updated', {}, formatRfc3339(feed.updated ?? EPOCH)));
  out.push(element('link', { rel: 'self', type: 'application/atom+xml', href: self }));
  out.push(element('link', { rel: 'alternate', type: 'text/html', href: feed.homeUrl }));
  if (feed.hub) out.push(element('link', { rel: 'hub', href: feed.hub }));
  out.push(...historyElements(feed.history, 'atom', (rel, href) => element('link', { rel, type: 'application/atom+xml', href })));
  if (feed.author) out.push(person('author', feed.author));
  out.push(element('generator', { version: feed.generator.version }, feed.generator.name));
  if (feed.icon) out.push(element('icon', {}, feed.icon));
  if (feed.copyright) out.push(element('rights', { type: 'text' }, feed.copyright));
  // Before the entries, as RFC 4287's grammar places extension elements.
  if (feed.stylesheets?.atom) out.push(browserView(feed.stylesheets.atom));
  return `${out.join('\n')}\n`;
}

function renderEntry(item: FeedItem, feedLanguage: string | undefined): string {
  const lang = item.lang && item.lang !== feedLanguage ? ` xml:lang="${escapeAttr(item.lang)}"` : '';
  const out = [`<entry${lang}>`, element('id', {}, item.atomId), element('title', { type: 'text' }, item.title)];
  const page = item.externalUrl ?? item.url;
  out.push(element('link', { rel: 'alternate', type: 'text/html', href: page }));
  if (item.externalUrl) out.push(element('link', { rel: 'related', type: 'text/html', href: item.url }));
  if (item.via) out.push(element('link', { rel: 'via', type: 'text/html', href: item.via }));
  if (item.enclosure) {
    out.push(element('link', { rel: 'enclosure', type: item.enclosure.type, length: item.enclosure.length, href: item.enclosure.url, title: item.enclosure.title }));
  }
  // Some readers keep the first <link> whatever its rel (feed-extractor), some the last (Ruby's
  // feedparser): after a related or enclosure link, the page again, as an alternate link without
  // a type. RFC 4287 allows one alternate link per type and hreflang, and readers that choose by
  // rel take the first.
  if (item.externalUrl || item.enclosure) out.push(element('link', { href: page }));
  out.push(element('published', {}, formatRfc3339(item.published)));
  out.push(element('updated', {}, formatRfc3339(item.updated)));
  for (const author of item.authors) out.push(person('author', author));
  for (const tag of item.tags) out.push(element('category', { term: tag }));
  if (item.summary) out.push(element('summary', { type: 'text' }, item.summary));
  if (item.image) out.push(mediaImage(item.image));
  // The HTML as a CDATA section, as RSS's content:encoded has it (and as jekyll-feed and WordPress write
  // Atom): the same text to every XML parser, and a fifth of the cost of escaping every < and & of it.
  if (item.html !== undefined) out.push(`<content type="html">${cdata(item.html)}</content>`);
  out.push('</entry>');
  return out.join('\n');
}

function person(tag: string, p: Person): string {
  const parts = [`<${tag}>`, element('name', {}, p.name)];
  if (p.email) parts.push(element('email', {}, p.email));
  if (p.url) parts.push(element('uri', {}, p.url));
  parts.push(`</${tag}>`);
  return parts.join('');
}
