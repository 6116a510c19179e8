/**
 * Finds the article files under the articles folder: one of the two I/O edges of the pipeline
 * (the other is output/). Listing and reading (read.ts) are apart so that a file the article
 * cache already knows by its size and times is never read.
 */
import { isUtf8 } from 'node:buffer';
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics.js';
import { describeFsError } from '../util/fs-error.js';
import { isWithin, shownPath } from '../util/paths.js';

/**
 * Why `file` (absolute) is not among the articles discover() lists, by the same rules; undefined
 * when it would be listed. For `explain`, which names files one by one.
 */
export function whyNotListed(file: string, articlesDir: string, shownDir = articlesDir, isName = isArticleFileName): string | undefined {
  let info: Stats;
  try {
    info = statSync(file);
  } catch {
    return 'there is no such file';
  }
  if (!info.isFile()) return 'it is not a file';
  let root = path.resolve(articlesDir);
  try {
    root = realpathSync(root);
  } catch {
    return `the articles folder ${shownDir} does not exist (set it with --articles DIR)`;
  }
  const real = realpathSync(file);
  if (!isWithin(real, root)) return `it is not inside the articles folder ${shownDir} (set it with --articles DIR)`;
  const parts = path.relative(root, real).split(path.sep);
  const name = parts.pop()!;
  if (name.startsWith('.') || parts.some((p) => p.startsWith('.'))) return 'hidden files and folders (their names start with ".") are never articles';
  if (!parts.every(walksInto)) return 'files under node_modules are never articles';
  if (!isName(name)) return isName === isArticleFileName ? 'only .md and .markdown files are articles' : 'it is not a page the site generator reads (Markdown or HTML)';
  return undefined;
}

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
// A site generator's posts may also be HTML (Jekyll's _posts/*.html, Hugo's content/*.html) or use
// Jekyll's other Markdown extensions: listed when a selection (source/sites/) says which are posts.
const SITE_EXTENSIONS = new Set([...ARTICLE_EXTENSIONS, '.mkdown', '.mkdn', '.mkd', '.html', '.htm']);
export const isSiteFileName = (name: string): boolean => !name.startsWith('.') && SITE_EXTENSIONS.has(path.extname(name).toLowerCase());
const SKIPPED_DIRS = new Set(['node_modules']);

/**
 * Whether a file of this name can be an article: Markdown, and not hidden. Hidden files and
 * folders (.git, .DS_Store) are never articles, and no editor's scratch file is one either
 * (`.x.md.swp`, `x.md~`, `#x.md#`, `.#x.md`, `4913`, `x.md___jb_tmp___`): `serve --watch`
 * rebuilds for these names only.
 */
