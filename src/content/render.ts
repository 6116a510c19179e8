/** Article body to what a feed carries: sanitized HTML with absolute URLs, and a plain-text summary. */
import { cleanText } from '../util/xml-chars.js';
import { NESTING_LIMIT, cleanHtml, htmlDepth } from './html.js';
import { renderMarkdown, type RenderedMarkdown } from './markdown.js';
import { firstParagraphText, textToHtml } from './foreign-body.js';
import { cutAtWord } from './summary.js';
import { renderTemplates, type TemplateContext } from './templates/index.js';
import type { RelativeBase } from './feed-url.js';

export interface Rendered {
  /** Sanitized, with absolute URLs, and without a character XML 1.0 forbids. */
  html: string;
  /** `html` as a JSON string literal, when the render cache has it so (the JSON Feed writes it as is). */
  htmlJson?: string;
  summary: string;
  /** The first image of the sanitized body (absolute URL), the lead image when the frontmatter names none. */
  firstImage?: { src: string; alt?: string; caption?: string; credit?: string };
}

export interface RenderOptions {
  iframeHosts: readonly string[];
  /** Deeper HTML is refused: see htmlDepth(). */
  maxHtmlDepth: number;
}

/** Everything rendering needs, as plain data, so it can cross to a worker thread. */
export interface RenderJob {
  body: string;
  /** What the body is written in (Markdown when not said): only Markdown is read as Markdown. */
  markup?: 'markdown' | 'html' | 'text';
  titleFromHeading: boolean;
  /** The body is a clipping's (a file with no frontmatter): what the web page left in it goes (clipping.ts). */
  clipping?: boolean;
  /** Frontmatter summary, if any. */
  summary?: string;
  /** The article's URL: relative URLs in the body resolve against it. */
  url: string;
  options: RenderOptions;
  /** A site generator's template tags in the body, rendered before the Markdown (templates/). */
  templates?: TemplateContext;
  /** What relative URLs resolve against, when not `url` (a site generator's rule: feed-url.ts). */
  relative?: RelativeBase;
  /** The body is HTML, not Markdown (a Jekyll post named .html). */
  html?: boolean;
}

export function renderBody(job: RenderJob): Rendered | { error: string; code: string } {
  if (job.markup === 'text') return renderText(job);
  const body = job.templates ? renderTemplates(job.body, job.templates) : job.body;
  const base = job.relative ?? job.url;
  // An HTML body (markup: html, as import writes a feed's content; a Jekyll post named .html) is sanitized as it stands.
  const isHtml = job.html === true || job.markup === 'html';
  const markdown = isHtml ? htmlBody(body) : renderMarkdown(body, job.titleFromHeading, base, job.clipping);
  // Cleaned piece by piece (cleanText works character by character), so each piece is scanned once.
  const pieces = markdown.segments.map((s) => ({ html: cleanText(s.html), hasHtml: s.hasHtml }));
  const raw = pieces.map((p) => p.html).join('');
  const depth = htmlDepth(raw);
  if (depth > job.options.maxHtmlDepth) {
    return {
      code: 'html-too-deep',
      error: `the HTML in this article nests ${depth} levels deep, over the limit of ${job.options.maxHtmlDepth} (limits.maxHtmlDepth in the config); close its tags or flatten it`,
    };
  }
  // Markdown's own output is already as the sanitizer would leave it (see markdown.ts): only the
  // pieces with raw HTML are sanitized, unless the body nests deeper than the sanitizer keeps
  // (markdown-it stops near 100 levels; this makes it sure).
  // The sanitizer decodes entities, so `&#1;` in raw HTML would come back as a control character:
  // what it returns is cleaned again.
  const clean = (html: string) => cleanText(cleanHtml(html, base, job.options.iframeHosts));
  const html = depth > NESTING_LIMIT ? clean(raw) : pieces.map((p) => (p.hasHtml ? clean(p.html) : p.html)).join('');
  return {
    html,
    // An HTML body that opens with a block: its first paragraph, once sanitized.
    summary: job.summary ?? cutAtWord(cleanText(markdown.firstParagraph ?? (isHtml ? firstParagraphText(html) : ''))),
    firstImage: firstImage(html),
  };
}

/** A text body escaped, never read as Markdown or HTML (foreign-body.ts). */
function renderText(job: RenderJob): Rendered {
  const html = textToHtml(cleanText(job.body));
  return { html, summary: job.summary ?? cutAtWord(firstParagraphText(html)), firstImage: undefined };
}

/** An HTML body as the one piece the sanitizer reads, its first paragraph the text before its first block. */
function htmlBody(body: string): RenderedMarkdown {
  const lead = body.split(/\n\s*\n|<(?:p|div|h[1-6]|ul|ol|table|pre|blockquote|figure)\b/i)[0] ?? '';
  const text = decodeEntities(lead.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ')).replace(/\s+/g, ' ').trim();
  return { segments: [{ html: body, hasHtml: true }], firstParagraph: text || undefined };
}

/**
 * src and alt of the first <img> of sanitized HTML (attributes double-quoted,
 * as sanitize-html writes them), and its caption when it is a captioned figure.
 */
function firstImage(html: string): Rendered['firstImage'] {
  const found = /<img\b[^>]*>/.exec(html);
  const tag = found?.[0];
  const src = tag && /\ssrc="(https?:[^"]*)"/.exec(tag)?.[1];
  if (!found || !tag || !src) return undefined;
  const alt = /\salt="([^"]*)"/.exec(tag)?.[1];
  // A captioned figure: <figcaption>caption</figcaption>, with the credit in a <small> after the caption (clipping.ts).
  const figcaption = /^<figcaption>([^<]*)(?:<small>([^<]*)<\/small>)?<\/figcaption>/.exec(html.slice(found.index + tag.length));
  const text = (t: string | undefined) => (t?.trim() ? decodeEntities(t.trim()) : undefined);
  return { src: decodeEntities(src), alt: alt ? decodeEntities(alt) : undefined, caption: text(figcaption?.[1]), credit: text(figcaption?.[2]) };
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}
