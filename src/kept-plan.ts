/**
 * The plan of the last build, kept for the next one. When the articles that
 * changed since kept their place (the same publication date, URL, id, draft
 * state, tags, authors and language: what planning reads of an article, its
 * shape; and an order the updated date does not change, see keepsOrder), the
 * plan is the same, so a rebuild reads only those articles and writes the
 * feeds from the kept plan with their new text; the other articles are not
 * even looked up in the article cache, whose 13 MB for 10,000 articles were
 * most of such a rebuild. An article is unchanged when its size and times
 * are, or else (a fresh checkout in CI gives every file new times) when the
 * hash of its bytes is.
 *
 * Articles added since are read too, and placed in the feeds they sort into,
 * as a whole build would place them (see placeAdded).
 *
 * After commits, where dates come from git, the articles the new commits
 * touched are read again too, whatever their bytes: their git dates may have
 * moved (see touchedRead). With a previous feed, so are the articles whose
 * item in it changed (see lookedUpRead).
 *
 * Articles removed since are taken out of the counts and the feeds that held
 * them (see withoutRemoved): a renamed article is one removed and one added,
 * and one whose shape changed is taken out and put in again.
 *
 * Anything else is an ordinary build, which keeps a new plan: an article
 * leaving a full feed, a new error, more than a few changed
 * or added articles, an article added to a site with archive pages, a
 * history git cannot tell the new commits of. Everything
 * else a plan stands on (the tool, the options, the config, the reference
 * time's window, the other files read) is checked by the stamp (stamp.ts),
 * which the plan is bound to by the id of the build that left both.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Article } from './article/article.js';
import { previousKeyHash, type BuildPlan, type FileRecords } from './build-plan.js';
import { collect, previousReadOf, previousRefOf, type Candidate } from './collect.js';
import type { Config } from './config.js';
import { hasErrors, type Diagnostic } from './diagnostics.js';
import { facetsOf, type Facet } from './feeds/facets.js';
import { newestFirst } from './feeds/plan.js';
import type { ListedFile, Listing } from './source/discover.js';
import { unchangedSources } from './source/unchanged.js';
import { nameHash, namesIn, shapeOf } from './shape.js';
import { readGitHistory, type GitHistory } from './time/git.js';
import { changedKeys, previousFeedOf, type PreviousFeed, type PreviousItem } from './time/previous.js';
import { readsMtime } from './time/resolve.js';
import type { WorkerPool } from './util/worker-pool.js';
import { writeWhole } from './util/write-whole.js';

/**
 * Plans whose feeds hold more articles are not kept: each article is kept whole, and with the
 * 6,000 of a site with tag feeds, keeping them cost whole rebuilds more than it saved the others
 * (docs/benchmarks.md). The bound itself is a choice between the two, not a measurement.
 */
const KEEP_MAX_ITEMS = 2000;
/** At most this many changed articles are read here, one after the other; more make a whole build, which reads them on worker threads. A choice, not a measurement. */
const REUSE_MAX_CHANGED = 64;

type KeptCandidate = Omit<Candidate, 'article'> & { article: Omit<Article, 'source'> };

/** The first line of a kept plan: enough to tell that it is not this stamp's before the rest (2 MB for 10,000 articles) is parsed. */
interface KeptHead {
  /** The id of the build that kept it, also in its stamp. */
  build: string;
}

interface Kept {
  paths: string[];
  /** Size, mtime and ctime of each file, one after the other. */
  states: number[];
  hashes: string[];
  shapes: string[];
  /** Indexes of the files whose dates were read from their mtime: new times are a change for them. */
  mtimeDated: number[];
  /** Each file's publication instant, and the indexes of the drafts (FileRecords). */
  instants: number[];
  drafted: number[];
  /** With a previous feed: its items, and what each file's article was looked up by in it (FileRecords). */
  previous?: PreviousItem[];
  previousKeys?: string[];
  /** By the file's index: its diagnostics, without the file. */
  fileDiagnostics: Record<string, Omit<Diagnostic, 'file'>[]>;
  /** The diagnostics of no one article (of the folder as a whole). */
  otherDiagnostics: Diagnostic[];
  usesGit: boolean;
  articles: number;
  drafts: number;
  scheduled: number;
  window: BuildPlan['window'];
  /** The articles the feeds hold: the index of the file, and the article without its source. */
  toRender: [file: number, candidate: KeptCandidate][];
  /** Positions in toRender. */
  items: number[];
  pages: number[][];
  facets: (Omit<Facet, 'items'> & { items: number[] })[];
}

