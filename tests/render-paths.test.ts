/**
 * The fast paths give the same bytes as the plain one: rendering on worker
 * threads (large builds of the compiled CLI), the render cache and the
 * article cache.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync, utimesSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { Rebuild } from '../src/rebuild/index.js';
import { parseConfig } from '../src/config/schema.js';
import { writeCorpus } from './support/corpus.js';
import { BASE_CONFIG, buildHere, buildHereCli, forgetKeptPlans, makeProject, readOut, ROOT } from './support/project.js';

const require = createRequire(import.meta.url);

const feeds = ['rss.xml', 'atom.xml', 'feed.json'];
const config = { ...BASE_CONFIG, feeds: { limit: 0 } };

function corpusProject(count: number, seed: number): string {
  const dir = makeProject({}, config);
  writeCorpus(path.join(dir, 'articles'), count, seed);
  return dir;
}

const renderCache = (dir: string) => path.join(dir, 'node_modules/.cache/syndicate/render');
const itemCache = (dir: string) => path.join(dir, 'node_modules/.cache/syndicate/items');
/** Every file under `dir`, by path, as text. */
const filesOf = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => [path.relative(dir, path.join(e.parentPath, e.name)), readFileSync(path.join(e.parentPath, e.name), 'utf8')]));
const cacheKeys = (dir: string) => Object.keys((JSON.parse(readFileSync(path.join(renderCache(dir), 'index.json'), 'utf8')) as { entries: object }).entries);

describe('rendering on worker threads', () => {
  it('writes the same bytes as rendering in one thread', async () => {
    const dir = corpusProject(24, 5);
    // The compiled library reads and renders on worker threads from as few articles as threadsFrom says
    // (the threads it starts are counted by a Worker that counts, put in node:worker_threads' place)...
    const threads = require('node:worker_threads') as typeof import('node:worker_threads');
    const { Worker } = threads;
    let started = 0;
    threads.Worker = class extends Worker {
      constructor(...args: ConstructorParameters<typeof Worker>) {
        super(...args);
        started++;
      }
    };
    syncBuiltinESMExports();
    try {
      expect((await buildHere(dir, { cache: false, threadsFrom: 4 })).ok).toBe(true);
    } finally {
      threads.Worker = Worker;
      syncBuiltinESMExports();
    }
    expect(started).toBeGreaterThanOrEqual(2);
    const threaded = Object.fromEntries(feeds.map((f) => [f, readOut(dir, f)]));
    // ...while the TypeScript sources, run here, have no compiled worker and render inline.
    const result = await build({ config: parseConfig(config), articlesDir: 'articles', outDir: 'inline', now: Date.UTC(2030, 0, 1), cwd: dir, threadsFrom: 4 });
    expect(result.ok).toBe(true);
    expect(result.outputs[0]!.items).toBe(24);
    for (const f of feeds) expect(readFileSync(path.join(dir, 'inline', f), 'utf8')).toBe(threaded[f]);
  });
});

