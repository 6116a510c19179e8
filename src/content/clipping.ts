/**
 * What a web page leaves in a clipping that is not the article, taken out of its body when it is
 * rendered (only for clippings: a Markdown file with no frontmatter; an article with frontmatter
 * is left as written). Each rule is narrow, so that the article's own words are never dropped:
 * - a link to "#" is the page's own button, not a link: its text stays, the link goes
 *   ("[Écouter cet article](#)");
 * - a paragraph that is only an audio player's residue goes: its button ("Écouter cet article",
 *   "Listen to this article", "Artikel anhören") or its position and duration ("00:00/02:21");
 * - a paragraph that promotes a video the copy lost goes: it opens with a bold "À VOIR AUSSI"
 *   (Le Figaro) or "WATCH" and holds no link;
 * - an image alone in its paragraph, followed by a paragraph that ends in a credit ("... à un
 *   carrefour en Syrie. *Delil SOULEIMAN / AFP*", "... Photograph: Jane Doe/Reuters"), becomes a
 *   figure: the caption's text in its figcaption, the credit in a <small> after it, and both
 *   are the feed's lead image caption and credit.
 * A paragraph that ends in a credit without an image before it (the image was not copied) stays,
 * but is never the summary: the summary of a clipping is its lede.
 */
import type { Token } from 'markdown-it';
import { CAPTION_CREDIT, PLAYER } from '../time/byline-words.js';

type State = { tokens: Token[]; env: { clipping?: boolean }; Token: new (type: string, tag: string, nesting: -1 | 0 | 1) => Token };

const RESIDUE = new RegExp(String.raw`^(?:${PLAYER.join('|')})(?:\s*[·•|-]\s*(?:${PLAYER.join('|')}))*$`, 'iu');
const PROMO = /^\*\*(?:À|A) VOIR AUSSI\*\*|^\*\*WATCH:?\*\*/u;

/** The markdown-it core rule: does nothing unless the body is a clipping's. */
export function clippingCleanup(state: State): void {
  if (!state.env.clipping) return;
  const tokens = state.tokens;
  for (const token of tokens) if (token.type === 'inline' && token.children) token.children = withoutSelfLinks(token.children);
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [open, inline, close] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if (open.type !== 'paragraph_open' || inline.type !== 'inline' || close.type !== 'paragraph_close' || open.level !== 0) continue;
    if (isResidue(inline)) {
      tokens.splice(i, 3);
      i--;
      continue;
    }
    const next = tokens[i + 4];
    if (loneImage(inline) && tokens[i + 3]?.type === 'paragraph_open' && next?.type === 'inline' && creditOf(next)) {
      tokens.splice(i, 6, ...figure(state, [open, inline, close], next));
      i += 8;
    }
  }
}

/** Whether a paragraph's text ends in a credit: a caption, which a clipping's summary passes over. */
export function isCaption(inline: Token): boolean {
  return creditOf(inline) !== undefined;
}

function withoutSelfLinks(children: Token[]): Token[] {
  const out: Token[] = [];
  const dropped: boolean[] = [];
  for (const child of children) {
    if (child.type === 'link_open') {
      const self = child.attrGet('href') === '#';
      dropped.push(self);
      if (self) continue;
    } else if (child.type === 'link_close' && dropped.pop()) continue;
    out.push(child);
  }
  return out;
}

function isResidue(inline: Token): boolean {
  const text = textOf(inline.children ?? []).trim();
  if (RESIDUE.test(text)) return true;
  return PROMO.test(inline.content) && !(inline.children ?? []).some((c) => c.type === 'link_open');
}

function loneImage(inline: Token): Token | undefined {
  const children = (inline.children ?? []).filter((c) => !(c.type === 'text' && c.content.trim() === ''));
  const image = children.length === 1 && children[0]!.type === 'image' ? children[0] : undefined;
  return image && !image.attrGet('title') ? image : undefined;
}

/** A caption is a line or two; a longer paragraph is the article's. */
const MAX_CAPTION = 600;

/** The caption and credit of a paragraph that ends in a credit. */
function creditOf(inline: Token): { caption: string; credit: string } | undefined {
  if (inline.content.length > MAX_CAPTION) return undefined;
  const m = CAPTION_CREDIT.exec(inline.content.trim());
  if (!m) return undefined;
  const credit = (m[1] ?? m[2] ?? m[3]!).trim();
  const caption = textOf(inline.children ?? []).trim();
  // The caption is the text before the credit, as a reader sees it (emphasis and links taken away).
  const at = caption.lastIndexOf(credit);
  return { caption: (at === -1 ? caption : caption.slice(0, at)).replace(/[\s:(,]*(?:photo(?:graph)?s?|crédits?(?: photo)?|credits?|foto|bild|illustration|image)?[\s:,(]*$/iu, '').trim(), credit };
}

/** figure > image, figcaption > caption <small>credit</small>, made of the image's paragraph and the caption's. */
function figure(state: State, [open, image, close]: Token[], captionParagraph: Token): Token[] {
  const { caption, credit } = creditOf(captionParagraph)!;
  const token = (type: string, tag: string, nesting: -1 | 0 | 1) => new state.Token(type, tag, nesting);
  const text = (content: string) => {
    const inline = token('inline', '', 0);
    inline.content = content;
    inline.children = [Object.assign(token('text', '', 0), { content })];
    return inline;
  };
  // The image's paragraph becomes the figure, as captioned figures are made (markdown.ts).
  Object.assign(open!, { type: 'figure_open', tag: 'figure' });
  Object.assign(close!, { type: 'figure_close', tag: 'figure' });
  return [
    open!,
    image!,
    token('figcaption_open', 'figcaption', 1),
    ...(caption ? [text(`${caption} `)] : []),
    token('small_open', 'small', 1),
    text(credit),
    token('small_close', 'small', -1),
    token('figcaption_close', 'figcaption', -1),
    close!,
  ];
}

/** The text a reader sees in inline tokens. */
function textOf(children: readonly Token[]): string {
  let out = '';
  for (const c of children) {
    if (c.type === 'text' || c.type === 'code_inline' || c.type === 'text_special') out += c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') out += ' ';
  }
  return out;
}
