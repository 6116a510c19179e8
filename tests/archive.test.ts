/**
 * Archive pages as published stay as published (RFC 5005 section 4: the set of entries of an
 * archive document SHOULD NOT change). With the previous feed given, an article that arrives late
 * with an old date (an import, a draft published late) waits in the subscription feed instead of
 * shifting every full page after its date; without it, pages are cut by date. Each test publishes
 * as the publish workflow does: the output folder copied to where the site is served, and the next
 * build given that feed as --previous (a file here, over HTTP from a loopback server below).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE_CONFIG, buildHere, buildHereCli, makeProject, readOut, ROOT } from './support/project.js';
import { atomErrors, jsonFeedErrors, rssErrors } from './support/validate.js';

const post = (n: number, day = String(n).padStart(2, '0')) => `---\ntitle: Post ${n}\ndate: 2024-01-${day}\n---\nBody ${n}.\n`;
const posts = (from: number, to: number) => Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [`p${from + i}.md`, post(from + i)]));
const CONFIG = { ...BASE_CONFIG, feeds: { limit: 2, history: 'archive', archivePageSize: 3 } };

const titles = (dir: string, file: string) => (JSON.parse(readOut(dir, file)).items as { title: string }[]).map((i) => i.title);
/** Each archive page's titles, oldest page first, as a client finds them walking next_url from the subscription feed. */
function pagesOf(dir: string): string[][] {
  const pages: string[][] = [];
  let next = JSON.parse(readOut(dir, 'feed.json')).next_url as string | undefined;
  while (next) {
    const file = next.replace(BASE_CONFIG.site.url, '');
    pages.unshift(titles(dir, file));
    next = JSON.parse(readOut(dir, file)).next_url;
  }
  return pages;
}
/** Every file under `dir`, by relative path, with its text. */
const files = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [path.relative(dir, path.join(e.parentPath, e.name)), readFileSync(path.join(e.parentPath, e.name), 'utf8')])
      .sort(),
  );
/** What the build said of the archive pages' files: "N files written, M unchanged". */
const archiveLine = (stdout: string) => /archive feeds: (.*)/.exec(stdout)?.[1];
/** Publishes the output folder, as Pages would serve it. */
function publish(dir: string): void {
  rmSync(path.join(dir, 'site'), { recursive: true, force: true });
  cpSync(path.join(dir, 'dist'), path.join(dir, 'site'), { recursive: true });
}

