/**
 * Markdown to HTML with markdown-it (CommonMark, plus GFM tables and
 * strikethrough; inline HTML allowed, sanitized later in html.ts). Tokens
 * live only inside one call: keeping them for thousands of articles would
 * cost more in garbage collection than parsing twice.
 *
 * What markdown-it writes of its own is written here exactly as the sanitizer
 * would give it back (links and images through its URL policy, text escaped as
 * it escapes text, void tags closed as it closes them), so a body without raw
 * HTML needs no sanitizing pass: that pass is half the cost of rendering. The
 * tests check that sanitizing such a body changes nothing.
 */
import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { onFirstUse } from '../util/on-first-use.js';
import { clippingCleanup, isCaption } from './clipping.js';
import { feedUrl, type RelativeBase } from './feed-url.js';
import { followRawTags, plainInline } from './raw-html.js';

const markdownIt = onFirstUse<typeof MarkdownIt>('markdown-it');
let configured: MarkdownIt | undefined;

/** The one markdown-it instance, made when the first body is parsed: a build whose articles all come from the caches never loads it. */
function parser(): MarkdownIt {
  return (configured ??= configure(markdownIt()('default', { html: true, linkify: false, typographer: false, xhtmlOut: true })));
}

/** Passed to the renderer rules: relative links and images resolve against the article's URL. */
interface RenderEnv {
  baseUrl: string | RelativeBase;
}

// The sanitizer writes a double quote in text as is (only & < > are escaped outside attributes).
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const escapeText = (text: string) => text.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]!);

function configure(md: MarkdownIt): MarkdownIt {
  md.core.ruler.push('captioned_figures', captionedFigures);
  md.core.ruler.push('clipping_cleanup', clippingCleanup);
  const rules = md.renderer.rules;
  rules.text = (tokens, idx) => escapeText(tokens[idx]!.content);
  rules.code_inline = (tokens, idx, _options, _env, self) => `<code${self.renderAttrs(tokens[idx]!)}>${escapeText(tokens[idx]!.content)}</code>`;
  rules.code_block = (tokens, idx, _options, _env, self) => `<pre${self.renderAttrs(tokens[idx]!)}><code>${escapeText(tokens[idx]!.content)}</code></pre>\n`;
  // The fence rule escapes through `highlight` when it is set, and writes the language class itself.
  md.set({ highlight: (code) => escapeText(code) });
  const defaultFence = rules.fence!;
  rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    // Only a language-* class the sanitizer would keep is written.
    const language = md.utils.unescapeAll(token.info).trim().split(/\s+/)[0] ?? '';
    if (!/^[\w+-]*$/.test(language)) token.info = '';
    return defaultFence(tokens, idx, options, env, self);
  };
  rules.link_open = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx]!;
    const href = feedUrl(String(token.attrGet('href') ?? ''), env.baseUrl, 'a');
    if (href === undefined) token.attrs = token.attrs?.filter(([name]) => name !== 'href') ?? null;
    else token.attrSet('href', href);
    return self.renderToken(tokens, idx, options);
  };
  const defaultImage = rules.image!;
  rules.image = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx]!;
    const src = feedUrl(String(token.attrGet('src') ?? ''), env.baseUrl, 'img');
    // An image whose source was refused is dropped whole, as the sanitizer drops it.
    if (src === undefined) return '';
    token.attrSet('src', src);
    return defaultImage(tokens, idx, options, env, self);
  };

  // markdown-it 14 (30% faster than 15 on the benchmark corpus) leaves an entity inside an image
  // description as a text_special token, which its renderInlineAsText skips: `![A &amp; B](x.png)`
  // gave alt="A  B". 15 turns them into text first and gives "A & B"; this method, otherwise as in
  // both versions, reads them too, for the same result.
  md.renderer.renderInlineAsText = function renderInlineAsText(tokens, options, env) {
    let out = '';
    for (const token of tokens) {
      if (token.type === 'text' || token.type === 'text_special' || token.type === 'code_inline') out += token.content;
      else if (token.type === 'image') out += this.renderInlineAsText(token.children ?? [], options, env);
      else if (token.type === 'html_inline' || token.type === 'html_block') out += token.content;
      else if (token.type === 'softbreak' || token.type === 'hardbreak') out += '\n';
    }
    return out;
  };
  return md;
}

/**
 * An image alone in its paragraph with a title, `![alt](src "caption")`, is a
 * figure: readers show a figcaption under the picture, where a title would
 * only be a tooltip. An image without a title stays a plain paragraph.
 */
