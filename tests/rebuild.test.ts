/**
 * The up-to-date check: a rebuild with nothing changed is answered from the
 * stamp the last build left, touching nothing; a change to anything the build
 * depends on makes it build again.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Repo } from './support/git.js';
import { BASE_CONFIG, buildHereCli, forgetKeptPlans, makeProject, readOut, snapshot } from './support/project.js';

const article = (title: string, date: string, extra = '') => `---\ntitle: ${title}\ndate: ${date}\n${extra}---\nText of ${title}.\n`;

/** A project with node_modules/ (so with a cache folder) and one build done. */
async function builtProject(files: Record<string, string>, config: unknown = BASE_CONFIG, args: string[] = []): Promise<string> {
  const dir = makeProject(files, config);
  mkdirSync(path.join(dir, 'node_modules'));
  const first = await buildHereCli(dir, args);
  expect(first.code, first.stderr).toBe(0);
  return dir;
}

/** The stamps, without the records of written files and the plans (and their views) kept beside them. */
const stamps = (dir: string) => readdirSync(path.join(dir, 'node_modules/.cache/syndicate/stamps')).filter((f) => !f.endsWith('.outputs.json') && !f.includes('.plan.'));

function stampFile(dir: string): string {
  const root = path.join(dir, 'node_modules/.cache/syndicate/stamps');
  const files = stamps(dir);
  expect(files).toHaveLength(1);
  return path.join(root, files[0]!);
}

/** Makes the stamp's result say `n` articles: a build that prints it was answered by the stamp. */
function markStamp(dir: string, n = 999): void {
  const stamp = JSON.parse(readFileSync(stampFile(dir), 'utf8')) as { result: { articles: number } };
  stamp.result.articles = n;
  writeFileSync(stampFile(dir), JSON.stringify(stamp));
}

const answeredByStamp = (stdout: string) => stdout.includes('999 articles read');
const titles = (dir: string) => (JSON.parse(readOut(dir, 'feed.json')).items as { title: string }[]).map((i) => i.title);

