/**
 * Atom 1.0 (RFC 4287), and the Atom 0.3 drafts still found in the wild, read from the XML tree.
 * - Text constructs (3.1): `text` is text, `html` is HTML once XML is decoded, `xhtml` the children
 *   of its `div`; a title is the text a reader shows of it.
 * - Links (4.2.7): no rel means `alternate`; hrefs resolve against xml:base. An entry with an
 *   alternate and a related link is a link post, written as Daring Fireball (and syndicate)
 *   write one: the alternate is the page it points to, the related its own page; unless only
 *   the alternate is on the feed's own host, which makes that the entry's page.
 * - Authors (4.1.1): the entry's, else its source's, else the feed's; name, email and uri.
 * - Content is `content`, else `summary`; a summary beside content is the summary.
 * - Categories are `term` attributes; enclosures `rel="enclosure"` links.
 */
import { byteCount, distinctPeople, distinctTags, foldSpaces, htmlTitle, htmlToText, NS, type FeedContent, type FeedDocument, type FeedEnclosure, type FeedEntry, type FeedPerson } from './feed-entry.js';
import { mediaDescription, mediaImage } from './feed-media.js';
import { attrOf, childOf, childrenOf, childText, innerHtml, textOf, urlOf, type XmlElement } from './feed-xml.js';

export function readAtom(feed: XmlElement): FeedDocument {
  const ns = feed.ns;
  const feedAuthors = peopleOf(feed, ns);
  const home = linksOf(feed, ns).find((l) => l.rel === 'alternate')?.href;
  const host = hostOf(home) ?? hostOf(childText(feed, ns, 'id'));
  return {
    format: 'atom',
    title: titleOf(childOf(feed, ns, 'title')),
    link: home,
    self: linksOf(feed, ns).find((l) => l.rel === 'self')?.href ?? childText(feed, ns, 'id'),
    prevArchive: linksOf(feed, ns).find((l) => l.rel === 'prev-archive')?.href,
    date: childText(feed, ns, 'updated') ?? childText(feed, ns, 'modified'),
    entries: childrenOf(feed, ns, 'entry').map((entry, i) => entryOf(entry, ns, i + 1, feedAuthors, host)),
  };
}

function entryOf(entry: XmlElement, ns: string, position: number, feedAuthors: FeedPerson[], host: string | undefined): FeedEntry {
  const links = linksOf(entry, ns);
  const source = childOf(entry, ns, 'source');
  const own = peopleOf(entry, ns);
  const content = textConstruct(childOf(entry, ns, 'content'));
  const summary = textConstruct(childOf(entry, ns, 'summary'));
  const id = childText(entry, ns, 'id');
  return {
    position,
    line: entry.line,
    id,
    ...pages(links, host),
    title: titleOf(childOf(entry, ns, 'title')),
    // Atom 0.3 called them issued and modified.
    published: childText(entry, ns, 'published') ?? childText(entry, ns, 'issued') ?? childText(entry, ns, 'created'),
    updated: childText(entry, ns, 'updated') ?? childText(entry, ns, 'modified'),
    authors: own.length > 0 ? own : source && peopleOf(source, ns).length > 0 ? peopleOf(source, ns) : feedAuthors,
    tags: distinctTags(childrenOf(entry, ns, 'category').map((c) => attrOf(c, 'term'))),
    summary: content && summary ? plainSummary(summary) : undefined,
    content: content ?? summary ?? mediaDescription(entry),
    enclosures: links.filter((l) => l.rel === 'enclosure').map(({ href, type, length, title }): FeedEnclosure => ({ url: href, type, length, title })),
    image: mediaImage(entry),
  };
}

interface Link {
  rel: string;
  href: string;
  type?: string;
  length?: number;
  title?: string;
}

function linksOf(el: XmlElement, ns: string): Link[] {
  return childrenOf(el, ns, 'link').flatMap((l) => {
    const href = urlOf(l, attrOf(l, 'href'));
    if (href === undefined) return [];
    const rel = attrOf(l, 'rel')?.trim() || 'alternate';
    return [{ rel: rel.replace(/^http:\/\/www\.iana\.org\/assignments\/relation\//, ''), href, type: attrOf(l, 'type')?.trim() || undefined, length: byteCount(attrOf(l, 'length')), title: attrOf(l, 'title') }];
  });
}

/** The entry's own page, and the page a link post points to. */
function pages(links: Link[], host: string | undefined): Pick<FeedEntry, 'link' | 'externalUrl'> {
  // Of several alternates, the HTML one (RFC 4287 allows one per type and language).
  const alternate = links.find((l) => l.rel === 'alternate' && /html/i.test(l.type ?? ''))?.href ?? links.find((l) => l.rel === 'alternate')?.href;
  const related = links.find((l) => l.rel === 'related')?.href;
  if (alternate === undefined || related === undefined) return { link: alternate };
  // A related page elsewhere, and the alternate on the site: the entry is the alternate, about the related.
  if (hostOf(related) !== host && hostOf(alternate) === host) return { link: alternate, externalUrl: related };
  return { link: related, externalUrl: alternate };
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

function peopleOf(el: XmlElement, ns: string): FeedPerson[] {
  return distinctPeople(
    childrenOf(el, ns, 'author').map((a) => {
      const name = childText(a, ns, 'name');
      const email = childText(a, ns, 'email');
      const uriElement = childOf(a, ns, 'uri') ?? childOf(a, ns, 'url');
      const url = uriElement && urlOf(uriElement, textOf(uriElement));
      return name || email || url ? { name: name && foldSpaces(name), email, url } : undefined;
    }),
  );
}

/** A text construct (RFC 4287 3.1, and Atom 0.3's `mode`) as HTML or text. */
function textConstruct(el: XmlElement | undefined): FeedContent | undefined {
  if (el === undefined || attrOf(el, 'src') !== undefined) return undefined;
  const type = (attrOf(el, 'type') ?? 'text').trim().toLowerCase();
  const mode = attrOf(el, 'mode');
  let content: FeedContent;
  if (type === 'xhtml' || mode === 'xml' || type === 'application/xhtml+xml') {
    const div = childOf(el, NS.xhtml, 'div');
    content = { type: 'html', value: innerHtml(div ?? el), base: (div ?? el).base };
  } else if (mode === 'base64') {
    content = { type: /html/.test(type) ? 'html' : 'text', value: Buffer.from(textOf(el), 'base64').toString('utf8'), base: el.base };
  } else {
    content = { type: type === 'html' || type.includes('html') || mode === 'escaped' ? 'html' : 'text', value: textOf(el), base: el.base };
  }
  return content.value.trim() === '' ? undefined : content;
}

function titleOf(el: XmlElement | undefined): string | undefined {
  const construct = textConstruct(el);
  if (construct === undefined) return undefined;
  if (construct.type === 'html') return htmlTitle(construct.value);
  const text = foldSpaces(construct.value);
  return text === '' ? undefined : text;
}

function plainSummary(construct: FeedContent): string | undefined {
  const text = construct.type === 'html' ? htmlToText(construct.value) : foldSpaces(construct.value);
  return text === '' ? undefined : text;
}
