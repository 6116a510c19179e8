/**
 * Listed files to articles: from a store of the articles of earlier builds where it holds them
 * (rebuild/article-cache.ts), else read, parsed and normalized (on worker threads when there are
 * many), and then kept there.
 */
import type { ListedFile, SourceFile } from '../source/discover.js';
import { mapLimit } from '../util/concurrency.js';
import type { Threads } from '../util/worker-pool.js';
import type { Loaded } from './article.js';
import { readArticle, type ReadJob, type ReadResult } from './read-article.js';
import type { ReadRules } from './read-rules.js';

/** The articles of earlier builds, as this stage asks for them. */
export interface ArticleStore {
  /**
   * For each file, the article it holds for it unchanged (by size and times, or by the bytes it
   * was read from), else the id of the bytes it holds for its path, if any: reading the file then
   * needs no parsing if they are the same.
   */
  find(files: readonly ListedFile[]): Promise<{ found: (Loaded | undefined)[]; hashes: (string | undefined)[] }>;
  /** The article it holds for these very bytes (a read found them unchanged). */
  byHash(source: SourceFile): Loaded | undefined;
  put(source: SourceFile, loaded: Loaded): void;
}

const BATCH = 32;

/** Below this many files to read, worker threads cost more than they save (the default of BuildOptions.threadsFrom). */
export const THREADS_FROM = 200;

export interface LoadOptions {
  store?: ArticleStore;
  threads?: () => Threads | undefined;
  /** Files to read from which worker threads are used. */
  threadsFrom?: number;
  /** How the site reads articles, when not syndicate's own way. */
  rules?: ReadRules;
}

/** The articles of `files`, in their order. */
export async function loadArticles(files: readonly ListedFile[], { store, threads, threadsFrom = THREADS_FROM, rules }: LoadOptions = {}): Promise<Loaded[]> {
  const { found, hashes } = store ? await store.find(files) : { found: [], hashes: [] };
  const results = new Array<Loaded>(files.length);
  const toRead: { index: number; job: ReadJob }[] = [];
  for (const [index, file] of files.entries()) {
    const known = found[index];
    if (known) results[index] = known;
    else toRead.push({ index, job: { file, cachedHash: hashes[index], ...(rules && { rules }) } });
  }
  const pool = toRead.length >= threadsFrom ? threads?.() : undefined;
  const jobs = toRead.map((r) => r.job);
  const read: ReadResult[] = pool
    ? (await Promise.all(Array.from({ length: Math.ceil(jobs.length / BATCH) }, (_, b) => pool.run<ReadJob, ReadResult>('read', jobs.slice(b * BATCH, (b + 1) * BATCH))))).flat()
    : await mapLimit(jobs, 16, readArticle);
  for (const [k, r] of read.entries()) results[toRead[k]!.index] = settle(r, store);
  return results;
}

function settle(r: ReadResult, store: ArticleStore | undefined): Loaded {
  if ('problem' in r) return { diagnostics: [r.problem] };
  // The bytes the store holds (so there is a store): its article.
  if ('unchanged' in r) return store!.byHash(r.source)!;
  store?.put(r.source, r.loaded);
  return r.loaded;
}
