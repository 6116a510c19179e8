/** init, import and ping, through the CLI on real folders (and a WebSub hub on loopback). */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_CONFIG, buildHereCli, makeProject, readOut, ROOT, runCliAsync, runHere } from './support/project.js';
import { atomErrors, jsonFeedErrors, rssErrors } from './support/validate.js';

describe('syndicate init', () => {
  it('writes a config, a first article and the publish workflow, which build at once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'syndicate-init-'));
    try {
      const run = await runHere(dir, ['init', '--url', 'https://blog.example.net/', '--title', 'My blog']);
      expect(run.code).toBe(0);
      const today = new Date().toISOString().slice(0, 10);
      expect(run.stdout).toBe(`wrote syndicate.config.json\nwrote articles/${today}-hello-world.md\nwrote .github/workflows/publish.yml\nnext: npx syndicate build\n`);
      expect(JSON.parse(readFileSync(path.join(dir, 'syndicate.config.json'), 'utf8')).site).toMatchObject({ url: 'https://blog.example.net/', title: 'My blog', idAuthority: 'blog.example.net' });
      // The repository's own workflow, its --previous at the feed under --url (not a guess from the repository's name).
      const workflow = readFileSync(path.join(ROOT, '.github/workflows/publish.yml'), 'utf8').replace(/--previous "[^"]*"/, '--previous "https://blog.example.net/feed.json"');
      expect(readFileSync(path.join(dir, '.github/workflows/publish.yml'), 'utf8')).toBe(workflow);
      expect(workflow).not.toBe(readFileSync(path.join(ROOT, '.github/workflows/publish.yml'), 'utf8'));
      const build = await runHere(dir, ['build']);
      expect(build.code).toBe(0);
      expect(readOut(dir, 'rss.xml')).toContain('<title>Hello, world</title>');
      expect(readOut(dir, 'rss.xml')).toContain(`<guid isPermaLink="false">tag:blog.example.net,${today}:${today}-hello-world</guid>`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never overwrites a file, and needs --url when it cannot ask', async () => {
    const dir = makeProject({ 'mine.md': '# Mine\n' });
    const before = readFileSync(path.join(dir, 'syndicate.config.json'), 'utf8');
    const run = await runHere(dir, ['init', '--url', 'https://other.example/']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('kept syndicate.config.json (it exists; init never overwrites)');
    expect(readFileSync(path.join(dir, 'syndicate.config.json'), 'utf8')).toBe(before);
    const noUrl = await runHere(makeProject({}, null), ['init']);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('--url is required');
  });
});

describe('syndicate import', () => {
  it('moves a feed into articles that rebuild with the same ids, dates and titles', async () => {
    const source = makeProject({
      'a.md': '---\ntitle: "First: with a colon & more"\ndate: 2022-05-30T10:15:00+02:00\nupdated: 2022-06-01T09:00:00+02:00\nauthors: [Jane Doe, Le Figaro avec AFP]\ntags: [one, two]\nsummary: A summary.\n---\nText with **bold**.\n\n```\n# not a heading\n\nstill code\n```\n',
      'b.md': '---\ntitle: Second\ndate: 2023-01-15\nid: urn:uuid:5a1b2c3d-0000-4000-8000-000000000002\n---\nMore text.\n',
    });
    expect((await buildHereCli(source)).code).toBe(0);
    for (const format of ['rss.xml', 'atom.xml', 'feed.json']) {
      const target = makeProject({});
      rmSync(path.join(target, 'articles'), { recursive: true });
      const run = await runHere(target, ['import', path.join(source, 'dist', format)]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('2 articles imported');
      expect(readdirSync(path.join(target, 'articles')).sort()).toEqual(['2022-05-30-first-with-a-colon-more.md', '2023-01-15-second.md']);
      expect((await buildHereCli(target)).code).toBe(0);
      const before = JSON.parse(readOut(source, 'feed.json')).items;
      const after = JSON.parse(readOut(target, 'feed.json')).items;
      const pick = (items: Record<string, unknown>[]) => items.map((i) => [i.id, i.url, i.title, i.date_published]);
      expect(pick(after), format).toEqual(pick(before));
      // The code block survives the trip through HTML and back.
      expect(after[1].content_html).toContain('# not a heading\n\nstill code');
      expect(rssErrors(readOut(target, 'rss.xml'))).toEqual([]);
      if (format !== 'rss.xml') expect(after[1].date_modified).toBe('2022-06-01T09:00:00+02:00');
      const again = await runHere(target, ['import', path.join(source, 'dist', format)]);
      expect(again.stdout).toContain('0 articles imported');
      expect(again.stdout).toContain('kept articles/2022-05-30-first-with-a-colon-more.md (it exists; import never overwrites)');
    }
  });
});

describe('syndicate ping and the WebSub hub', () => {
  it('puts the hub in all three formats', async () => {
    const dir = makeProject({ 'a.md': '# A\n' }, { site: { ...BASE_CONFIG.site, hub: 'https://hub.example.com/' } });
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(readOut(dir, 'rss.xml')).toContain('<atom:link href="https://hub.example.com/" rel="hub"/>');
    expect(readOut(dir, 'atom.xml')).toContain('<link rel="hub" href="https://hub.example.com/"/>');
    expect(JSON.parse(readOut(dir, 'feed.json')).hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example.com/' }]);
    expect(rssErrors(readOut(dir, 'rss.xml'))).toEqual([]);
    expect(atomErrors(readOut(dir, 'atom.xml'))).toEqual([]);
    expect(jsonFeedErrors(readOut(dir, 'feed.json'))).toEqual([]);
  });

  it('notifies the hub for the feeds whose bytes changed since the last ping, and only those', async () => {
    const received: string[] = [];
    const hub = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    const hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
    try {
      const config = { site: { ...BASE_CONFIG.site, hub: hubUrl }, feeds: { formats: { rss: 'rss.xml', atom: 'atom.xml', json: false } } };
      const dir = makeProject({ 'a.md': '---\ntitle: A\ndate: 2024-01-01\n---\nx\n' }, config);
      expect((await buildHereCli(dir)).code).toBe(0);
      const first = await runCliAsync(dir, ['ping']);
      expect(first.code).toBe(0);
      expect(received.sort()).toEqual([
        'hub.mode=publish&hub.url=https%3A%2F%2Fexample.com%2Fblog%2Fatom.xml',
        'hub.mode=publish&hub.url=https%3A%2F%2Fexample.com%2Fblog%2Frss.xml',
      ]);
      received.length = 0;
      const second = await runCliAsync(dir, ['ping']);
      expect(second.stdout).toContain('unchanged since the last ping: https://example.com/blog/rss.xml');
      expect(received).toEqual([]);
      // Forget one feed in the state: only that one is pinged again.
      const state = JSON.parse(readFileSync(path.join(dir, '.syndicate-ping.json'), 'utf8'));
      delete state['https://example.com/blog/atom.xml'];
      writeFileSync(path.join(dir, '.syndicate-ping.json'), JSON.stringify(state));
      await runCliAsync(dir, ['ping']);
      expect(received).toEqual(['hub.mode=publish&hub.url=https%3A%2F%2Fexample.com%2Fblog%2Fatom.xml']);
      received.length = 0;
      writeFileSync(path.join(dir, 'articles/b.md'), '---\ntitle: B\ndate: 2024-02-01\n---\ny\n');
      expect((await buildHereCli(dir)).code).toBe(0);
      await runCliAsync(dir, ['ping']);
      expect(received).toHaveLength(2);
    } finally {
      hub.close();
    }
  });

  it('notifies the hub for the feeds of tags and the archive pages too, each when its own bytes changed', async () => {
    const received: string[] = [];
    const hub = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push(new URLSearchParams(body).get('hub.url')!);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    try {
      const config = {
        site: { ...BASE_CONFIG.site, hub: `http://127.0.0.1:${(hub.address() as AddressInfo).port}/` },
        feeds: { limit: 1, history: 'archive', archivePageSize: 1, formats: { rss: 'rss.xml', atom: false, json: 'feed.json' }, facets: { tags: true } },
      };
      const dir = makeProject(
        {
          'go.md': '---\ntitle: Go\ndate: 2024-01-01\ntags: [go]\n---\nold text\n',
          'new.md': '---\ntitle: New\ndate: 2024-03-01\ntags: [news]\n---\nx\n',
        },
        config,
      );
      expect((await buildHereCli(dir)).code).toBe(0);
      expect(readOut(dir, 'tags/go/rss.xml')).toContain(`rel="hub"`);
      expect((await runCliAsync(dir, ['ping'])).code).toBe(0);
      const topic = (file: string) => `https://example.com/blog/${file}`;
      expect(received.sort()).toEqual(
        ['archive/1/feed.json', 'archive/1/rss.xml', 'archive/2/feed.json', 'archive/2/rss.xml', 'feed.json', 'rss.xml', 'tags/go/feed.json', 'tags/go/rss.xml', 'tags/news/feed.json', 'tags/news/rss.xml'].map(topic),
      );
      // An edit of the article only tags/go/ and the oldest archive page hold: only their feeds are pinged.
      received.length = 0;
      writeFileSync(path.join(dir, 'articles/go.md'), '---\ntitle: Go\ndate: 2024-01-01\ntags: [go]\n---\nnew text\n');
      expect((await buildHereCli(dir)).code).toBe(0);
      const run = await runCliAsync(dir, ['ping']);
      expect(run.code).toBe(0);
      expect(received.sort()).toEqual(['archive/1/feed.json', 'archive/1/rss.xml', 'tags/go/feed.json', 'tags/go/rss.xml'].map(topic));
      expect(run.stdout).toContain(`unchanged since the last ping: ${topic('rss.xml')}`);
    } finally {
      hub.close();
    }
  });

  it('says what to do when there is no hub', async () => {
    const dir = makeProject({ 'a.md': '# A\n' });
    const run = await runHere(dir, ['ping']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('there is no WebSub hub to ping: set site.hub in the config');
  });
});
