/**
 * `syndicate import FEED`: an existing RSS, Atom or JSON feed (file or URL)
 * turned into Markdown articles with frontmatter, read with rss-parser (or as
 * JSON Feed). Ids and dates are kept, so subscribers see no duplicates after
 * the move. Never overwrites an article.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { feedEntries, feedLocation, feedText, type FeedEntry } from '../source/read-feed.js';
import { formatRfc3339 } from '../time/format.js';
import { parseDate } from '../time/parse-date.js';
import { text, type Command } from './command.js';
import { plural } from './report.js';

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

export async function importFeed(ref: string, articlesDir: string, cwd: string): Promise<ImportResult> {
  const text = await feedText(feedLocation(ref, cwd));
  if (text === undefined) throw new Error(`HTTP 404 for ${ref}`);
  const items = (await feedEntries(text)).map(importedItem);
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

/** What an article keeps of a feed's item: its id (else its link, else its title), dates as RFC 3339 with their offsets. */
function importedItem(e: FeedEntry): ImportedItem {
  return {
    id: e.id ?? e.link ?? e.title ?? '',
    title: e.title ?? '',
    url: e.link,
    published: normalizeDate(e.published),
    updated: normalizeDate(e.updated),
    authors: e.authors,
    tags: e.tags,
    summary: e.summary,
    content: e.content ?? '',
  };
}

/** RFC 3339 with the offset the feed wrote, or nothing when it cannot be read. */
function normalizeDate(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const parsed = parseDate(text, 'UTC');
  return 'error' in parsed ? undefined : formatRfc3339(parsed);
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

export const command: Command = {
  usage: 'FEED [--articles DIR]',
  about:
    "Turns an existing feed (RSS, Atom or JSON Feed; a file or a URL) into Markdown articles with frontmatter, one file an item, keeping each item's id, dates, authors, tags, summary and address, so subscribers see no duplicates after the move. It never overwrites an article.",
  flags: ['articles'],
  positionals: 'one',
  positionalName: 'feed file or URL',
  example: 'syndicate import https://example.com/feed.xml --articles articles/imported',
  async run({ values, positionals, cwd }) {
    const result = await importFeed(positionals[0]!, path.resolve(cwd, text(values, 'articles') ?? 'articles'), cwd);
    for (const f of result.written) process.stdout.write(`wrote ${f}\n`);
    for (const f of result.kept) process.stdout.write(`kept ${f} (it exists; import never overwrites)\n`);
    process.stdout.write(`${plural(result.written.length, 'article')} imported\n`);
    return 0;
  },
};