describe('archive pages with the previous feed', () => {
  it('keep every full page as published when an article arrives dated inside the archived range', async () => {
    const dir = makeProject(posts(1, 10), CONFIG);
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(pagesOf(dir)).toEqual([['Post 3', 'Post 2', 'Post 1'], ['Post 6', 'Post 5', 'Post 4'], ['Post 9', 'Post 8', 'Post 7']]);
    publish(dir);
    const pages = ['1', '2', '3'].flatMap((n) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `archive/${n}/${f}`));
    const before = Object.fromEntries(pages.map((p) => [p, readOut(dir, p)]));
    // An import dated before every other article.
    writeFileSync(path.join(dir, 'articles', 'imported.md'), post(0, '01').replace('2024-01-01', '2023-06-01').replace('Post 0', 'Imported'));
    const run = await buildHereCli(dir, ['--previous', 'site/feed.json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(archiveLine(run.stdout)).toBe('0 files written, 9 unchanged');
    for (const p of pages) expect(readOut(dir, p), p).toBe(before[p]);
    // It waits in the subscription feed, with the newest feeds.limit items: a client walking the chain still sees all 11.
    expect(titles(dir, 'feed.json')).toEqual(['Post 10', 'Post 9', 'Imported']);
    expect(pagesOf(dir)).toEqual([['Post 3', 'Post 2', 'Post 1'], ['Post 6', 'Post 5', 'Post 4'], ['Post 9', 'Post 8', 'Post 7']]);

    // Two more articles: the three not in a page make a new one, the oldest first.
    publish(dir);
    writeFileSync(path.join(dir, 'articles', 'p11.md'), post(11));
    writeFileSync(path.join(dir, 'articles', 'p12.md'), post(12));
    const next = await buildHereCli(dir, ['--previous', 'site/feed.json']);
    expect(archiveLine(next.stdout)).toBe('3 files written, 9 unchanged');
    expect(pagesOf(dir).at(-1)).toEqual(['Post 11', 'Post 10', 'Imported']);
    expect(titles(dir, 'feed.json')).toEqual(['Post 12', 'Post 11']);

    // Without the previous feed the layout is the date order of the articles alone.
    const fresh = await buildHereCli(dir, ['--no-cache', '--out', 'fresh']);
    expect(fresh.code).toBe(0);
    expect(titles(dir, '../fresh/archive/1/feed.json')).toEqual(['Post 2', 'Post 1', 'Imported']);
  });

  it('take a deleted article out of its page alone, which is left one short; an edit rewrites only its own page', async () => {
    const dir = makeProject(posts(1, 10), CONFIG);
    await buildHereCli(dir);
    publish(dir);
    rmSync(path.join(dir, 'articles', 'p5.md'));
    const run = await buildHereCli(dir, ['--previous', 'site/feed.json']);
    expect(archiveLine(run.stdout)).toBe('3 files written, 6 unchanged');
    expect(pagesOf(dir)).toEqual([['Post 3', 'Post 2', 'Post 1'], ['Post 6', 'Post 4'], ['Post 9', 'Post 8', 'Post 7']]);
    publish(dir);
    // The changed entry is rewritten where it is (RFC 5005 lets a changed entry change its page).
    writeFileSync(path.join(dir, 'articles', 'p8.md'), post(8).replace('Body 8.', 'Body 8, corrected.'));
    const edited = await buildHereCli(dir, ['--previous', 'site/feed.json']);
    expect(archiveLine(edited.stdout)).toBe('3 files written, 6 unchanged');
    expect(readOut(dir, 'archive/3/feed.json')).toContain('Body 8, corrected.');
    // A page whose every article is gone keeps its place while a later page has items, so later pages keep their addresses.
    publish(dir);
    for (const n of [4, 6]) rmSync(path.join(dir, 'articles', `p${n}.md`));
    await buildHereCli(dir, ['--previous', 'site/feed.json']);
    expect(pagesOf(dir)).toEqual([['Post 3', 'Post 2', 'Post 1'], [], ['Post 9', 'Post 8', 'Post 7']]);
    expect(rssErrors(readOut(dir, 'archive/2/rss.xml'))).toEqual([]);
    expect(atomErrors(readOut(dir, 'archive/2/atom.xml'))).toEqual([]);
    expect(jsonFeedErrors(readOut(dir, 'archive/2/feed.json'))).toEqual([]);
  });

  it('keep pages published in RSS or Atom too, and pages of another size as they were published', async () => {
    for (const feed of ['rss.xml', 'atom.xml']) {
      const dir = makeProject(posts(1, 10), CONFIG);
      await buildHereCli(dir);
      publish(dir);
      writeFileSync(path.join(dir, 'articles', 'late.md'), post(0, '01').replace('Post 0', 'Late').replace('2024-01-01', '2024-01-04T12:00:00Z'));
      writeFileSync(path.join(dir, 'syndicate.config.json'), JSON.stringify({ ...CONFIG, feeds: { ...CONFIG.feeds, archivePageSize: 2 } }));
      const run = await buildHereCli(dir, ['--previous', `site/${feed}`]);
      expect(run.code, feed).toBe(0);
      // The three pages of three stay; the two items outside them make one page of the new size.
      expect(pagesOf(dir), feed).toEqual([['Post 3', 'Post 2', 'Post 1'], ['Post 6', 'Post 5', 'Post 4'], ['Post 9', 'Post 8', 'Post 7'], ['Post 10', 'Late']]);
    }
  });

  it('are the same bytes with the caches and without them, as the published pages change', async () => {
    const dir = makeProject(posts(1, 10), CONFIG);
    mkdirSync(path.join(dir, 'node_modules'));
    const build = async (label: string) => {
      const cached = await buildHere(dir, { previous: 'site/feed.json' });
      rmSync(path.join(dir, 'whole'), { recursive: true, force: true });
      const whole = await buildHere(dir, { previous: 'site/feed.json', cache: false, out: 'whole' });
      expect(cached.ok && whole.ok, label).toBe(true);
      expect(files(path.join(dir, 'dist')), label).toEqual(files(path.join(dir, 'whole')));
      return cached;
    };
    mkdirSync(path.join(dir, 'site'));
    writeFileSync(path.join(dir, 'site', 'feed.json'), '{"items": []}');
    await build('nothing published');
    publish(dir);
    await build('published');
    // The late article comes while the published pages stay: the kept plan is made again from them.
    writeFileSync(path.join(dir, 'articles', 'late.md'), post(0, '01').replace('Post 0', 'Late'));
    const late = await build('a late article');
    expect(late.planReused).toBe(true);
    publish(dir);
    writeFileSync(path.join(dir, 'articles', 'p11.md'), post(11));
    writeFileSync(path.join(dir, 'articles', 'p12.md'), post(12));
    await build('two more, a new page');
    // The published pages alone change (a publication by date order, as from another machine): the plan follows them.
    const byDate = await buildHere(dir, { cache: false, out: 'by-date' });
    expect(byDate.ok).toBe(true);
    rmSync(path.join(dir, 'site'), { recursive: true });
    cpSync(path.join(dir, 'by-date'), path.join(dir, 'site'), { recursive: true });
    await build('pages published anew');
    expect(titles(dir, 'archive/1/feed.json')).toEqual(titles(dir, '../by-date/archive/1/feed.json'));
    // One page file alone changes (its newest item taken out by hand): the stamp sees it, the item leaves the page.
    const page = JSON.parse(readFileSync(path.join(dir, 'site/archive/1/feed.json'), 'utf8')) as { items: unknown[] };
    writeFileSync(path.join(dir, 'site/archive/1/feed.json'), JSON.stringify({ ...page, items: page.items.slice(1) }));
    await build('one page published anew');
    expect(titles(dir, 'archive/1/feed.json')).toEqual(titles(dir, '../by-date/archive/1/feed.json').slice(1));
  });
});

/** Serves a folder on loopback; `missing` paths answer 404. */
async function serve(root: string, missing: Set<string>, seen: string[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const file = decodeURIComponent(new URL(req.url!, 'http://x').pathname).slice(1);
    seen.push(file);
    if (missing.has(file)) return void res.writeHead(404).end();
    try {
      res.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(path.join(root, file)));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, server };
}

describe('archive pages of a previous feed on the web', () => {
  it('are read beside the feed, each once; a page missing is a warning, and pages are cut by date', async () => {
    const dir = makeProject(posts(1, 10), CONFIG);
    await buildHereCli(dir);
    publish(dir);
    writeFileSync(path.join(dir, 'articles', 'late.md'), post(0, '01').replace('Post 0', 'Late').replace('2024-01-01', '2023-12-31'));
    const missing = new Set<string>();
    const seen: string[] = [];
    const { url, server } = await serve(path.join(dir, 'site'), missing, seen);
    try {
      const run = await buildHereCli(dir, ['--previous', `${url}feed.json`]);
      expect(run.stderr).toBe('');
      expect(archiveLine(run.stdout)).toBe('0 files written, 9 unchanged');
      expect(seen.sort()).toEqual(['archive/1/feed.json', 'archive/2/feed.json', 'archive/3/feed.json', 'feed.json']);
      missing.add('archive/2/feed.json');
      const broken = await buildHereCli(dir, ['--previous', `${url}feed.json`]);
      expect(broken.code).toBe(0);
      expect(broken.stderr).toContain(`warning: the archive pages of the previous feed cannot be read (archive page 2 (${url}archive/2/feed.json): not found)`);
      expect(titles(dir, 'archive/1/feed.json')).toEqual(['Post 2', 'Post 1', 'Late']);
      // Under --strict, as the publish workflow builds, it fails and publishes nothing.
      const strict = await buildHereCli(dir, ['--previous', `${url}feed.json`, '--strict']);
      expect(strict.code).toBe(1);
    } finally {
      server.close();
    }
  });
});

describe('the layout of archive pages (planArchive)', () => {
  it('puts every live item in the subscription feed or a page, keeps each published page to its items, and is date order without them', async () => {
    const { planArchive } = (await import(path.join(ROOT, 'lib/feeds/archive.js'))) as typeof import('../src/feeds/archive.js');
    const ids = (list: readonly { id: string }[]) => list.map((c) => c.id);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 8 }), { maxLength: 8 }),
        (count, pageSize, limit, published) => {
          const live = Array.from({ length: count }, (_, i) => ({ id: `i${count - i}` }));
          const pagesIds = published.map((page) => page.map((n) => `i${n}`));
          const { current, pages } = planArchive(live, pageSize, limit, pagesIds);
          // A client walking the chain sees each item, and no item is in two pages.
          const inPages = pages.flatMap(ids);
          expect(new Set(inPages).size).toBe(inPages.length);
          expect(new Set([...ids(current), ...inPages])).toEqual(new Set(ids(live)));
          // Every item outside the pages is in the subscription feed, with the newest `limit`.
          for (const c of live) if (!inPages.includes(c.id)) expect(ids(current)).toContain(c.id);
          expect(ids(current).slice(0, limit)).toEqual(ids(live).slice(0, limit));
          // A published page keeps each live item it held first, and nothing else; the pages after the
          // last one with an item left are new and full.
          const firstIn = new Map<string, number>();
          pagesIds.forEach((page, i) => page.forEach((id) => firstIn.has(id) || firstIn.set(id, i)));
          const held = [...firstIn].filter(([id]) => ids(live).includes(id));
          const kept = Math.max(0, ...held.map(([, i]) => i + 1));
          for (const [id, i] of held) expect(ids(pages[i]!)).toContain(id);
          for (const [i, page] of pages.entries()) {
            if (i < kept) for (const id of ids(page)) expect(firstIn.get(id)).toBe(i);
            else expect(page).toHaveLength(pageSize);
          }
          // Each page newest first, in the order of `live`.
          for (const page of pages) expect(ids(page)).toEqual(ids(live).filter((id) => ids(page).includes(id)));
          // Without published pages: pages cut from the oldest item, and the subscription feed the newest.
          const plain = planArchive(live, pageSize, limit);
          const oldestFirst = ids(live).reverse();
          expect(plain.pages.map(ids)).toEqual(Array.from({ length: Math.floor(count / pageSize) }, (_, p) => oldestFirst.slice(p * pageSize, (p + 1) * pageSize).reverse()));
        },
      ),
      { numRuns: 300 },
    );
  });
});
