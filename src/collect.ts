/**
 * The stages shared by `build` and `explain`: discover, parse, normalize,
 * read git history and the previous feed once, resolve timestamps, and give
 * each article its URL and id.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Article } from './article/article.js';
import { ArticleCache } from './article/article-cache.js';
import { loadArticles } from './article/load.js';
import type { WorkerPool } from './util/worker-pool.js';
import { articleUrl, siteBase } from './article/permalink.js';
import { tagAuthority, tagId } from './article/tag-id.js';
import type { Config } from './config.js';
import { error, warning, type Diagnostic } from './diagnostics.js';
import { discover, withinLimit, type ListedFile, type Listing } from './source/discover.js';
import { readGitHistory, type GitHistory } from './time/git.js';
import { readPreviousFeed, type PreviousFeed, type PreviousItem } from './time/previous.js';
import { readsMtime, resolveTimestamps, type Chains, type Resolved } from './time/resolve.js';
import { shapeOf } from './shape.js';
import { hasScheme } from './util/text.js';

export interface CollectOptions {
  config: Config;
  articlesDir: string;
  /** The previously published feed (file or URL); overrides `config.previous`. */
  previous?: string;
  cwd: string;
  /** True in CI (CI=true): a file's mtime is then the checkout time. */
  ci?: boolean;
  /** The tool's cache folder (node_modules/.cache/syndicate), when there is one. */
  cacheDir?: string;
  /** false: leave the article cache closed (a rebuild that reads a few articles, see kept-plan.ts). */
  articleCache?: boolean;
  /** The articles as already listed (by the up-to-date check), if they were. */
  listed?: Listing;
  /** Worker threads for reading many articles, created on first use. */
  pool?: () => WorkerPool | undefined;
  /** The git history of the articles folder, when it was already read (kept-plan.ts). */
  git?: GitHistory;
  /** The previous feed, when its reading was already started (build.ts). */
  previousFeed?: Promise<PreviousFeed>;
}

export interface Candidate {
  article: Article;
  url: string;
  id: string;
  draft: boolean;
  published: Resolved['published'];
  updated: Resolved['updated'];
  /** Its shape (shape.ts), when the build keeps an article cache. */
  shape?: string;
  /** With a previous feed: what the article's item was looked up by in it (see previousKeyOf), if anything. */
  previousKey?: string;
}

export interface Collected {
  candidates: Candidate[];
  diagnostics: Diagnostic[];
  articlesDir: string;
  /** Every article file listed, with its size and times. */
  files: ListedFile[];
  /** Whether dates were asked of git (whether or not the folder is a repository). */
  usesGit: boolean;
  /** The previous feed that was read: a file's absolute path, or a URL. */
  previousRead?: { file: string } | { url: string };
  /** What it held. */
  previous?: PreviousFeed;
  git?: GitHistory;
}

export async function collect(options: CollectOptions): Promise<Collected> {
  const { config, cwd } = options;
  const diagnostics: Diagnostic[] = [];
  const articlesDir = path.resolve(cwd, options.articlesDir);
  const displayDir = path.relative(cwd, articlesDir) || '.';
  const base = siteBase(config.site.url);
  const chains: Chains = config.dates;

  const found = withinLimit(options.listed ?? (await discover(articlesDir, cwd)), config.limits.maxArticleBytes);
  diagnostics.push(...found.diagnostics);
  const cache = options.cacheDir === undefined || options.articleCache === false ? undefined : await ArticleCache.open(path.join(options.cacheDir, 'articles'), articlesDir, options.ci);
  const articles: Article[] = [];
  for (const loaded of await loadArticles(articlesDir, found.files, cache, options.pool)) {
    diagnostics.push(...loaded.diagnostics);
    if (loaded.article) articles.push(loaded.article);
  }

  const usesGit = chains.published.includes('git') || chains.updated.includes('git');
  const git = usesGit ? (options.git ?? (await readGitHistory(articlesDir, articles.map((a) => a.source.relPath), options.cacheDir))) : undefined;
  if (git?.shallow) {
    diagnostics.push(
      warning(
        displayDir,
        'git-shallow',
        'this is a shallow git clone, so the history is cut off and git cannot date the articles it does not reach; fetch the full history (actions/checkout with "fetch-depth: 0", or git fetch --unshallow)',
      ),
    );
  }

  let previous: PreviousFeed | undefined;
  const previousRef = previousRefOf(config, options.previous);
  if (previousRef !== undefined) {
    try {
      previous = await (options.previousFeed ?? readPreviousFeed(previousRef, cwd));
    } catch (e) {
      diagnostics.push(error(previousRef, 'previous-unreadable', `the previous feed cannot be read (${(e as Error).message}); fix the path or URL, or leave --previous out on a first publication`));
    }
  }

  const absoluteId = (id: string) => (hasScheme(id) ? id : new URL(id, base).href);
  const urlOf = (article: Article, published: Resolved['published']) => articleUrl(article, published, config.site.url, config.permalink);
  const authority = tagAuthority(config.site.url, config.site.idAuthority);
  const ci = options.ci ?? false;
  // What resolving reads besides the article, its git dates and its mtime; with a previous feed,
  // which may change between builds, nothing is memoized.
  const memoKey = previous === undefined && cache !== undefined ? resolutionKey(config, authority, ci) : undefined;
  const candidates: Candidate[] = [];
  for (const article of articles) {
    const { source } = article;
    const gitDates = git?.files.get(source.relPath);
    const key = memoKey && `${memoKey}|${gitDates?.added?.commit ?? ''}|${gitDates?.changed?.commit ?? ''}|${gitDates?.firstPath ?? ''}`;
    const memo = key === undefined ? undefined : cache!.resolved(source, key);
    if (memo) {
      for (const d of memo.diagnostics) diagnostics.push({ file: source.displayPath, ...d } as Diagnostic);
      candidates.push({ article, url: memo.url, id: memo.id, draft: article.draft, published: memo.published, updated: memo.updated, shape: memo.shape });
      continue;
    }
    const ctx = { zone: config.site.timezone, git, ci };
    const previousKey = previous && previousKeyOf(article, ctx, chains, urlOf, absoluteId);
    const match = previousKey === undefined ? undefined : findPrevious(previous!, previousKey);
    const resolved = resolveTimestamps(article, { ...ctx, previous: match }, chains);
    diagnostics.push(...resolved.diagnostics);
    if (!resolved.timestamps) continue;
    const { published, updated } = resolved.timestamps;
    const url = urlOf(article, published);
    // The frontmatter id wins (one that is not a URI is read relative to the site, so Atom gets
    // the absolute IRI it requires); then the id the previous feed gave this article; then a tag:
    // URI from the path the file was first committed under.
    const firstPath = gitDates?.firstPath ?? source.relPath;
    const minted = authority === undefined ? url : tagId(authority, published, firstPath);
    const id = article.id !== undefined ? absoluteId(article.id) : (match?.id ?? minted);
    const candidate: Candidate = { article, url, id, draft: article.draft, published, updated, ...(previousKey === undefined ? {} : { previousKey: keyText(previousKey) }) };
    candidates.push(candidate);
    if (key !== undefined) {
      candidate.shape = shapeOf(candidate);
      const readMtime = readsMtime(resolved.timestamps);
      const kept = resolved.diagnostics.map(({ file: _file, ...d }) => d);
      cache!.keepResolved(source, { key, mtimeMs: readMtime ? source.mtimeMs : undefined, published, updated, url, id, shape: candidate.shape, diagnostics: kept });
    }
  }
  await cache?.save();
  const unique = withoutDuplicates(candidates, diagnostics);
  const previousRead = previousRef === undefined ? undefined : previousReadOf(previousRef, cwd);
  return { candidates: unique, diagnostics, articlesDir, files: found.files, usesGit, previousRead, previous, git };
}

