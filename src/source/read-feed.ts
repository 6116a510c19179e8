/**
 * Reading a published feed (RSS and Atom with rss-parser, JSON Feed as JSON): the one reader of
 * both the previous feed a build keeps ids and dates from (`--previous`) and of `syndicate
 * import`. Loaded only when a feed is read: most builds never need an XML reader.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getText } from '../util/http-get.js';

/** Where a feed is read from: the web, or a file (an absolute path). */
export type FeedLocation = { url: string } | { file: string };

/** An item as a feed wrote it, its dates as text. */
export interface FeedEntry {
  /** RSS guid, Atom id, JSON Feed id. */
  id?: string;
  link?: string;
  title?: string;
  published?: string;
  updated?: string;
  /** Names, as the feed wrote them. */
  authors: string[];
  tags: string[];
  summary?: string;
  /** HTML, or text. */
  content?: string;
}

export class FeedLocationError extends Error {}

const FETCH_TIMEOUT_MS = 15_000;

/**
 * What `ref` names: an http(s) URL, a `file:` URL, or a path (relative to `cwd`). Any other
 * scheme is refused, rather than read as a file of that name.
 */
export function feedLocation(ref: string, cwd: string): FeedLocation {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(ref)?.[1]?.toLowerCase();
  // A Windows drive letter (C:\feed.xml) is a path, not a scheme.
  if (scheme === undefined || (scheme.length === 1 && process.platform === 'win32')) return { file: path.resolve(cwd, ref) };
  if (scheme === 'http' || scheme === 'https') return { url: ref };
  if (scheme === 'file') return { file: fileURLToPath(ref) };
  throw new FeedLocationError(`"${ref}" is neither a path nor an http(s) or file: URL`);
}

/** The feed's text, or undefined when a web server says there is none (HTTP 404 or 410). Throws for any other failure. */
export async function feedText(location: FeedLocation, timeoutMs = FETCH_TIMEOUT_MS): Promise<string | undefined> {
  if ('file' in location) return readFile(location.file, 'utf8');
  const { status, text } = await getText(location.url, timeoutMs);
  if (status === 404 || status === 410) return undefined;
  if (status < 200 || status > 299) throw new Error(`HTTP ${status}`);
  return text;
}

/** The items of a feed's text, in its order. */
export async function feedEntries(text: string): Promise<FeedEntry[]> {
  return text.trimStart().startsWith('{') ? fromJsonFeed(text) : fromXml(text);
}

function fromJsonFeed(text: string): FeedEntry[] {
  type JsonItem = Record<string, unknown> & { authors?: { name?: string }[]; author?: { name?: string }; tags?: unknown[] };
  const doc = JSON.parse(text) as { items?: JsonItem[] };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return (doc.items ?? []).map((i) => ({
    id: typeof i.id === 'string' || typeof i.id === 'number' ? String(i.id) : undefined,
    link: str(i.url),
    title: str(i.title),
    published: str(i.date_published),
    updated: str(i.date_modified),
    authors: (i.authors ?? (i.author ? [i.author] : [])).map((a) => a.name ?? '').filter(Boolean),
    tags: (i.tags ?? []).map(String),
    summary: str(i.summary),
    content: str(i.content_html) ?? str(i.content_text),
  }));
}

async function fromXml(text: string): Promise<FeedEntry[]> {
  const { default: Parser } = await import('rss-parser');
  const parser = new Parser({ customFields: { item: ['published', 'updated', ['dc:creator', 'creators', { keepArray: true }], ['author', 'authors', { keepArray: true }]] as never } });
  const feed = await parser.parseString(text);
  return feed.items.map((raw) => {
    const item = raw as typeof raw & { id?: string; published?: string; updated?: string; creators?: string[]; authors?: unknown[]; 'content:encoded'?: string; summary?: string };
    const names = [...(item.creators ?? []), ...(item.authors ?? []).map(authorName)].filter((n): n is string => Boolean(n));
    return {
      id: item.guid ?? item.id,
      link: item.link,
      title: item.title,
      // RSS pubDate and Atom published keep the offset they were written with.
      published: item.published ?? item.pubDate,
      updated: item.updated,
      authors: [...new Set(names)],
      tags: item.categories ?? [],
      summary: item.summary ?? item.contentSnippet,
      content: item['content:encoded'] ?? item.content,
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
