/** Article body to what a feed carries: sanitized HTML with absolute URLs, and a plain-text summary. */
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

/** Everything rendering needs, as plain data, so it can cross to a worker thread. */
export interface RenderJob {
  body: string;
  titleFromHeading: boolean;
  /** Frontmatter summary, if any. */
  summary?: string;
  /** The article's URL: relative URLs in the body resolve against it. */
  url: string;
  options: RenderOptions;
}

export function renderBody(job: RenderJob): Rendered | { error: string } {
  const markdown = renderMarkdown(job.body, job.titleFromHeading);
  const raw = cleanText(markdown.html);
  const depth = htmlDepth(raw);
  if (depth > job.options.maxHtmlDepth) {
    return { error: `the HTML in this article nests ${depth} levels deep, over the limit of ${job.options.maxHtmlDepth} (limits.maxHtmlDepth in the config); close its tags or flatten it` };
  }
  return {
    html: cleanHtml(raw, job.url, job.options.iframeHosts),
    summary: job.summary ?? cutAtWord(cleanText(markdown.firstParagraph ?? '')),
  };
}
