/**
 * Media RSS (https://www.rssboard.org/media-rss) for the lead image, in RSS and
 * Atom alike: media:content with its description (alt text or caption) and
 * credit, and media:thumbnail, which Feedly, Inoreader and others show on cards.
 */
import { mimeFromUrl } from '../article/media.js';
import type { FeedImage } from './model.js';
import { element, escapeAttr } from './xml.js';

export function mediaImage(image: FeedImage): string {
  const type = mimeFromUrl(image.url);
  const description = image.caption ?? image.alt;
  const inner = [
    ...(description ? [element('media:description', { type: 'plain' }, description)] : []),
    ...(image.credit ? [element('media:credit', {}, image.credit)] : []),
  ];
  const content =
    inner.length === 0
      ? element('media:content', { url: image.url, medium: 'image', type })
      : `<media:content url="${escapeAttr(image.url)}" medium="image"${type ? ` type="${escapeAttr(type)}"` : ''}>${inner.join('')}</media:content>`;
  return `${content}\n${element('media:thumbnail', { url: image.url })}`;
}