/** Keeps the plan of a successful build beside its stamp; best effort, like the stamp. */
export function keepPlan(file: string, build: string, plan: BuildPlan): void {
  try {
    const records = plan.toRender.length <= KEEP_MAX_ITEMS ? plan.records() : undefined;
    if (records === undefined) {
      rmSync(file, { force: true });
      return;
    }
    // Maps over every file only where needed: this runs on each rebuild, for 10,000 files and a few of them in feeds.
    const fileOf = new Map(plan.toRender.map((c) => [c.article.source.relPath, -1]));
    const states = new Array<number>(3 * plan.files.length);
    for (const [i, f] of plan.files.entries()) {
      if (fileOf.has(f.relPath)) fileOf.set(f.relPath, i);
      states[3 * i] = f.size;
      states[3 * i + 1] = f.mtimeMs;
      states[3 * i + 2] = f.ctimeMs;
    }
    const byDisplay = plan.diagnostics.length === 0 ? undefined : new Map(plan.files.map((f, i) => [f.displayPath, i]));
    const fileDiagnostics: Kept['fileDiagnostics'] = {};
    const otherDiagnostics: Diagnostic[] = [];
    for (const d of plan.diagnostics) {
      const i = byDisplay!.get(d.file);
      if (i === undefined) otherDiagnostics.push(d);
      else {
        const { file: _file, ...rest } = d;
        (fileDiagnostics[i] ??= []).push(rest);
      }
    }
    const at = new Map(plan.toRender.map((c, i) => [c, i]));
    const positions = (items: readonly Candidate[]) => items.map((c) => at.get(c)!);
    const head: KeptHead = { build };
    const kept: Kept = {
      paths: plan.files.map((f) => f.relPath),
      states,
      hashes: records.hashes,
      shapes: records.shapes,
      mtimeDated: records.mtimeDated,
      instants: records.instants,
      drafted: records.drafted,
      ...(plan.previous === undefined ? {} : { previous: plan.previous.items, previousKeys: records.previousKeys }),
      fileDiagnostics,
      otherDiagnostics,
      usesGit: plan.usesGit,
      articles: plan.articles,
      drafts: plan.drafts,
      scheduled: plan.scheduled,
      window: plan.window,
      toRender: plan.toRender.map((c) => {
        const { source: _source, ...article } = c.article;
        return [fileOf.get(c.article.source.relPath)!, { ...c, article }];
      }),
      items: positions(plan.items),
      pages: plan.pages.map(positions),
      facets: plan.facets.map((f) => ({ ...f, items: positions(f.items) })),
    };
    writeWhole(file, `${JSON.stringify(head)}\n${JSON.stringify(kept)}`);
  } catch {
    // A plan that cannot be written must not be left as the last build's.
    try {
      rmSync(file, { force: true });
    } catch {
      // then the id of the build that kept it, which is not the new stamp's, still tells it apart
    }
  }
}

export interface ReuseInput {
  config: Config;
  articlesDir: string;
  cwd: string;
  ci?: boolean;
  cacheDir: string;
  listed: Listing;
  /** The previous feed given on the command line (config.previous otherwise), and its reading, when the build reads one. */
  previous?: string;
  previousFeed?: Promise<PreviousFeed>;
  /** The stamped build's git state, when a commit was made since (stamp.ts Checked). */
  gitWas?: string;
  now: number;
  pool: () => WorkerPool | undefined;
}

