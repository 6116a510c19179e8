/**
 * Full history for big sites (RFC 5005, Feed Paging and Archiving).
 *
 * "complete": the feed holds every item and says so with <fh:complete/>, so a
 * reader may drop what is no longer in it.
 *
 * "archive": the subscription feed holds the newest items and points with
 * prev-archive to a chain of archive pages of `pageSize` items each. RFC 5005
 * section 4 asks that the set of entries of an archive page at a URI not change
 * over time; it does not ask that entries be in date order across pages (a
 * client rebuilds the feed by walking the chain). So the pages as last
 * published, when the build was given them (`--previous`), are kept: each keeps
 * its items (less those gone since), whatever their dates say now. Every other
 * item, a late arrival with an old date or a new article, waits in the
 * subscription feed, and new full pages are cut from the oldest of those. Without
 * the published pages (a first build, or none readable), pages are cut from the
 * oldest item by date, which is what the same articles always give.
 */

export interface ArchivePlan<T> {
  /** The subscription feed's items, newest first. */
  current: T[];
  /** Full pages, oldest page first; each page's items newest first. */
  pages: T[][];
}

/**
 * `live` is newest first; `limit` 0 means every item in the subscription feed; `published`, the
 * item ids of each page as last published, oldest page first.
 */
export function planArchive<T extends { id: string }>(live: readonly T[], pageSize: number, limit: number, published: readonly (readonly string[])[] = []): ArchivePlan<T> {
  const kept = keptPages(live, published);
  const inKept = new Set(kept.flat());
  const rest = inKept.size === 0 ? live : live.filter((c) => !inKept.has(c));
  const oldestFirst = [...rest].reverse();
  const full = Math.floor(rest.length / pageSize);
  const cut = Array.from({ length: full }, (_, i) => oldestFirst.slice(i * pageSize, (i + 1) * pageSize).reverse());
  // Every item not in a page is in the subscription feed, with the newest `limit` items whatever their page.
  const open = new Set(rest.slice(0, rest.length - full * pageSize));
  const current = limit === 0 ? [...live] : live.filter((c, i) => i < limit || open.has(c));
  return { current, pages: [...kept, ...cut] };
}

/**
 * The published pages with the items they held that are still live, each newest first. An item
 * gone since leaves its page short (the page changes, no other one does); an id in two pages
 * stays in the older. A page left empty keeps its place, so that the pages after it keep their
 * addresses, unless no page after it has an item.
 */
function keptPages<T extends { id: string }>(live: readonly T[], published: readonly (readonly string[])[]): T[][] {
  if (published.length === 0) return [];
  const at = new Map(live.map((c, i) => [c.id, i]));
  const placed = new Set<number>();
  const pages = published.map((ids) => {
    const members: number[] = [];
    for (const id of ids) {
      const i = at.get(id);
      if (i === undefined || placed.has(i)) continue;
      placed.add(i);
      members.push(i);
    }
    return members.sort((a, b) => a - b).map((i) => live[i]!);
  });
  while (pages.length > 0 && pages.at(-1)!.length === 0) pages.pop();
  return pages;
}

/** The folder of archive page `n` (1 is the oldest), under the output folder. */
export function archiveDir(n: number): string {
  return `archive/${n}`;
}
