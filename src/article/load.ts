/**
 * Listed files to articles: from the article cache when it knows the file,
 * else read, parsed and normalized (on worker threads when there are many),
 * and then cached.
 */
import { readSource, type ListedFile } from '../source/discover.js';
import { unchangedSources } from '../source/unchanged.js';
import { mapLimit } from '../util/concurrency.js';
import { POOL_MIN_JOBS, type WorkerPool } from '../util/worker-pool.js';
import type { ArticleCache, Loaded } from './article-cache.js';
import type { Article } from './article.js';
import { readArticle, type ReadJob, type ReadResult } from './read-article.js';

const BATCH = 32;

/** The articles of `files` (listed under `articlesDir`), in their order. */
export async function loadArticles(articlesDir: string, files: readonly ListedFile[], cache?: ArticleCache, pool?: () => WorkerPool | undefined): Promise<Loaded[]> {
  const results = new Array<Loaded>(files.length);
  const toRead: { index: number; job: ReadJob }[] = [];
  // Known paths with new times, as every file of a fresh checkout in CI: most likely the bytes the
  // cache holds. Hashing them here took less time than starting threads to do it (10,000 articles:
  // the main thread waited 0.4 s on threads that each worked 0.1 s); git's index, when there are
  // many, spares even that.
  const retimed: { index: number; file: ListedFile; hash: string }[] = [];
  for (const [index, file] of files.entries()) {
    const known = cache?.byStat(file);
    if (known) results[index] = known;
    else {
      const cachedHash = cache?.hashOf(file.relPath);
      if (cachedHash === undefined) toRead.push({ index, job: { file } });
      else retimed.push({ index, file, hash: cachedHash });
    }
  }
  const same = (await unchangedSources(articlesDir, retimed))!;
  for (const [k, { index, file, hash }] of retimed.entries()) {
    if (same[k]) results[index] = cache!.byHash(same[k])!;
    else toRead.push({ index, job: { file, cachedHash: hash } });
  }
  toRead.sort((a, b) => a.index - b.index);
  const threads = toRead.length >= POOL_MIN_JOBS ? pool?.() : undefined;
  const jobs = toRead.map((r) => r.job);
  const read: ReadResult[] = threads
    ? (await Promise.all(Array.from({ length: Math.ceil(jobs.length / BATCH) }, (_, b) => threads.run('read', jobs.slice(b * BATCH, (b + 1) * BATCH))))).flat()
    : await mapLimit(jobs, 16, readArticle);
  for (const [k, r] of read.entries()) results[toRead[k]!.index] = settle(r, cache);
  return results;
}

function settle(r: ReadResult, cache: ArticleCache | undefined): Loaded {
  if ('problem' in r) return { diagnostics: [r.problem] };
  // Same bytes as cached (so there is a cache): the cached article.
  if ('unchanged' in r) return cache!.byHash(r.source)!;
  cache?.put(r.source, r.loaded);
  return r.loaded;
}

/** The file changed between the listing and the reading of its body: its article cannot be trusted. */
export class ChangedDuringBuild extends Error {}

/** The Markdown body of an article, read again from its file; the file must still hold the bytes the article was read from. */
export async function bodyOf(article: Pick<Article, 'source' | 'bodyStart'>): Promise<string> {
  const read = await readSource(article.source).catch(() => undefined);
  if (!read || !('text' in read) || read.hash !== article.source.hash) {
    throw new ChangedDuringBuild(`${article.source.displayPath} changed while it was being built; build again`);
  }
  return read.text.slice(article.bodyStart);
}
