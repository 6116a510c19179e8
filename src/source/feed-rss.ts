/**
 * RSS 0.9x and 2.0 (https://www.rssboard.org/rss-specification) and RSS 1.0 (RDF, with Dublin
 * Core), read from the XML tree: every field a reader shows, by namespace URI. What each element
 * means where the specifications leave room:
 * - the id is the guid (RSS 1.0: rdf:about), trimmed and otherwise verbatim, else the link;
 * - a guid that is a permalink (isPermaLink absent or true) on another host than `<link>` makes a
 *   link post: the guid is the item's own page, `<link>` the page it points to (Daring Fireball);
 * - titles are HTML to readers (a double-escaped `&amp;#8217;` shows as ’), so they are decoded
 *   once more and their tags dropped;
 * - the content is content:encoded, else the description; a description beside content:encoded
 *   is the item's summary;
 * - the date is pubDate, else dc:date (W3CDTF); the update date atom:updated or dcterms:modified;
 * - authors are `<author>` (`email (Name)`), every dc:creator, atom:author and itunes:author, in
 *   their order, each once;
 * - categories are each `<category>`'s text (its domain is a scheme, not a name) and dc:subject;
 * - every `<enclosure>` (itunes:duration is the first one's), and the image of feed-media.ts.
 */
import { byteCount, distinctPeople, distinctTags, durationSeconds, htmlTitle, htmlToText, NS, ordinal, personOf, type FeedContent, type FeedDocument, type FeedEnclosure, type FeedEntry, type FeedPerson } from './feed-entry.js';
import { mediaDescription, mediaImage } from './feed-media.js';
import { attrOf, childOf, childrenOf, childText, textOf, urlOf, type XmlElement } from './feed-xml.js';

/** An `<rss>` document (its elements have no namespace, or the one the root has) or an `<rdf:RDF>` one. */
export function readRss(root: XmlElement): FeedDocument {
  const rdf = root.name === 'RDF';
  const own: readonly string[] = rdf ? NS.rss1 : [root.ns];
  const channel = childOf(root, own, 'channel');
  // RSS 1.0 items stand beside the channel; RSS 2.0 items inside it.
  const items = itemsIn(rdf ? root : (channel ?? root), own);
  return {
    format: rdf ? 'rdf' : 'rss',
    title: channel && childText(channel, own, 'title'),
    link: channel && urlOf(channel, childText(channel, own, 'link')),
    self: channel && atomLink(channel, 'self'),
    prevArchive: channel && atomLink(channel, 'prev-archive'),
    date: channel && (childText(channel, own, 'lastBuildDate') ?? childText(channel, own, 'pubDate') ?? childText(channel, NS.dc, 'date')),
    entries: items.map((item, i) => entryOf(item, own, i + 1)),
  };
}

/** The href of the channel's atom:link of relation `rel`. */
function atomLink(channel: XmlElement, rel: string): string | undefined {
  return childrenOf(channel, NS.atom, 'link').find((l) => attrOf(l, 'rel') === rel)?.attrs.get('href');
}

/** The items, and the items some feeds leave unclosed so that the next one nests inside, in document order. */
function itemsIn(parent: XmlElement, own: readonly string[]): XmlElement[] {
  return childrenOf(parent, own, 'item').flatMap((item) => [item, ...itemsIn(item, own)]);
}

function entryOf(item: XmlElement, own: readonly string[], position: number): FeedEntry {
  const text = (name: string) => childText(item, own, name);
  const { id, link, externalUrl } = identity(item, own);
  const description = childOf(item, own, 'description');
  const encoded = childOf(item, NS.content, 'encoded');
  const content = htmlOf(encoded) ?? htmlOf(description) ?? mediaDescription(item);
  const summary = encoded && description ? summaryOf(textOf(description)) : undefined;
  const title = text('title');
  return {
    position,
    line: item.line,
    id,
    link,
    externalUrl,
    title: title === undefined ? undefined : htmlTitle(title),
    published: text('pubDate') ?? childText(item, NS.dc, 'date') ?? childText(item, NS.dcterms, 'issued'),
    updated: childText(item, NS.atom, 'updated') ?? childText(item, NS.dcterms, 'modified'),
    authors: authorsOf(item, own),
    tags: distinctTags(
      // IDG's feeds wrap them in <categories>, which readers look into.
      [...childrenOf(item, own, 'category'), ...childrenOf(item, own, 'categories').flatMap((c) => childrenOf(c, own, 'category')), ...childrenOf(item, NS.dc, 'subject')].map(textOf),
    ),
    summary,
    content,
    enclosures: enclosuresOf(item, own),
    image: mediaImage(item),
  };
}

