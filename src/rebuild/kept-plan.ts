/**
 * A rebuild from the last build's plan. When only some articles changed since (edited, added,
 * removed, renamed, touched by new commits, or looked up under a changed item of the previous
 * feed), only those are read and resolved; the article cache, whose 13 MB for 10,000 articles
 * were most of such a rebuild, is not even opened. What changed, so what must be read again, is
 * decided by the pure functions of changes.ts. Then:
 * - when every article read again plans as it did and none was added or removed (samePlan), the
 *   last plan holds as it was, with their new versions in it;
 * - else the plan is made again, with the one planner of every build (feeds/plan.ts), over what
 *   the last build kept of every other article (kept-records.ts) and the articles read again, so
 *   it is the plan a whole build would make.
 *
 * Anything else is a whole build, which keeps a new plan: more than a few articles to read, an
 * error among them, a feed that now holds an article that was neither read again nor kept whole
 * (one that comes into a full feed as another leaves it), a history git cannot tell the new
 * commits of. Everything else a plan stands on (the tool, the options, the config, the reference
 * time's window, the other files read) is checked by the stamp (stamp.ts), which the plan is
 * bound to by the id of the build that left both.
 */
import path from 'node:path';
import type { Collected } from '../article/collect.js';
import type { Candidate } from '../article/identify.js';
import type { Config } from '../config/schema.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import type { BuildPlan } from '../feeds/build-plan.js';
import type { Facet } from '../feeds/facets.js';
import { planFeeds } from '../feeds/plan.js';
import type { Plannable } from '../feeds/plannable.js';
import type { ListedFile, Listing, SourceFile } from '../source/discover.js';
import type { FeedLocation } from '../source/feed-location.js';
import { readGitHistory, type GitHistory } from '../time/git.js';
import { previousFeedOf, publishedPagesOf, type PreviousFeed } from '../time/previous.js';
import { readsMtime } from '../time/resolve.js';
import { changedKeys, compareListing, filesToRead, lookedUpUnder, pagesDigest, samePlan, type ListingChanges } from './changes.js';
import type { GitLogCache } from './git-log.js';
import { ViewLines, previousKeyOf, readKept, sharedInstants, viewLine, viewOf, type Kept, type KeptFeeds, type Records } from './kept-records.js';
import { unchangedSources } from './unchanged.js';

/** At most this many changed articles are read here, one after the other; more make a whole build, which reads them on worker threads. A choice, not a measurement. */
const REUSE_MAX_CHANGED = 64;

export interface KeptPlanInput {
  config: Config;
  articlesDir: string;
  cwd: string;
  now: number;
  listed: Listing;
  /** Where the previous feed is read from and its reading (the build started it), when the build reads one. */
  previousRead?: FeedLocation;
  previousFeed?: Promise<PreviousFeed>;
  /** The stamped build's git state (`<commit>\n<shallow>`), when a commit was made since. */
  gitWas?: string;
  gitLog: GitLogCache;
  /** Reads and resolves these files as a build does, without the article cache (opening it is what this saves). */
  read(files: ListedFile[], git: GitHistory | undefined): Promise<Collected>;
}

/** What the articles read again bring: each by its listing index, and what reading them said. */
interface Fresh {
  candidates: Map<number, Candidate>;
  read?: Collected;
  git?: GitHistory;
  previous?: PreviousFeed;
}

/** The plan kept by the build whose id is `since`, with the changed articles read again, if it still holds; else undefined. */
export async function keptPlan(file: string, since: string, input: KeptPlanInput): Promise<{ plan: BuildPlan; records: Records } | undefined> {
  const kept = readKept(file, since);
  if (kept === undefined || input.listed.diagnostics.length > 0) return undefined;
  const { files } = input.listed;
  const changes = compareListing(kept, files);
  const fresh = await readChanged(kept, changes, input);
  if (fresh === undefined) return undefined;
  const sources = new SourcesNow(kept, changes, fresh, files);
  const freshViews = new Map([...fresh.candidates].map(([j, c]) => [j, { line: viewLine(c, input.config), published: c.published.instant, updated: c.updated.instant }]));
  // Archive pages as published are laid out again by the planner when they changed.
  const samePages = fresh.previous === undefined || pagesDigest(fresh.previous) === kept.pagesDigest;
  const same = samePages && samePlan(changes, freshViews, { view: (i) => kept.views.at(i), updated: kept.updated, shared: kept.shared });
  // The same plan has the same view lines; another has them in the listing's order, as they are now.
  const views = same ? kept.views : ViewLines.of(files.map((_, j) => freshViews.get(j)?.line ?? kept.views.at(changes.was[j]!)));
  const updated = files.map((_, j) => freshViews.get(j)?.updated ?? kept.updated[changes.was[j]!]!);
  const feeds = same ? undefined : planAgain(views, updated, sources, input, publishedPagesOf(fresh.previous));
  if (feeds === false) return undefined;
  const whole = wholeCandidates(kept, changes, fresh, sources, feeds?.toRender);
  if (whole === undefined) return undefined;
  const planned = feeds ?? keptFeeds(kept.feeds, whole.held);
  const plan: BuildPlan = {
    articlesDir: path.resolve(input.cwd, input.articlesDir),
    files,
    usesGit: kept.usesGit,
    git: fresh.git,
    ...(fresh.previous && { previousRead: input.previousRead, previous: fresh.previous }),
    diagnostics: [...kept.otherDiagnostics, ...fileDiagnostics(kept, changes, files, fresh), ...planned.diagnostics],
    planned: new Set(planned.diagnostics),
    articles: files.length,
    drafts: planned.drafts,
    scheduled: planned.scheduled,
    items: planned.items.map(whole.of),
    pages: planned.pages.map((page) => page.map(whole.of)),
    facets: planned.facets.map((f): Facet<Candidate> => ({ ...f, items: f.items.map(whole.of) })),
    toRender: planned.toRender.map(whole.of),
    window: planned.window,
    reused: true,
  };
  const shared = feeds ? sharedInstants(feeds.all) : kept.shared;
  return { plan, records: { ...nextRecords(kept, changes, fresh), hashes: sources.hashes, views, updated, shared } };
}

