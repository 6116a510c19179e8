/**
 * Sites of Hugo, Jekyll, Eleventy and Astro (tests/fixtures/sites/: small sites of invented text in
 * the shape of those tools' starters, each with the expected.json of a build by the real tool):
 * dropped into such a site with no config of its own, syndicate's feed holds the posts the tool
 * publishes, each with the link, date and title the tool gives it; frontmatter, keys, flags and
 * template tags read as the tool reads them.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, buildHereCli, runHere, tempDir } from './support/project.js';

const FIXTURES = path.join(ROOT, 'tests/fixtures/sites');

interface Post {
  source: string;
  published: boolean;
  kind?: string;
  url?: string;
  date?: string;
  title?: string;
}

interface Item {
  url: string;
  title: string;
  date_published: string;
  date_modified: string;
  content_html: string;
  language?: string;
  image?: string;
  tags?: string[];
}

/** A copy of a fixture site in a temporary folder, without its expected.json and rejected pages (unless `extra` puts some in). */
function site(name: string, extra: Record<string, string> = {}): string {
  const dir = path.join(tempDir(), name);
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  rmSync(path.join(dir, 'expected.json'));
  rmSync(path.join(dir, 'rejected'), { recursive: true, force: true });
  for (const [file, text] of Object.entries(extra)) writeFileSync(path.join(dir, file), text);
  return dir;
}

function expected(name: string): Post[] {
  return (JSON.parse(readFileSync(path.join(FIXTURES, name, 'expected.json'), 'utf8')) as { posts: Post[] }).posts;
}

function items(dir: string): Item[] {
  return (JSON.parse(readFileSync(path.join(dir, 'dist/feed.json'), 'utf8')) as { items: Item[] }).items;
}

/** An instant and its offset, as RFC 3339 writes them, for comparing dates written in either form. */
function when(date: string): string {
  const d = new Date(date);
  const offset = /(?:Z|[+-]\d{2}:\d{2})$/.exec(date)?.[0].replace('Z', '+00:00');
  return `${d.toISOString()} ${offset}`;
}

/**
 * The posts of `name` its tool published and syndicate's feed must hold: every link, date and
 * title as the tool gave them. Those of `unsure` may be items or not (another rule decides).
 */
function expectSameAsTool(dir: string, name: string, isPost: (p: Post) => boolean, unsure: (p: Post) => boolean = () => false): Item[] {
  const all = items(dir);
  const doubt = new Set(expected(name).filter(unsure).map((p) => p.url));
  const feed = all.filter((i) => !doubt.has(i.url));
  const posts = expected(name).filter((p) => p.published && isPost(p) && !unsure(p));
  expect(feed.map((i) => i.url).sort()).toEqual(posts.map((p) => p.url).sort());
  for (const post of posts) {
    const item = feed.find((i) => i.url === post.url)!;
    expect(when(item.date_published), post.source).toBe(when(post.date!));
    if (post.title !== undefined) expect(item.title, post.source).toBe(post.title.replace(/\s+/g, ' '));
  }
  return all;
}

