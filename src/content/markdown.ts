/**
 * Markdown to HTML with markdown-it (CommonMark, plus GFM tables and
 * strikethrough; inline HTML allowed, sanitized later in html.ts). Tokens
 * live only inside one call: keeping them for thousands of articles would
 * cost more in garbage collection than parsing twice.
 */
import MarkdownIt, { type Token } from 'markdown-it';

const md = MarkdownIt('default', { html: true, linkify: false, typographer: false });

/** Text of the first level-1 heading, when the body has one. */
export function firstHeading(body: string): string | undefined {
  // Cheap test first: a body without "#" or an "===" underline cannot hold a level-1 heading.
  if (!/#|^ {0,3}=+[ \t]*$/m.test(body)) return undefined;
  const tokens = md.parse(body, {});
  const h1 = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
  return h1 === -1 ? undefined : inlineText(tokens[h1 + 1]);
}

export interface RenderedMarkdown {
  html: string;
  /** Plain text of the first paragraph. */
  firstParagraph?: string;
}

/** HTML of the body; `dropFirstHeading` when that heading became the title and is not repeated. */
export function renderMarkdown(body: string, dropFirstHeading: boolean): RenderedMarkdown {
  let tokens = md.parse(body, {});
  if (dropFirstHeading) {
    const h1 = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
    const close = tokens.findIndex((t, i) => i > h1 && t.type === 'heading_close');
    if (h1 !== -1) tokens = [...tokens.slice(0, h1), ...tokens.slice(close + 1)];
  }
  const p = tokens.findIndex((t) => t.type === 'paragraph_open');
  return {
    html: md.renderer.render(tokens, md.options, {}),
    firstParagraph: p === -1 ? undefined : inlineText(tokens[p + 1], { images: false }),
  };
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
