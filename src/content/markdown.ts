/**
 * Markdown to tokens and tokens to HTML with markdown-it (CommonMark, plus
 * GFM tables and strikethrough; inline HTML allowed, sanitized later in html.ts).
 */
import MarkdownIt, { type Token } from 'markdown-it';

const md = MarkdownIt('default', { html: true, linkify: false, typographer: false });

export interface MarkdownDoc {
  tokens: Token[];
  /** Text of the first level-1 heading, when the body has one. */
  heading?: string;
  /** Plain text of the first paragraph. */
  firstParagraph?: string;
}

export function parseMarkdown(body: string): MarkdownDoc {
  const tokens = md.parse(body, {});
  const h1 = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
  const heading = h1 === -1 ? undefined : inlineText(tokens[h1 + 1]);
  const p = tokens.findIndex((t) => t.type === 'paragraph_open');
  const firstParagraph = p === -1 ? undefined : inlineText(tokens[p + 1], { images: false });
  return { tokens, heading, firstParagraph };
}

/** Removes the first level-1 heading: it became the title and is not repeated in the content. */
export function withoutFirstHeading(doc: MarkdownDoc): MarkdownDoc {
  const h1 = doc.tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
  if (h1 === -1) return doc;
  const close = doc.tokens.findIndex((t, i) => i > h1 && t.type === 'heading_close');
  return { ...doc, tokens: [...doc.tokens.slice(0, h1), ...doc.tokens.slice(close + 1)] };
}

export function renderMarkdown(doc: MarkdownDoc): string {
  return md.renderer.render(doc.tokens, md.options, {});
}

/** The text a reader sees in an inline token: markup dropped, entities decoded. */
function inlineText(token: Token | undefined, { images = true } = {}): string {
  if (!token?.children) return '';
  let out = '';
  for (const child of token.children) {
    if (child.type === 'text' || child.type === 'code_inline') out += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') out += ' ';
    else if (child.type === 'image' && images && child.children) out += child.children.map((c) => c.content).join('');
  }
  return out;
}
