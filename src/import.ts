/**
 * `syndicate import FEED`: an existing RSS, Atom or JSON feed (file or URL)
 * turned into Markdown articles with frontmatter, read with rss-parser (or as
 * JSON Feed). Ids and dates are kept, so subscribers see no duplicates after
 * the move. Never overwrites an article.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { formatRfc3339 } from './time/format.js';
import { parseDate } from './time/parse-date.js';
import { getText } from './util/http-get.js';

export interface ImportedItem {
  id: string;
  title: string;
  url?: string;
  published?: string;
  updated?: string;
  authors: string[];
  tags: string[];
  summary?: string;
  /** HTML (or text) of the content; Markdown accepts inline HTML. */
  content: string;
}

export interface ImportResult {
  written: string[];
  kept: string[];
}

const FETCH_TIMEOUT_MS = 15_000;

export async function importFeed(ref: string, articlesDir: string, cwd: string): Promise<ImportResult> {
  const text = /^https?:\/\//i.test(ref)
    ? await (async () => {
        const { status, text } = await getText(ref, FETCH_TIMEOUT_MS);
        if (status < 200 || status > 299) throw new Error(`HTTP ${status} for ${ref}`);
        return text;
      })()
    : await readFile(path.resolve(cwd, ref), 'utf8');
  const items = text.trimStart().startsWith('{') ? fromJsonFeed(text) : await fromXml(text);
  const result: ImportResult = { written: [], kept: [] };
  const used = new Set<string>();
  for (const item of items) {
    const name = fileName(item, used);
    const file = path.join(articlesDir, name);
    const display = path.relative(cwd, file).split(path.sep).join('/');
    if (existsSync(file)) {
      result.kept.push(display);
      continue;
    }
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, articleText(item), { flag: 'wx' });
    result.written.push(display);
  }
  return result;
}

/** RFC 3339 with the offset the feed wrote, or the text unchanged when it cannot be read. */
function normalizeDate(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const parsed = parseDate(text, 'UTC');
  return 'error' in parsed ? undefined : formatRfc3339(parsed);
}

function fromJsonFeed(text: string): ImportedItem[] {
  type JsonItem = Record<string, unknown> & { authors?: { name?: string }[]; author?: { name?: string }; tags?: unknown[] };
  const doc = JSON.parse(text) as { items?: JsonItem[] };
  return (doc.items ?? []).map((i) => ({
    id: String(i.id),
    title: typeof i.title === 'string' ? i.title : '',
    url: typeof i.url === 'string' ? i.url : undefined,
    published: normalizeDate(i.date_published),
    updated: normalizeDate(i.date_modified),
    authors: (i.authors ?? (i.author ? [i.author] : [])).map((a) => a.name ?? '').filter(Boolean),
    tags: (i.tags ?? []).map(String),
    summary: typeof i.summary === 'string' ? i.summary : undefined,
    content: typeof i.content_html === 'string' ? i.content_html : typeof i.content_text === 'string' ? i.content_text : '',
  }));
}

async function fromXml(text: string): Promise<ImportedItem[]> {
  const { default: Parser } = await import('rss-parser');
  const parser = new Parser({ customFields: { item: ['published', 'updated', ['dc:creator', 'creators', { keepArray: true }], ['author', 'authors', { keepArray: true }]] as never } });
  const feed = await parser.parseString(text);
  return feed.items.map((raw) => {
    const item = raw as typeof raw & { id?: string; published?: string; updated?: string; creators?: string[]; authors?: unknown[]; 'content:encoded'?: string; summary?: string };
    const names = [...(item.creators ?? []), ...(item.authors ?? []).map(authorName)].filter((n): n is string => Boolean(n));
    return {
      id: item.guid ?? item.id ?? item.link ?? item.title ?? '',
      title: item.title ?? '',
      url: item.link,
      published: normalizeDate(item.published ?? item.pubDate),
      updated: normalizeDate(item.updated),
      authors: [...new Set(names)],
      tags: item.categories ?? [],
      summary: item.summary ?? item.contentSnippet,
      content: item['content:encoded'] ?? item.content ?? '',
    };
  });
}

function authorName(a: unknown): string | undefined {
  if (typeof a === 'string') return a.replace(/^\S+@\S+\s+\((.*)\)$/, '$1');
  if (a && typeof a === 'object' && 'name' in a) {
    const name = (a as { name: unknown }).name;
    return Array.isArray(name) ? String(name[0]) : String(name);
  }
  return undefined;
}

/** `2022-05-30-the-title.md`: the date prefix keeps the files in order; a number keeps names apart. */
function fileName(item: ImportedItem, used: Set<string>): string {
  const slug =
    item.title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'item';
  const base = `${item.published ? `${item.published.slice(0, 10)}-` : ''}${slug}`;
  let name = `${base}.md`;
  for (let n = 2; used.has(name); n++) name = `${base}-${n}.md`;
  used.add(name);
  return name;
}

function articleText(item: ImportedItem): string {
  const frontmatter: Record<string, unknown> = { title: item.title, id: item.id };
  if (item.published) frontmatter.date = item.published;
  if (item.updated && item.updated !== item.published) frontmatter.updated = item.updated;
  if (item.authors.length === 1) frontmatter.author = item.authors[0];
  else if (item.authors.length > 1) frontmatter.authors = item.authors;
  if (item.tags.length > 0) frontmatter.tags = item.tags;
  if (item.summary) frontmatter.summary = item.summary;
  // The old address, kept so the item's URL does not change with the move.
  if (item.url) frontmatter.permalink = item.url;
  return `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n${keepAsHtml(item.content)}\n`;
}

/**
 * In Markdown, a blank line ends a block of HTML and the rest would be read as
 * Markdown (a "#" in a code sample would become a heading). An empty comment on
 * each blank line keeps the block whole; the sanitizer drops the comments.
 */
function keepAsHtml(content: string): string {
  return content.trimStart().startsWith('<') ? content.replace(/\n[ \t]*(?=\n)/g, '\n<!-- -->') : content;
}
