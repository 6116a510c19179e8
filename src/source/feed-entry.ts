/**
 * A feed's items as the feed wrote them, whatever its format: the one shape the RSS, RSS 1.0,
 * Atom and JSON Feed readers (feed-rss.ts, feed-atom.ts, feed-json.ts) give, which `syndicate
 * import` turns into articles and `--previous` looks items up in. Text is plain text (titles,
 * summaries, names) or tagged as HTML or text (content); URLs are absolute where the feed gives a
 * base to resolve them against; dates are text, as written.
 */
import { decodeHTMLStrict } from 'entities';

export interface FeedPerson {
  name?: string;
  email?: string;
  url?: string;
}

export interface FeedEnclosure {
  url: string;
  type?: string;
  /** Bytes, as written (0 is what RSS writes for "unknown"). */
  length?: number;
  /** Seconds. */
  duration?: number;
  title?: string;
  /** A podcast episode's number and season (itunes:episode, itunes:season). */
  episode?: number;
  season?: number;
}

/** A whole number from 1, as itunes:episode and itunes:season are; anything else is none. */
export function ordinal(text: string | undefined): number | undefined {
  const n = text === undefined ? NaN : Number(text.trim());
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

export interface FeedContent {
  /** `text` is shown as those characters: never read as HTML, nor as Markdown. */
  type: 'html' | 'text';
  value: string;
  /** What the relative URLs in it are relative to (xml:base, else the item's page). */
  base?: string;
}

export interface FeedEntry {
  /** 1-based place in the feed. */
  position: number;
  /** Line of the feed where it starts (XML only). */
  line?: number;
  /** RSS guid (or rdf:about), Atom id, JSON Feed id: trimmed, otherwise verbatim. */
  id?: string;
  /** The item's own page. */
  link?: string;
  /** The page a link post points to (JSON external_url; see the readers for RSS and Atom). */
  externalUrl?: string;
  title?: string;
  published?: string;
  updated?: string;
  authors: FeedPerson[];
  tags: string[];
  /** Plain text, when the feed has a summary apart from the content. */
  summary?: string;
  content?: FeedContent;
  enclosures: FeedEnclosure[];
  image?: string;
}

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface FeedDocument {
  format: FeedFormat;
  title?: string;
  /** The site's home page, as the feed names it. */
  link?: string;
  /** The feed's own address, as it names it (Atom's self link or id, RSS's atom:link rel="self"). */
  self?: string;
  /** Its newest archive page (RFC 5005's prev-archive link; JSON Feed's next_url): src/source/read-archive.ts. */
  prevArchive?: string;
  /** The feed's own date (lastBuildDate, pubDate, updated): when it was last known to hold its items. */
  date?: string;
  entries: FeedEntry[];
}

/** Namespace URIs, with the other spellings real feeds use. */
export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  content: ['http://purl.org/rss/1.0/modules/content/', 'http://purl.org/rss/1.0/modules/content'],
  dc: ['http://purl.org/dc/elements/1.1/', 'http://purl.org/dc/elements/1.1'],
  dcterms: ['http://purl.org/dc/terms/', 'http://purl.org/dc/terms'],
  itunes: ['http://www.itunes.com/dtds/podcast-1.0.dtd', 'http://www.itunes.com/DTDs/Podcast-1.0.dtd'],
  media: ['http://search.yahoo.com/mrss/', 'http://search.yahoo.com/mrss', 'http://www.rssboard.org/media-rss', 'http://www.rssboard.org/media-rss/'],
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rss1: ['http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/'],
  xhtml: 'http://www.w3.org/1999/xhtml',
} as const;

const TAG = /<\/?[a-zA-Z][^>]*>/g;

/** What a reader shows of a piece of HTML: tags dropped, entities decoded once, whitespace folded. */
export function htmlToText(html: string): string {
  return foldSpaces(decodeHTMLStrict(html.replace(TAG, ' ')));
}

/** A title written as HTML (RSS titles, Atom `type="html"`): the text it shows. */
export function htmlTitle(html: string): string | undefined {
  // The spaces a dropped tag leaves are folded; a tag inside a word joins it back.
  const text = foldSpaces(decodeHTMLStrict(html.replace(TAG, '')));
  return text === '' ? undefined : text;
}

export function foldSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** itunes:duration in any of Apple's notations (H:MM:SS, MM:SS, M:SS, seconds), in seconds. */
export function durationSeconds(text: string | undefined): number | undefined {
  const written = text?.trim();
  if (!written || !/^\d+(?::\d{1,2}){0,2}(?:\.\d+)?$/.test(written)) return undefined;
  const seconds = written.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  return Number.isFinite(seconds) ? Math.round(seconds) : undefined;
}

/** A whole number of bytes, or undefined. */
export function byteCount(text: string | number | undefined): number | undefined {
  const n = typeof text === 'number' ? text : text?.trim() && /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

const EMAIL = /^[^\s@()<>]+@[^\s@()<>]+$/;

/** RSS's `email (Name)`, `Name <email>`, an address alone, or a name alone. */
export function personOf(text: string | undefined): FeedPerson | undefined {
  const written = text && foldSpaces(text);
  if (!written) return undefined;
  const paren = /^(\S+@\S+)\s*\((.+)\)$/.exec(written);
  if (paren && EMAIL.test(paren[1]!)) return { name: paren[2]!.trim(), email: paren[1] };
  const angle = /^(.+?)\s*<(\S+@\S+)>$/.exec(written);
  if (angle && EMAIL.test(angle[2]!)) return { name: angle[1]!.replace(/^"(.*)"$/, '$1'), email: angle[2] };
  return EMAIL.test(written) ? { email: written } : { name: written };
}

/** The people, each once (by name, else by address), in order. */
export function distinctPeople(people: (FeedPerson | undefined)[]): FeedPerson[] {
  const seen = new Set<string>();
  const out: FeedPerson[] = [];
  for (const p of people) {
    const key = p?.name ?? p?.email ?? p?.url;
    if (p === undefined || key === undefined || seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/** Each tag once, trimmed, empty ones left out. */
export function distinctTags(tags: (string | undefined)[]): string[] {
  return [...new Set(tags.map((t) => (t === undefined ? '' : foldSpaces(t))).filter((t) => t !== ''))];
}