/** The previous feed a build reads: --previous, else config.previous, when the chain of publication dates asks it. */
export function previousRefOf(config: Config, previous: string | undefined): string | undefined {
  const ref = previous ?? config.previous;
  return ref !== undefined && config.dates.published.includes('previous') ? ref : undefined;
}

/** Where a previous feed given as `ref` is read from: a URL, or a file's absolute path. */
export function previousReadOf(ref: string, cwd: string): { file: string } | { url: string } {
  return hasScheme(ref) ? { url: ref } : { file: path.resolve(cwd, ref) };
}

/**
 * Everything resolving an article's dates, URL and id reads that is the same for every article:
 * the settings, whether this is CI, and the time zone data of this Node.js.
 */
function resolutionKey(config: Config, authority: string | undefined, ci: boolean): string {
  const parts = [process.versions.tz ?? '', config.site.timezone, config.dates, config.site.url, config.permalink, authority ?? null, ci];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/** What an article's item is looked up by in the previous feed: its frontmatter id, or the URL it has without that feed. */
type PreviousKey = { id: string } | { url: string };

/**
 * The previous feed's key for this article: by its frontmatter id, else by the URL it gets from
 * the sources that come before the previous feed in the chain (none when those give no date).
 */
function previousKeyOf(
  article: Article,
  ctx: { zone: string; git?: GitHistory; ci: boolean },
  chains: Chains,
  urlOf: (a: Article, p: Resolved['published']) => string,
  absoluteId: (id: string) => string,
): PreviousKey | undefined {
  if (article.id !== undefined) return { id: absoluteId(article.id) };
  const provisional = resolveTimestamps(article, ctx, { published: chains.published.filter((h) => h !== 'previous'), updated: ['published'] });
  return provisional.timestamps && { url: urlOf(article, provisional.timestamps.published) };
}

function findPrevious(previous: PreviousFeed, key: PreviousKey): PreviousItem | undefined {
  return 'id' in key ? previous.byId.get(key.id) : (previous.byId.get(key.url) ?? previous.byUrl.get(key.url));
}

/**
 * A key as kept with the article (kept-plan.ts): the text both maps of the feed are looked up by
 * (an id looks in byId only, which a URL key looks in too, so a change under that text in
 * either map is a change for it).
 */
function keyText(key: PreviousKey): string {
  return 'id' in key ? key.id : key.url;
}

/**
 * Two articles with one id would be one item to every aggregator, and two with
 * one URL would overwrite each other's page: the second of each pair is an
 * error naming both files, and is left out (it matters under --keep-going).
 */
function withoutDuplicates(candidates: readonly Candidate[], diagnostics: Diagnostic[]): Candidate[] {
  const byId = new Map<string, Candidate>();
  const byUrl = new Map<string, Candidate>();
  const kept: Candidate[] = [];
  for (const c of candidates) {
    const sameId = byId.get(c.id);
    const sameUrl = byUrl.get(c.url);
    const file = c.article.source.displayPath;
    if (sameId) {
      diagnostics.push(error(file, 'duplicate-id', `this article has the same id as ${sameId.article.source.displayPath} (${c.id}); give one of them its own "id:" or "slug:"`));
    } else if (sameUrl) {
      diagnostics.push(error(file, 'duplicate-url', `this article has the same URL as ${sameUrl.article.source.displayPath} (${c.url}); give one of them its own "slug:" or "permalink:"`));
    } else {
      byId.set(c.id, c);
      byUrl.set(c.url, c);
      kept.push(c);
    }
  }
  return kept;
}
