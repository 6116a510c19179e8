/**
 * A feed's bytes to text, in the encoding it is written in: a byte order mark first, then the
 * charset the web server named, then the XML declaration's `encoding`, else UTF-8 (XML 1.0 4.3.3
 * and RFC 7303 3.2; JSON is UTF-8, RFC 8259 8.1). Node's TextDecoder knows every WHATWG label
 * (ISO-8859-1, windows-1251, gb2312, ...). Reading a Latin-1 feed as UTF-8 turned every accented
 * letter into U+FFFD.
 */
import { FeedReadError } from './feed-error.js';

export function decodeFeed(bytes: Uint8Array, httpCharset?: string): string {
  if (bytes.length === 0) throw new FeedReadError('it is empty');
  const bom = byteOrderMark(bytes);
  if (bom) return decoder(bom.label).decode(bytes.subarray(bom.length));
  const label = httpCharset ?? declaredEncoding(bytes) ?? 'utf-8';
  return decoder(label).decode(bytes);
}

function byteOrderMark(b: Uint8Array): { label: string; length: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { label: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { label: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { label: 'utf-16be', length: 2 };
  return undefined;
}

/** The `encoding` of an XML declaration, read from its ASCII bytes. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  return /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']/.exec(head)?.[1];
}

function decoder(label: string): InstanceType<typeof TextDecoder> {
  try {
    // Not fatal: a stray byte becomes U+FFFD, as every reader shows it, rather than losing the feed.
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    throw new FeedReadError(`it says it is written in "${label}", an encoding I do not know`);
  }
}