/** The id, the item's own page and, for a link post, the page it points to. */
function identity(item: XmlElement, own: readonly string[]): Pick<FeedEntry, 'id' | 'link' | 'externalUrl'> {
  const linkElement = childOf(item, own, 'link');
  // .NET's SyndicationFeed writes the item's page as an atom:link.
  const atomLink = childrenOf(item, NS.atom, 'link').find((l) => (attrOf(l, 'rel') ?? 'alternate') === 'alternate');
  const link = (linkElement && urlOf(linkElement, textOf(linkElement))) ?? (atomLink && urlOf(atomLink, attrOf(atomLink, 'href')));
  const guidElement = childOf(item, own, 'guid');
  const guid = guidElement && textOf(guidElement).trim();
  const about = attrOf(item, `{${NS.rdf}}about`)?.trim();
  const id = guid || about || link || undefined;
  const permalink = guidElement && guid && attrOf(guidElement, 'isPermaLink')?.trim().toLowerCase() !== 'false' ? httpUrl(guid) : undefined;
  if (permalink && link && hostOf(permalink) !== hostOf(link)) return { id, link: permalink, externalUrl: link };
  return { id, link: link ?? permalink };
}

/** `<author>`, dc:creator, atom:author and itunes:author, in the order the item has them, each person once. */
function authorsOf(item: XmlElement, own: readonly string[]): FeedPerson[] {
  const people: (FeedPerson | undefined)[] = [];
  for (const c of item.children) {
    if (typeof c === 'string') continue;
    const isIn = (ns: string | readonly string[]) => (typeof ns === 'string' ? c.ns === ns : ns.includes(c.ns));
    if (c.name === 'author' && (isIn(own) || isIn(NS.atom))) people.push(personElement(c));
    else if ((c.name === 'creator' && isIn(NS.dc)) || (c.name === 'author' && isIn(NS.itunes))) people.push(personOf(textOf(c)));
  }
  return distinctPeople(people);
}

/**
 * An author element: RSS's `email (Name)` as text, or, as some feeds write it, with name, email
 * and uri elements inside (Atom's person construct, which atom:author is).
 */
function personElement(el: XmlElement): FeedPerson | undefined {
  const part = (name: string) => {
    const found = el.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
    return found && textOf(found).trim();
  };
  if (!el.children.some((c) => typeof c !== 'string')) return personOf(textOf(el));
  const uriElement = el.children.find((c): c is XmlElement => typeof c !== 'string' && (c.name === 'uri' || c.name === 'url'));
  const person = { name: part('name') || undefined, email: part('email') || undefined, url: uriElement && urlOf(uriElement, textOf(uriElement)) };
  return person.name || person.email || person.url ? person : undefined;
}

function httpUrl(text: string): string | undefined {
  return /^https?:\/\/[^\s]+$/i.test(text) ? text : undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** An element holding HTML (RSS description and content:encoded are HTML, escaped or in CDATA). */
function htmlOf(element: XmlElement | undefined): FeedContent | undefined {
  if (element === undefined) return undefined;
  const value = textOf(element);
  return value.trim() === '' ? undefined : { type: 'html', value, base: element.base };
}

/** A description beside the content, as the plain text a reader shows of it. */
function summaryOf(html: string): string | undefined {
  const text = htmlToText(html);
  return text === '' ? undefined : text;
}

function enclosuresOf(item: XmlElement, own: readonly string[]): FeedEnclosure[] {
  const duration = durationSeconds(childText(item, NS.itunes, 'duration'));
  // The episode's numbers, like its duration, are the first enclosure's.
  const numbers = { episode: ordinal(childText(item, NS.itunes, 'episode')), season: ordinal(childText(item, NS.itunes, 'season')) };
  const out: FeedEnclosure[] = [];
  for (const e of childrenOf(item, own, 'enclosure')) {
    const url = urlOf(e, attrOf(e, 'url'));
    if (url === undefined) continue;
    const type = attrOf(e, 'type')?.trim() || undefined;
    out.push({ url, type, length: byteCount(attrOf(e, 'length')), ...(out.length === 0 ? { duration, ...numbers } : {}) });
  }
  return out;
}