/** The plan kept by the build whose id is `since`, if it still holds (see above); else undefined. */
export async function reusePlan(file: string, since: string, input: ReuseInput): Promise<BuildPlan | undefined> {
  const { files } = input.listed;
  const { config } = input;
  if (input.listed.diagnostics.length > 0) return undefined;
  let kept: Kept;
  try {
    const text = readFileSync(file, 'utf8');
    const cut = text.indexOf('\n');
    const head = JSON.parse(text.slice(0, cut)) as KeptHead;
    if (head.build !== since) return undefined;
    kept = JSON.parse(text.slice(cut + 1)) as Kept;
  } catch {
    return undefined;
  }
  // Where each listed file stands in the kept plan: undefined for an article added since.
  const { was, removed } = placesIn(kept.paths, files);
  if (removed.length > 0 && !removable(kept, input)) return undefined;
  const added = files.flatMap((_, j) => (was[j] === undefined ? [j] : []));
  // Archive pages are cut from the oldest article on: a new one can move every page.
  if (added.length > 0 && config.feeds.history === 'archive') return undefined;
  // The kept records, by the listing's order.
  const keptAt = <T>(list: readonly T[], missing: T) => files.map((_, j) => (was[j] === undefined ? missing : list[was[j]!]!));
  const hashes = keptAt(kept.hashes, '');
  const shapes = keptAt(kept.shapes, '');
  const previousKeys = kept.previousKeys && keptAt(kept.previousKeys, '');
  const instants = keptAt(kept.instants, Number.NaN);
  const keptSet = (indexes: readonly number[]) => {
    const set = new Set(indexes);
    return new Set(files.flatMap((_, j) => (was[j] !== undefined && set.has(was[j]!) ? [j] : [])));
  };
  const mtimeDated = keptSet(kept.mtimeDated);
  const drafted = keptSet(kept.drafted);
  // Checked before any file is hashed, and again as changed files are found.
  if (added.length > REUSE_MAX_CHANGED) return undefined;
  // A previous feed may have been published anew since: it is read again (build.ts started it) while the files are compared.
  const readsPrevious = input.previousFeed !== undefined;
  if (readsPrevious !== (kept.previous !== undefined && kept.previousKeys !== undefined)) return undefined;
  const previous = input.previousFeed?.catch(() => undefined);
  // After a commit, git is asked what the new commits touched meanwhile too.
  const [commitWas, wasShallow] = input.gitWas?.split('\n') ?? [];
  // A shallow clone's dates say nothing of the commits past its boundary, which a fetch can move.
  if (input.gitWas !== undefined && (!kept.usesGit || wasShallow !== 'false')) return undefined;
  const git = commitWas === undefined ? undefined : readGitHistory(path.resolve(input.cwd, input.articlesDir), files.map((f) => f.relPath), input.cacheDir, commitWas);
  const toRead = [...added];
  // The files with new times (every one, after a fresh checkout): the same bytes are the same
  // article, but not the same dates if they were read from the mtime.
  const retimed: number[] = [];
  for (const [j, f] of files.entries()) {
    const i = was[j];
    if (i === undefined || (f.size === kept.states[3 * i] && f.mtimeMs === kept.states[3 * i + 1] && f.ctimeMs === kept.states[3 * i + 2])) continue;
    if (mtimeDated.has(j)) toRead.push(j);
    else retimed.push(j);
  }
  // Undefined once too many changed. A file not readable now is read below, which says why.
  const same = await unchangedSources(
    path.resolve(input.cwd, input.articlesDir),
    retimed.map((j) => ({ file: files[j]!, hash: hashes[j]! })),
    REUSE_MAX_CHANGED - toRead.length,
  );
  for (const [k, j] of retimed.entries()) if (!same?.[k]) toRead.push(j);
  // Awaited even when the plan cannot be used, so that the whole build finds the new log kept.
  const history = await git;
  if (commitWas !== undefined && !touchedRead(history, commitWas, files, toRead)) return undefined;
  const previousFeed = await previous;
  if (readsPrevious) {
    // Not readable now: the whole build says why.
    if (previousFeed === undefined) return undefined;
    lookedUpRead(kept, previousFeed, was, toRead);
  }
  if (toRead.length > REUSE_MAX_CHANGED) return undefined;
  toRead.sort((a, b) => a - b);
  // The changed and added articles, read and resolved as a build does, without the article cache: opening it is what this saves.
  const fresh = new Map<number, Candidate>();
  const freshDiagnostics = new Map<string, Diagnostic[]>();
  // The changed articles whose shape changed.
  const reshaped: number[] = [];
  if (toRead.length > 0) {
    const read = await collect({
      config,
      articlesDir: input.articlesDir,
      cwd: input.cwd,
      ci: input.ci,
      cacheDir: input.cacheDir,
      articleCache: false,
      listed: { files: toRead.map((j) => files[j]!), diagnostics: [] },
      pool: input.pool,
      git: history,
      previous: input.previous,
      previousFeed: input.previousFeed,
    });
    if (hasErrors(read.diagnostics) || read.candidates.length !== toRead.length) return undefined;
    for (const [k, j] of toRead.entries()) {
      const c = read.candidates[k]!;
      const shape = shapeOf(c);
      if (c.article.source.relPath !== files[j]!.relPath) return undefined;
      if (was[j] !== undefined && shape !== kept.shapes[was[j]!]) reshaped.push(j);
      fresh.set(j, c);
      hashes[j] = c.article.source.hash;
      shapes[j] = shape;
      if (previousKeys) previousKeys[j] = previousKeyHash(c);
      if (readsMtime(c)) mtimeDated.add(j);
      else mtimeDated.delete(j);
      instants[j] = c.published.instant;
      if (c.draft) drafted.add(j);
      else drafted.delete(j);
    }
    for (const d of read.diagnostics) freshDiagnostics.set(d.file, [...(freshDiagnostics.get(d.file) ?? []), d]);
    const reshapedSet = new Set(reshaped);
    if (!keepsOrder(kept, toRead.flatMap((j) => (was[j] === undefined || reshapedSet.has(j) ? [] : [[was[j]!, fresh.get(j)!] as const])), input)) return undefined;
  }
  // An article whose shape changed is taken out as one removed, and placed again as one added.
  const back = new Map(reshaped.map((j) => [was[j]!, fresh.get(j)!]));
  if (back.size > 0 && !removable(kept, input)) return undefined;
  const trimmed = withoutRemoved(kept, [...removed, ...back.keys()], back, input);
  if (trimmed === undefined) return undefined;
  const diagnostics = [...kept.otherDiagnostics];
  for (const [j, f] of files.entries()) {
    if (fresh.has(j)) diagnostics.push(...(freshDiagnostics.get(f.displayPath) ?? []));
    else for (const d of kept.fileDiagnostics[was[j]!] ?? []) diagnostics.push({ file: f.displayPath, ...d } as Diagnostic);
  }
  const listedAt = new Map(was.flatMap((i, j) => (i === undefined ? [] : [[i, j] as const])));
  // The articles the feeds held, but for those removed or reshaped since (which trimmed took out of the feeds).
  const keptToRender = kept.toRender.map(([i, c]) => {
    const j = listedAt.get(i);
    return j === undefined || back.has(i) ? undefined : (fresh.get(j) ?? { ...c, article: { ...c.article, source: { ...files[j]!, hash: hashes[j]! } } });
  });
  const at = (positions: number[]) => positions.map((p) => keptToRender[p]!);
  const plan: Planned = {
    articles: trimmed.articles,
    drafts: trimmed.drafts,
    scheduled: trimmed.scheduled,
    window: trimmed.window,
    items: at(trimmed.items),
    facets: trimmed.facets.map((f) => ({ ...f, items: at(f.items) })),
  };
  const placing = [...added, ...reshaped];
  const newcomers = placing.map((j) => fresh.get(j)!);
  if (!placeAdded(plan, newcomers, shapes, placing, input)) return undefined;
  const pages = kept.pages.map(at);
  let toRender = plan.items;
  if (plan.facets.length > 0 || pages.length > 0) {
    const held = new Set([...plan.items, ...plan.facets.flatMap((f) => f.items), ...pages.flat()]);
    toRender = [...keptToRender, ...newcomers].filter((c): c is Candidate => c !== undefined && held.has(c)).sort(newestFirst);
  }
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  const records: FileRecords = { hashes, shapes, mtimeDated: sorted(mtimeDated), instants, drafted: sorted(drafted), ...(previousKeys && { previousKeys }) };
  return {
    articlesDir: path.resolve(input.cwd, input.articlesDir),
    files,
    usesGit: kept.usesGit,
    ...(readsPrevious && { previousRead: previousReadOf(previousRefOf(config, input.previous)!, input.cwd), previous: previousFeed }),
    diagnostics,
    ...plan,
    pages,
    toRender,
    records: () => records,
  };
}