describe('a rebuild with nothing changed', () => {
  it('reports every file unchanged, rewrites none, and prints the same warnings', async () => {
    const dir = await builtProject({ 'a.md': article('A', '2024-01-01', 'enclosure: {url: a.mp3, type: audio/mp3, length: 10}\n'), 'b.md': article('B', '2024-02-01') });
    const before = snapshot(path.join(dir, 'dist'));
    const full = await buildHereCli(dir, ['--no-cache']);
    const again = await buildHereCli(dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(full.stdout);
    expect(again.stdout).toContain('unchanged dist/rss.xml (2 items)');
    expect(again.stdout).not.toContain('wrote');
    expect(again.stderr).toBe(full.stderr);
    expect(again.stderr).toContain('warning: enclosure.type "audio/mp3"');
    expect(snapshot(path.join(dir, 'dist'))).toEqual(before);

    markStamp(dir);
    expect(answeredByStamp((await buildHereCli(dir)).stdout)).toBe(true);
  });

  it('builds again when an article is edited, added, removed or touched', async () => {
    const dir = await builtProject({ 'a.md': article('A', '2024-01-01'), 'b.md': article('B', '2024-02-01') });
    const changes: [string, () => void, string[]][] = [
      ['edited', () => writeFileSync(path.join(dir, 'articles/a.md'), article('A2', '2024-01-01')), ['B', 'A2']],
      ['added', () => writeFileSync(path.join(dir, 'articles/c.md'), article('C', '2024-03-01')), ['C', 'B', 'A2']],
      ['removed', () => rmSync(path.join(dir, 'articles/b.md')), ['C', 'A2']],
      ['touched', () => utimesSync(path.join(dir, 'articles/c.md'), new Date('2030-01-01'), new Date('2030-01-01')), ['C', 'A2']],
    ];
    for (const [what, change, expected] of changes) {
      markStamp(dir);
      change();
      const run = await buildHereCli(dir);
      expect(run.code, what).toBe(0);
      expect(answeredByStamp(run.stdout), what).toBe(false);
      expect(titles(dir), what).toEqual(expected);
    }
  });

  it('builds again when the config, the options or an output file change', async () => {
    const dir = await builtProject({ 'a.md': article('A', '2024-01-01') });
    const good = readOut(dir, 'atom.xml');

    markStamp(dir);
    writeFileSync(path.join(dir, 'syndicate.config.json'), JSON.stringify({ ...BASE_CONFIG, site: { ...BASE_CONFIG.site, title: 'Renamed' } }));
    expect(answeredByStamp((await buildHereCli(dir)).stdout)).toBe(false);
    expect(readOut(dir, 'atom.xml')).toContain('<title type="text">Renamed</title>');

    markStamp(dir);
    expect(answeredByStamp((await buildHereCli(dir, ['--strict'])).stdout)).toBe(false);

    writeFileSync(path.join(dir, 'syndicate.config.json'), JSON.stringify(BASE_CONFIG));
    expect((await buildHereCli(dir)).code).toBe(0);
    markStamp(dir);
    writeFileSync(path.join(dir, 'dist/atom.xml'), 'damaged');
    expect(answeredByStamp((await buildHereCli(dir)).stdout)).toBe(false);
    expect(readOut(dir, 'atom.xml')).toBe(good);

    markStamp(dir);
    rmSync(path.join(dir, 'dist/atom.xml'));
    expect(answeredByStamp((await buildHereCli(dir)).stdout)).toBe(false);
    expect(readOut(dir, 'atom.xml')).toBe(good);

    // Another output folder is another build, with a stamp of its own.
    markStamp(dir);
    expect(answeredByStamp((await buildHereCli(dir, ['--out', 'elsewhere'])).stdout)).toBe(false);
  });

  it('builds again when the reference time reaches a scheduled article or goes back before a published one', async () => {
    const dir = await builtProject({ 'old.md': article('Old', '2024-01-01'), 'new.md': article('New', '2029-06-01'), 'later.md': article('Later', '2031-01-01') });
    expect(titles(dir)).toEqual(['New', 'Old']);
    markStamp(dir);
    // Any time between the newest published article and the next scheduled one gives the same feeds.
    expect(answeredByStamp((await buildHereCli(dir, ['--now', '2030-12-31T00:00:00Z'])).stdout)).toBe(true);
    const reached = await buildHereCli(dir, ['--now', '2031-01-02T00:00:00Z']);
    expect(answeredByStamp(reached.stdout)).toBe(false);
    expect(titles(dir)).toEqual(['Later', 'New', 'Old']);
    markStamp(dir);
    expect(answeredByStamp((await buildHereCli(dir, ['--now', '2029-01-01T00:00:00Z'])).stdout)).toBe(false);
    expect(titles(dir)).toEqual(['Old']);
  });

  it('builds again when a measured enclosure, the previous feed or the git history change', async () => {
    const dir = makeProject({ 'ep/index.md': article('Episode', '2024-01-01', 'enclosure: {url: ep.mp3, type: audio/mpeg}\n') });
    writeFileSync(path.join(dir, 'articles/ep/ep.mp3'), Buffer.alloc(1000));
    mkdirSync(path.join(dir, 'node_modules'));
    const repo = new Repo(dir);
    repo.commit('first', '2024-01-01T10:00:00Z');
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(readOut(dir, 'rss.xml')).toContain('length="1000"');

    markStamp(dir);
    writeFileSync(path.join(dir, 'articles/ep/ep.mp3'), Buffer.alloc(2000));
    expect(answeredByStamp((await buildHereCli(dir)).stdout)).toBe(false);
    expect(readOut(dir, 'rss.xml')).toContain('length="2000"');
    // Each build measures the enclosures of the items it writes: from the kept plan too, with the
    // warnings a build without caches gives.
    for (const change of [() => writeFileSync(path.join(dir, 'articles/ep/ep.mp3'), Buffer.alloc(3000)), () => rmSync(path.join(dir, 'articles/ep/ep.mp3'))]) {
      change();
      const run = await buildHereCli(dir, ['--json']);
      expect((JSON.parse(run.stdout) as { planReused: boolean }).planReused).toBe(true);
      rmSync(path.join(dir, 'whole'), { recursive: true, force: true });
      const whole = await buildHereCli(dir, ['--json', '--no-cache', '--out', 'whole']);
      expect(run.stderr).toBe(whole.stderr);
      expect(readOut(dir, 'rss.xml')).toBe(readFileSync(path.join(dir, 'whole/rss.xml'), 'utf8'));
    }
    expect(readOut(dir, 'rss.xml')).not.toContain('length=');
    writeFileSync(path.join(dir, 'articles/ep/ep.mp3'), Buffer.alloc(2000));
    expect((await buildHereCli(dir)).code).toBe(0);

    markStamp(dir);
    repo.commit('second', '2024-02-01T10:00:00Z');
    expect(answeredByStamp((await buildHereCli(dir)).stdout)).toBe(false);

    writeFileSync(path.join(dir, 'previous.json'), JSON.stringify({ items: [] }));
    expect((await buildHereCli(dir, ['--previous', 'previous.json'])).code).toBe(0);
    markStamp(dir);
    expect(answeredByStamp((await buildHereCli(dir, ['--previous', 'previous.json'])).stdout)).toBe(true);
    appendFileSync(path.join(dir, 'previous.json'), '\n');
    expect(answeredByStamp((await buildHereCli(dir, ['--previous', 'previous.json'])).stdout)).toBe(false);
  });

  it('never answers alone for a build that read its previous feed from the web, which can change at any time', async () => {
    const dir = makeProject({ 'a.md': article('A', '2024-01-01'), 'b.md': article('B', '2024-02-01') });
    mkdirSync(path.join(dir, 'node_modules'));
    let published = '{"items": []}';
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(published));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.json`;
      const build = (...more: string[]) => buildHereCli(dir, ['--previous', url, '--json', ...more]);
      expect((await build()).code).toBe(0);
      markStamp(dir);
      // Read again, the same feed: every file unchanged, from the last build's plan.
      const again = JSON.parse((await build()).stdout) as { articles: number; planReused: boolean; outputs: { status: string }[] };
      expect(again.articles).toBe(2);
      expect(again.planReused).toBe(true);
      expect(again.outputs.map((o) => o.status)).toEqual(again.outputs.map(() => 'unchanged'));
      // Published anew, with another id for A: A takes it, as a build without caches does.
      const urlOfA = (JSON.parse(readOut(dir, 'feed.json')).items as { title: string; url: string }[]).find((i) => i.title === 'A')!.url;
      published = JSON.stringify({ items: [{ id: 'urn:example:a', url: urlOfA, date_published: '2024-01-01T00:00:00Z' }] });
      expect((await build()).code).toBe(0);
      const ids = (out: string) => (JSON.parse(readFileSync(path.join(dir, out, 'feed.json'), 'utf8')).items as { id: string }[]).map((i) => i.id);
      expect(ids('dist')).toContain('urn:example:a');
      expect((await build('--no-cache', '--out', 'whole')).code).toBe(0);
      expect(readOut(dir, 'feed.json')).toBe(readFileSync(path.join(dir, 'whole/feed.json'), 'utf8'));
    } finally {
      server.close();
    }
  });

  it('is never left by a failed build, so the next build reports the errors again', async () => {
    const dir = await builtProject({ 'a.md': article('A', '2024-01-01') });
    writeFileSync(path.join(dir, 'articles/bad.md'), '---\ntitle: [unclosed\n---\n');
    const failed = await buildHereCli(dir);
    expect(failed.code).toBe(1);
    expect(stamps(dir)).toEqual([]);
    const again = await buildHereCli(dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(failed.stderr);
  });
});

describe('dates, URLs and ids kept in the article cache', () => {
  const cacheFolder = (dir: string) => {
    const root = path.join(dir, 'node_modules/.cache/syndicate/articles');
    return path.join(root, readdirSync(root)[0]!);
  };
  /** The feed and the warnings of a build with the caches, and of one without, into another folder. */
  const both = async (dir: string) => {
    const cached = await buildHereCli(dir);
    const fresh = await buildHereCli(dir, ['--no-cache', '--out', 'fresh']);
    expect(cached.code, cached.stderr).toBe(0);
    return { cached: [readOut(dir, 'feed.json'), cached.stderr], fresh: [readFileSync(path.join(dir, 'fresh/feed.json'), 'utf8'), fresh.stderr] };
  };

  it('are what the build uses while nothing they come from changed, and are worked out again when it did', async () => {
    const dir = await builtProject({
      'zoneless.md': article('Zoneless', '2024-03-10 10:00'),
      'undated.md': '---\ntitle: Undated\n---\nNo date: the mtime dates it.\n',
      'backwards.md': article('Backwards', '2024-05-01', 'updated: 2024-04-01\n'),
    });
    utimesSync(path.join(dir, 'articles/undated.md'), new Date('2024-06-01T12:00:00Z'), new Date('2024-06-01T12:00:00Z'));
    const first = await both(dir);
    expect(first.cached).toEqual(first.fresh);
    expect(first.cached[1]).toContain('"updated" is earlier than the publication date');

    // The kept URL is the one the next build writes: the memo is read, not worked out again.
    for (const file of readdirSync(cacheFolder(dir))) {
      const at = path.join(cacheFolder(dir), file);
      writeFileSync(at, readFileSync(at, 'utf8').replaceAll('"url":"https://example.com/blog/zoneless/"', '"url":"https://example.com/blog/kept/"'));
    }
    writeFileSync(path.join(dir, 'articles/backwards.md'), article('Backwards', '2024-05-01', 'updated: 2024-04-02\n'));
    // (Without the kept plan: else the build reads only the edited article, and the others' URLs come from the plan.)
    forgetKeptPlans(dir);
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(readOut(dir, 'feed.json')).toContain('"url": "https://example.com/blog/kept/"');

    // Each thing a memo depends on, changed: every build then gives what a build without caches gives.
    const changes: [string, () => void, string][] = [
      ['the site zone', () => writeFileSync(path.join(dir, 'syndicate.config.json'), JSON.stringify({ ...BASE_CONFIG, site: { ...BASE_CONFIG.site, timezone: 'America/New_York' } })), '"date_published": "2024-03-10T10:00:00-04:00"'],
      ['the permalink pattern', () => writeFileSync(path.join(dir, 'syndicate.config.json'), JSON.stringify({ ...BASE_CONFIG, permalink: '/:year/:slug/' })), '"url": "https://example.com/blog/2024/zoneless/"'],
      ['the mtime an undated article is dated by', () => utimesSync(path.join(dir, 'articles/undated.md'), new Date('2024-07-01T12:00:00Z'), new Date('2024-07-01T12:00:00Z')), '"date_published": "2024-07-01T14:00:00+02:00"'],
    ];
    for (const [what, change, expected] of changes) {
      change();
      const run = await both(dir);
      expect(run.cached, what).toEqual(run.fresh);
      expect(run.cached[0], what).toContain(expected);
      expect(run.cached[1], what).toContain('"updated" is earlier than the publication date');
    }
  });
});

describe('the validated config, kept in the cache', () => {
  const keptFiles = (dir: string) => readdirSync(path.join(dir, 'node_modules/.cache/syndicate/config'));
  const kept = (dir: string) => path.join(dir, 'node_modules/.cache/syndicate/config', keptFiles(dir)[0]!);
  const feedTitle = (dir: string) => (JSON.parse(readOut(dir, 'feed.json')) as { title: string }).title;
  const rebuild = (dir: string) => {
    // The stamp would answer before the config is read.
    rmSync(path.join(dir, 'node_modules/.cache/syndicate/stamps'), { recursive: true, force: true });
    return buildHereCli(dir);
  };

  it('is what a build with the same config file uses, and is validated again when the file changes', async () => {
    const dir = await builtProject({ 'a.md': article('A', '2024-01-01') });
    expect(keptFiles(dir)).toHaveLength(1);
    expect(feedTitle(dir)).toBe('Example');
    // What is kept is what the next build uses: a title changed in it shows.
    writeFileSync(kept(dir), readFileSync(kept(dir), 'utf8').replace('"title":"Example"', '"title":"Kept"'));
    expect((await rebuild(dir)).code).toBe(0);
    expect(feedTitle(dir)).toBe('Kept');
    // Another config file: validated, its defaults filled in, and kept instead.
    writeFileSync(path.join(dir, 'syndicate.config.json'), JSON.stringify({ ...BASE_CONFIG, site: { ...BASE_CONFIG.site, title: 'Changed' } }));
    expect((await rebuild(dir)).code).toBe(0);
    expect(feedTitle(dir)).toBe('Changed');
    expect(keptFiles(dir)).toHaveLength(1);
    expect(JSON.parse(readFileSync(kept(dir), 'utf8'))).toMatchObject({ site: { title: 'Changed' }, feeds: { limit: 50 } });
    // An invalid config is never kept: each build reports it.
    writeFileSync(path.join(dir, 'syndicate.config.json'), JSON.stringify({ site: { url: 'ftp://example.com/' } }));
    for (let i = 0; i < 2; i++) {
      const run = await rebuild(dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('syndicate.config.json:1: error: site.url');
    }
    expect(JSON.parse(readFileSync(kept(dir), 'utf8'))).toMatchObject({ site: { title: 'Changed' } });
  });
});

describe('files no longer built', () => {
  it('are removed when they are as the last build left them, and nothing else is', async () => {
    const config = { ...BASE_CONFIG, feeds: { facets: { tags: true } } };
    const dir = await builtProject({ 'a.md': article('A', '2024-01-01', 'tags: [cats, dogs]\n'), 'b.md': article('B', '2024-02-01', 'tags: [cats, owls]\n') }, config);
    expect(readOut(dir, 'tags/dogs/rss.xml')).toContain('<title>A</title>');
    expect(readOut(dir, 'tags/owls/atom.xml')).toContain('B');
    writeFileSync(path.join(dir, 'dist/mine.txt'), 'a file of the publisher');
    // The owls feed was changed by hand: it is not ours to remove any more.
    appendFileSync(path.join(dir, 'dist/tags/owls/feed.json'), '\n');

    writeFileSync(path.join(dir, 'articles/a.md'), article('A', '2024-01-01', 'tags: [cats]\n'));
    writeFileSync(path.join(dir, 'articles/b.md'), article('B', '2024-02-01', 'tags: [cats]\n'));
    const run = await buildHereCli(dir);
    expect(run.code, run.stderr).toBe(0);
    for (const f of ['rss.xml', 'atom.xml', 'feed.json']) expect(run.stdout).toContain(`removed dist/tags/dogs/${f} (no longer built)`);
    expect(readdirSync(path.join(dir, 'dist/tags')).sort()).toEqual(['cats', 'owls']);
    expect(readdirSync(path.join(dir, 'dist/tags/owls'))).toEqual(['feed.json']);
    expect(readOut(dir, 'mine.txt')).toBe('a file of the publisher');
    expect(readOut(dir, 'tags/cats/rss.xml')).toContain('<title>A</title>');
  });

  it('are left alone by a failed build', async () => {
    const config = { ...BASE_CONFIG, feeds: { facets: { tags: true } } };
    const dir = await builtProject({ 'a.md': article('A', '2024-01-01', 'tags: [dogs]\n') }, config);
    writeFileSync(path.join(dir, 'articles/a.md'), article('A', '2024-01-01', 'tags: [cats]\n'));
    writeFileSync(path.join(dir, 'articles/bad.md'), '---\ntitle: [unclosed\n---\n');
    expect((await buildHereCli(dir)).code).toBe(1);
    expect(readOut(dir, 'tags/dogs/rss.xml')).toContain('<title>A</title>');
  });
});
