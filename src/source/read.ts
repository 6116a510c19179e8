/**
 * Reading a listed article file: its bytes, their id (the one git gives them as a blob), and its
 * text, refusing what is not UTF-8 text rather than guessing.
 */
import { hash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { error, type Diagnostic } from '../diagnostics.js';
import type { ListedFile, SourceFile, SourceText } from './discover.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads a listed file as text, or says why it is not a text article. */
export async function readSource(file: ListedFile): Promise<SourceText | Diagnostic> {
  const { bytes, source } = readBytes(file);
  return decodeSource(bytes, source);
}

const blobHeader = (size: number) => `blob ${size}\0`;

// Room kept before the bytes in the buffer for git's blob header, which is then written right
// before them so the whole is hashed in one call (a Hash object per file cost a third as much as
// hashing 10,000 files).
const HEADER_ROOM = 32;

// The buffer every file is read into, grown for a larger file and kept.
let buffer = Buffer.allocUnsafe(1 << 20);

/**
 * A listed file's bytes, and the file with their id: enough to know it unchanged without decoding
 * it. The bytes are a view of one buffer, which the next read on this thread overwrites: decode
 * them at once. Reading every file into that buffer took the reading and hashing of 10,000
 * articles (73 MB) from 200-210 ms with readFileSync to 115-130 ms. Throws like readFileSync.
 */
export function readBytes(file: ListedFile): { bytes: Buffer; source: SourceFile } {
  // Read synchronously, like the listing: a small file from the page cache is read several times
  // faster so than through the thread pool, and on a worker thread there is nothing else to do.
  const fd = openSync(file.absPath, 'r');
  try {
    let end = HEADER_ROOM;
    for (;;) {
      if (end === buffer.length) {
        const bigger = Buffer.allocUnsafe(2 * buffer.length);
        buffer.copy(bigger, 0, 0, end);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, end, buffer.length - end, null);
      if (read === 0) break;
      end += read;
    }
    // The size read is the size known: a file written to between listing and reading is taken as read.
    const size = end - HEADER_ROOM;
    const header = blobHeader(size);
    const start = HEADER_ROOM - header.length;
    buffer.write(header, start, 'latin1');
    return { bytes: buffer.subarray(HEADER_ROOM, end), source: { ...file, size, hash: hash('sha1', buffer.subarray(start, end), 'hex') } };
  } finally {
    closeSync(fd);
  }
}

/** The text of bytes read by readBytes, or why they are not a text article. */
export function decodeSource(bytes: Buffer, source: SourceFile): SourceText | Diagnostic {
  const text = decodeArticle(bytes, decoder);
  if (typeof text !== 'string') return error(source.displayPath, text.code, text.message, text.line);
  return { ...source, text };
}


type DecodeProblem = { code: string; message: string; line?: number };

/** Bytes to text, refusing what is not UTF-8 text rather than guessing. */
export function decodeArticle(bytes: Uint8Array, decoder = new TextDecoder('utf-8', { fatal: true })): string | DecodeProblem {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { code: 'binary-file', message: 'the file holds a NUL byte, so it is binary, not a Markdown article; remove it from the articles folder', line: lineAtByte(bytes, nul) };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { code: 'invalid-utf8', message: 'the file is not valid UTF-8; save it as UTF-8', line: firstInvalidUtf8Line(bytes) };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function lineAtByte(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

/** The file changed between the listing and the reading of its body: its article cannot be trusted. */
export class ChangedDuringBuild extends Error {}

/** An article's body (its text from `bodyStart`), read again from its file, which must still hold the bytes it was read from. */
export async function bodyOf(article: { source: SourceFile; bodyStart: number }): Promise<string> {
  const read = await readSource(article.source).catch(() => undefined);
  if (!read || !('text' in read) || read.hash !== article.source.hash) {
    throw new ChangedDuringBuild(`${article.source.displayPath} changed while it was being built; build again`);
  }
  return read.text.slice(article.bodyStart);
}
