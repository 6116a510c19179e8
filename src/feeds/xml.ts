/**
 * The one escaping module. Every string that reaches a feed goes through
 * exactly one of these, chosen for its context: element text, attribute
 * value or CDATA section. Characters XML 1.0 forbids (C0 controls other
 * than tab, LF and CR; lone surrogates; U+FFFE and U+FFFF) are removed in
 * all of them, so no input can make a feed ill-formed.
 */

import { cleanText } from '../util/xml-chars.js';

const ATTR_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;' };

/** Element content. `>` is escaped too, so `]]>` can never appear. CR is kept as a reference. */
export function escapeText(text: string): string {
  // Native replaceAll passes, not one replace with a callback: HTML payloads are long and full of
  // < and >, and the callback measured a third slower on them.
  return cleanText(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('\r', '&#13;');
}

/**
 * Element content of RSS's plain-text elements (titles, names, categories): `&`, `<` and `>` as
 * hexadecimal references, the form the RSS Advisory Board's profile asks for, since RSS never said
 * whether those elements hold HTML (the W3C validator warns of `&amp;` or `&lt;` there). Every XML
 * parser reads the same text either way.
 */
export function escapePlainText(text: string): string {
  return cleanText(text).replaceAll('&', '&#x26;').replaceAll('<', '&#x3C;').replaceAll('>', '&#x3E;').replaceAll('\r', '&#13;');
}

/** A double-quoted attribute value; whitespace kept as references so parsers do not fold it. */
export function escapeAttr(text: string): string {
  return cleanText(text).replace(/[&<>"\r\t\n]/g, (c) => ATTR_ESCAPES[c]!);
}

/** A CDATA section; `]]>` inside is split across two sections. Used for HTML payloads. */
export function cdata(text: string): string {
  const clean = cleanText(text);
  const lines = clean.includes('\r') ? clean.replace(/\r\n?/g, '\n') : clean;
  return `<![CDATA[${lines.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** `<name attr="...">text</name>` with both parts escaped; attributes in the given order, undefined ones left out. */
export function element(name: string, attrs: Record<string, string | number | undefined>, text?: string, escape = escapeText): string {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) open += ` ${key}="${escapeAttr(String(value))}"`;
  }
  return text === undefined ? `${open}/>` : `${open}>${escape(text)}</${name}>`;
}