/**
 * The articles to read again, read and resolved; undefined, for a whole build, when there are too
 * many, when one has an error, or when what changed cannot be told.
 */
async function readChanged(kept: Kept, changes: ListingChanges, input: KeptPlanInput): Promise<(Fresh & { same: ({ hash: string } | undefined)[] }) | undefined> {
  const { files } = input.listed;
  if (changes.added.length > REUSE_MAX_CHANGED) return undefined;
  // A previous feed may have been published anew since: it is read again while the files are compared.
  if ((input.previousFeed !== undefined) !== (kept.previous !== undefined)) return undefined;
  const previousReading = input.previousFeed?.catch(() => undefined);
  const git = await commitsSince(kept, input);
  if (git === false) return undefined;
  // Undefined once too many changed. A file not readable now is read below, which says why.
  const budget = REUSE_MAX_CHANGED - changes.added.length - changes.redated.length;
  const articlesDir = path.resolve(input.cwd, input.articlesDir);
  const same = await unchangedSources(articlesDir, changes.retimed.map((j) => ({ file: files[j]!, hash: kept.hashes[changes.was[j]!]! })), budget);
  if (same === undefined) return undefined;
  const previous = await previousReading;
  if (input.previousFeed !== undefined && previous === undefined) return undefined; // not readable now: the whole build says why
  // Archive pages not readable, now or at the last build: the whole build warns (and a plan kept with the warning has it).
  if (previous && (pagesDigest(previous) === 'problem' || kept.pagesDigest === 'problem')) return undefined;
  const lookedUp = previous && lookedUpUnder(kept.previousKeys!, changedKeys(previousFeedOf(previous.source, kept.previous!), previous));
  const toRead = filesToRead(changes, { sameBytes: same.map(Boolean), touched: git?.touched, lookedUp }, files);
  if (toRead.length > REUSE_MAX_CHANGED) return undefined;
  const read = toRead.length === 0 ? undefined : await input.read(toRead.map((j) => files[j]!), git?.history);
  if (read && (hasErrors(read.diagnostics) || read.candidates.length !== toRead.length)) return undefined;
  return { candidates: new Map(toRead.map((j, k) => [j, read!.candidates[k]!])), read, git: git?.history, previous, same };
}

/**
 * After commits (where dates come from git): the history, and the files the new commits touched,
 * whose git dates may have moved, whatever their bytes. Nothing when there was no commit since;
 * false when what the commits touched cannot be told (a shallow clone, a merge, a rewritten
 * history), so that any file's dates may have moved.
 */
async function commitsSince(kept: Kept, input: KeptPlanInput): Promise<{ history: GitHistory; touched: ReadonlySet<string> } | undefined | false> {
  if (input.gitWas === undefined) return undefined;
  const [commitWas, wasShallow] = input.gitWas.split('\n');
  // A shallow clone's dates say nothing of the commits past its boundary, which a fetch can move.
  if (!kept.usesGit || wasShallow !== 'false' || commitWas === undefined) return false;
  const dir = path.resolve(input.cwd, input.articlesDir);
  const paths = input.listed.files.map((f) => f.relPath);
  // Read even when the plan cannot be used, so that the whole build finds the new log kept.
  const history = await readGitHistory(dir, paths, input.gitLog.source);
  if (history?.head === undefined || history.shallow) return false;
  const touched = await input.gitLog.touchedSince(dir, commitWas, history.head, paths);
  return touched === undefined ? false : { history, touched };
}

/**
 * Each listed file as it is now, with the id of its bytes: read again, found the same by
 * unchangedSources, or as kept. Made only for the files asked for: a plan that holds needs a few.
 */
class SourcesNow {
  readonly hashes: string[];

  constructor(
    kept: Kept,
    changes: ListingChanges,
    private readonly fresh: Fresh & { same: ({ hash: string } | undefined)[] },
    readonly files: readonly ListedFile[],
  ) {
    this.hashes = changes.was.map((i) => (i === undefined ? '' : kept.hashes[i]!));
    for (const [k, j] of changes.retimed.entries()) if (fresh.same[k]) this.hashes[j] = fresh.same[k].hash;
    for (const [j, c] of fresh.candidates) this.hashes[j] = c.article.source.hash;
  }

