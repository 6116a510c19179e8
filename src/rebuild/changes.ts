/**
 * What changed since the last build, so what must be read again: pure functions over what the
 * last build kept and what is there now (the I/O that finds the facts is in kept-plan.ts). A
 * rebuild reads only these articles and plans again from what it kept of all the others.
 */
import { hash } from 'node:crypto';
import type { PreviousFeed } from '../time/previous.js';
import { sameState } from '../util/file-state.js';

/** What the last build kept of the files it listed, in the listing's order (code units). */
export interface KeptFiles {
  paths: readonly string[];
  /** Size, mtime and ctime of each file, one after the other. */
  states: readonly number[];
  /** Indexes of the files whose dates were read from their mtime: new times are a change for them. */
  mtimeDated: readonly number[];
}

interface Listed {
  relPath: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export interface ListingChanges {
  /** Of each listed file, its index among the kept files; undefined for a file added since. */
  was: (number | undefined)[];
  /** Kept files gone since (removed, or renamed: a renamed file is one removed and one added). */
  removed: number[];
  /** Listed files added since. */
  added: number[];
  /** Kept files with a new state: changed, or the same bytes with new times (every file of a fresh checkout). */
  retimed: number[];
  /** Kept files dated by their mtime, with a new state: their dates moved, whatever their bytes. */
  redated: number[];
}

/** The listing against the kept files. Both are sorted by path, so one walk pairs them. */
export function compareListing(kept: KeptFiles, files: readonly Listed[]): ListingChanges {
  const changes: ListingChanges = { was: [], removed: [], added: [], retimed: [], redated: [] };
  const mtimeDated = new Set(kept.mtimeDated);
  let i = 0;
  for (const [j, f] of files.entries()) {
    while (i < kept.paths.length && kept.paths[i]! < f.relPath) changes.removed.push(i++);
    if (f.relPath !== kept.paths[i]) {
      changes.was.push(undefined);
      changes.added.push(j);
      continue;
    }
    changes.was.push(i);
    const { states } = kept;
    if (!sameState(f, { size: states[3 * i]!, mtimeMs: states[3 * i + 1]!, ctimeMs: states[3 * i + 2]! })) (mtimeDated.has(i) ? changes.redated : changes.retimed).push(j);
    i++;
  }
  while (i < kept.paths.length) changes.removed.push(i++);
  return changes;
}

/** What else tells an article to be read again, found by kept-plan.ts. */
export interface ChangeFacts {
  /** Of each retimed file, in order, whether it still holds the bytes kept. */
  sameBytes: readonly boolean[];
  /** The current paths of the files the commits since the last build touched: their git dates may have moved. */
  touched?: ReadonlySet<string>;
  /** The kept files looked up in the previous feed under a key whose item changed (see changedKeys). */
  lookedUp?: readonly number[];
}

/** The listed files to read: added, redated, changed, touched by new commits, or whose item in the previous feed changed; in the listing's order. */
export function filesToRead(changes: ListingChanges, facts: ChangeFacts, files: readonly Listed[]): number[] {
  const read = new Set([...changes.added, ...changes.redated, ...changes.retimed.filter((_, k) => !facts.sameBytes[k])]);
  if (facts.touched) for (const [j, f] of files.entries()) if (facts.touched.has(f.relPath)) read.add(j);
  if (facts.lookedUp) {
    const looked = new Set(facts.lookedUp);
    for (const [j, i] of changes.was.entries()) if (i !== undefined && looked.has(i)) read.add(j);
  }
  return [...read].sort((a, b) => a - b);
}

/**
 * The keys (ids and URLs) under which `before` and `after` hold different items, in either map: an
 * article looked up by any other key finds the same item in both.
 */
export function changedKeys(before: PreviousFeed, after: PreviousFeed): Set<string> {
  const changed = new Set<string>();
  for (const key of ['byId', 'byUrl'] as const) {
    for (const text of new Set([...before[key].keys(), ...after[key].keys()])) {
      if (JSON.stringify(before[key].get(text)) !== JSON.stringify(after[key].get(text))) changed.add(text);
    }
  }
  return changed;
}

/** A name (a key of the previous feed, a URL) hashed short: kept for every article, where a match only means a closer look. */
export function nameHash(key: string): string {
  return hash('sha1', key, 'base64').slice(0, 11);
}

/** The kept files looked up in the previous feed under one of these changed keys (nameHash of each, '' for none). */
export function lookedUpUnder(previousKeys: readonly string[], changed: ReadonlySet<string>): number[] {
  const hashed = new Set([...changed].map(nameHash));
  return hashed.size === 0 ? [] : previousKeys.flatMap((key, i) => (hashed.has(key) ? [i] : []));
}

/** An article read again, as planning sees it: its view line, and its publication and update instants. */
export interface FreshView {
  line: string;
  published: number;
  updated: number;
}

/**
 * Whether the last plan still holds as it was: no article added or removed, and every article read
 * again plans as before: the same view line (id, URL, draft, publication date, tags, authors,
 * language) and, where its updated date moved, no other article published at the same instant
 * (an updated date orders articles only among those; an edit committed to git moves it). The plan
 * is a function of these, the config and the reference time's window, which the stamp checks.
 */
export function samePlan(changes: ListingChanges, fresh: ReadonlyMap<number, FreshView>, kept: { view(i: number): string; updated: readonly number[]; shared: readonly number[] }): boolean {
  if (changes.added.length > 0 || changes.removed.length > 0) return false;
  const shared = new Set(kept.shared);
  for (const [j, now] of fresh) {
    const i = changes.was[j]!;
    if (kept.view(i) !== now.line) return false;
    if (kept.updated[i] !== now.updated && shared.has(now.published)) return false;
  }
  return true;
}

/**
 * What the previous feed's archive pages say, in one short string: the ids of each page hashed
 * ('' without pages; 'problem' when they could not be read, which the plan kept cannot stand on).
 * A plan is made again when it differs from the kept one's: it lays out the archive pages.
 */
export function pagesDigest(previous: PreviousFeed | undefined): string {
  const archive = previous?.archive;
  if (archive === undefined) return '';
  return 'problem' in archive ? 'problem' : hash('sha1', JSON.stringify(archive.pages), 'base64');
}
