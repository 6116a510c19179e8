/**
 * Reading a published feed: the one reader of both the previous feed a build keeps ids and dates
 * from (`--previous`) and of `syndicate import`. The bytes come from a file or the web, are
 * decoded in the encoding they declare (feed-decode.ts), and are read as JSON Feed or as XML
 * (feed-xml.ts), then as RSS, RSS 1.0 or Atom by their root element. Whatever goes wrong is a
 * FeedReadError saying what, in words. Loaded only when a feed is read
 * (time/previous.ts imports it when it reads one): most builds never need it.
 */
import { readFile, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { getBytes } from '../util/http-get.js';
import { describeFsError } from '../util/fs-error.js';
import { resolveUrl } from '../util/text.js';
import { isAbsoluteHttpUrl } from '../util/validate.js';
import { readAtom } from './feed-atom.js';
import { decodeFeed } from './feed-decode.js';
import { NS, type FeedDocument } from './feed-entry.js';
import { FeedReadError } from './feed-error.js';
import type { FeedLocation } from './feed-location.js';
import { readJsonFeed } from './feed-json.js';
import { readRss } from './feed-rss.js';
import { parseXml, rebase, type XmlElement } from './feed-xml.js';

export { FeedReadError } from './feed-error.js';
export { htmlToText } from './feed-entry.js';
export type { FeedContent, FeedDocument, FeedEnclosure, FeedEntry, FeedFormat, FeedPerson } from './feed-entry.js';

export { FeedLocationError, feedLocation, type FeedLocation } from './feed-location.js';

const FETCH_TIMEOUT_MS = 15_000;
/** A feed larger than this is refused before it is read (the largest real podcast feeds are a few MB). */
export const MAX_FEED_BYTES = 64 * 1024 * 1024;

/** The feed at `location`, or undefined when a web server says there is none (HTTP 404 or 410). */
export async function readFeed(location: FeedLocation, { timeoutMs = FETCH_TIMEOUT_MS } = {}): Promise<FeedDocument | undefined> {
  const got = 'file' in location ? await fileBytes(location.file) : await webBytes(location.url, timeoutMs);
  return got && parseFeed(got.bytes, got);
}

/** A feed's bytes read as the feed they hold; `url` is where they came from, the base of relative links. */
export function parseFeed(bytes: Uint8Array, { charset, url }: { charset?: string; url?: string } = {}): FeedDocument {
  const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzip(bytes) : bytes;
  const text = decodeFeed(plain, charset);
  const start = text.search(/\S/);
  if (start === -1) throw new FeedReadError('it is empty (only white space)');
  if (text[start] === '{' || text[start] === '[') return readJsonFeed(text, url);
  if (text[start] !== '<') throw new FeedReadError(`it is neither XML nor JSON (it starts with "${text.slice(start, start + 20).replace(/\s+/g, ' ')}")`);
  if (HTML_PAGE.test(text.slice(start, start + 4096))) throw new FeedReadError(htmlPageMessage(text, url));
  const root = parseXml(text, url);
  const read = (reader: (root: XmlElement) => FeedDocument) => {
    const doc = reader(root);
    // Read from a file: relative links are relative to the feed's address, as the feed names it
    // (else its home page's); readers that fetched it read them so.
    const base = [doc.self, doc.link].find((u) => u !== undefined && isAbsoluteHttpUrl(u));
    if (url !== undefined || root.base !== undefined || base === undefined) return doc;
    root.base = base;
    rebase(root, base);
    return reader(root);
  };
  if (root.name === 'rss' || (root.name === 'RDF' && root.ns === NS.rdf)) return read(readRss);
  if (root.name === 'feed' && (root.ns === NS.atom || root.ns === NS.atom03 || root.ns === '')) return read(readAtom);
  if (root.name === 'html') throw new FeedReadError(htmlPageMessage(text, url));
  throw new FeedReadError(`its root element is <${root.name}>: it is XML, but neither RSS nor Atom`);
}

const HTML_PAGE = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>])/i;

/** An HTML page given for its feed: the page names its feeds in `<link rel="alternate">`, so say where the first is. */
function htmlPageMessage(text: string, url: string | undefined): string {
  for (const tag of text.match(/<link\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined);
    if (!/\balternate\b/i.test(attr('rel') ?? '') || !/(rss|atom|feed)\+xml|feed\+json|application\/json/i.test(attr('type') ?? '')) continue;
    const href = attr('href');
    const where = href && (url ? resolveUrl(href, url) : href);
    if (where) return `it is an HTML page, not a feed; the page names its feed: ${where}`;
  }
  return 'it is an HTML page, not a feed; give the address of the site\'s RSS, Atom or JSON feed';
}

function gunzip(bytes: Uint8Array): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_FEED_BYTES });
  } catch (e) {
    throw new FeedReadError(`it is gzip-compressed, and cannot be uncompressed (${(e as Error).message})`);
  }
}

async function fileBytes(file: string): Promise<{ bytes: Buffer; url?: string }> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new FeedReadError('it is a folder; name a feed file (or a URL)');
    if (info.size > MAX_FEED_BYTES) throw new FeedReadError(`it is ${info.size} bytes, over the ${MAX_FEED_BYTES} a feed may have`);
    return { bytes: await readFile(file) };
  } catch (e) {
    if (e instanceof FeedReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new FeedReadError(code === 'ENOENT' ? 'there is no such file' : describeFsError(e as NodeJS.ErrnoException));
  }
}

async function webBytes(url: string, timeoutMs: number): Promise<{ bytes: Buffer; charset?: string; url: string } | undefined> {
  let got;
  try {
    got = await getBytes(url, timeoutMs, MAX_FEED_BYTES);
  } catch (e) {
    throw new FeedReadError(networkError(e as NodeJS.ErrnoException, timeoutMs));
  }
  if (got.status === 404 || got.status === 410) return undefined;
  if (got.status < 200 || got.status > 299) throw new FeedReadError(`HTTP ${got.status}`);
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(got.contentType ?? '')?.[1];
  return { bytes: got.bytes, charset, url };
}

function networkError(e: NodeJS.ErrnoException, timeoutMs: number): string {
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name was not found';
    case 'ECONNRESET':
      return 'the connection was cut';
    default:
      return e.message;
  }
}
