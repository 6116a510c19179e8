/**
 * Full history for big sites (RFC 5005, Feed Paging and Archiving).
 *
 * "complete": the feed holds every item and says so with <fh:complete/>, so a
 * reader may drop what is no longer in it.
 *
 * "archive": the subscription feed holds the newest items and points with
 * prev-archive to a chain of archive pages of `pageSize` items each. Pages are
 * cut from the oldest item on, so a new article never moves an item between
 * pages: a full page keeps its items forever (until an old article is deleted
 * or its date changes), and crawlers can cache it. Items not yet in a full
 * page stay in the subscription feed, which therefore holds at least those.
 */

export interface ArchivePlan<T> {
  /** The subscription feed's items, newest first. */
  current: T[];
  /** Full pages, oldest page first; each page's items newest first. */
  pages: T[][];
}

/** `live` is newest first; `limit` 0 means every item in the subscription feed. */
export function planArchive<T>(live: readonly T[], pageSize: number, limit: number): ArchivePlan<T> {
  const oldestFirst = [...live].reverse();
  const full = Math.floor(oldestFirst.length / pageSize);
  const pages = Array.from({ length: full }, (_, i) => oldestFirst.slice(i * pageSize, (i + 1) * pageSize).reverse());
  const notArchived = live.length - full * pageSize;
  const shown = limit === 0 ? live.length : Math.max(limit, notArchived);
  return { current: live.slice(0, shown), pages };
}

/** The folder of archive page `n` (1 is the oldest), under the output folder. */
export function archiveDir(n: number): string {
  return `archive/${n}`;
}
