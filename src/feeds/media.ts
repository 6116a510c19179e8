/**
 * Media RSS (https://www.rssboard.org/media-rss) for the lead image, in RSS and Atom alike: one
 * media:thumbnail, which Feedly, Inoreader, feedparser and SimplePie show on cards. Not
 * media:content: SimplePie lists it as an enclosure (a file to download), and feedparser takes
 * its media:description, the caption, for the item's content (docs/readers.md). The alt text,
 * caption and credit stay in the body's figure.
 */
import type { FeedImage } from './model.js';
import { element } from './xml.js';

export function mediaImage(image: FeedImage): string {
  return element('media:thumbnail', { url: image.url });
}
