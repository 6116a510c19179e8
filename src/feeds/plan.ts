/**
 * Chooses and orders the items of a feed: drafts and articles scheduled after
 * `now` are left out; newest first, with the id as the tie-breaker so equal
 * dates always come out in the same order; then the configured limit.
 */
import type { Timestamp } from '../time/timestamp.js';

export interface Plannable {
  id: string;
  draft: boolean;
  published: Timestamp;
  updated: Timestamp;
}

export interface Plan<T> {
  items: T[];
  drafts: number;
  scheduled: number;
}

export function planFeed<T extends Plannable>(candidates: readonly T[], now: number, limit: number): Plan<T> {
  let drafts = 0;
  let scheduled = 0;
  const live: T[] = [];
  for (const c of candidates) {
    if (c.draft) drafts++;
    else if (c.published.instant > now) scheduled++;
    else live.push(c);
  }
  live.sort(newestFirst);
  return { items: limit > 0 ? live.slice(0, limit) : live, drafts, scheduled };
}

/** The order of every feed: newest published first, then newest updated, then by id. */
export function newestFirst(a: Plannable, b: Plannable): number {
  return b.published.instant - a.published.instant || b.updated.instant - a.updated.instant || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
