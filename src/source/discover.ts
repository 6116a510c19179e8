/**
 * Finds the article files under the articles folder, and reads them as text.
 * This is one of the two I/O edges of the pipeline (the other is output/).
 * Listing and reading are apart so that a file the article cache already
 * knows by its size and times is never read.
 */
import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import { closeSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics.js';
import { describeFsError } from '../util/fs-error.js';
import { isWithin } from '../util/paths.js';

/** An article file as listed: where it is, and its size and times. */
export interface ListedFile {
  /** Absolute path on disk. */
  absPath: string;
  /** POSIX path relative to the articles folder, e.g. `2022/hello.md`. */
  relPath: string;
  /** Path shown in messages: relative to the working folder. */
  displayPath: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** An article file that was read. */
export interface SourceFile extends ListedFile {
  /**
   * The id git gives the file's bytes as a blob (SHA-1 of `blob <size>\0` and the bytes, hex):
   * a checkout's index then tells a file unchanged without it being read (source/unchanged.ts).
   */
  hash: string;
}

export interface SourceText extends SourceFile {
  /** Decoded text: BOM removed, CRLF and lone CR turned into LF. */
  text: string;
}

const ARTICLE_EXTENSIONS = new Set(['.md', '.markdown']);
const isArticleName = (name: string) => ARTICLE_EXTENSIONS.has(path.extname(name).toLowerCase());
const SKIPPED_DIRS = new Set(['node_modules']);

export interface Listing {
  files: ListedFile[];
  diagnostics: Diagnostic[];
}

export async function discover(articlesDir: string, cwd: string): Promise<Listing> {
  const diagnostics: Diagnostic[] = [];
  const display = (abs: string) => path.relative(cwd, abs).split(path.sep).join('/') || '.';
  let root: string;
  try {
    root = await realpath(articlesDir);
    if (!(await stat(root)).isDirectory()) throw new Error('not a folder');
  } catch {
    return { files: [], diagnostics: [error(display(articlesDir), 'articles-missing', 'the articles folder does not exist or is not a folder (set it with --articles DIR)')] };
  }

  // Relative paths have no "..": a file's display path is the folder's and its own.
  const displayDir = display(articlesDir);
  const files: ListedFile[] = [];
  // A folder or entry that cannot be read (nested past the system's path limit, no permission) is an
  // error naming it: the build fails and leaves the output as it was, rather than go on without it.
  function unreadable<T>(abs: string, what: 'folder' | 'file or folder', read: () => T): T | undefined {
    try {
      return read();
    } catch (e) {
      diagnostics.push(unreadableError(display(abs), what, e));
      return undefined;
    }
  }
  // The names in a folder. One that is not UTF-8 comes back with U+FFFD for its bad bytes, a name no
  // file has, and would be passed over as removed: when some name holds U+FFFD, the folder is read
  // again as bytes, and the names that are not UTF-8 stay bytes.
  function namesOf(dir: string): (string | Buffer)[] | undefined {
    const names = unreadable(dir, 'folder', () => readdirSync(dir));
    if (!names?.some((name) => name.includes('\uFFFD'))) return names;
    return unreadable(dir, 'folder', () => readdirSync(dir, { encoding: 'buffer' }).map((raw) => (isUtf8(raw) ? raw.toString('utf8') : raw)));
  }
  // An article or a folder whose name is not UTF-8 is an error naming it; other files, and hidden
  // ones, are not articles anyway.
  function notUtf8(prefix: string, raw: Buffer): void {
    const name = raw.toString('utf8');
    if (name.startsWith('.')) return;
    const info = unreadable(prefix + name, 'file or folder', () => lstatSync(Buffer.concat([Buffer.from(prefix), raw]), { throwIfNoEntry: false }));
    if (!info?.isDirectory() && !isArticleName(name)) return;
    const what = info?.isDirectory() ? 'folder' : 'file';
    diagnostics.push(error(display(prefix + name), 'name-not-utf8', `this ${what} name is not valid UTF-8, so it cannot be read; rename it`));
  }
  // One lstat per entry, synchronously, and no second pass: the lstat tells a folder from a file
  // and gives a file's size and times at once. With the inodes in memory that is several times
  // faster than as many promises, and listing is most of the work of a rebuild where little changed.
  function walk(dir: string, rel: string): void {
    // Paths joined by hand: `dir` is already absolute and normal, and path.join normalizes again for every file.
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    for (const entry of namesOf(dir) ?? []) {
      if (typeof entry !== 'string') {
        notUtf8(prefix, entry);
        continue;
      }
      const name = entry;
      // Hidden files and folders (.git, .DS_Store, editor swap files) are never articles.
      if (name.startsWith('.')) continue;
      const absPath = prefix + name;
      const relPath = rel ? `${rel}/${name}` : name;
      let info = unreadable(absPath, 'file or folder', () => lstatSync(absPath, { throwIfNoEntry: false }));
      // Removed since the folder was read (not an article of this build), or not readable (reported).
      if (info === undefined) continue;
      if (info.isSymbolicLink()) {
        // A link may only point inside the articles folder: an article from a pull
        // request must not pull in /etc/passwd or another project's files.
        let target: string;
        try {
          target = realpathSync(absPath);
        } catch {
          diagnostics.push(error(display(absPath), 'symlink-broken', 'this symbolic link points to nothing; remove it'));
          continue;
        }
        if (!isWithin(target, root)) {
          diagnostics.push(error(display(absPath), 'symlink-outside', 'this symbolic link points outside the articles folder; articles must live inside it'));
          continue;
        }
        info = statSync(target, { throwIfNoEntry: false });
        if (info === undefined) continue;
        if (info.isDirectory()) {
          diagnostics.push(error(display(absPath), 'symlink-dir', 'symbolic links to folders are not followed (they can form loops); move the folder instead'));
          continue;
        }
      }
      if (info.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(absPath, relPath);
      } else if (info.isFile() && isArticleName(name)) {
        const displayPath = displayDir === '.' ? relPath : `${displayDir}/${relPath}`;
        files.push({ absPath, relPath, displayPath, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs });
      }
    }
  }
  walk(root, '');
  // Code-unit order, not locale order: the same on every machine.
  files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  return { files, diagnostics };
}

/** The error for a path of the articles folder that the system would not read. */
export function unreadableError(displayPath: string, what: 'folder' | 'file' | 'file or folder', e: unknown): Diagnostic {
  return error(displayPath, 'path-unreadable', `this ${what} cannot be read (${describeFsError(e as NodeJS.ErrnoException)}); move or remove it`);
}

/** The listing without the files over the size limit (limits.maxArticleBytes), which are refused before they are read. */
export function withinLimit(listing: Listing, maxArticleBytes: number): Listing {
  const diagnostics = [...listing.diagnostics];
  const files = listing.files.filter((f) => {
    if (f.size <= maxArticleBytes) return true;
    diagnostics.push(
      error(f.displayPath, 'article-too-large', `the article is ${mib(f.size)}, over the limit of ${mib(maxArticleBytes)} (limits.maxArticleBytes in the config); split it or raise the limit`),
    );
    return false;
  });
  return { files, diagnostics };
}

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

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
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
