/**
 * JSON kept to ASCII, for the cache files read at the start of every build. One
 * non-ASCII character makes V8 hold the whole decoded text as two-byte
 * characters: reading and parsing the 7 MB article cache of 10,000 articles
 * in a fresh process measured 187-256 ms that way, 166-214 ms for the same
 * JSON with every other character written as a \u escape and decoded as
 * Latin-1 (133-142 ms against 65-69 ms when repeated in one process).
 */
import { isAscii } from 'node:buffer';

export function toAsciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The text of JSON bytes: Latin-1 (exact, and far faster) when they are all ASCII, else UTF-8. */
export function jsonText(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}
