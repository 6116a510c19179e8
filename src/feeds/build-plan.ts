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
import type { FeedLocation } from '../source/read-feed.js';
import type { GitHistory } from '../time/git.js';
import type { PreviousFeed } from '../time/previous.js';
import type { Facet } from './facets.js';
import { planFeeds } from './plan.js';
import type { Plannable } from './plannable.js';

export interface BuildPlan {
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
  /** Every article planned from, in the listing's order: resolved, or as a rebuild kept it. */
  all: readonly Plannable[];
  /** How many are drafts or scheduled. */
  drafts: number;
  scheduled: number;
  /** The main feed's items, newest first. */
  items: Candidate[];
  /** Archive pages, oldest first, each newest first. */
  pages: Candidate[][];
  facets: Facet<Candidate>[];
  /** Every article some feed holds, newest first: each is rendered once, in this order. */
  toRender: Candidate[];
  /** The reference times (--now) that give the same plan. */
  window: { from: number; until: number | null };
  /** Made from the last build's records with the articles that changed since (rebuild/kept-plan.ts). */
  reused?: boolean;
}

export function planBuild(collected: Collected, config: Config, now: number, cwd: string): BuildPlan {
  const plan = planFeeds(collected.candidates, config, now, path.relative(cwd, collected.articlesDir) || '.');
  return {
    articlesDir: collected.articlesDir,
    files: collected.files,
    usesGit: collected.usesGit,
    git: collected.git,
    previousRead: collected.previousRead,
    previous: collected.previous,
    diagnostics: [...collected.diagnostics, ...plan.diagnostics],
    planned: new Set(plan.diagnostics),
    all: plan.articles,
    drafts: plan.drafts,
    scheduled: plan.scheduled,
    items: plan.items,
    pages: plan.pages,
    facets: plan.facets,
    toRender: plan.toRender,
    window: plan.window,
  };
}
