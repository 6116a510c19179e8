/**
 * The article stages, as `build` and `explain` share them: discover, parse, normalize, read git
 * history and the previous feed once, then make each article an item (its dates, URL and id:
 * identify.ts).
 */
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { discover, withinLimit, type ListedFile, type Listing } from '../source/discover.js';
import { postsOf, SITES } from '../source/sites/index.js';
import { feedLocation, type FeedLocation } from '../source/feed-location.js';
import { readGitHistory, type GitFileDates, type GitHistory, type LogSource } from '../time/git.js';
import { keepsArchivePages, previousRefOf, readPreviousFeed, type PreviousFeed } from '../time/previous.js';
import type { Timestamp } from '../time/timestamp.js';
import type { Threads } from '../util/worker-pool.js';
import type { Article } from './article.js';
import { expiryOf, identify, type Candidate, type IdentifyContext } from './identify.js';
import { loadArticles, type ArticleStore } from './load.js';
import { tagAuthority } from './tag-id.js';
import { PLAIN_RULES, readRulesOf } from './read-rules.js';

/** What an article's dates, URL and id came to, and the warnings on the way. */
export interface Resolution {
  published: Timestamp;
  updated: Timestamp;
  url: string;
  id: string;
  diagnostics: Omit<Diagnostic, 'file'>[];
}

/** Resolutions of earlier builds, by article and the git dates it had (rebuild/article-cache.ts). */
export interface ResolvedStore {
  resolved(article: Article, git: GitFileDates | undefined): Resolution | undefined;
  keepResolved(article: Article, git: GitFileDates | undefined, resolution: Resolution): void;
  save(): Promise<void>;
}

/** What earlier builds left that these stages can use instead of doing the work again. */
export interface CollectStores {
  articles?: ArticleStore & ResolvedStore;
  gitLog?: LogSource;
}

export interface CollectOptions {
  config: Config;
  articlesDir: string;
  cwd: string;
  /** True in CI (CI=true): a file's mtime is then the checkout time. */
  ci?: boolean;
  /** The articles as already listed (by the up-to-date check), if they were. */
  listed?: Listing;
  /** The previously published feed (file or URL); overrides `config.previous`. */
  previous?: string;
  /** Its reading, when the build started it already. */
  previousFeed?: Promise<PreviousFeed>;
  /** The git history of the articles folder, when it was already read. */
  git?: GitHistory;
  stores?: CollectStores;
  /** Worker threads for reading many articles, created on first use. */
  threads?: () => Threads | undefined;
  threadsFrom?: number;
}

export interface Collected {
  candidates: Candidate[];
  diagnostics: Diagnostic[];
  articlesDir: string;
  /** Every article file listed, with its size and times. */
  files: ListedFile[];
  /** Whether dates were asked of git (whether or not the folder is a repository). */
  usesGit: boolean;
  /** The previous feed that was read, and what it held. */
  previousRead?: FeedLocation;
  previous?: PreviousFeed;
  git?: GitHistory;
}

