/**
 * A feed's XML as a small tree, read by saxes: strict XML 1.0 (a truncated file, an HTML page or
 * an empty one is an error with its line and column, never a partial tree), namespaces resolved
 * (so `media:content` is found under any prefix, and the two URIs Media RSS goes by), mixed
 * content kept in order (Atom's XHTML), and each element's effective `xml:base` (RFC 4287 2).
 * rss-parser, which read feeds before, sees none of these. HTML's named entities (`&nbsp;`,
 * `&eacute;`), invalid in XML but common in real feeds, are read as HTML reads them; no entity a
 * DOCTYPE declares is ever expanded.
 */
import { decodeHTMLStrict } from 'entities';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { FeedReadError } from './feed-error.js';
import { hasScheme, resolveUrl } from '../util/text.js';

export interface XmlElement {
  /** Namespace URI; '' for none. */
  ns: string;
  /** Local name. */
  name: string;
  /** Attributes without a namespace by local name, the others as `{uri}local`. */
  attrs: Map<string, string>;
  children: XmlNode[];
  /** The effective xml:base: the feed's own URL, as changed by the xml:base attributes down to here. */
  base?: string;
  line: number;
}

export type XmlNode = XmlElement | string;

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

// Deeper nesting is no feed: refused, so no walk over the tree can exhaust the stack.
const MAX_DEPTH = 500;

/**
 * Prefixes some feeds use without declaring them (a namespace error, which readers forgive):
 * read as the namespace they always stand for; any other as a namespace of its own that no
 * reader here looks for.
 */
const WELL_KNOWN_PREFIXES: Record<string, string> = {
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  media: 'http://search.yahoo.com/mrss/',
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  atom: 'http://www.w3.org/2005/Atom',
};
const undeclared = (prefix: string) => WELL_KNOWN_PREFIXES[prefix] ?? `urn:syndicate:undeclared-prefix:${prefix}`;

const XML_ENTITY_NAMES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** The document element of `text`, with `baseUrl` as the base of its relative references. */
export function parseXml(text: string, baseUrl?: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true, resolvePrefix: undeclared });
  parser.ENTITIES = htmlEntities(parser.ENTITIES);
  const root: XmlElement = { ns: '', name: '', attrs: new Map(), children: [], base: baseUrl, line: 0 };
  const stack: XmlElement[] = [root];
  parser.on('opentag', (tag) => {
    if (stack.length > MAX_DEPTH) throw new FeedReadError(`line ${parser.line}: elements nest more than ${MAX_DEPTH} deep`);
    const parent = stack[stack.length - 1]!;
    const element = elementOf(tag, parent, parser.line);
    parent.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => void stack[stack.length - 1]!.children.push(t));
  parser.on('cdata', (t) => void stack[stack.length - 1]!.children.push(t));
  parser.on('error', (e) => {
    throw new FeedReadError(describeXmlError(e.message));
  });
  // White space before the XML declaration (an error) is what many feeds start with, and readers allow.
  parser.write(/^\s+<\?xml[\s?]/.test(text) ? text.trimStart() : text).close();
  const element = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (element === undefined) throw new FeedReadError('it holds no XML element');
  return element;
}

function elementOf(tag: SaxesTagNS, parent: XmlElement, line: number): XmlElement {
  const attrs = new Map<string, string>();
  for (const a of Object.values(tag.attributes)) {
    if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
    attrs.set(a.uri ? `{${a.uri}}${a.local}` : a.local, a.value);
  }
  const xmlBase = attrs.get(`{${XML_NS}}base`);
  const base = xmlBase === undefined ? parent.base : parent.base === undefined ? absoluteOnly(xmlBase) : (resolveUrl(xmlBase, parent.base) ?? parent.base);
  return { ns: tag.uri, name: tag.local, attrs, children: [], base, line };
}

/** An xml:base with nothing above it counts only when it is an absolute URL. */
function absoluteOnly(value: string): string | undefined {
  return hasScheme(value.trim()) ? resolveUrl(value, value.trim()) : undefined;
}