export function isArticleFileName(name: string): boolean {
  return !name.startsWith('.') && ARTICLE_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/** Whether the listing goes into a folder of this name: not hidden (.git), not node_modules. */
export function walksInto(name: string): boolean {
  return !name.startsWith('.') && !SKIPPED_DIRS.has(name);
}

export interface Listing {
  files: ListedFile[];
  diagnostics: Diagnostic[];
}

/**
 * The article files under `articlesDir`, in code-unit order of their paths; with `select`, only
 * those it keeps (a site generator's posts: source/sites/).
 */
export async function discover(articlesDir: string, cwd: string, select?: (files: ListedFile[]) => ListedFile[]): Promise<Listing> {
  const display = (abs: string) => shownPath(cwd, abs);
  let root: string;
  try {
    root = await realpath(articlesDir);
    if (!(await stat(root)).isDirectory()) throw new Error('not a folder');
  } catch {
    return { files: [], diagnostics: [error(display(articlesDir), 'articles-missing', 'the articles folder does not exist or is not a folder (set it with --articles DIR)')] };
  }
  // Relative paths have no "..": a file's display path is the folder's and its own.
  const walk: Walk = { root, displayDir: display(articlesDir), display, files: [], diagnostics: [], isArticle: select ? isSiteFileName : isArticleFileName };
  walkFolder(walk, root, '');
  // Code-unit order, not locale order: the same on every machine.
  walk.files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  return { files: select ? select(walk.files) : walk.files, diagnostics: walk.diagnostics };
}

/** A listing under way: what was found so far, and how paths are shown. */
interface Walk extends Listing {
  root: string;
  displayDir: string;
  display(abs: string): string;
  isArticle(name: string): boolean;
}

/**
 * One lstat per entry, synchronously, and no second pass: the lstat tells a folder from a file
 * and gives a file's size and times at once. With the inodes in memory that is several times
 * faster than as many promises, and listing is most of the work of a rebuild where little changed.
 */
function walkFolder(walk: Walk, dir: string, rel: string): void {
  // Paths joined by hand: `dir` is already absolute and normal, and path.join normalizes again for every file.
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  for (const entry of namesOf(walk, dir) ?? []) {
    if (typeof entry !== 'string') {
      notUtf8(walk, prefix, entry);
      continue;
    }
    // Hidden files and folders are never looked at (a link among them is not even followed).
    if (entry.startsWith('.')) continue;
    const absPath = prefix + entry;
    const relPath = rel ? `${rel}/${entry}` : entry;
    const info = entryInfo(walk, absPath);
    if (info === undefined) continue;
    if (info.isDirectory()) {
      if (walksInto(entry)) walkFolder(walk, absPath, relPath);
    } else if (info.isFile() && walk.isArticle(entry)) {
      const displayPath = walk.displayDir === '.' ? relPath : `${walk.displayDir}/${relPath}`;
      walk.files.push({ absPath, relPath, displayPath, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs });
    }
  }
}

/**
 * What an entry is, following a symbolic link only inside the articles folder (an article from a
 * pull request must not pull in /etc/passwd or another project's files) and never to a folder
 * (links can form loops). Undefined for an entry removed since the folder was read, or refused.
 */
function entryInfo(walk: Walk, absPath: string): Stats | undefined {
  const info = unreadable(walk, absPath, 'file or folder', () => lstatSync(absPath, { throwIfNoEntry: false }));
  if (info === undefined || !info.isSymbolicLink()) return info;
  const refuse = (code: string, message: string) => void walk.diagnostics.push(error(walk.display(absPath), code, message));
  let target: string;
  try {
    target = realpathSync(absPath);
  } catch {
    return refuse('symlink-broken', 'this symbolic link points to nothing; remove it');
  }
  if (!isWithin(target, walk.root)) return refuse('symlink-outside', 'this symbolic link points outside the articles folder; articles must live inside it');
  const followed = statSync(target, { throwIfNoEntry: false });
  if (followed?.isDirectory()) return refuse('symlink-dir', 'symbolic links to folders are not followed (they can form loops); move the folder instead');
  return followed;
}

/**
 * A folder or entry that cannot be read (nested past the system's path limit, no permission) is an
 * error naming it: the build fails and leaves the output as it was, rather than go on without it.
 */
function unreadable<T>(walk: Walk, abs: string, what: 'folder' | 'file or folder', read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    walk.diagnostics.push(unreadableError(walk.display(abs), what, e));
    return undefined;
  }
}

/**
 * The names in a folder. One that is not UTF-8 comes back with U+FFFD for its bad bytes, a name no
 * file has, and would be passed over as removed: when some name holds U+FFFD, the folder is read
 * again as bytes, and the names that are not UTF-8 stay bytes.
 */
function namesOf(walk: Walk, dir: string): (string | Buffer)[] | undefined {
  const names = unreadable(walk, dir, 'folder', () => readdirSync(dir));
  if (!names?.some((name) => name.includes('\uFFFD'))) return names;
  return unreadable(walk, dir, 'folder', () => readdirSync(dir, { encoding: 'buffer' }).map((raw) => (isUtf8(raw) ? raw.toString('utf8') : raw)));
}

/** An article or a folder whose name is not UTF-8 is an error naming it; other files, and hidden ones, are not articles anyway. */
function notUtf8(walk: Walk, prefix: string, raw: Buffer): void {
  const name = raw.toString('utf8');
  if (name.startsWith('.')) return;
  const info = unreadable(walk, prefix + name, 'file or folder', () => lstatSync(Buffer.concat([Buffer.from(prefix), raw]), { throwIfNoEntry: false }));
  if (!info?.isDirectory() && !walk.isArticle(name)) return;
  const what = info?.isDirectory() ? 'folder' : 'file';
  walk.diagnostics.push(error(walk.display(prefix + name), 'name-not-utf8', `this ${what} name is not valid UTF-8, so it cannot be read; rename it`));
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


function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