/**
 * Adds to `toRead` the files the commits since the stamped build's (`since`) touched: their git
 * dates may have moved, whatever their bytes. False when that cannot be told (a merge since, a
 * rewritten history, a shallow clone), so any file's dates may have moved.
 */
function touchedRead(history: GitHistory | undefined, since: string, files: readonly ListedFile[], toRead: number[]): boolean {
  if (history?.extended === undefined || history.extended.from !== since) return false;
  const { touched } = history.extended;
  const reading = new Set(toRead);
  for (const [j, f] of files.entries()) if (touched.has(f.relPath) && !reading.has(j)) toRead.push(j);
  return true;
}

/**
 * Adds to `toRead` the articles whose item in the previous feed may have changed since the kept
 * plan was made: those looked up by an id or URL under which the feed now holds another item (or
 * none, or one where there was none). Every other article finds what it found then.
 */
function lookedUpRead(kept: Kept, now: PreviousFeed, was: readonly (number | undefined)[], toRead: number[]): void {
  const changed = new Set([...changedKeys(previousFeedOf(now.source, kept.previous!), now)].map(nameHash));
  if (changed.size === 0) return;
  const reading = new Set(toRead);
  for (const [j, i] of was.entries()) if (i !== undefined && !reading.has(j) && changed.has(kept.previousKeys![i]!)) toRead.push(j);
}

