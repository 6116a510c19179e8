/**
 * The plan of a build: everything writing the feeds needs, from the resolved articles
 * (article/collect.ts) planned into feeds (plan.ts). Made from every article here, or by a
 * rebuild from what the last build kept (rebuild/kept-plan.ts), with the same planner; the
 * rest of the build cannot tell the two apart.
 */
import path from 'node:path';
import type { Collected } from '../article/collect.js';
import type { Candidate } from '../article/identify.js';
import type { Config } from '../config/schema.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ListedFile } from '../source/discover.js';
import type { FeedLocation } from '../source/feed-location.js';
import type { GitHistory } from '../time/git.js';
import { publishedPagesOf, type PreviousFeed } from '../time/previous.js';
import { planFeeds, type FeedPlan } from './plan.js';

/** The feeds of the plan (FeedPlan: drafts, scheduled, items, pages, facets, toRender, window), and what else the build needs. */
export interface BuildPlan extends Omit<FeedPlan<Candidate>, 'articles' | 'diagnostics'> {
  articlesDir: string;
  /** Every article file listed. */
  files: ListedFile[];
  /** Whether dates were asked of git, and what it said (none outside a repository). */
  usesGit: boolean;
  git?: GitHistory;
  /** The previous feed that was read, if any, and what it held. */
  previousRead?: FeedLocation;
  previous?: PreviousFeed;
  /** What reading, resolving and planning found; the items' own problems come later. */
  diagnostics: Diagnostic[];
  /** Of those, what planning found (duplicates, spellings): made again by every plan. */
  planned: ReadonlySet<Diagnostic>;
  /** How many articles were planned from. */
  articles: number;
  /** Every article resolved, in the listing's order, when this build resolved them all (not when it started from the last build's plan). */
  candidates?: readonly Candidate[];
  /** Made from the last build's records with the articles that changed since (rebuild/kept-plan.ts). */
  reused?: boolean;
}

export function planBuild(collected: Collected, config: Config, now: number, cwd: string): BuildPlan {
  const plan = planFeeds(collected.candidates, config, now, path.relative(cwd, collected.articlesDir) || '.', publishedPagesOf(collected.previous));
  return {
    articlesDir: collected.articlesDir,
    files: collected.files,
    usesGit: collected.usesGit,
    git: collected.git,
    previousRead: collected.previousRead,
    previous: collected.previous,
    diagnostics: [...collected.diagnostics, ...plan.diagnostics],
    planned: new Set(plan.diagnostics),
    candidates: plan.articles,
    articles: plan.articles.length,
    drafts: plan.drafts,
    scheduled: plan.scheduled,
    items: plan.items,
    pages: plan.pages,
    facets: plan.facets,
    toRender: plan.toRender,
    window: plan.window,
  };
}