/** XML's five entities, then any name HTML defines (`&nbsp;`, `&eacute;`), looked up only when used. */
function htmlEntities(xml: Record<string, string>): Record<string, string> {
  return new Proxy(xml, {
    get(target, name) {
      if (typeof name !== 'string') return undefined;
      if (XML_ENTITY_NAMES.has(name)) return target[name];
      const decoded = decodeHTMLStrict(`&${name};`);
      return decoded === `&${name};` ? undefined : decoded;
    },
  });
}

/** saxes says "1:0: document must contain a root element."; the reader says where in words. */
function describeXmlError(message: string): string {
  const m = /^(?:[^:]*:)?(\d+):(\d+): (.*?)\.?$/s.exec(message);
  if (!m) return `it is not well-formed XML (${message})`;
  const [, line, column, what] = m;
  if (/document must contain a root element/.test(what!)) return 'it holds no XML element';
  return `it is not well-formed XML: line ${line}, column ${column}: ${what}`;
}

/**
 * The tree with `base` under every relative reference it left unresolved: a feed read from a
 * file has no address of its own, and its home page is what its relative links mean.
 */
export function rebase(el: XmlElement, base: string): void {
  for (const c of el.children) {
    if (typeof c === 'string' || c.base !== undefined) continue;
    const xmlBase = c.attrs.get(`{${XML_NS}}base`);
    c.base = xmlBase === undefined ? base : (resolveUrl(xmlBase, base) ?? base);
    rebase(c, c.base);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the tree

const isIn = (el: XmlElement, ns: string | readonly string[]) => (typeof ns === 'string' ? el.ns === ns : ns.includes(el.ns));

/** The child elements of `el` named `name` in namespace `ns` (or one of several URIs a namespace goes by). */
export function childrenOf(el: XmlElement, ns: string | readonly string[], name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && c.name === name && isIn(c, ns)) out.push(c);
  return out;
}

export function childOf(el: XmlElement, ns: string | readonly string[], name: string): XmlElement | undefined {
  for (const c of el.children) if (typeof c !== 'string' && c.name === name && isIn(c, ns)) return c;
  return undefined;
}

/** Every character of the element's text, markup of child elements left out. */
export function textOf(el: XmlElement): string {
  let out = '';
  for (const c of el.children) out += typeof c === 'string' ? c : textOf(c);
  return out;
}

/** The trimmed text of the first such child, or undefined when it is missing or empty. */
export function childText(el: XmlElement, ns: string | readonly string[], name: string): string | undefined {
  const child = childOf(el, ns, name);
  const text = child && textOf(child).trim();
  return text === '' ? undefined : text;
}

/** An attribute without a namespace, or `{uri}local` for one with. */
export function attrOf(el: XmlElement, name: string): string | undefined {
  return el.attrs.get(name);
}

/** A URL the element holds (its text, or an attribute), resolved against its xml:base when relative; undefined when it is none. */
export function urlOf(el: XmlElement, value: string | undefined): string | undefined {
  const written = value?.trim();
  if (!written) return undefined;
  // An absolute URL is kept as written (`https://example.net`, not `https://example.net/`).
  if (hasScheme(written)) return written;
  return el.base === undefined ? undefined : resolveUrl(written, el.base);
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** The children of an XHTML element written as HTML: local names, no namespace declarations, XML's `xml:` attributes as HTML's. */
export function innerHtml(el: XmlElement): string {
  let out = '';
  for (const c of el.children) {
    if (typeof c === 'string') {
      out += escapeText(c);
      continue;
    }
    let attrs = '';
    for (const [name, value] of c.attrs) {
      const local = name.startsWith(`{${XML_NS}}`) ? name.slice(XML_NS.length + 2) : name.startsWith('{') ? undefined : name;
      // xml:base is done with: every URL below is resolved against it by the importer.
      if (local !== undefined && local !== 'base') attrs += ` ${local}="${escapeAttr(value)}"`;
    }
    out += VOID.has(c.name) && c.children.length === 0 ? `<${c.name}${attrs} />` : `<${c.name}${attrs}>${innerHtml(c)}</${c.name}>`;
  }
  return out;
}
