/** Article body to what a feed carries: sanitized HTML with absolute URLs, and a plain-text summary. */
import type { Article } from '../article/article.js';
import { cleanText } from '../feeds/xml.js';
import { cleanHtml, htmlDepth } from './html.js';
import { renderMarkdown } from './markdown.js';
import { cutAtWord } from './summary.js';

export interface Rendered {
  html: string;
  summary: string;
}

export interface RenderOptions {
  iframeHosts: readonly string[];
  /** Deeper HTML is refused: see htmlDepth(). */
  maxHtmlDepth: number;
}

export function renderArticle(article: Article, url: string, options: RenderOptions): Rendered | { error: string } {
  const markdown = renderMarkdown(article.body, article.titleFromHeading);
  const raw = cleanText(markdown.html);
  const depth = htmlDepth(raw);
  if (depth > options.maxHtmlDepth) {
    return { error: `the HTML in this article nests ${depth} levels deep, over the limit of ${options.maxHtmlDepth} (limits.maxHtmlDepth in the config); close its tags or flatten it` };
  }
  return {
    html: cleanHtml(raw, url, options.iframeHosts),
    summary: article.summary ?? cutAtWord(cleanText(markdown.firstParagraph ?? '')),
  };
}
