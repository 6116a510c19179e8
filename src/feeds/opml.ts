/** feeds.opml: every feed of the site in one OPML 2.0 file, for readers that import a list. */
import { escapeAttr, escapeText } from './xml.js';

export interface OpmlEntry {
  title: string;
  /** The feed's address (RSS if written, else Atom, else JSON Feed). */
  xmlUrl: string;
  htmlUrl: string;
  type: 'rss' | 'atom' | 'json';
}

export function renderOpml(title: string, entries: readonly OpmlEntry[]): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<opml version="2.0">',
    `<head><title>${escapeText(title)}</title></head>`,
    '<body>',
    ...entries.map((e) => `<outline type="rss" text="${escapeAttr(e.title)}" title="${escapeAttr(e.title)}" xmlUrl="${escapeAttr(e.xmlUrl)}" htmlUrl="${escapeAttr(e.htmlUrl)}"/>`),
    '</body>',
    '</opml>',
    '',
  ].join('\n');
}
