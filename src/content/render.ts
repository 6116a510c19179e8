/** Article body to what a feed carries: sanitized HTML with absolute URLs, and a plain-text summary. */
import type { Article } from '../article/article.js';
import { cleanText } from '../feeds/xml.js';
import { cleanHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { cutAtWord } from './summary.js';

export interface Rendered {
  html: string;
  summary: string;
}

export function renderArticle(article: Article, url: string, iframeHosts: readonly string[] = []): Rendered {
  return {
    html: cleanHtml(cleanText(renderMarkdown(article.markdown)), url, iframeHosts),
    summary: article.summary ?? cutAtWord(cleanText(article.markdown.firstParagraph ?? '')),
  };
}
