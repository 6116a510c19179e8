/**
 * One listed file to what the build needs of it, on whichever thread runs it:
 * read and hashed, then parsed, unless its bytes are the ones the article
 * cache already holds.
 */
import type { Diagnostic } from '../diagnostics.js';
import { unreadableError, type ListedFile, type SourceFile } from '../source/discover.js';
import { decodeSource, readBytes } from '../source/read.js';
import type { Loaded } from './article.js';
import type { ReadRules } from './read-rules.js';

export interface ReadJob {
  file: ListedFile;
  /** The hash of the bytes the article cache holds for this path, if any. */
  cachedHash?: string;
  /** How the site reads articles (its generator's rules), when not syndicate's own way. */
  rules?: ReadRules;
}

export type ReadResult = { problem: Diagnostic } | { source: SourceFile; unchanged: true } | { source: SourceFile; loaded: Loaded };

export async function readArticle(job: ReadJob): Promise<ReadResult> {
  let read: ReturnType<typeof readBytes>;
  try {
    read = readBytes(job.file);
  } catch (e) {
    // Removed since it was listed, or not readable by this user.
    return { problem: unreadableError(job.file.displayPath, 'file', e) };
  }
  const { bytes, source } = read;
  // The bytes the cache holds are not even decoded.
  if (job.cachedHash === source.hash) return { source, unchanged: true };
  const decoded = decodeSource(bytes, source);
  if (!('text' in decoded)) return { problem: decoded };
  // Loaded on the first article that needs parsing: a build the cache answers never loads the parsers.
  const { parseArticle } = await import('./parse-article.js');
  return { source, loaded: parseArticle(decoded, job.rules) };
}