describe('the render cache', () => {
  const article = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2024-01-01\n---\n${body}\n`;

  it('lives in node_modules/.cache/syndicate, gives the same bytes, and never serves a stale entry', async () => {
    const dir = makeProject({ 'a.md': article('A', 'First *version*.'), 'b.md': article('B', 'Other.') });
    mkdirSync(path.join(dir, 'node_modules'));
    expect((await buildHereCli(dir)).code).toBe(0);
    const first = readOut(dir, 'feed.json');
    const keys = cacheKeys(dir);
    expect(keys).toHaveLength(2);
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(readOut(dir, 'feed.json')).toBe(first);

    appendFileSync(path.join(dir, 'articles/a.md'), 'An edit.\n');
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(JSON.parse(readOut(dir, 'feed.json')).items.find((i: { title: string }) => i.title === 'A').content_html).toBe('<p>First <em>version</em>.\nAn edit.</p>\n');
    // The edited article is a new entry; its old one, used by no build since, is gone.
    const after = cacheKeys(dir);
    expect(after).toHaveLength(2);
    expect(after.filter((k) => keys.includes(k))).toHaveLength(1);
  });

  it('serves a whole build with the same bytes as a build without caches', async () => {
    const dir = corpusProject(120, 9);
    // What the JSON Feed takes as is from the cache (the HTML as a JSON string) must be what it would write:
    // quotes, backslashes, line separators, astral characters, and a control character the sanitizer decodes.
    writeFileSync(
      path.join(dir, 'articles/odd.md'),
      '---\ntitle: Odd\ndate: 2024-01-01\n---\nSay "hi" \\ \u2028 \u{1F600} <span>&#1;&#x7f;&quot;&#8232;</span>\n\n<div title="a&#0;b">x</div>\n\n<p>&#1;after a control character</p>\n',
    );
    mkdirSync(path.join(dir, 'node_modules'));
    const packBytes = () => readdirSync(renderCache(dir)).map((f) => readFileSync(path.join(renderCache(dir), f)).length);
    expect((await buildHereCli(dir, ['--out', 'plain', '--no-cache'])).code).toBe(0);
    expect((await buildHereCli(dir, ['--out', 'filled'])).code).toBe(0);
    const filled = packBytes();
    // Another output folder, so no stamp answers, and no item cache: every article comes from the render cache, and nothing is added to it.
    rmSync(itemCache(dir), { recursive: true });
    expect((await buildHereCli(dir, ['--out', 'served'])).code).toBe(0);
    expect(packBytes()).toEqual(filled);
    for (const f of feeds) {
      const plain = readFileSync(path.join(dir, 'plain', f), 'utf8');
      expect(readFileSync(path.join(dir, 'filled', f), 'utf8')).toBe(plain);
      expect(readFileSync(path.join(dir, 'served', f), 'utf8')).toBe(plain);
    }
    const odd = (JSON.parse(readFileSync(path.join(dir, 'served', 'feed.json'), 'utf8')) as { items: { title: string; content_html: string }[] }).items.find((i) => i.title === 'Odd')!;
    expect(odd.content_html).toContain('Say "hi" \\ \u2028 \u{1F600}');
    expect(odd.content_html).not.toMatch(/[\u0000-\u0008]/);
  });

  it('treats a damaged entry as a miss', async () => {
    const dir = makeProject({ 'a.md': article('A', 'Text.') });
    mkdirSync(path.join(dir, 'node_modules'));
    expect((await buildHereCli(dir)).code).toBe(0);
    const good = readOut(dir, 'feed.json');
    const packs = readdirSync(renderCache(dir)).filter((f) => f.endsWith('.pack'));
    expect(packs).toHaveLength(1);
    for (const f of packs) {
      // The record keeps its key (so only its value is damaged), and its length.
      const record = readFileSync(path.join(renderCache(dir), f), 'utf8');
      const cut = record.indexOf('\n') + 1;
      writeFileSync(path.join(renderCache(dir), f), record.slice(0, cut) + '{"html": 42'.padEnd(record.length - cut, ' '));
    }
    rmSync(path.join(dir, 'dist'), { recursive: true });
    rmSync(itemCache(dir), { recursive: true });
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(readOut(dir, 'feed.json')).toBe(good);
  });

  it('is not written with --no-cache, nor where there is no node_modules folder', async () => {
    const dir = makeProject({ 'a.md': article('A', 'Text.') });
    expect((await buildHereCli(dir)).code).toBe(0);
    mkdirSync(path.join(dir, 'node_modules'));
    expect((await buildHereCli(dir, ['--no-cache'])).code).toBe(0);
    expect(readdirSync(path.join(dir, 'node_modules'))).toEqual([]);
  });
});

describe('the item cache', () => {
  const packs = (dir: string) => readdirSync(itemCache(dir)).filter((f) => f.endsWith('.pack')).map((f) => path.join(itemCache(dir), f));

  it('gives every feed, facet feed and variant the bytes of a build without caches, and is what a warm build copies', async () => {
    // Tag and language feeds and archive pages: an item goes into several feeds, in Atom with and without its own xml:lang.
    const dir = makeProject({}, { ...BASE_CONFIG, feeds: { limit: 10, history: 'archive', archivePageSize: 25, facets: { tags: true, languages: true } } });
    writeCorpus(path.join(dir, 'articles'), 80, 11);
    for (const n of [1, 2]) writeFileSync(path.join(dir, `articles/fr-${n}.md`), `---\ntitle: Article français ${n}\ndate: 2024-01-0${n}\nlang: fr\ntags: [news]\n---\nBonjour ${n}.\n`);
    mkdirSync(path.join(dir, 'node_modules'));
    expect((await buildHereCli(dir, ['--out', 'plain', '--no-cache'])).code).toBe(0);
    expect((await buildHereCli(dir, ['--out', 'filled'])).code).toBe(0);
    expect((await buildHereCli(dir, ['--out', 'served'])).code).toBe(0);
    const plain = filesOf(path.join(dir, 'plain'));
    expect(Object.keys(plain).length).toBeGreaterThan(20);
    expect(plain['lang/fr/atom.xml']).toContain('<entry>');
    expect(plain['atom.xml']).toContain('<entry xml:lang="fr">');
    expect(plain['archive/3/feed.json']).toContain('"items": [');
    expect(filesOf(path.join(dir, 'filled'))).toEqual(plain);
    expect(filesOf(path.join(dir, 'served'))).toEqual(plain);

    // The kept bytes are what a warm build writes: a title changed in the cache (same length) shows in every feed.
    for (const pack of packs(dir)) writeFileSync(pack, readFileSync(pack, 'latin1').replaceAll('Article fran', 'Artikel fran'), 'latin1');
    expect((await buildHereCli(dir, ['--out', 'planted'])).code).toBe(0);
    const planted = filesOf(path.join(dir, 'planted'));
    for (const feed of feeds) expect(planted[feed]).toContain('Artikel français 1');
    expect(planted['lang/fr/atom.xml']).toContain('Artikel français 1');
  });

  it('is never stale: each thing an item is made of, changed, gives what a build without caches gives', async () => {
    const dir = makeProject({
      'ep.md': '---\ntitle: Episode\ndate: 2024-01-02T10:00:00Z\nenclosure: {url: ep.mp3, type: audio/mpeg}\n---\nThe *show*.\n',
      'ep.mp3': 'x'.repeat(100),
      'post.md': '---\ntitle: Post\ndate: 2024-01-01\nlang: fr\n---\nBonjour.\n',
    });
    mkdirSync(path.join(dir, 'node_modules'));
    const setConfig = (change: (c: typeof BASE_CONFIG) => unknown) => writeFileSync(path.join(dir, 'syndicate.config.json'), JSON.stringify(change(structuredClone(BASE_CONFIG))));
    const both = async (what: string) => {
      const cached = await buildHereCli(dir);
      expect(cached.code, cached.stderr).toBe(0);
      expect((await buildHereCli(dir, ['--no-cache', '--out', 'fresh'])).code).toBe(0);
      for (const f of feeds) expect(readOut(dir, f), `${what}: ${f}`).toBe(readFileSync(path.join(dir, 'fresh', f), 'utf8'));
      return readOut(dir, 'atom.xml') + readOut(dir, 'rss.xml');
    };
    await both('first build');
    const changes: [string, () => void, string][] = [
      ['the body', () => appendFileSync(path.join(dir, 'articles/post.md'), 'Encore.\n'), 'Encore.'],
      ['the date', () => writeFileSync(path.join(dir, 'articles/post.md'), '---\ntitle: Post\ndate: 2024-01-03\nlang: fr\n---\nBonjour.\n'), '<published>2024-01-03T00:00:00+01:00</published>'],
      ['the site author, whom articles without one are by', () => setConfig((c) => ({ ...c, site: { ...c.site, author: { name: 'Other Author' } } })), '<dc:creator>Other Author</dc:creator>'],
      ['the feed language, which Atom entries in another one name', () => setConfig((c) => ({ ...c, site: { ...c.site, language: 'fr' } })), '<entry>\n<id>tag:example.com,2024-01-03:post</id>'],
      ['the measured enclosure', () => writeFileSync(path.join(dir, 'articles/ep.mp3'), 'x'.repeat(250)), 'length="250"'],
      ['summaries instead of full content', () => setConfig((c) => ({ ...c, feeds: { content: 'summary' } })), '<summary type="text">The show.</summary>'],
      ['podcast mode, which RSS items carry tags for', () => setConfig((c) => ({ ...c, podcast: { image: 'https://example.com/blog/cover.jpg', category: 'Technology', owner: { name: 'O', email: 'o@example.com' } } })), '<itunes:episodeType>full</itunes:episodeType>'],
    ];
    for (const [what, change, expected] of changes) {
      change();
      expect(await both(what), what).toContain(expected);
    }
  });

  it('treats a damaged entry as a miss, and keeps the renders of the items it served', async () => {
    const dir = makeProject({ 'a.md': '---\ntitle: A\ndate: 2024-01-01\n---\nAlpha *one*.\n', 'b.md': '---\ntitle: B\ndate: 2024-01-02\n---\nBeta.\n' });
    mkdirSync(path.join(dir, 'node_modules'));
    expect((await buildHereCli(dir)).code).toBe(0);
    const good = feeds.map((f) => readOut(dir, f));
    const renders = cacheKeys(dir);
    // Served from the item cache: the renders are not read, but kept.
    rmSync(path.join(dir, 'dist'), { recursive: true });
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(cacheKeys(dir)).toEqual(renders);
    for (const pack of packs(dir)) {
      // Each record keeps its key and its length; the list of its texts is broken.
      const text = readFileSync(pack, 'latin1');
      writeFileSync(pack, text.replace(/\n\[\["/g, '\n[["#'), 'latin1');
    }
    rmSync(path.join(dir, 'dist'), { recursive: true });
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(feeds.map((f) => readOut(dir, f))).toEqual(good);
  });
});

describe('the article cache', () => {
  const article = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2024-01-01\nenclosure: {url: a.mp3, type: audio/mp3, length: 10}\n---\n${body}\n`;
  type Entries = Record<string, { size: number; mtimeMs: number; article?: { title: string } }>;
  /** The cache's whole file and its journal (either may be missing): one name, two endings. */
  const cacheFiles = (dir: string) => {
    const root = path.join(dir, 'node_modules/.cache/syndicate/articles');
    const files = readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.json') || f.endsWith('.journal'));
    const stems = new Set(files.map((f) => f.replace(/\.(json|journal)$/, '')));
    expect(stems.size).toBe(1);
    const stem = path.join(root, [...stems][0]!);
    return { whole: `${stem}.json`, journal: `${stem}.journal` };
  };
  const readOr = (file: string, otherwise: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return otherwise;
    }
  };
  const entries = (dir: string) => {
    const { whole, journal } = cacheFiles(dir);
    const out = (JSON.parse(readOr(whole, '{"entries": {}}')) as { entries: Entries }).entries;
    for (const line of readOr(journal, '').split('\n').filter(Boolean)) {
      const [relPath, entry] = JSON.parse(line) as [string, Entries[string] | null];
      if (entry) out[relPath] = entry;
      else delete out[relPath];
    }
    return out;
  };
  const titles = (dir: string) => (JSON.parse(readOut(dir, 'feed.json')).items as { title: string }[]).map((i) => i.title).sort();

  it('answers by size and times, then by bytes, never for a changed file, and replays warnings', async () => {
    const dir = makeProject({ 'a.md': article('A', 'Alpha.'), 'b.md': article('B', 'Beta.') });
    mkdirSync(path.join(dir, 'node_modules'));
    const first = await buildHereCli(dir);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('a.md:4: warning: enclosure.type "audio/mp3" is not a registered MIME type');
    const bytes = readOut(dir, 'atom.xml');
    expect(Object.keys(entries(dir)).sort()).toEqual(['a.md', 'b.md']);

    // Same files: the same feeds, the same warnings, from the cache.
    const second = await buildHereCli(dir);
    expect(second.stderr).toBe(first.stderr);
    expect(readOut(dir, 'atom.xml')).toBe(bytes);

    // An entry planted in the cache's journal shows that a file with the same size and times is not read again...
    const planted = entries(dir)['a.md']!;
    planted.article!.title = 'From the cache';
    appendFileSync(cacheFiles(dir).journal, `${JSON.stringify(['a.md', planted])}\n`);
    // (With the up-to-date check's stamp gone: else it answers before any article is looked at.)
    rmSync(path.join(dir, 'node_modules/.cache/syndicate/stamps'), { recursive: true });
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(titles(dir)).toEqual(['B', 'From the cache']);
    // ...and that new times on the same bytes (a fresh checkout) are not parsed again either: the times are updated.
    const later = new Date('2031-05-06T07:08:09Z');
    utimesSync(path.join(dir, 'articles/a.md'), later, later);
    // (Without the kept plan, which would answer for a file with the same bytes before the article cache.)
    forgetKeptPlans(dir);
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(titles(dir)).toEqual(['B', 'From the cache']);
    expect(entries(dir)['a.md']!.mtimeMs).toBe(later.getTime());
    // In CI the same, but the new times are not written back: the next CI build is a fresh checkout, with new times again.
    // (The first CI build writes what it resolved, which is kept apart from what builds out of CI resolve.)
    const cacheBytes = () => [readOr(cacheFiles(dir).whole, ''), readOr(cacheFiles(dir).journal, '')];
    const checkout = async (at: string) => {
      for (const f of ['a.md', 'b.md']) utimesSync(path.join(dir, 'articles', f), new Date(at), new Date(at));
      forgetKeptPlans(dir);
      expect((await buildHereCli(dir, [], { CI: 'true' })).code).toBe(0);
      expect(titles(dir)).toEqual(['B', 'From the cache']);
    };
    await checkout('2032-01-02T03:04:05Z');
    const before = cacheBytes();
    await checkout('2033-01-02T03:04:05Z');
    expect(cacheBytes()).toEqual(before);
    expect(entries(dir)['a.md']!.mtimeMs).toBe(later.getTime());
    // Other bytes are read and parsed.
    writeFileSync(path.join(dir, 'articles/a.md'), article('A2', 'Alpha.'));
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(titles(dir)).toEqual(['A2', 'B']);
    // A removed file leaves the cache (in a build that opens it: the kept plan takes a removed file out without it).
    rmSync(path.join(dir, 'articles/b.md'));
    forgetKeptPlans(dir);
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(Object.keys(entries(dir))).toEqual(['a.md']);
  });

  it('is kept to ASCII and gives back every character exactly', async () => {
    const title = 'Été à Zürich: 東京 😀';
    const dir = makeProject({ 'a.md': `---\ntitle: "${title}"\ndate: 2024-01-01\nsummary: Ça coûte 5 €.\n---\nCafé ☕.\n` });
    mkdirSync(path.join(dir, 'node_modules'));
    expect((await buildHereCli(dir)).code).toBe(0);
    const cold = readOut(dir, 'feed.json');
    expect(JSON.parse(cold).items[0].title).toBe(title);
    const { whole, journal } = cacheFiles(dir);
    for (const f of [whole, journal]) expect(readOr(f, '')).toMatch(/^[\x00-\x7f]*$/);
    expect(Object.values(entries(dir))[0]!.article!.title).toBe(title);
    // From the cache (no stamp, no output): the same feed.
    rmSync(path.join(dir, 'dist'), { recursive: true });
    rmSync(path.join(dir, 'node_modules/.cache/syndicate/stamps'), { recursive: true });
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(readOut(dir, 'feed.json')).toBe(cold);
  });

  it('appends a few changes to a journal, writes the whole file when the journal grows long, and skips a line cut short', async () => {
    const dir = makeProject({}, config);
    writeCorpus(path.join(dir, 'articles'), 80, 3);
    mkdirSync(path.join(dir, 'node_modules'));
    const plain = { config: parseConfig(config), articlesDir: 'articles', outDir: 'dist', now: Date.UTC(2030, 0, 1), cwd: dir };
    // The library's build with the caches of the project's node_modules (no stamp: every build reads the articles through the cache).
    const door = { cwd: dir, configPath: path.join(dir, 'syndicate.config.json'), articlesDir: path.join(dir, 'articles'), outDir: path.join(dir, 'dist'), strict: false, keepGoing: false, ci: false, stamped: false };
    const cachedBuild = async (o: typeof plain) => build({ ...o, rebuild: await Rebuild.open(door) });
    expect((await cachedBuild(plain)).ok).toBe(true);
    // 80 new entries: more than the journal takes, so the whole file.
    const { whole, journal } = cacheFiles(dir);
    expect(Object.keys(JSON.parse(readFileSync(whole, 'utf8')).entries)).toHaveLength(80);
    expect(readOr(journal, '')).toBe('');
    const files = readdirSync(path.join(dir, 'articles'), { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort();
    const feedAfter = async (edit: number) => {
      appendFileSync(path.join(dir, 'articles', files[edit % files.length]!), `\nEdit ${edit}.\n`);
      expect((await cachedBuild(plain)).ok).toBe(true);
      return readFileSync(path.join(dir, 'dist/feed.json'), 'utf8');
    };
    await feedAfter(0);
    expect(readOr(journal, '').split('\n').filter(Boolean)).toHaveLength(1);
    expect(JSON.parse(readFileSync(whole, 'utf8')).entries[files[0]!].size).toBeLessThan(entries(dir)[files[0]!]!.size);
    // A line cut short by a killed build is skipped; the next build still agrees with a cold one.
    appendFileSync(journal, '["x.md", {"size": 1');
    for (let i = 1; i < 70; i++) await feedAfter(i);
    // The journal never passes 64 lines: past that, the whole file was written again.
    expect(readOr(journal, '').split('\n').filter(Boolean).length).toBeLessThanOrEqual(64);
    const warm = await feedAfter(70);
    expect((await build({ ...plain, outDir: 'cold' })).ok).toBe(true);
    expect(readFileSync(path.join(dir, 'cold/feed.json'), 'utf8')).toBe(warm);
    expect(Object.keys(entries(dir)).sort()).toEqual(files.map((f) => f.split(path.sep).join('/')).sort());
  });

  it('reads the body again from the file when only the render cache misses, and survives a damaged cache', async () => {
    const dir = makeProject({ 'a.md': article('A', 'Alpha *one*.'), 'b.md': article('B', 'Beta.') });
    mkdirSync(path.join(dir, 'node_modules'));
    expect((await buildHereCli(dir)).code).toBe(0);
    const bytes = feeds.map((f) => readOut(dir, f));
    rmSync(renderCache(dir), { recursive: true });
    rmSync(itemCache(dir), { recursive: true });
    rmSync(path.join(dir, 'dist'), { recursive: true });
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(feeds.map((f) => readOut(dir, f))).toEqual(bytes);
    expect(readOut(dir, 'feed.json')).toContain('Alpha <em>one</em>.');

    const { whole, journal } = cacheFiles(dir);
    writeFileSync(whole, '{"entries": {"a.md": ');
    writeFileSync(journal, '["a.md", {"size": 3}]\n["b.md", nul');
    rmSync(path.join(dir, 'dist'), { recursive: true });
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(feeds.map((f) => readOut(dir, f))).toEqual(bytes);
  });
});

describe('an article whose file changes during the build', () => {
  it('is refused when its body is read again, never rendered from other bytes', async () => {
    const { discover } = await import('../src/source/discover.js');
    const { loadArticles } = await import('../src/article/load.js');
    const { bodyOf } = await import('../src/source/read.js');
    const dir = makeProject({ 'a.md': '---\ntitle: A\ndate: 2024-01-01\n---\nThe body as parsed.\n' });
    const listing = await discover(path.join(dir, 'articles'), dir);
    const [loaded] = await loadArticles(listing.files);
    const article = loaded!.article!;
    const { renderFile } = await import('../src/content/render-file.js');
    const job = { article, titleFromHeading: false, url: 'https://example.org/a/', options: { iframeHosts: [], maxHtmlDepth: 100 } };
    expect(await bodyOf(article)).toBe('The body as parsed.\n');
    expect(await renderFile(job)).toMatchObject({ html: '<p>The body as parsed.</p>\n' });
    writeFileSync(path.join(dir, 'articles/a.md'), '---\ntitle: A\ndate: 2024-01-01\n---\nOther bytes.\n');
    await expect(bodyOf(article)).rejects.toThrow('articles/a.md changed while it was being built; build again');
    // Where the body is read for rendering (on a worker thread in a large build), the same refusal, as a result.
    expect(await renderFile(job)).toEqual({ code: 'article-changed', error: 'articles/a.md changed while it was being built; build again' });
  });
});

describe('a worker thread of the pool (compiled lib/worker.js)', () => {
  const file = (dir: string, name: string) => ({ absPath: path.join(dir, 'articles', name), relPath: name, displayPath: `articles/${name}`, size: 0, mtimeMs: 0, ctimeMs: 0 });

  it('answers its batches one at a time, in the order sent', async () => {
    const { Worker } = await import('node:worker_threads');
    const dir = makeProject({ 'a.md': '---\ntitle: A\ndate: 2024-01-01\n---\nAlpha.\n', 'b.md': '---\ntitle: B\ndate: 2024-01-02\n---\nBeta.\n' });
    const worker = new Worker(path.join(ROOT, 'lib/worker.js'));
    const answers: { id: number; results: { loaded?: { article?: { title: string } } }[] }[] = [];
    const done = new Promise<void>((resolve) => worker.on('message', (m) => answers.push(m) === 3 && resolve()));
    for (const [id, name] of [[0, 'a.md'], [1, 'b.md'], [2, 'a.md']] as const) worker.postMessage({ id, kind: 'read', jobs: [{ file: file(dir, name) }] });
    await done;
    await worker.terminate();
    expect(answers.map((a) => [a.id, a.results[0]!.loaded?.article?.title])).toEqual([[0, 'A'], [1, 'B'], [2, 'A']]);
  });

  it('dies, failing the build loudly, when a task throws, rather than leave later batches waiting', async () => {
    const { Worker } = await import('node:worker_threads');
    const dir = makeProject({});
    const worker = new Worker(path.join(ROOT, 'lib/worker.js'));
    const died = new Promise<Error>((resolve) => worker.on('error', resolve));
    // A batch of a kind it has no task for: a fault of the code, which no result can carry.
    // (A file gone between listing and reading is not one: it comes back as an error naming it.)
    worker.postMessage({ id: 0, kind: 'no-such-task', jobs: [{ file: file(dir, 'gone.md') }] });
    worker.postMessage({ id: 1, kind: 'read', jobs: [{ file: file(dir, 'gone.md') }] });
    expect((await died).message).toContain('is not a function');
    await worker.terminate();
  });
});
