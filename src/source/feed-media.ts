/**
 * The media extensions RSS and Atom items share: an item's image (itunes:image, Media RSS
 * content of medium image, media:thumbnail, also inside media:group) and Media RSS's text
 * description, which is all a YouTube entry has for content. Found by namespace URI, under any
 * prefix.
 */
import { NS, type FeedContent } from './feed-entry.js';
import { attrOf, childOf, childrenOf, textOf, urlOf, type XmlElement } from './feed-xml.js';

/** The element and its media:group, where Media RSS elements may stand. */
function mediaScopes(item: XmlElement): XmlElement[] {
  return [item, ...childrenOf(item, NS.media, 'group')];
}

/** The item's image: itunes:image, else an image media:content, else media:thumbnail. */
export function mediaImage(item: XmlElement): string | undefined {
  const itunes = childOf(item, NS.itunes, 'image');
  const fromItunes = itunes && urlOf(itunes, attrOf(itunes, 'href') ?? textOf(itunes));
  if (fromItunes) return fromItunes;
  const scopes = mediaScopes(item);
  for (const scope of scopes) {
    for (const content of childrenOf(scope, NS.media, 'content')) {
      const medium = attrOf(content, 'medium');
      const type = attrOf(content, 'type') ?? '';
      if (medium === 'image' || (medium === undefined && type.startsWith('image/'))) {
        const url = urlOf(content, attrOf(content, 'url'));
        if (url) return url;
      }
    }
  }
  for (const scope of scopes) {
    const thumbnail = childOf(scope, NS.media, 'thumbnail');
    const url = thumbnail && urlOf(thumbnail, attrOf(thumbnail, 'url'));
    if (url) return url;
  }
  return undefined;
}

/** media:description (plain text unless it says `type="html"`), for an item that has no other content. */
export function mediaDescription(item: XmlElement): FeedContent | undefined {
  for (const scope of mediaScopes(item)) {
    const description = childOf(scope, NS.media, 'description');
    if (description === undefined) continue;
    const value = textOf(description);
    return { type: attrOf(description, 'type') === 'html' ? 'html' : 'text', value, base: description.base };
  }
  return undefined;
}
