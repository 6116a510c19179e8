/**
 * A feed's bytes to text, in the encoding it is written in: a byte order mark first, then the
 * charset the web server named, then the XML declaration's `encoding`, else UTF-8 (XML 1.0 4.3.3
 * and RFC 7303 3.2; JSON is UTF-8, RFC 8259 8.1), unless the bytes are not UTF-8 at all. Node's TextDecoder knows every WHATWG label
 * (ISO-8859-1, windows-1251, gb2312, ...). Reading a Latin-1 feed as UTF-8 turned every accented
 * letter into U+FFFD.
 */
import { FeedReadError } from './feed-error.js';

export function decodeFeed(bytes: Uint8Array, httpCharset?: string): string {
  if (bytes.length === 0) throw new FeedReadError('it is empty');
  const bom = byteOrderMark(bytes);
  if (bom) return decoder(bom.label).decode(bytes.subarray(bom.length));
  const label = httpCharset ?? declaredEncoding(bytes);
  if (label !== undefined) return decodeAs(decoder(label), bytes);
  // Nothing says: UTF-8, as XML and JSON default to; bytes that are not UTF-8 are read as
  // windows-1252 (which ISO-8859-1 names in HTML and readers), as browsers and readers do.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeAs(new TextDecoder('windows-1252'), bytes);
  }
}

// windows-1252's 0x80-0x9F (€, ‚, ƒ, „, …, curly quotes, dashes, ™, ...), which Node 20's
// TextDecoder leaves as the C1 controls of ISO-8859-1; WHATWG reads both labels as windows-1252.
const CP1252_HIGH = String.fromCodePoint(
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
);

function decodeAs(d: InstanceType<typeof TextDecoder>, bytes: Uint8Array): string {
  const text = d.decode(bytes);
  return d.encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : text;
}

/** A byte order mark, or UTF-16 told without one by its first `<` (XML 1.0 Appendix F). */
function byteOrderMark(b: Uint8Array): { label: string; length: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { label: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { label: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { label: 'utf-16be', length: 2 };
  if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00) return { label: 'utf-16be', length: 0 };
  if (b[0] === 0x3c && b[1] === 0x00 && b[3] === 0x00) return { label: 'utf-16le', length: 0 };
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