export async function collect(options: CollectOptions): Promise<Collected> {
  const { config, cwd } = options;
  const articlesDir = path.resolve(cwd, options.articlesDir);
  const select = config.generator && postsOf(config.generator);
  const found = withinLimit(options.listed ?? (await discover(articlesDir, cwd, select)), config.limits.maxArticleBytes);
  const diagnostics = [...found.diagnostics];
  const store = options.stores?.articles;
  const articles: Article[] = [];
  const rules = readRulesOf(config);
  for (const loaded of await loadArticles(found.files, { store, threads: options.threads, threadsFrom: options.threadsFrom, rules: rules === PLAIN_RULES ? undefined : rules })) {
    diagnostics.push(...loaded.diagnostics);
    if (loaded.article) articles.push(loaded.article);
  }
  const usesGit = config.dates.published.includes('git') || config.dates.updated.includes('git');
  const git = usesGit ? await gitOf(articlesDir, articles, options, diagnostics) : undefined;
  const { previous, previousRead } = await previousOf(options, diagnostics);
  const ctx: IdentifyContext = { config, dates: { ...siteZones(config), lang: config.site.language, git, ci: options.ci ?? false }, previous, authority: tagAuthority(config.site.url, config.site.idAuthority) };
  // With a previous feed, which may change between builds, nothing is kept of what was resolved.
  const resolutions = previous === undefined ? store : undefined;
  const candidates: Candidate[] = [];
  for (const article of articles) {
    const gitDates = git?.files.get(article.source.relPath);
    const kept = resolutions?.resolved(article, gitDates);
    if (kept) {
      for (const d of kept.diagnostics) diagnostics.push({ file: article.source.displayPath, ...d } as Diagnostic);
      // An expiry date is read again: it is no part of what is kept.
      const expires = expiryOf(article, ctx);
      const expiry = 'instant' in expires && expires.instant !== undefined ? { expires: { instant: expires.instant } } : {};
      candidates.push({ article, url: kept.url, id: kept.id, draft: article.draft, published: kept.published, updated: kept.updated, ...expiry });
      continue;
    }
    const made = identify(article, ctx);
    diagnostics.push(...made.diagnostics);
    if (!made.candidate) continue;
    const { candidate } = made;
    candidates.push(candidate);
    const { url, id, published, updated } = candidate;
    resolutions?.keepResolved(article, gitDates, { url, id, published, updated, diagnostics: made.diagnostics.map(({ file: _file, ...d }) => d) });
  }
  await store?.save();
  return { candidates, diagnostics, articlesDir, files: found.files, usesGit, previousRead, previous, git };
}

/** The zone dates without an offset are read in, the one they are shown in, and the dates a file name holds: as the site's generator does, else the site's zone, as written, and YYYY-MM-DD. */
function siteZones(config: Config): { zone: string; shownIn?: string; nameDate?: RegExp } {
  const dates = config.generator && SITES[config.generator.ssg].dates;
  const zone = dates?.zoneless === 'utc' ? 'UTC' : config.site.timezone;
  return {
    zone,
    ...(dates?.shown === 'site' && { shownIn: config.site.timezone }),
    ...(dates?.shown === 'utc' && { shownIn: 'UTC' }),
    ...(dates?.nameDate && { nameDate: dates.nameDate }),
  };
}

async function gitOf(articlesDir: string, articles: readonly Article[], options: CollectOptions, diagnostics: Diagnostic[]): Promise<GitHistory | undefined> {
  const git = options.git ?? (await readGitHistory(articlesDir, articles.map((a) => a.source.relPath), options.stores?.gitLog));
  if (git?.shallow) {
    diagnostics.push(
      warning(
        path.relative(options.cwd, articlesDir) || '.',
        'git-shallow',
        'this is a shallow git clone, so the history is cut off and git cannot date the articles it does not reach; fetch the full history (actions/checkout with "fetch-depth: 0", or git fetch --unshallow)',
      ),
    );
  }
  return git;
}

/** The previous feed, when the build reads one: where from, and what it held (none when it cannot be read, which is an error). */
async function previousOf(options: CollectOptions, diagnostics: Diagnostic[]): Promise<{ previous?: PreviousFeed; previousRead?: FeedLocation }> {
  const ref = previousRefOf(options.config, options.previous);
  if (ref === undefined) return {};
  try {
    const previousRead = feedLocation(ref, options.cwd);
    const previous = await (options.previousFeed ?? readPreviousFeed(ref, previousRead, keepsArchivePages(options.config)));
    if (previous.archive && 'problem' in previous.archive) diagnostics.push(archiveWarning(ref, previous.archive.problem));
    return { previousRead, previous };
  } catch (e) {
    diagnostics.push(error(ref, 'previous-unreadable', `the previous feed cannot be read (${(e as Error).message}); fix the path or URL, or leave --previous out on a first publication`));
    return {};
  }
}

/** The previous feed's archive pages could not be read: pages are cut by date, which may move items between full pages. */
function archiveWarning(ref: string, problem: string): Diagnostic {
  return warning(
    ref,
    'previous-archive-unreadable',
    `the archive pages of the previous feed cannot be read (${problem}), so archive pages are cut by date this time and full pages may change; fix the path or URL, or publish its archive/ folder`,
  );
}
