/**
 * Which listed files still hold the bytes a cache or the kept plan knows them by (their ids, see
 * SourceFile.hash), when their size or times changed: every file of a fresh checkout, in CI after
 * each push. Git's index knows most of them (source/git-index.ts), and this thread reads and
 * hashes only the others; or all of them, when there are few, or when git would itself have to
 * read most of them again (those a checkout wrote in the second it wrote its index). With 10,000
 * articles (73 MB), hashing them all here takes 120-175 ms; asking git, 40-70 ms when it has a
 * third of them to read again, but 250-340 ms when it has every one.
 */
import type { ListedFile, SourceFile } from '../source/discover.js';
import { readBytes } from '../source/read.js';
import { indexBlobs, indexFileOf, racyCount, type IndexBlobs } from './git-index.js';

/** A file whose size or times changed, and the id of the bytes it had. */
export interface Retimed {
  file: ListedFile;
  hash: string;
}

/**
 * Fewer files than this are hashed without asking git: its two processes take about as long as
 * hashing that many articles.
 */
export const INDEX_MIN_FILES = 256;

/**
 * For each of `retimed`, the file with its id if it holds the same bytes, else undefined (changed,
 * or not readable now: reading it says why). Undefined as a whole once more than `giveUpAfter`
 * changed.
 */
export async function unchangedSources(articlesDir: string, retimed: readonly Retimed[], giveUpAfter = Infinity): Promise<(SourceFile | undefined)[] | undefined> {
  const index = worthAsking(articlesDir, retimed) ? await indexBlobs(articlesDir) : undefined;
  const out: (SourceFile | undefined)[] = [];
  let changed = 0;
  for (const { file, hash } of retimed) {
    const same = index?.get(file.relPath) === hash ? { ...file, hash } : sameBytes(file, hash);
    if (same === undefined && ++changed > giveUpAfter) return undefined;
    out.push(same);
  }
  return out;
}

/** Whether git's index is worth asking about `retimed` (see above). */
function worthAsking(articlesDir: string, retimed: readonly Retimed[]): boolean {
  if (retimed.length < INDEX_MIN_FILES) return false;
  const indexFile = indexFileOf(articlesDir);
  if (indexFile === undefined) return false;
  return indexFile === 'elsewhere' || racyCount(indexFile, retimed.map((r) => r.file.mtimeMs)) < retimed.length / 2;
}

function sameBytes(file: ListedFile, hash: string): SourceFile | undefined {
  try {
    const { source } = readBytes(file);
    return source.hash === hash ? source : undefined;
  } catch {
    return undefined;
  }
}