/**
 * Whether the changed articles keep their order. Their shapes are the same, but a shape leaves the
 * updated date out (shape.ts): it orders items only among articles published at the same instant.
 * So an article whose updated date may have moved (unknown for one no feed holds) must not share
 * its published instant with another article the feeds hold, nor end a full feed, where it may
 * share it with one the feed left out, which the plan does not hold.
 */
function keepsOrder(kept: Kept, changed: readonly (readonly [file: number, fresh: Candidate])[], input: ReuseInput): boolean {
  if (changed.length === 0) return true;
  const heldAt = new Map(kept.toRender.map(([i], p) => [i, p]));
  const sharing = new Map<number, number>();
  for (const [, c] of kept.toRender) sharing.set(c.published.instant, (sharing.get(c.published.instant) ?? 0) + 1);
  const { limit, history } = input.config.feeds;
  const lastOfFull = new Set<number>();
  if (limit > 0 && history !== 'complete' && kept.items.length >= limit) lastOfFull.add(kept.items.at(-1)!);
  for (const f of kept.facets) if (limit > 0 && f.items.length >= limit) lastOfFull.add(f.items.at(-1)!);
  for (const [i, c] of changed) {
    if (c.draft || c.published.instant > input.now) continue;
    const p = heldAt.get(i);
    if (p !== undefined && kept.toRender[p]![1].updated.instant === c.updated.instant) continue;
    if ((sharing.get(c.published.instant) ?? 0) > (p === undefined ? 0 : 1)) return false;
    if (p !== undefined && lastOfFull.has(p)) return false;
  }
  return true;
}

/** What adding articles to a plan changes. */
interface Planned {
  articles: number;
  drafts: number;
  scheduled: number;
  window: BuildPlan['window'];
  items: Candidate[];
  facets: Facet[];
}

/**
 * Places articles added since the plan was kept (or put in again, their shape changed) as a whole build would: counted, and each live one
 * in every feed it sorts into (the last item of a full feed then drops out). False, for a whole
 * build, when one may share an id or a URL with another article (the filter of the kept ids and
 * URLs matched), or has a tag, author or language spelled unlike the feed it folds into (the feed's
 * name, and a warning, would then depend on every article).
 */
function placeAdded(plan: Planned, newcomers: readonly Candidate[], shapes: readonly string[], added: readonly number[], input: ReuseInput): boolean {
  if (newcomers.length === 0) return true;
  const keptIds = new Set<string>();
  const keptUrls = new Set<string>();
  const isNew = new Set(added);
  for (const [j, shape] of shapes.entries()) {
    if (isNew.has(j)) continue;
    const names = namesIn(shape);
    if (names === undefined) return false;
    keptIds.add(names.id);
    keptUrls.add(names.url);
  }
  const { limit, history } = input.config.feeds;
  for (const [k, c] of newcomers.entries()) {
    const names = namesIn(shapes[added[k]!]!);
    if (names === undefined || keptIds.has(names.id) || keptUrls.has(names.url)) return false;
    plan.articles++;
    if (c.draft) {
      plan.drafts++;
      continue;
    }
    const t = c.published.instant;
    if (t > input.now) {
      plan.scheduled++;
      plan.window.until = plan.window.until === null ? t : Math.min(plan.window.until, t);
      continue;
    }
    plan.window.from = Math.max(plan.window.from, t);
    plan.items = placed(plan.items, c, history === 'complete' ? 0 : limit);
    for (const { kind, label, dir } of facetsOf(c, input.config)) {
      const facet = plan.facets.find((f) => f.dir === dir);
      if (facet === undefined) plan.facets.push({ kind, label, dir, items: [c] });
      else if (facet.label !== label || facet.items.includes(c)) return false;
      else facet.items = placed(facet.items, c, limit);
    }
  }
  plan.facets.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  return true;
}

