/**
 * JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/), read as the specification says
 * and as real feeds write it: an id that is a number is that number's text; `authors` (1.1)
 * before `author` (1.0), the feed's for an item that names none; content_html before
 * content_text, which is text (never HTML, never Markdown); an author URL that is a `mailto:` is
 * an email address; `tags` written as one string is one tag. Relative URLs resolve against the
 * feed's own address.
 */
import { byteCount, distinctPeople, distinctTags, foldSpaces, type FeedContent, type FeedDocument, type FeedEnclosure, type FeedEntry, type FeedPerson } from './feed-entry.js';
import { FeedReadError } from './feed-error.js';
import { hasScheme, jsonErrorLine, resolveUrl } from '../util/text.js';

type Json = Record<string, unknown>;

export function readJsonFeed(text: string, baseUrl?: string): FeedDocument {
  let doc: unknown;
  try {
    doc = parseLenient(text);
  } catch (e) {
    const line = jsonErrorLine(text, e);
    throw new FeedReadError(`it is not valid JSON${line === undefined ? '' : ` (line ${line})`}: ${(e as Error).message.replace(/ in JSON at position \d+.*$/s, '')}`);
  }
  if (!isObject(doc) || !Array.isArray(doc.items)) throw new FeedReadError('it is JSON, but not a JSON Feed: there is no "items" list');
  const base = str(doc.feed_url) ?? baseUrl ?? str(doc.home_page_url);
  const url = (v: unknown) => {
    const s = str(v)?.trim();
    if (!s) return undefined;
    // An absolute URL is kept as written; a relative one resolved against the feed's address.
    if (hasScheme(s)) return s;
    return base === undefined ? undefined : resolveUrl(s, base);
  };
  const feedAuthors = peopleOf(doc, url);
  return {
    format: 'json',
    title: str(doc.title),
    link: url(doc.home_page_url),
    // JSON Feed's pagination: the next document holds older items (RFC 5005's prev-archive).
    prevArchive: url(doc.next_url),
    entries: doc.items.filter(isObject).map((item, i) => entryOf(item, i + 1, feedAuthors, url)),
  };
}

/** JSON, and JSON whose strings hold raw control characters (as some generators write line breaks), read as readers read it. */
function parseLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!/control character/i.test((e as Error).message)) throw e;
    return JSON.parse(escapeControls(text));
  }
}

function escapeControls(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString && c === '\\') {
      out += c + (text[++i] ?? '');
      continue;
    }
    if (c === '"') inString = !inString;
    const code = c.charCodeAt(0);
    out += inString && code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }
  return out;
}

function entryOf(item: Json, position: number, feedAuthors: FeedPerson[], url: (v: unknown) => string | undefined): FeedEntry {
  const own = peopleOf(item, url);
  const title = str(item.title);
  return {
    position,
    id: idOf(item.id),
    link: url(item.url),
    externalUrl: url(item.external_url),
    title: title === undefined ? undefined : foldSpaces(title) || undefined,
    published: str(item.date_published),
    updated: str(item.date_modified),
    authors: own.length > 0 ? own : feedAuthors,
    tags: distinctTags((Array.isArray(item.tags) ? item.tags : [item.tags]).map((t) => (typeof t === 'string' || typeof t === 'number' ? String(t) : undefined))),
    summary: str(item.summary) && foldSpaces(str(item.summary)!),
    content: contentOf(item),
    enclosures: (Array.isArray(item.attachments) ? item.attachments : []).filter(isObject).flatMap((a): FeedEnclosure[] => {
      const href = url(a.url);
      const duration = typeof a.duration_in_seconds === 'number' && Number.isFinite(a.duration_in_seconds) && a.duration_in_seconds >= 0 ? Math.round(a.duration_in_seconds) : undefined;
      return href === undefined ? [] : [{ url: href, type: str(a.mime_type)?.trim(), length: byteCount(a.size_in_bytes as number | undefined), duration, title: str(a.title) }];
    }),
    image: url(item.image),
  };
}

/** JSON Feed ids are strings; a number (seen in real feeds) is its text. */
function idOf(id: unknown): string | undefined {
  const text = typeof id === 'string' ? id.trim() : typeof id === 'number' && Number.isFinite(id) ? String(id) : undefined;
  return text === '' ? undefined : text;
}

function contentOf(item: Json): FeedContent | undefined {
  const html = str(item.content_html);
  if (html !== undefined && html.trim() !== '') return { type: 'html', value: html };
  const text = str(item.content_text);
  return text !== undefined && text.trim() !== '' ? { type: 'text', value: text } : undefined;
}

function peopleOf(holder: Json, url: (v: unknown) => string | undefined): FeedPerson[] {
  const list = Array.isArray(holder.authors) ? holder.authors : holder.author !== undefined ? [holder.author] : [];
  return distinctPeople(
    list.filter(isObject).map((a) => {
      const name = str(a.name) && foldSpaces(str(a.name)!);
      const link = str(a.url)?.trim();
      // JSON Feed has no email: a mailto: URL is how a feed gives one.
      if (link && /^mailto:/i.test(link)) return { name: name || undefined, email: mailbox(link) };
      return name || link ? { name: name || undefined, url: url(link) } : undefined;
    }),
  );
}

function mailbox(mailto: string): string | undefined {
  try {
    return decodeURIComponent(mailto.slice('mailto:'.length).split('?')[0]!).trim() || undefined;
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
