/**
 * A strict XML 1.0 parser (saxes: well-formedness, namespaces, legal
 * characters) turned into a small tree for assertions. Any ill-formed byte
 * throws.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  uri: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const root: XmlElement = { name: '#document', uri: '', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let failure: Error | undefined;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentag', (tag) => {
    const el: XmlElement = {
      name: tag.local,
      uri: tag.uri,
      attrs: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.prefix ? `${a.prefix}:${a.local}` : a.local, a.value])),
      children: [],
      text: '',
    };
    stack.at(-1)!.children.push(el);
    stack.push(el);
  });
  parser.on('text', (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on('cdata', (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (failure) throw failure;
  if (root.children.length !== 1) throw new Error('expected one root element');
  return root.children[0]!;
}

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
};

export function child(el: XmlElement, name: string, uri = ''): XmlElement | undefined {
  return el.children.find((c) => c.name === name && c.uri === uri);
}

export function children(el: XmlElement, name: string, uri = ''): XmlElement[] {
  return el.children.filter((c) => c.name === name && c.uri === uri);
}

export function textOf(el: XmlElement, name: string, uri = ''): string | undefined {
  return child(el, name, uri)?.text;
}
