/**
 * The fast paths give the same bytes as the plain one: rendering on worker
 * threads (large builds of the compiled CLI) and the render cache.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { parseConfig } from '../src/config.js';
import { writeCorpus } from './support/corpus.js';
import { BASE_CONFIG, buildCli, makeProject, readOut } from './support/project.js';

const feeds = ['rss.xml', 'atom.xml', 'feed.json'];
const config = { ...BASE_CONFIG, feeds: { limit: 0 } };

function corpusProject(count: number, seed: number): string {
  const dir = makeProject({}, config);
  writeCorpus(path.join(dir, 'articles'), count, seed);
  return dir;
}

const cacheFiles = (dir: string) =>
  readdirSync(path.join(dir, 'node_modules/.cache/syndicate/render'), { recursive: true }).filter((f) => String(f).endsWith('.json'));

describe('rendering on worker threads', () => {
  it('writes the same bytes as rendering in one thread', async () => {
    const dir = corpusProject(260, 5);
    // The compiled CLI renders 260 articles on worker threads...
    expect(buildCli(dir, ['--no-cache']).code).toBe(0);
    const threaded = Object.fromEntries(feeds.map((f) => [f, readOut(dir, f)]));
    // ...while the TypeScript sources, run here, have no compiled worker and render inline.
    const result = await build({ config: parseConfig(config), articlesDir: 'articles', outDir: 'inline', now: Date.UTC(2030, 0, 1), cwd: dir, cacheDir: false });
    expect(result.ok).toBe(true);
    expect(result.outputs[0]!.items).toBeGreaterThan(250);
    for (const f of feeds) expect(readFileSync(path.join(dir, 'inline', f), 'utf8')).toBe(threaded[f]);
  });
});

describe('the render cache', () => {
  const article = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2024-01-01\n---\n${body}\n`;

  it('lives in node_modules/.cache/syndicate, gives the same bytes, and never serves a stale entry', () => {
    const dir = makeProject({ 'a.md': article('A', 'First *version*.'), 'b.md': article('B', 'Other.') });
    mkdirSync(path.join(dir, 'node_modules'));
    expect(buildCli(dir).code).toBe(0);
    const first = readOut(dir, 'feed.json');
    expect(cacheFiles(dir)).toHaveLength(2);
    expect(buildCli(dir).code).toBe(0);
    expect(readOut(dir, 'feed.json')).toBe(first);

    appendFileSync(path.join(dir, 'articles/a.md'), 'An edit.\n');
    expect(buildCli(dir).code).toBe(0);
    expect(JSON.parse(readOut(dir, 'feed.json')).items.find((i: { title: string }) => i.title === 'A').content_html).toBe('<p>First <em>version</em>.\nAn edit.</p>\n');
    expect(cacheFiles(dir)).toHaveLength(3);
  });

  it('treats a damaged entry as a miss', () => {
    const dir = makeProject({ 'a.md': article('A', 'Text.') });
    mkdirSync(path.join(dir, 'node_modules'));
    expect(buildCli(dir).code).toBe(0);
    const good = readOut(dir, 'feed.json');
    for (const f of cacheFiles(dir)) writeFileSync(path.join(dir, 'node_modules/.cache/syndicate/render', String(f)), '{"html": 42');
    rmSync(path.join(dir, 'dist'), { recursive: true });
    expect(buildCli(dir).code).toBe(0);
    expect(readOut(dir, 'feed.json')).toBe(good);
  });

  it('is not written with --no-cache, nor where there is no node_modules folder', () => {
    const dir = makeProject({ 'a.md': article('A', 'Text.') });
    expect(buildCli(dir).code).toBe(0);
    mkdirSync(path.join(dir, 'node_modules'));
    expect(buildCli(dir, ['--no-cache']).code).toBe(0);
    expect(readdirSync(path.join(dir, 'node_modules'))).toEqual([]);
  });
});
