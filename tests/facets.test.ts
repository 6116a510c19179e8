/** Feeds per tag, per author and per language; slugs that are safe whatever a tag says. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slugify } from '../src/feeds/slug.js';
import { BASE_CONFIG, buildCli, buildHereCli, makeProject, readOut, runCli } from './support/project.js';
import { atomErrors, atomRelaxNgErrors, hasXmllint, jsonFeedErrors, rssErrors } from './support/validate.js';

const facetConfig = { ...BASE_CONFIG, feeds: { limit: 2, facets: { tags: true, authors: true, languages: true } } };
const post = (title: string, date: string, extra: string) => `---\ntitle: ${title}\ndate: ${date}\n${extra}---\nText.\n`;

describe('facet feeds', () => {
  const dir = makeProject(
    {
      'a.md': post('A', '2024-01-01', 'tags: ["Café", "Q&A"]\nauthor: Jane Doe\n'),
      'b.md': post('B', '2024-01-02', 'tags: ["cafe", "../etc", "CON"]\nauthor: Jane Doe\nlang: fr\n'),
      'c.md': post('C', '2024-01-03', 'tags: ["Café", "東京", "🎉"]\nauthors: [Jane Doe, Le Figaro avec AFP]\n'),
    },
    facetConfig,
  );
  const run = buildCli(dir);
  const items = (feed: string) => JSON.parse(readOut(dir, feed)).items.map((i: { title: string }) => i.title);

  it('writes one feed per tag, author and language, in every format, each valid', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('facet feeds: 30 files written, 0 unchanged');
    // Six tags (two spellings of Café share one), two authors, two languages: ten feeds.
    const emoji = `tags/${slugify('🎉')}`;
    expect(emoji).toMatch(/^tags\/t-[0-9a-f]{10}$/);
    for (const folder of ['tags/cafe', 'tags/q-and-a', 'tags/etc', 'tags/con-', 'tags/東京', emoji, 'authors/jane-doe', 'authors/le-figaro-avec-afp', 'lang/en', 'lang/fr']) {
      for (const f of ['rss.xml', 'atom.xml', 'feed.json']) expect(existsSync(path.join(dir, 'dist', folder, f)), `${folder}/${f}`).toBe(true);
      expect(rssErrors(readOut(dir, `${folder}/rss.xml`))).toEqual([]);
      expect(atomErrors(readOut(dir, `${folder}/atom.xml`))).toEqual([]);
      if (hasXmllint) expect(atomRelaxNgErrors(readOut(dir, `${folder}/atom.xml`))).toEqual([]);
      expect(jsonFeedErrors(readOut(dir, `${folder}/feed.json`))).toEqual([]);
    }
  });

  it('puts the newest items of the slice in each, up to feeds.limit', () => {
    expect(items('tags/cafe/feed.json')).toEqual(['C', 'B']);
    expect(items('authors/jane-doe/feed.json')).toEqual(['C', 'B']);
    expect(items('authors/le-figaro-avec-afp/feed.json')).toEqual(['C']);
    expect(items('lang/fr/feed.json')).toEqual(['B']);
    expect(items('lang/en/feed.json')).toEqual(['C', 'A']);
    const feed = JSON.parse(readOut(dir, 'tags/cafe/feed.json'));
    expect(feed).toMatchObject({ title: 'Example: tagged Café', feed_url: 'https://example.com/blog/tags/cafe/feed.json' });
    expect(readOut(dir, 'tags/cafe/rss.xml')).toContain('<div xmlns="http://www.w3.org/1999/xhtml"><script src="../../feed.js"></script></div>');
  });

  it('warns when two spellings share one feed, and never writes outside dist/', () => {
    expect(run.stderr).toContain('articles: warning: "Café" and "cafe" fold to the same name, so they share the feed tags/cafe/');
    expect(existsSync(path.join(dir, 'etc'))).toBe(false);
    expect(existsSync(path.join(dir, 'dist', 'etc'))).toBe(false);
  });

  it('lists every feed in feeds.opml and index.html', () => {
    const opml = readFileSync(path.join(dir, 'dist/feeds.opml'), 'utf8');
    expect(opml.match(/<outline /g)).toHaveLength(11);
    expect(opml).toContain('xmlUrl="https://example.com/blog/tags/%E6%9D%B1%E4%BA%AC/rss.xml"');
    expect(readOut(dir, 'index.html')).toContain('<li><a href="https://example.com/blog/lang/fr/rss.xml">Example: in fr</a></li>');
  });
});

describe('tags that differ in meaning', () => {
  it('get feeds of their own: C, C++ and C# are three feeds, each titled as its tag is written', async () => {
    const dir = makeProject(
      {
        'c.md': post('On C', '2024-01-01', 'tags: [C]\n'),
        'cpp.md': post('On C++', '2024-01-02', 'tags: [C++]\n'),
        'cs.md': post('On C#', '2024-01-03', 'tags: ["C#"]\n'),
      },
      { ...BASE_CONFIG, feeds: { facets: { tags: true } } },
    );
    const run = await buildHereCli(dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const feed = (slug: string) => JSON.parse(readOut(dir, `tags/${slug}/feed.json`)) as { title: string; items: { title: string }[] };
    expect([feed('c'), feed('c-plus-plus'), feed('c-sharp')].map((f) => [f.title, f.items.map((i) => i.title)])).toEqual([
      ['Example: tagged C', ['On C']],
      ['Example: tagged C++', ['On C++']],
      ['Example: tagged C#', ['On C#']],
    ]);
  });

  it('share a feed only when they differ in case, accents or punctuation, titled after the spelling most articles use, and say so', async () => {
    const dir = makeProject(
      {
        'a.md': post('A', '2024-01-01', 'tags: [Go]\n'),
        'b.md': post('B', '2024-01-02', 'tags: [Go]\n'),
        'c.md': post('C', '2024-01-03', 'tags: [go]\nlang: en-GB\n'),
        'd.md': post('D', '2024-01-04', 'tags: [GO]\nlang: en-gb\n'),
      },
      { ...BASE_CONFIG, feeds: { facets: { tags: true, languages: true } } },
    );
    const run = await buildHereCli(dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(readOut(dir, 'tags/go/feed.json')).title).toBe('Example: tagged Go');
    expect(run.stderr).toContain('articles: warning: "Go", "GO" and "go" fold to the same name, so they share the feed tags/go/ (titled "Go"); write them the same way if they are one tag');
    expect(run.stderr).toContain('fold to the same name, so they share the feed lang/en-gb/ (titled "en-GB"); write them the same way if they are one language');
  });
});

describe('slugs', () => {
  it.each([
    ['Café au lait', 'cafe-au-lait'],
    ['Q&A', 'q-and-a'],
    ['C++', 'c-plus-plus'],
    ['C#', 'c-sharp'],
    ['node.js', 'node-js'],
    ['Node JS', 'node-js'],
    ['हिन्दी', 'हिन्दी'],
    ['party 🎉', 'party-1a54dfab08'],
    ['a=b', 'a-b-42144f3939'],
    ['../../etc/passwd', 'etc-passwd'],
    ['CON', 'con-'],
    ['lpt1', 'lpt1-'],
    ['Ærø Straße', 'aerø-strasse'],
    ['東京', '東京'],
  ])('%s -> %s', (tag, slug) => {
    expect(slugify(tag)).toBe(slug);
  });

  it('is a single safe path segment for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const slug = slugify(text);
        expect(slug.length).toBeGreaterThan(0);
        expect(Array.from(slug).length).toBeLessThanOrEqual(80);
        expect(slug).not.toMatch(/[/\\\u0000-\u001f\u007f]/);
        expect(['.', '..']).not.toContain(slug);
        expect(slug).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i);
        expect(slug).not.toMatch(/[\ud800-\udfff]/u);
        const root = path.resolve('/out/tags');
        expect(path.dirname(path.resolve(root, slug))).toBe(root);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('many facet feeds', () => {
  it('are all written with at most 100 files open at once', () => {
    // 40 articles of 50 tags each: 2,000 tag feeds, 6,000 files written while the build goes on.
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) {
      const tags = Array.from({ length: 50 }, (_, j) => `"t${i}-${j}"`).join(', ');
      files[`p${i}.md`] = post(`P${i}`, `2024-02-${String((i % 28) + 1).padStart(2, '0')}`, `tags: [${tags}]\n`);
    }
    const dir = makeProject(files, { ...BASE_CONFIG, feeds: { facets: { tags: true } } });
    const run = runCli(dir, ['build', '--now', '2030-01-01T00:00:00Z'], {}, { openFiles: 100 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readdirSync(path.join(dir, 'dist', 'tags'))).toHaveLength(2000);
    expect(JSON.parse(readOut(dir, 'tags/t39-49/feed.json')).items.map((i: { title: string }) => i.title)).toEqual(['P39']);
  });
});