function captionedFigures(state: { tokens: Token[]; Token: new (type: string, tag: string, nesting: -1 | 0 | 1) => Token }): void {
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [open, inline, close] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if (open.type !== 'paragraph_open' || inline.type !== 'inline' || close.type !== 'paragraph_close') continue;
    const images = inline.children?.filter((c) => !(c.type === 'text' && c.content.trim() === '')) ?? [];
    const image = images.length === 1 && images[0]!.type === 'image' ? images[0]! : undefined;
    const caption = String(image?.attrGet('title') ?? '');
    if (!image || caption === '') continue;
    image.attrs = image.attrs!.filter(([name]) => name !== 'title');
    open.type = 'figure_open';
    open.tag = 'figure';
    close.type = 'figure_close';
    close.tag = 'figure';
    const captionOpen = new state.Token('figcaption_open', 'figcaption', 1);
    const text = new state.Token('text', '', 0);
    text.content = caption;
    const captionClose = new state.Token('figcaption_close', 'figcaption', -1);
    // The caption's text is escaped by the renderer like any other text.
    const captionInline = new state.Token('inline', '', 0);
    captionInline.children = [text];
    captionInline.content = caption;
    tokens.splice(i + 2, 0, captionOpen, captionInline, captionClose);
    i += 5;
  }
}

/**
 * Text of the level-1 heading that opens the body (`# Title`, or `Title` over `===`), when one
 * does: the article's title. A heading further down is a section of the text, not its title.
 */
export function openingHeading(body: string): string | undefined {
  // Cheap test first: a body without "#" or an "===" underline cannot hold a level-1 heading.
  if (!/#|^ {0,3}=+[ \t]*$/m.test(body)) return undefined;
  const tokens = parser().parse(body, {});
  return tokens[0]?.type === 'heading_open' && tokens[0].tag === 'h1' ? inlineText(tokens[1]) : undefined;
}

/** Consecutive top-level blocks of a body, as HTML. */
export interface Segment {
  html: string;
  /** The blocks hold raw HTML, which only the sanitizer may let through. */
  hasHtml: boolean;
}

export interface RenderedMarkdown {
  /** The body in pieces; each raw HTML element opened in one piece closes in it. */
  segments: Segment[];
  /** Plain text of the first paragraph. */
  firstParagraph?: string;
}

/**
 * HTML of the body, links and images resolved against `baseUrl`; `dropFirstHeading` when that
 * heading became the title and is not repeated; `clipping` for a clipping's body, which loses what
 * the web page left in it (clipping.ts) and whose summary passes over captions.
 */
export function renderMarkdown(body: string, dropFirstHeading: boolean, baseUrl: string | RelativeBase, clipping = false): RenderedMarkdown {
  let tokens = parser().parse(body, { clipping });
  if (dropFirstHeading) {
    const h1 = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
    const close = tokens.findIndex((t, i) => i > h1 && t.type === 'heading_close');
    if (h1 !== -1) tokens = [...tokens.slice(0, h1), ...tokens.slice(close + 1)];
  }
  const p = tokens.findIndex((t, i) => t.type === 'paragraph_open' && !(clipping && isCaption(tokens[i + 1]!)));
  return {
    segments: segments(tokens, { baseUrl }),
    firstParagraph: p === -1 ? undefined : inlineText(tokens[p + 1], { images: false }),
  };
}

/**
 * The top-level blocks of `tokens`, rendered and grouped so that raw HTML opened in a group
 * closes in it (as far as raw-html.ts can tell; otherwise the rest is one group). Sanitizing
 * only the groups with raw HTML, one by one, then gives what sanitizing the whole body gives,
 * for a fraction of the work: most of a body is Markdown's own output.
 */
function segments(tokens: Token[], env: RenderEnv): Segment[] {
  const out: Segment[] = [];
  const { renderer, options } = parser();
  const render = (from: number, to?: number) => renderer.render(tokens.slice(from, to), options, env);
  const open: string[] = [];
  let start = 0;
  let hasHtml = false;
  let sure = true;
  const follow = (html: string) => {
    hasHtml = true;
    sure &&= followRawTags(html, open);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'html_block') follow(token.content);
    // Plain phrasing tags closed within their block (<kbd>, <abbr title="...">) are given back by
    // the sanitizer as written: a block with no other raw HTML is Markdown's own output.
    const children = token.children ?? [];
    if (!plainInline(children)) for (const child of children) if (child.type === 'html_inline') follow(child.content);
    // A top-level block ends with a level-0 token that opens nothing.
    if (token.level !== 0 || token.nesting === 1 || open.length > 0 || !sure) continue;
    out.push({ html: render(start, i + 1), hasHtml });
    start = i + 1;
    hasHtml = false;
  }
  if (start < tokens.length) out.push({ html: render(start), hasHtml });
  return out;
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