/** No template tag left as text or in a URL, in any feed. */
function expectNoTemplateText(dir: string): void {
  for (const feed of ['feed.json', 'rss.xml', 'atom.xml']) {
    const text = readFileSync(path.join(dir, 'dist', feed), 'utf8');
    expect(text, feed).not.toMatch(/\{\{[<%]?|\{%|%7B%7B|%7B%25/);
  }
}

describe('a Hugo site', () => {
  it('with TOML frontmatter, permalinks and ugly URLs: the posts of its main section, as Hugo links and dates them', async () => {
    const dir = site('hugo-toml');
    const run = await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    expect(run.code).toBe(0);
    // Built-in feeds list root pages too; the site's posts are its main section (Hugo's mainSections).
    const feed = expectSameAsTool(dir, 'hugo-toml', (p) => p.kind === 'page' && p.source.startsWith('content/posts/'));
    // A draft in TOML and an expired page are left out, the future post is scheduled; _index.md pages are no items.
    expect(run.stdout).toContain('2 drafts and 1 scheduled left out');
    expect(feed.find((i) => i.url.includes('2024/01/'))!.language).toBeUndefined();
    // A bundle's resources are where Hugo publishes them, under the bundle's folder.
    const bundle = feed.find((i) => i.url.endsWith('/2024/03/harbour-walk.html'))!;
    expect(bundle.content_html).toContain('src="https://example.org/notes/2024/03/harbour-walk/map.png"');
    expect(bundle.content_html).toContain('src="https://example.org/notes/2024/03/harbour-walk/images/gull.png"');
  });

  it('renders the built-in shortcodes, and removes a site\'s own with a warning naming file, line and shortcode', async () => {
    const dir = site('hugo-toml');
    const run = await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    const html = items(dir).find((i) => i.url.endsWith('shortcode-tour.html'))!.content_html;
    expect(html).toContain('<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">');
    expect(html).toContain('<figure><img src="https://example.org/img/lake.png" alt="A small lake" /><figcaption>The lake at dawn</figcaption></figure>');
    expect(html).toContain('<a href="https://example.org/notes/2024/03/harbour-walk.html">the bundle post</a>');
    expect(html).toContain('<a href="https://example.org/notes/about.html">the about page</a>');
    expect(html).toContain('<pre><code class="language-go">fmt.Println("hello")\n</code></pre>');
    expect(html).toContain('Params in text: Short notes from walks and workshops.');
    expect(html).toContain('Notes are a <strong>site-defined</strong> shortcode');
    expect(run.stderr).toContain('content/posts/shortcode-tour.md:22: warning: "{{< note >}}" is a template tag syndicate cannot render');
    expect(run.stderr).toContain('content/posts/shortcode-tour.md:26: warning: "{{% callout kind=\\"warn\\" %}}" is a template tag');
    expectNoTemplateText(dir);
  });

  it('refuses a TOML key written twice, as Hugo does, and still writes the feeds of the other posts (exit 1)', async () => {
    const dir = site('hugo-toml');
    cpSync(path.join(FIXTURES, 'hugo-toml/rejected/dup-key.md'), path.join(dir, 'content/posts/dup-key.md'));
    const run = await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('content/posts/dup-key.md:4: error: this key is written twice, which TOML forbids');
    expect(items(dir)).toHaveLength(5);
  });

  it('with YAML bundles, a spaced YAML timestamp and a repeated key: links and dates as Hugo gives them', async () => {
    const dir = site('hugo-yaml-bundles');
    const run = await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    expect(run.stderr).toContain('content/blog/dup-key.md:4: warning: "title" is written twice in the frontmatter; the last value is read');
    // heading-later.md has no title and its heading does not open the body: Hugo publishes it
    // untitled, syndicate names it as an error and writes the other posts (keepGoing).
    expect(run.stderr).toContain('content/blog/heading-later.md:5: error: the article has no title');
    const feed = expectSameAsTool(dir, 'hugo-yaml-bundles', (p) => p.kind === 'page' && !p.source.includes('heading-later'));
    const hike = feed.find((i) => i.url.endsWith('/spring-ridge-hike/'))!;
    expect(hike.content_html).toContain('<img src="https://blog.example.net/blog/2024/05/29/spring-ridge-hike/cover.png"');
    expectNoTemplateText(dir);
  });

  it('reads the key a site names in `keys`, before its own', async () => {
    const dir = site('hugo-yaml-bundles', { 'syndicate.config.json': JSON.stringify({ keys: { title: ['newstitle'] } }) });
    writeFileSync(path.join(dir, 'content/blog/set-url.md'), '---\nnewstitle: Named by the site\ntitle: Moved\ndate: 2023-12-24T18:00:00-05:00\nurl: /archive/old-favourite.html\n---\nText.\n');
    await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    expect(items(dir).find((i) => i.url.endsWith('/archive/old-favourite.html'))!.title).toBe('Named by the site');
  });
});

describe('a Jekyll site', () => {
  it('gives each post the link and date Jekyll gives it: permalink pattern, categories, the site zone, published: false', async () => {
    const dir = site('jekyll');
    const run = await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    expect(run.code).toBe(0);
    const feed = expectSameAsTool(dir, 'jekyll', (p) => p.source.startsWith('_posts/'));
    expect(run.stdout).toContain('1 draft left out');
    // lang: zh_cn is read as the BCP 47 tag it means, with a warning.
    expect(feed.find((i) => i.url.includes('chinese-note'))!.language).toBe('zh-CN');
    expect(run.stderr).toContain('_posts/2024-06-04-chinese-note.md:4: warning: lang: "zh_cn" is not a BCP 47 language tag; it is read as "zh-CN"');
    // jekyll-feed's categories: category, categories and tags.
    expect(feed.find((i) => i.url.includes('offset-in-front-matter'))!.tags).toEqual(['Travel', 'Local News', 'ferry']);
  });

  it('renders Liquid tags: post_url, link, highlight, raw, comment, site values; removes an include and a plugin tag with a warning', async () => {
    const dir = site('jekyll');
    const run = await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    const html = items(dir).find((i) => i.url.includes('liquid-tags'))!.content_html;
    expect(html).toContain('<a href="https://journal.example.com/blog/food/2024/06/01/no-offset/">market</a>');
    // {{ site.baseurl }}{% post_url %} doubles the baseurl on the site itself (Jekyll 4): the same link.
    expect(html).toContain('<a href="https://journal.example.com/blog/blog/food/2024/06/01/no-offset/">market again</a>');
    expect(html).toContain('<a href="https://journal.example.com/blog/about/">about</a>');
    expect(html).toContain('<pre><code class="language-ruby">puts "hello"\n</code></pre>');
    expect(html).toContain('This {{ stays }} as written');
    expect(html).not.toContain('disappears');
    expect(html).toContain('Site title through a variable: Harbour Journal. Page URL: /2024/06/03/liquid-tags/.');
    expect(html).toContain('A site plugin tag that no feed tool knows.');
    expect(run.stderr).toContain('_posts/2024-06-03-liquid-tags.md:17: warning: "{% include note.html text=\\"An include with a parameter.\\" %}"');
    expect(run.stderr).toContain('_posts/2024-06-03-liquid-tags.md:19: warning: "{% callout %}"');
    const json = readFileSync(path.join(dir, 'dist/feed.json'), 'utf8');
    expect(json.replace('{{ stays }}', '')).not.toMatch(/\{\{|\{%|%7B%7B/);
  });

  it('dates a clipping with a byline by its file name, as Jekyll does, so its link is the page Jekyll publishes', async () => {
    const dir = site('jekyll', {
      '_posts/2026-03-14-ferry-strike.md': '---\ntitle: Ferry strike ends\n---\nBy Jane Doe\nPublished 15 March 2026, 10:15 GMT\n\nThe ferries sail again from Monday, the harbour office said on Sunday evening.\n',
    });
    const run = await buildHereCli(dir, ['--now', '2026-06-01T00:00:00Z']);
    expect(run.code).toBe(0);
    const item = items(dir).find((i) => i.title === 'Ferry strike ends')!;
    // Jekyll reads no byline: the post's date is its file name's, in the site's zone, and so is its URL's day.
    expect([item.url, item.date_published]).toEqual(['https://journal.example.com/blog/2026/03/14/ferry-strike/', '2026-03-14T00:00:00+09:00']);
  });

  it('dates a post named with a one-digit month and day by its name, as Jekyll reads it (2024-6-5-x.md)', async () => {
    const dir = site('jekyll', { '_posts/2024-6-5-short-date.md': '---\ntitle: Short date\n---\nA post named as Jekyll allows.\n' });
    expect((await buildHereCli(dir, ['--now', '2026-06-01T00:00:00Z'])).code).toBe(0);
    const item = items(dir).find((i) => i.title === 'Short date')!;
    expect([item.url, item.date_published]).toEqual(['https://journal.example.com/blog/2024/06/05/short-date/', '2024-06-05T00:00:00+09:00']);
  });
});

describe('an Eleventy site', () => {
  it('dates a clipping with a byline by the date in its file name, as Eleventy does', async () => {
    const dir = site('eleventy');
    writeFileSync(path.join(dir, 'content/blog/2026-03-14-ferry-strike.md'), '---\ntitle: Ferry strike ends\n---\nBy Jane Doe\nPublished 15 March 2026, 10:15 GMT\n\nThe ferries sail again from Monday, the harbour office said on Sunday evening.\n');
    expect((await buildHereCli(dir, ['--now', '2026-06-01T00:00:00Z'])).code).toBe(0);
    const item = items(dir).find((i) => i.title === 'Ferry strike ends')!;
    expect([item.url, item.date_published]).toEqual(['https://notes.example.dev/blog/ferry-strike/', '2026-03-14T00:00:00Z']);
  });

  it('lists the posts of the feed\'s collection, with their permalink templates, folder pages and UTC dates', async () => {
    const dir = site('eleventy');
    const run = await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    expect(run.code).toBe(0);
    // Pages outside the "posts" collection, excluded from collections or without a page are no items.
    const feed = expectSameAsTool(dir, 'eleventy', (p) => p.source.startsWith('content/blog/') && !p.source.includes('hidden'));
    const clock = feed.find((i) => i.url.endsWith('/blog/offset-date/'))!;
    // Resolved from the source file, where passthrough copy publishes it.
    expect(clock.content_html).toContain('src="https://notes.example.dev/blog/images/boat.png"');
    expect(clock.tags).toEqual(['electronics']);
  });

  it('renders Nunjucks raw, comments and values, and removes a site shortcode with a warning', async () => {
    const dir = site('eleventy');
    const run = await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    const html = items(dir).find((i) => i.url.includes('a-title-that-keeps-going'))!.content_html;
    expect(html).toContain('Curly {{ braces }} survive raw.');
    expect(html).toContain('Site title from data: Workbench. This page: /posts/a-title-that-keeps-going-onto-a-second-line/.');
    expect(html).not.toContain('Nunjucks comment');
    expect(run.stderr).toContain('content/blog/quoted-title.md:14: warning: "{% callout \\"warn\\" %}"');
  });

  it('refuses an image whose path climbs above the site, with a warning, however the climb is spelled', async () => {
    const dir = site('eleventy', {
      'content/blog/climb.md': '---\ntitle: Climb\ndate: 2024-03-01\n---\n![a](../../secret.png) ![b](images/../../../c.png)\n\n<img src="..\\..\\d.png" alt="c"> ![d](%2e%2e/%2E./e.png) ![kept](../blog/images/boat.png)\n',
    });
    const run = await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    expect(run.code).toBe(0);
    const html = items(dir).find((i) => i.url.endsWith('/blog/climb/'))!.content_html;
    // URL resolution would stop each climb at the host's root and link some other file: none is followed.
    expect(html.match(/<img [^>]*>/g)).toEqual(['<img src="https://notes.example.dev/blog/images/boat.png" alt="kept" />']);
    const warned = run.stderr.split('\n').filter((l) => l.includes('climbs above'));
    expect(warned.map((l) => l.replace(/ climbs.*/, ''))).toEqual([
      'content/blog/climb.md:5: warning: image "../../secret.png"',
      'content/blog/climb.md:5: warning: image "images/../../../c.png"',
      'content/blog/climb.md:7: warning: image "%2e%2e/%2E./e.png"',
      'content/blog/climb.md:7: warning: image "..\\..\\d.png"',
    ]);
  });

  it('refuses a page with a key written twice, as js-yaml does, and writes the others', async () => {
    const dir = site('eleventy');
    cpSync(path.join(FIXTURES, 'eleventy/rejected/zh-post-duplicated-key.md'), path.join(dir, 'content/blog/zh-dup.md'));
    const run = await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/content\/blog\/zh-dup\.md:4: error: invalid YAML: Map keys must be unique/);
    expect(items(dir)).toHaveLength(5);
  });

  it('asks for the site URL in one message naming the key, when its config is code', async () => {
    const dir = site('eleventy');
    rmSync(path.join(dir, '_data/metadata.js'));
    writeFileSync(path.join(dir, 'eleventy.config.js'), 'export default function (c) {}\nexport const config = { dir: { input: "content" } };\n');
    const run = await buildHereCli(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'syndicate.config.json: error: the site\'s address is set by code in eleventy.config.js or its data files, which syndicate does not run; add "site.url" to syndicate.config.json, like {"site": {"url": "https://example.com/"}}\n',
    );
    writeFileSync(path.join(dir, 'syndicate.config.json'), JSON.stringify({ site: { url: 'https://bench.example/' } }));
    expect((await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z'])).code).toBe(0);
    expect(items(dir).map((i) => i.url)).toContain('https://bench.example/blog/offset-date/');
  });
});

describe('an Astro site', () => {
  it('links each collection\'s posts as its route names them, leaves out drafts, scheduled and _files, and drops processed images with a warning', async () => {
    const dir = site('astro');
    const run = await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    expect(run.code).toBe(0);
    const feed = expectSameAsTool(dir, 'astro', () => true);
    expect(run.stdout).toContain('1 draft and 1 scheduled left out');
    const tide = feed.find((i) => i.url.endsWith('/posts/offset-post/'))!;
    expect(tide.content_html).not.toContain('tide.png');
    expect(tide.content_html).toContain('src="https://astro.example.io/logo.png"');
    expect(tide.date_modified).toBe('2024-06-02T12:00:00Z');
    expect(run.stderr).toContain('src/data/blog/offset-post.md:11: warning: image "../../assets/tide.png" is published by the site under a name of its own');
  });
});

describe('explain in a site', () => {
  it('says why a page is no post, in the generator\'s terms: not among its posts, or a flag', async () => {
    const hugo = site('hugo-toml');
    const run = await runHere(hugo, ['explain', 'content/posts/_index.md', 'content/posts/draft-plans.md']);
    expect(run.stdout).toContain('draft      yes: left out of every feed');
    expect(run.stderr).toBe("content/posts/_index.md: error: not an article: Hugo takes as posts the regular pages of the main sections: not list pages (_index.md), nor a page bundle's resources, and this is none\n");
    const eleventy = site('eleventy');
    const why = await runHere(eleventy, ['explain', 'content/blog/hidden-from-lists.md', 'content/about.md']);
    expect(why.stderr).toBe(
      'content/blog/hidden-from-lists.md: error: not an article: Eleventy publishes it as no post: excluded from collections, so from the feed\n' +
        'content/about.md: error: not an article: Eleventy publishes it as no post: not in the "posts" collection the site\'s feed lists\n',
    );
  });
});

describe('detection', () => {
  it('leaves a project without a generator\'s files to syndicate.config.json, and a config.toml without Hugo\'s signs is none', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'config.toml'), 'title = "not hugo"\n');
    const run = await buildHereCli(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no config file found');
  });

  it('is turned off by "ssg": false, and overridden key by key by syndicate.config.json', async () => {
    const off = site('jekyll', { 'syndicate.config.json': JSON.stringify({ ssg: false, site: { url: 'https://x.example/' } }) });
    expect((await buildHereCli(off)).stderr).toContain('the articles folder does not exist');
    const over = site('jekyll', { 'syndicate.config.json': JSON.stringify({ site: { title: 'Another title' } }) });
    await buildHereCli(over, ['--now', '2026-01-01T00:00:00Z']);
    const feed = JSON.parse(readFileSync(path.join(over, 'dist/feed.json'), 'utf8')) as { title: string; home_page_url: string };
    expect([feed.title, feed.home_page_url]).toEqual(['Another title', 'https://journal.example.com/blog/']);
  });

  it('writes nothing under "keepGoing": false when a post has an error', async () => {
    const dir = site('hugo-toml', { 'syndicate.config.json': JSON.stringify({ keepGoing: false }) });
    cpSync(path.join(FIXTURES, 'hugo-toml/rejected/dup-key.md'), path.join(dir, 'content/posts/dup-key.md'));
    const run = await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    expect(run.code).toBe(1);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});

describe('init in a site', () => {
  it('writes only the workflow, its --previous at the feed under the site\'s own URL', async () => {
    const dir = site('hugo-toml');
    const run = await runHere(dir, ['init']);
    expect(run.stdout).toBe('wrote .github/workflows/publish.yml\nnext: npx syndicate build\n');
    expect(readFileSync(path.join(dir, '.github/workflows/publish.yml'), 'utf8')).toContain('npx syndicate build --strict --previous "https://example.org/notes/feed.json"');
  });

  it('writes the URL the site\'s code holds, when given, into syndicate.config.json', async () => {
    const dir = site('eleventy');
    rmSync(path.join(dir, '_data/metadata.js'));
    writeFileSync(path.join(dir, 'eleventy.config.js'), 'export const config = { dir: { input: "content" } };\n');
    expect((await runHere(dir, ['init'])).stderr).toContain('pass --url');
    await runHere(dir, ['init', '--url', 'https://bench.example/']);
    expect(JSON.parse(readFileSync(path.join(dir, 'syndicate.config.json'), 'utf8'))).toEqual({ site: { url: 'https://bench.example/' } });
    expect(readFileSync(path.join(dir, '.github/workflows/publish.yml'), 'utf8')).toContain('--previous "https://bench.example/feed.json"');
  });
});

describe('rebuilds of a site', () => {
  /** The feeds of a build with the caches, and those of a build without them of the same files. */
  async function cachedAndFresh(dir: string): Promise<[string, string]> {
    await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    const cached = readFileSync(path.join(dir, 'dist/feed.json'), 'utf8');
    await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z', '--no-cache', '--out', 'fresh']);
    return [cached, readFileSync(path.join(dir, 'fresh/feed.json'), 'utf8')];
  }

  it('see a change to the generator\'s config, to a linked post\'s URL, and to a linked page, as a build without caches does', async () => {
    const dir = site('hugo-toml');
    mkdirSync(path.join(dir, 'node_modules'));
    await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    writeFileSync(path.join(dir, 'hugo.toml'), readFileSync(path.join(dir, 'hugo.toml'), 'utf8').replace('uglyURLs = true', 'uglyURLs = false'));
    let [cached, fresh] = await cachedAndFresh(dir);
    expect(cached).toBe(fresh);
    expect(cached).toContain('https://example.org/notes/2024/03/harbour-walk/"');
    // The shortcode tour's ref names the bundle post, whose URL comes from its title.
    const bundle = path.join(dir, 'content/posts/bundle-harbour-walk/index.md');
    writeFileSync(bundle, readFileSync(bundle, 'utf8').replace('title = "Harbour walk"', 'title = "Harbour stroll"'));
    [cached, fresh] = await cachedAndFresh(dir);
    expect(cached).toBe(fresh);
    expect(items(dir).find((i) => i.url.endsWith('shortcode-tour/'))!.content_html).toContain('href="https://example.org/notes/2024/03/harbour-stroll/"');
    // The about page is no post: it is read for the relref, and watched.
    const about = path.join(dir, 'content/about.md');
    writeFileSync(about, readFileSync(about, 'utf8').replace('+++\nA standalone', 'url = "/who/"\n+++\nA standalone'));
    [cached, fresh] = await cachedAndFresh(dir);
    expect(cached).toBe(fresh);
    expect(cached).toContain('href=\\"https://example.org/notes/who/\\"');
  });
});

describe('what the tools read where syndicate alone would refuse', () => {
  it('Hugo: a wrong type is a warning, "false" a boolean, a language by file name, %XX in a slug, the sections with a permalink pattern', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'hugo.toml'), 'baseURL = "https://b.example/"\ntitle = "B"\ndefaultContentLanguage = "nn"\n[languages.nn]\n[languages.en]\n[permalinks]\n  fun = "/:year/:slug/"\n  tec = "/:year/:slug/"\n');
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, 'content', file)), { recursive: true });
      writeFileSync(path.join(dir, 'content', file), text);
    };
    write('fun/a.md', '---\ntitle: A\ndate: 2015-05-29T17:34:59+02:00\ndraft: "false"\nimages: [x.png, y.png]\nslug: "look-to-f%c3%b8rde"\n---\nA.\n');
    write('tec/b.en.md', '---\ntitle: B\ndate: 2016-01-02\ncover: {image: c.png}\ndraft: truet\n---\nB.\n');
    write('page/om.md', '---\ntitle: Om\ndate: 2012-01-01\n---\nNot a post.\n');
    const run = await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('content/tec/b.en.md:5: warning: draft: must be true or false; it is left out, as if not written\n');
    const feed = items(dir);
    expect(feed.map((i) => [i.url, i.image])).toEqual([
      ['https://b.example/en/2016/b/', 'https://b.example/en/2016/b/c.png'],
      ['https://b.example/2015/look-to-f%C3%B8rde/', 'https://b.example/2015/look-to-f%C3%B8rde/x.png'],
    ]);
  });

  it('Jekyll: a date with a stray number before its offset is read as Ruby reads it, with a warning; other text is still an error', async () => {
    const dir = site('jekyll', {
      '_posts/2023-01-29-stray-year.md': '---\ntitle: Stray year\ndate: 2023-01-29 18:30:22 2023 -0800\n---\nBody.\n',
      '_posts/2023-02-01-stray-word.md': '---\ntitle: Stray word\ndate: 2023-02-01 18:30:22 soon -0800\n---\nBody.\n',
    });
    const run = await buildHereCli(dir, ['--now', '2026-01-01T00:00:00Z']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('_posts/2023-01-29-stray-year.md:3: warning: date: "2023-01-29 18:30:22 2023 -0800" is read as Jekyll (Ruby\'s Time.parse) reads it, passing over "2023": "2023-01-29 18:30:22 -0800" (write that)');
    expect(run.stderr).toMatch(/_posts\/2023-02-01-stray-word\.md:3: error: date: /);
    // Jekyll shows it in the site's zone (Asia/Tokyo), and puts that day into the URL.
    const item = items(dir).find((i) => i.title === 'Stray year')!;
    expect([item.url, item.date_published]).toEqual(['https://journal.example.com/blog/2023/01/30/stray-year/', '2023-01-30T11:30:22+09:00']);
  });

  it('Jekyll: a post written in HTML is read as HTML; Eleventy: ---js frontmatter gives its plain constants, and runs nothing', async () => {
    const jekyll = site('jekyll');
    writeFileSync(path.join(jekyll, '_posts/2016-04-17-2.0.0-release.html'), '---\ntitle: Release\n---\nThe first release.\n<h3>New</h3>\n\n    <ul><li>Indented, not code</li></ul>\n');
    await buildHereCli(jekyll, ['--now', '2026-01-01T00:00:00Z']);
    const release = items(jekyll).find((i) => i.url.endsWith('/2016/04/17/2.0.0-release/'))!;
    expect(release.content_html).toBe('The first release.\n<h3>New</h3>\n\n    <ul><li>Indented, not code</li></ul>\n');
    const eleventy = site('eleventy');
    const marker = path.join(eleventy, 'ran');
    writeFileSync(
      path.join(eleventy, 'content/blog/js-post.md'),
      `---js\nconst title = "From JavaScript";\nconst date = "2024-01-23";\nconst tags = (require("fs").writeFileSync(${JSON.stringify(marker)}, "x"), []);\n---\nBody.\n`,
    );
    await buildHereCli(eleventy, ['--now', '2026-01-01T00:00:00Z']);
    expect(items(eleventy).find((i) => i.url.endsWith('/blog/js-post/'))!.title).toBe('From JavaScript');
    expect(existsSync(marker)).toBe(false);
  });
});
