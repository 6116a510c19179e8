/**
 * A rebuild from the last build's plan. When only some articles changed since (edited, added,
 * removed, renamed, touched by new commits, or looked up under a changed item of the previous
 * feed), only those are read and resolved; every other article is planned from what the last
 * build kept of it (kept-records.ts), with the one planner of every build (feeds/plan.ts), so the
 * plan is the one a whole build would make. The other articles are not even looked up in the
 * article cache, whose 13 MB for 10,000 articles were most of such a rebuild. What changed, so
 * what must be read, is decided by the pure functions of changes.ts.
 *
 * Anything else is a whole build, which keeps a new plan: more than a few articles to read, an
 * error among them, a feed that now holds an article the last plan did not keep whole (one that
 * comes into a feed as another leaves it), a history git cannot tell the new commits of.
 * Everything else a plan stands on (the tool, the options, the config, the reference time's
 * window, the other files read) is checked by the stamp (stamp.ts), which the plan is bound to
 * by the id of the build that left both.
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
import type { ListedFile, Listing } from '../source/discover.js';
import type { FeedLocation } from '../source/read-feed.js';
import { readGitHistory, type GitHistory } from '../time/git.js';
import { previousFeedOf, type PreviousFeed } from '../time/previous.js';
import { readsMtime } from '../time/resolve.js';
import { changedKeys, compareListing, filesToRead, type ListingChanges } from './changes.js';
import type { GitLogCache } from './git-log.js';
import { keyHash, readKept, viewOf, viewRecord, type Kept, type Records } from './kept-records.js';
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

/** The plan kept by the build whose id is `since`, with the changed articles read again, if it still holds; else undefined. */
export async function keptPlan(file: string, since: string, input: KeptPlanInput): Promise<{ plan: BuildPlan; records: Records } | undefined> {
  const kept = readKept(file, since);
  if (kept === undefined || input.listed.diagnostics.length > 0) return undefined;
  const { files } = input.listed;
  const changes = compareListing(kept, files);
  if (changes.added.length > REUSE_MAX_CHANGED) return undefined;
  // A previous feed may have been published anew since: it is read again while the files are compared.
  if ((input.previousFeed !== undefined) !== (kept.previous !== undefined)) return undefined;
  const previous = input.previousFeed?.catch(() => undefined);
  const git = await commitsSince(kept, input);
  if (git === false) return undefined;
  // Undefined once too many changed. A file not readable now is read below, which says why.
  const budget = REUSE_MAX_CHANGED - changes.added.length - changes.redated.length;
  const same = await unchangedSources(path.resolve(input.cwd, input.articlesDir), changes.retimed.map((j) => ({ file: files[j]!, hash: kept.hashes[changes.was[j]!]! })), budget);
  if (same === undefined) return undefined;
  const feed = await previous;
  if (input.previousFeed !== undefined && feed === undefined) return undefined; // not readable now: the whole build says why
  const lookedUp = feed && lookedUpAnew(kept, feed);
  const toRead = filesToRead(changes, { sameBytes: same.map(Boolean), touched: git?.touched, lookedUp }, files);
  if (toRead.length > REUSE_MAX_CHANGED) return undefined;
  const read = toRead.length === 0 ? undefined : await input.read(toRead.map((j) => files[j]!), git?.history);
  if (read && (hasErrors(read.diagnostics) || read.candidates.length !== toRead.length)) return undefined;
  const fresh = new Map(toRead.map((j, k) => [j, read!.candidates[k]!]));
  const hashes = hashesNow(kept, changes, same, fresh);
  const all = files.map((f, j) => fresh.get(j) ?? viewOf(kept.views[changes.was[j]!]!, { ...f, hash: hashes[j]! }));
  const planned = planFeeds(all, input.config, input.now, path.relative(input.cwd, path.resolve(input.cwd, input.articlesDir)) || '.');
  if (hasErrors(planned.diagnostics)) return undefined; // a duplicate: the whole build reports it
  const whole = wholeCandidates(kept, changes, fresh, files, hashes, planned.toRender);
  if (whole === undefined) return undefined;
  const diagnostics = [...kept.otherDiagnostics, ...fileDiagnostics(kept, changes, files, fresh, read), ...planned.diagnostics];
  const plan: BuildPlan = {
    articlesDir: path.resolve(input.cwd, input.articlesDir),
    files,
    usesGit: kept.usesGit,
    git: git?.history,
    ...(feed && { previousRead: input.previousRead, previous: feed }),
    diagnostics,
    planned: new Set(planned.diagnostics),
    all: planned.articles,
    drafts: planned.drafts,
    scheduled: planned.scheduled,
    items: planned.items.map(whole),
    pages: planned.pages.map((page) => page.map(whole)),
    facets: planned.facets.map((f): Facet<Candidate> => ({ ...f, items: f.items.map(whole) })),
    toRender: planned.toRender.map(whole),
    window: planned.window,
    reused: true,
  };
  return { plan, records: nextRecords(kept, changes, fresh, files, hashes) };
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

/** The kept files looked up in the previous feed under a key whose item is another now (or none, or one where there was none). */
function lookedUpAnew(kept: Kept, now: PreviousFeed): number[] {
  const changed = new Set([...changedKeys(previousFeedOf(now.source, kept.previous!), now)].map(keyHash));
  return changed.size === 0 ? [] : kept.previousKeys!.flatMap((key, i) => (changed.has(key) ? [i] : []));
}

/**
 * The whole candidate of each article the feeds now hold: read again, or kept whole by the last
 * build (with the file as listed now). Undefined when one was neither: an article that comes into
 * a feed as another leaves it, which a whole build reads.
 */
function wholeCandidates(
  kept: Kept,
  changes: ListingChanges,
  fresh: ReadonlyMap<number, Candidate>,
  files: readonly ListedFile[],
  hashes: readonly string[],
  toRender: readonly Plannable[],
): ((p: Plannable) => Candidate) | undefined {
  const listedAt = new Map(changes.was.flatMap((i, j) => (i === undefined ? [] : [[i, j] as const])));
  const held = new Map<number, Candidate>();
  for (const [i, c] of kept.held) {
    const j = listedAt.get(i);
    if (j !== undefined && !fresh.has(j)) held.set(j, { ...c, article: { ...c.article, source: { ...files[j]!, hash: hashes[j]! } } });
  }
  const byPath = new Map(files.map((f, j) => [f.relPath, j]));
  const whole = new Map<Plannable, Candidate>();
  for (const p of toRender) {
    const j = byPath.get(p.article.source.relPath)!;
    const c = fresh.get(j) ?? held.get(j);
    if (c === undefined) return undefined;
    whole.set(p, c);
  }
  return (p) => whole.get(p)!;
}

/** The id of each listed file's bytes: read again, found the same by unchangedSources, or as kept. */
function hashesNow(kept: Kept, changes: ListingChanges, same: readonly ({ hash: string } | undefined)[], fresh: ReadonlyMap<number, Candidate>): string[] {
  const hashes = changes.was.map((i) => (i === undefined ? '' : kept.hashes[i]!));
  for (const [k, j] of changes.retimed.entries()) if (same[k]) hashes[j] = same[k].hash;
  for (const [j, c] of fresh) hashes[j] = c.article.source.hash;
  return hashes;
}

/** Each listed file's diagnostics: those of the articles read again, and those kept of the others. */
function fileDiagnostics(kept: Kept, changes: ListingChanges, files: readonly ListedFile[], fresh: ReadonlyMap<number, Candidate>, read: Collected | undefined): Diagnostic[] {
  const readAgain = new Map<string, Diagnostic[]>();
  for (const d of read?.diagnostics ?? []) readAgain.set(d.file, [...(readAgain.get(d.file) ?? []), d]);
  return files.flatMap((f, j) =>
    fresh.has(j) ? (readAgain.get(f.displayPath) ?? []) : (kept.fileDiagnostics[changes.was[j]!] ?? []).map((d) => ({ file: f.displayPath, ...d }) as Diagnostic),
  );
}

/** What the next build keeps of each listed file: the kept records, but for the articles read again. */
function nextRecords(kept: Kept, changes: ListingChanges, fresh: ReadonlyMap<number, Candidate>, files: readonly ListedFile[], hashes: string[]): Records {
  const wasDated = new Set(kept.mtimeDated);
  const mtimeDated = new Set(changes.was.flatMap((i, j) => (i !== undefined && wasDated.has(i) ? [j] : [])));
  const at = <T>(list: readonly T[], j: number) => list[changes.was[j]!]!;
  for (const [j, c] of fresh) {
    if (readsMtime(c)) mtimeDated.add(j);
    else mtimeDated.delete(j);
  }
  return {
    hashes,
    views: files.map((_, j) => (fresh.has(j) ? viewRecord(fresh.get(j)!) : at(kept.views, j))),
    mtimeDated: [...mtimeDated].sort((a, b) => a - b),
    ...(kept.previousKeys && { previousKeys: files.map((_, j) => (fresh.has(j) ? keyOf(fresh.get(j)!) : at(kept.previousKeys!, j))) }),
  };
}

function keyOf(c: Candidate): string {
  return c.previousKey === undefined ? '' : keyHash(c.previousKey);
}
