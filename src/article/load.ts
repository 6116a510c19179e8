/**
 * Listed files to articles: from the article cache when it knows the file,
 * else read, parsed and normalized, and then cached.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { decodeArticle, readSource, type ListedFile } from '../source/discover.js';
import { mapLimit } from '../util/concurrency.js';
import type { ArticleCache, Loaded } from './article-cache.js';
import type { Article } from './article.js';

/** The articles of `files`, in their order; reads at most a few files at once. */
export function loadArticles(files: readonly ListedFile[], cache?: ArticleCache): Promise<Loaded[]> {
  return mapLimit(files, 16, async (file) => {
    const known = cache?.byStat(file);
    if (known) return known;
    const source = await readSource(file);
    if (!('text' in source)) return { diagnostics: [source] };
    const same = cache?.byHash(source);
    if (same) return { ...same, article: same.article && { ...same.article, body: source.text.slice(same.article.bodyStart) } };
    const { parseArticle } = await import('./parse-article.js');
    const loaded = parseArticle(source);
    cache?.put(source, loaded);
    return loaded;
  });
}

/** The file changed between the listing and the reading of its body: its article cannot be trusted. */
export class ChangedDuringBuild extends Error {}

/** The Markdown body of an article, read again from its file when the article came from the cache. */
export async function bodyOf(article: Article): Promise<string> {
  if (article.body !== undefined) return article.body;
  const bytes = await readFile(article.source.absPath).catch(() => new Uint8Array());
  const text = createHash('sha256').update(bytes).digest('hex') === article.source.hash ? decodeArticle(bytes) : undefined;
  if (typeof text !== 'string') throw new ChangedDuringBuild(`${article.source.displayPath} changed while it was being built; build again`);
  return text.slice(article.bodyStart);
}
