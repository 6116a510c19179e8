/**
 * Bodies that are not Markdown (frontmatter `markup: html` or `text`, as `syndicate import`
 * writes a feed's content): HTML is sanitized as it stands, text is escaped and shown as the
 * characters it is, with its paragraphs and line breaks. Neither is ever read as Markdown, so an
 * indented line stays text and a `#` line no heading.
 */
import { decodeHTMLStrict } from 'entities';

/** Plain text as HTML: a paragraph per run of lines, a line break per line. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br />\n')}</p>`)
    .join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text of sanitized HTML's first paragraph, else of its beginning: what a summary is made of. */
export function firstParagraphText(html: string): string {
  const paragraph = /<p\b[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1];
  const source = paragraph ?? html.slice(0, 4096);
  return decodeHTMLStrict(source.replace(/<br\s*\/?>/g, ' ').replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}