  at(j: number): SourceFile {
    return this.fresh.candidates.get(j)?.article.source ?? { ...this.files[j]!, hash: this.hashes[j]! };
  }
}

type Planned = Pick<KeptFeeds, 'drafts' | 'scheduled' | 'window' | 'diagnostics'> & { items: Plannable[]; pages: Plannable[][]; facets: Facet<Plannable>[]; toRender: Plannable[] };

/** A plan made again: its feeds, and every article it was made from. */
type PlannedAgain = Planned & { all: Plannable[] };

/**
 * The plan made again over every view line (of the articles read again too, so that all are alike);
 * false, for a whole build, when it finds a duplicate (the whole build reports it).
 */
function planAgain(views: ViewLines, updated: readonly number[], sources: SourcesNow, input: KeptPlanInput, published: string[][] | undefined): PlannedAgain | false {
  const all = updated.map((instant, j) => viewOf(views.at(j), instant, sources.at(j)));
  const planned = planFeeds(all, input.config, input.now, path.relative(input.cwd, path.resolve(input.cwd, input.articlesDir)) || '.', published);
  return hasErrors(planned.diagnostics) ? false : { ...planned, all };
}

/** The last plan's feeds, with the articles at its positions. */
function keptFeeds(feeds: KeptFeeds, held: readonly Plannable[]): Planned {
  const at = (positions: readonly number[]) => positions.map((p) => held[p]!);
  return { ...feeds, items: at(feeds.items), pages: feeds.pages.map(at), facets: feeds.facets.map((f) => ({ ...f, items: at(f.items) })), toRender: [...held] };
}

/**
 * The whole candidate of each article the feeds now hold (`toRender`; the last plan's when not
 * planned again): read again, or kept whole by the last build. Undefined when one was neither.
 */
function wholeCandidates(
  kept: Kept,
  changes: ListingChanges,
  fresh: Fresh,
  sources: SourcesNow,
  toRender: readonly Plannable[] | undefined,
): { held: Candidate[]; of: (p: Plannable) => Candidate } | undefined {
  // Where each kept file is listed now: at its own index when none was added or removed.
  const moved = changes.added.length + changes.removed.length > 0;
  const listedAt = moved ? new Map(changes.was.flatMap((i, j) => (i === undefined ? [] : [[i, j] as const]))) : undefined;
  const byListing = new Map<number, Candidate>();
  const held: Candidate[] = [];
  for (const [i, c] of kept.held) {
    const j = listedAt ? listedAt.get(i) : i;
    if (j === undefined) continue;
    const now = fresh.candidates.get(j) ?? { ...c, article: { ...c.article, source: sources.at(j) } };
    byListing.set(j, now);
    held.push(now);
  }
  if (toRender === undefined) return held.length === kept.held.length ? { held, of: (p) => p as Candidate } : undefined;
  for (const [j, c] of fresh.candidates) byListing.set(j, c);
  const byPath = new Map(sources.files.map((f, j) => [f.relPath, j]));
  const whole = new Map<Plannable, Candidate>();
  for (const p of toRender) {
    const c = byListing.get(byPath.get(p.article.source.relPath)!);
    if (c === undefined) return undefined;
    whole.set(p, c);
  }
  return { held, of: (p) => whole.get(p)! };
}

/** Each listed file's diagnostics: those of the articles read again, and those kept of the others. */
function fileDiagnostics(kept: Kept, changes: ListingChanges, files: readonly ListedFile[], fresh: Fresh): Diagnostic[] {
  const readAgain = new Map<string, Diagnostic[]>();
  for (const d of fresh.read?.diagnostics ?? []) readAgain.set(d.file, [...(readAgain.get(d.file) ?? []), d]);
  return files.flatMap((f, j) =>
    fresh.candidates.has(j) ? (readAgain.get(f.displayPath) ?? []) : (kept.fileDiagnostics[changes.was[j]!] ?? []).map((d) => ({ file: f.displayPath, ...d }) as Diagnostic),
  );
}

/** What the next build keeps of each listed file: the kept records, but for the articles read again. */
function nextRecords(kept: Kept, changes: ListingChanges, fresh: Fresh): Omit<Records, 'views' | 'updated' | 'shared' | 'hashes'> {
  const wasDated = new Set(kept.mtimeDated);
  const mtimeDated = new Set<number>();
  for (const [j, i] of changes.was.entries()) if (i !== undefined && wasDated.has(i)) mtimeDated.add(j);
  for (const [j, c] of fresh.candidates) {
    if (readsMtime(c)) mtimeDated.add(j);
    else mtimeDated.delete(j);
  }
  const keys = kept.previousKeys;
  return {
    mtimeDated: [...mtimeDated].sort((a, b) => a - b),
    ...(keys && { previousKeys: changes.was.map((i, j) => (fresh.candidates.has(j) ? previousKeyOf(fresh.candidates.get(j)!) : keys[i!]!)) }),
  };
}