/** `list` (newest first, at most `limit` items; 0 for all) with `c` in its place, if it sorts into it. */
function placed(list: readonly Candidate[], c: Candidate, limit: number): Candidate[] {
  const found = list.findIndex((x) => newestFirst(c, x) < 0);
  const at = found === -1 ? list.length : found;
  if (limit > 0 && at >= limit) return [...list];
  const next = [...list.slice(0, at), c, ...list.slice(at)];
  return limit > 0 ? next.slice(0, limit) : next;
}

/**
 * Where each listed file stands in the kept paths (both in the listing's order, code units),
 * undefined for a file added since; and the kept paths gone since (removed, or renamed).
 */
function placesIn(paths: readonly string[], files: readonly ListedFile[]): { was: (number | undefined)[]; removed: number[] } {
  const was: (number | undefined)[] = [];
  const removed: number[] = [];
  let i = 0;
  for (const f of files) {
    while (i < paths.length && paths[i]! < f.relPath) removed.push(i++);
    was.push(f.relPath === paths[i] ? i++ : undefined);
  }
  while (i < paths.length) removed.push(i++);
  return { was, removed };
}

/** The counts, window and feeds (by positions in the kept toRender) of a kept plan. */
type Trimmed = Pick<Kept, 'articles' | 'drafts' | 'scheduled' | 'window' | 'items' | 'facets'>;

/**
 * Whether articles can be taken out of the kept plan at all: not from archive pages (cut from the
 * oldest article on), nor where tags or names are spelled two ways (that warning depends on every
 * article, and the plan does not keep which spellings there are).
 */
function removable(kept: Kept, input: ReuseInput): boolean {
  return input.config.feeds.history !== 'archive' && !kept.otherDiagnostics.some((d) => d.code === 'facet-shared');
}

/**
 * The kept plan without the articles removed since (and those whose shape changed, whose new
 * version is in `back` by kept index: placeAdded puts it in again): counted out, and taken out of
 * the feeds that held them. Undefined, for a whole build, where a full feed loses one (the next
 * article in line is not kept), unless it is a new version that comes back into that feed before
 * the item that ended it (every article the feed left out sorts after that one).
 */
function withoutRemoved(kept: Kept, removed: readonly number[], back: ReadonlyMap<number, Candidate>, input: ReuseInput): Trimmed | undefined {
  const trimmed: Trimmed = { articles: kept.articles, drafts: kept.drafts, scheduled: kept.scheduled, window: { ...kept.window }, items: kept.items, facets: kept.facets };
  if (removed.length === 0) return trimmed;
  const { limit, history } = input.config.feeds;
  const drafted = new Set(kept.drafted);
  const heldAt = new Map(kept.toRender.map(([i], p) => [i, p]));
  const gone = new Set<number>();
  for (const i of removed) {
    trimmed.articles--;
    const t = kept.instants[i]!;
    if (drafted.has(i)) trimmed.drafts--;
    // The range of --now stays bounded by it: narrower than it need be, so a build past it builds again.
    else if (t > input.now) trimmed.scheduled--;
    else if (heldAt.has(i)) gone.add(heldAt.get(i)!);
    // else live, and beyond the end of every feed it sorts into
  }
  const live = (c: Candidate) => !c.draft && c.published.instant <= input.now;
  // A feed without the articles gone; undefined when it was full (cut at the limit) and one does not come back into it.
  const without = (list: number[], cut: boolean, into: (c: Candidate) => boolean) => {
    if (!list.some((p) => gone.has(p))) return list;
    if (cut && limit > 0 && list.length >= limit) {
      const last = kept.toRender[list.at(-1)!]![1];
      for (const p of list) {
        if (!gone.has(p)) continue;
        const again = back.get(kept.toRender[p]![0]);
        if (again === undefined || !live(again) || !into(again) || newestFirst(again, last) >= 0) return undefined;
      }
    }
    return list.filter((p) => !gone.has(p));
  };
  const items = without(kept.items, history !== 'complete', () => true);
  if (items === undefined) return undefined;
  const facets: Kept['facets'] = [];
  for (const f of kept.facets) {
    const rest = without(f.items, true, (c) => facetsOf(c, input.config).some((x) => x.dir === f.dir));
    if (rest === undefined) return undefined;
    if (rest.length > 0) facets.push({ ...f, items: rest });
  }
  // The range of --now keeps its start, though the newest article may be gone: narrower than it need be, as above.
  return { ...trimmed, items, facets };
}
