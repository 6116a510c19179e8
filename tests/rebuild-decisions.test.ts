/**
 * What changed, so what a rebuild must read again (src/rebuild/changes.ts): pure functions of what
 * the last build kept and what is listed now, tested without any file.
 */
import { describe, expect, it } from 'vitest';
import { changedKeys, compareListing, filesToRead, samePlan, type FreshView, type KeptFiles } from '../src/rebuild/changes.js';
import { previousFeedOf } from '../src/time/previous.js';

const file = (relPath: string, size = 10, mtimeMs = 1000, ctimeMs = 1000) => ({ relPath, size, mtimeMs, ctimeMs });
const kept = (paths: string[], mtimeDated: number[] = []): KeptFiles => ({ paths, states: paths.flatMap(() => [10, 1000, 1000]), mtimeDated });

describe('compareListing', () => {
  it('pairs the listing with the kept files, both sorted by path', () => {
    const changes = compareListing(kept(['a.md', 'b.md', 'd.md']), [file('a.md'), file('c.md'), file('d.md'), file('e.md')]);
    expect(changes).toEqual({ was: [0, undefined, 2, undefined], removed: [1], added: [1, 3], retimed: [], redated: [] });
  });

  it('tells a renamed file as one removed and one added', () => {
    expect(compareListing(kept(['old.md']), [file('new.md')])).toMatchObject({ was: [undefined], removed: [0], added: [0] });
  });

  it('sees any change of size, mtime or ctime, and sets apart the files dated by their mtime', () => {
    const changes = compareListing(kept(['a.md', 'b.md', 'c.md', 'd.md'], [3]), [file('a.md', 11), file('b.md', 10, 2000), file('c.md', 10, 1000, 5), file('d.md', 10, 2000)]);
    expect(changes.retimed).toEqual([0, 1, 2]);
    expect(changes.redated).toEqual([3]);
  });

  it('finds nothing when nothing changed, and everything removed when nothing is listed', () => {
    expect(compareListing(kept(['a.md', 'b.md']), [file('a.md'), file('b.md')])).toEqual({ was: [0, 1], removed: [], added: [], retimed: [], redated: [] });
    expect(compareListing(kept(['a.md', 'b.md']), []).removed).toEqual([0, 1]);
  });

  it('compares paths by code units, as the listing sorts them', () => {
    // "Z" sorts before "a" in code units, not in a locale's order.
    expect(compareListing(kept(['Z.md', 'a.md']), [file('Z.md'), file('a.md')]).removed).toEqual([]);
  });
});

describe('filesToRead', () => {
  const listed = [file('a.md'), file('b.md', 11), file('c.md', 10, 2000), file('d.md'), file('e.md')];
  const changes = compareListing(kept(['a.md', 'b.md', 'c.md', 'd.md'], [2]), listed);

  it('reads the added, the redated, and the retimed whose bytes changed, in the listing order', () => {
    expect(changes.retimed).toEqual([1]);
    expect(filesToRead(changes, { sameBytes: [true] }, listed)).toEqual([2, 4]);
    expect(filesToRead(changes, { sameBytes: [false] }, listed)).toEqual([1, 2, 4]);
  });

  it('reads the files new commits touched, whatever their bytes', () => {
    expect(filesToRead(changes, { sameBytes: [true], touched: new Set(['a.md', 'gone.md']) }, listed)).toEqual([0, 2, 4]);
  });

  it('reads the kept files looked up under a changed item of the previous feed, by their kept index', () => {
    expect(filesToRead(changes, { sameBytes: [true], lookedUp: [3] }, listed)).toEqual([2, 3, 4]);
  });

  it('reads each file once, however many reasons it has', () => {
    expect(filesToRead(changes, { sameBytes: [false], touched: new Set(['b.md', 'c.md', 'e.md']), lookedUp: [1, 2] }, listed)).toEqual([1, 2, 4]);
  });
});

describe('changedKeys', () => {
  const item = (id: string, url?: string, instant?: number) => ({ id, url, published: instant === undefined ? undefined : { instant, offset: 0, precision: 'second' as const } });

  it('names the ids and URLs under which the two feeds hold different items', () => {
    const before = previousFeedOf('feed', [item('1', 'https://x/1', 10), item('2', 'https://x/2', 20), item('3', 'https://x/3', 30)]);
    const after = previousFeedOf('feed', [item('1', 'https://x/1', 10), item('2', 'https://x/2', 25), item('4', 'https://x/4', 40)]);
    expect([...changedKeys(before, after)].sort()).toEqual(['2', '3', '4', 'https://x/2', 'https://x/3', 'https://x/4']);
  });

  it('names nothing for the same feed, and every key against an empty one', () => {
    const feed = previousFeedOf('feed', [item('1', 'https://x/1', 10)]);
    expect(changedKeys(feed, previousFeedOf('feed', [item('1', 'https://x/1', 10)])).size).toBe(0);
    expect([...changedKeys(feed, previousFeedOf('feed', []))].sort()).toEqual(['1', 'https://x/1']);
  });
});

describe('samePlan', () => {
  const listed = [file('a.md'), file('b.md', 11), file('c.md')];
  const changes = compareListing(kept(['a.md', 'b.md', 'c.md']), listed);
  const keptPlan = { view: (i: number) => ['A', 'B', 'C'][i]!, updated: [10, 20, 30], shared: [200] };
  const fresh = (entries: [number, FreshView][]) => new Map(entries);

  it('holds when the articles read again have the view and updated date they had', () => {
    expect(samePlan(changes, fresh([[1, { line: 'B', published: 100, updated: 20 }]]), keptPlan)).toBe(true);
    expect(samePlan(changes, fresh([]), keptPlan)).toBe(true);
  });

  it('holds when an updated date moved on an article no other shares its publication instant with', () => {
    expect(samePlan(changes, fresh([[1, { line: 'B', published: 100, updated: 25 }]]), keptPlan)).toBe(true);
  });

  it('does not hold when an updated date moved on an article published at an instant another shares', () => {
    expect(samePlan(changes, fresh([[1, { line: 'B', published: 200, updated: 25 }]]), keptPlan)).toBe(false);
  });

  it('does not hold when a view changed, or a file was added or removed', () => {
    expect(samePlan(changes, fresh([[1, { line: 'B2', published: 100, updated: 20 }]]), keptPlan)).toBe(false);
    const added = compareListing(kept(['a.md', 'c.md']), [file('a.md'), file('b.md'), file('c.md')]);
    expect(samePlan(added, fresh([]), keptPlan)).toBe(false);
    const removed = compareListing(kept(['a.md', 'b.md', 'c.md', 'd.md']), listed);
    expect(samePlan(removed, fresh([]), keptPlan)).toBe(false);
  });
});
