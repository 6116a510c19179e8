/** What the body becomes in a feed: titles, summaries, URLs, sanitizing, permalinks. */
import { describe, expect, it } from 'vitest';
import { BASE_CONFIG, buildHereCli, makeProject, readOut } from './support/project.js';

type Item = Record<string, unknown> & { title: string; url: string; content_html?: string; summary?: string };

async function items(files: Record<string, string>, config: unknown = BASE_CONFIG): Promise<Item[]> {
  const dir = makeProject(files, config);
  const run = await buildHereCli(dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(readOut(dir, 'feed.json')).items;
}

const fm = (extra = '') => `---\ndate: 2024-01-01\n${extra}---\n`;

describe('titles', () => {
  it('takes the first # heading as the title and does not repeat it in the content', async () => {
    const [item] = await items({ 'a.md': `${fm()}\n# The *real* title\n\nFirst paragraph.\n\n# Another level-one heading\n` });
    expect(item!.title).toBe('The real title');
    expect(item!.content_html).toBe('<p>First paragraph.</p>\n<h1>Another level-one heading</h1>\n');
  });

  it('keeps the heading in the content when the frontmatter has a title', async () => {
    const [item] = await items({ 'a.md': `${fm('title: From frontmatter\n')}# Heading\n\nText.\n` });
    expect(item!.title).toBe('From frontmatter');
    expect(item!.content_html).toContain('<h1>Heading</h1>');
  });

  it('folds whitespace in titles to one line', async () => {
    const [item] = await items({ 'a.md': `${fm('title: "  Two\\n  lines\\tand tabs  "\n')}x\n` });
    expect(item!.title).toBe('Two lines and tabs');
  });
});

describe('summaries', () => {
  it('uses the first paragraph as plain text, markup removed and entities decoded', async () => {
    const [item] = await items({ 'a.md': `${fm('title: T\n')}## Intro\n\nSome **bold** and [a link](x) &amp; \`code\`,\nover two lines.\n\nSecond.\n` });
    expect(item!.summary).toBe('Some bold and a link & code, over two lines.');
  });

  it('cuts a long first paragraph at a word boundary', async () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const [item] = await items({ 'a.md': `${fm('title: T\n')}${words}\n` });
    const summary = item!.summary!;
    expect(summary.endsWith('…')).toBe(true);
    expect(Array.from(summary).length).toBeLessThanOrEqual(300);
    expect(words.startsWith(summary.slice(0, -1))).toBe(true);
    expect(words[summary.length - 1]).toBe(' ');
  });

  it('prefers the frontmatter summary', async () => {
    const [item] = await items({ 'a.md': `${fm('title: T\nsummary: Written by hand.\n')}Body.\n` });
    expect(item!.summary).toBe('Written by hand.');
  });

  it('writes only summaries when feeds.content is "summary"', async () => {
    const dir = makeProject({ 'a.md': `${fm('title: T\n')}The body.\n\nMore.\n` }, { ...BASE_CONFIG, feeds: { content: 'summary' } });
    expect((await buildHereCli(dir)).code).toBe(0);
    const [item] = JSON.parse(readOut(dir, 'feed.json')).items;
    expect(item).toMatchObject({ content_text: 'The body.', summary: 'The body.' });
    expect(item.content_html).toBeUndefined();
    expect(readOut(dir, 'rss.xml')).not.toContain('content:encoded>');
    expect(readOut(dir, 'atom.xml')).not.toContain('<content');
  });
});

describe('URLs', () => {
  it('makes every href, src, srcset and poster absolute against the article URL', async () => {
    const body = [
      '![pic](img/a.png) [rel](../b/) [root](/c) [frag](#d) [mail](mailto:x@example.com) [abs](https://other.example/e)',
      '',
      '<video src="v.mp4" poster="p.jpg"></video>',
      '<picture><source srcset="s-1x.webp 1x, s-2x.webp 2x"><img src="s.jpg" srcset="s-480.jpg 480w,s-960.jpg 960w"></picture>',
      '',
    ].join('\n');
    const [item] = await items({ 'posts/hello.md': `${fm('title: T\n')}${body}` });
    expect(item!.url).toBe('https://example.com/blog/posts/hello/');
    const html = item!.content_html!;
    expect(html).toContain('src="https://example.com/blog/posts/hello/img/a.png"');
    expect(html).toContain('href="https://example.com/blog/posts/b/"');
    expect(html).toContain('href="https://example.com/c"');
    expect(html).toContain('href="https://example.com/blog/posts/hello/#d"');
    expect(html).toContain('href="mailto:x@example.com"');
    expect(html).toContain('href="https://other.example/e"');
    expect(html).toContain('src="https://example.com/blog/posts/hello/v.mp4"');
    expect(html).toContain('poster="https://example.com/blog/posts/hello/p.jpg"');
    expect(html).toContain('srcset="https://example.com/blog/posts/hello/s-1x.webp 1x, https://example.com/blog/posts/hello/s-2x.webp 2x"');
    expect(html).toContain('srcset="https://example.com/blog/posts/hello/s-480.jpg 480w, https://example.com/blog/posts/hello/s-960.jpg 960w"');
    expect(html).not.toMatch(/(?:src|href|poster)="(?![a-z]+:)/);
  });

  it('writes every URL of the body as a URI, as the feeds write every other URL of an item', async () => {
    const body = '<img src="chart|2024 [v2].png" alt="c"> <img src="x.png" srcset="x|2.png 2x, javascript:alert(1) 3x"> <a href="https://other.example/a^b?q={x}">raw</a> [md](https://other.example/p|q)\n';
    const [item] = await items({ 'posts/hello.md': `${fm('title: T\n')}${body}` });
    const html = item!.content_html!;
    expect(html).toContain('src="https://example.com/blog/posts/hello/chart%7C2024%20%5Bv2%5D.png"');
    expect(html).toContain('href="https://other.example/a%5Eb?q=%7Bx%7D"');
    expect(html).toContain('href="https://other.example/p%7Cq"');
    // srcset candidates go through the same door: a URI, and a scheme the body may not link to left out.
    expect(html).toContain('srcset="https://example.com/blog/posts/hello/x%7C2.png 2x"');
    for (const [, url] of html.matchAll(/(?:src|href)="([^"]*)"/g)) expect(url).not.toMatch(/[|^[\]{} ]/);
  });

  it('removes scripts, event handlers and javascript: URLs', async () => {
    const [item] = await items({
      'a.md': `${fm('title: T\n')}<script>steal()</script><p onclick="x()" style="color:red">Hi <a href="javascript:alert(1)">there</a><iframe src="https://evil.example/"></iframe></p>\n`,
    });
    expect(item!.content_html).toBe('<p>Hi <a>there</a></p>\n');
  });

  it('follows the permalink pattern, slug and page bundles', async () => {
    const config = { ...BASE_CONFIG, permalink: '/:year/:month/:day/:slug/' };
    const got = await items(
      {
        '2024-05-06-dated-name.md': '# Dated\n',
        'bundle/index.md': `${fm('title: Bundle\n')}x\n`,
        'custom.md': `${fm('title: Custom\nslug: my-slug\n')}x\n`,
        'fixed.md': `${fm('title: Fixed\npermalink: /fixed/path/\n')}x\n`,
        'odd name #1?.md': `${fm('title: Odd\n')}x\n`,
      },
      config,
    );
    const url = (title: string) => got.find((i) => i.title === title)!.url;
    expect(url('Dated')).toBe('https://example.com/blog/2024/05/06/dated-name/');
    expect(url('Bundle')).toBe('https://example.com/blog/2024/01/01/bundle/');
    expect(url('Custom')).toBe('https://example.com/blog/2024/01/01/my-slug/');
    expect(url('Fixed')).toBe('https://example.com/blog/fixed/path/');
    expect(url('Odd')).toBe('https://example.com/blog/2024/01/01/odd%20name%20%231%3F/');
  });

  it('stay under the site when a name, slug or permalink reads like a URL scheme', async () => {
    const got = await items({
      'javascript:alert(1).md': `${fm('title: Name\n')}x\n`,
      'b.md': `${fm('title: Slug\nslug: "javascript:alert(2)"\n')}x\n`,
      'c.md': `${fm('title: Permalink\npermalink: "/javascript:alert(3)"\n')}x\n`,
      'd.md': `${fm('title: Mailto\nslug: "mailto:a@b.example"\n')}x\n`,
    });
    const url = (title: string) => got.find((i) => i.title === title)!.url;
    expect(url('Name')).toBe('https://example.com/blog/javascript:alert(1)/');
    expect(url('Slug')).toBe('https://example.com/blog/javascript:alert(2)/');
    expect(url('Permalink')).toBe('https://example.com/blog/javascript:alert(3)');
    expect(url('Mailto')).toBe('https://example.com/blog/mailto:a@b.example/');
  });

  it('keep the URL policy for the frontmatter image and enclosure: no javascript: or SVG data: URL reaches a reader', async () => {
    const got = await items({
      'a.md': `${fm('title: Script image\nimage: "javascript:alert(1)"\n')}x\n`,
      'b.md': `${fm('title: SVG image\nimage: "data:image/svg+xml;base64,PHN2Zz4="\n')}x\n`,
      'c.md': `${fm('title: Relative image\nimage: img/cover.png\n')}x\n`,
    });
    const image = (title: string) => got.find((i) => i.title === title)!.image;
    expect(image('Script image')).toBeUndefined();
    expect(image('SVG image')).toBeUndefined();
    expect(image('Relative image')).toBe('https://example.com/blog/c/img/cover.png');

    const dir = makeProject({
      'a.md': `---\ntitle: A\ndate: 2024-01-01\nenclosure: {url: "javascript:alert(1)", type: audio/mpeg, length: 10}\n---\nx\n`,
      'b.md': `---\ntitle: B\ndate: 2024-01-01\nenclosure: "data:audio/mpeg;base64,AAAA"\n---\nx\n`,
    });
    const run = await buildHereCli(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('articles/a.md:4: error: enclosure: "javascript:alert(1)" is not an http or https URL');
    expect(run.stderr).toContain('articles/b.md:4: error: enclosure: "data:audio/mpeg;base64,AAAA" is not an http or https URL');
  });
});

describe('figures', () => {
  it('turn an image alone in its paragraph with a title into a figure with its caption', async () => {
    const body = '![A cat](cat.jpg "The <cat> & the dog")\n\n![No title](plain.png)\n\nInline ![icon](i.png "tip") in text.\n';
    const dir = makeProject({ 'a.md': `${fm('title: T\n')}${body}` });
    expect((await buildHereCli(dir)).code).toBe(0);
    const [item] = JSON.parse(readOut(dir, 'feed.json')).items as Item[];
    expect(item!.content_html).toBe(
      '<figure><img src="https://example.com/blog/a/cat.jpg" alt="A cat" /><figcaption>The &lt;cat&gt; &amp; the dog</figcaption></figure>\n' +
        '<p><img src="https://example.com/blog/a/plain.png" alt="No title" /></p>\n' +
        '<p>Inline <img src="https://example.com/blog/a/i.png" alt="icon" title="tip" /> in text.</p>\n',
    );
    // The captioned first image is the lead image; its caption stays in the body (docs/readers.md).
    expect(item!.image).toBe('https://example.com/blog/a/cat.jpg');
    expect(readOut(dir, 'rss.xml')).toContain('<media:thumbnail url="https://example.com/blog/a/cat.jpg"/>');
  });

  it('keep a figure written in HTML', async () => {
    const [item] = await items({ 'a.md': `${fm('title: T\n')}<figure><img src="x.png" alt="x"><figcaption>From <em>HTML</em></figcaption></figure>\n` });
    expect(item!.content_html).toContain('<figcaption>From <em>HTML</em></figcaption></figure>');
  });
});

describe('lead images', () => {
  it('take the first image of the body when the frontmatter names none, with its alt text', async () => {
    const dir = makeProject({
      'a.md': `${fm('title: T\n')}Text first.\n\n![A &amp; B](pics/one.png)\n\n![second](two.png)\n`,
      'b.md': `${fm('title: U\nimage: {src: cover.jpg, alt: The cover, credit: Me}\n')}![body](body.png)\n`,
    });
    expect((await buildHereCli(dir)).code).toBe(0);
    const items = JSON.parse(readOut(dir, 'feed.json')).items as Item[];
    expect(items.find((i) => i.title === 'T')!.image).toBe('https://example.com/blog/a/pics/one.png');
    expect(items.find((i) => i.title === 'U')!.image).toBe('https://example.com/blog/b/cover.jpg');
    const rss = readOut(dir, 'rss.xml');
    // As media:thumbnail alone: media:content is an enclosure to SimplePie, and its caption the content to feedparser.
    expect(rss).toContain('<media:thumbnail url="https://example.com/blog/a/pics/one.png"/>');
    expect(rss).toContain('<media:thumbnail url="https://example.com/blog/b/cover.jpg"/>');
    expect(rss).not.toContain('<media:content');
  });
});

describe('ordering and limits', () => {
  it('sorts newest first with the id as tie-breaker, and keeps feeds.limit items', async () => {
    const files: Record<string, string> = {};
    for (const name of ['c', 'a', 'b']) files[`${name}.md`] = `---\ntitle: Same ${name}\ndate: 2024-01-01T10:00:00Z\n---\nx\n`;
    files['new.md'] = '---\ntitle: Newest\ndate: 2024-02-01\n---\nx\n';
    files['old.md'] = '---\ntitle: Oldest\ndate: 2023-01-01\n---\nx\n';
    expect((await items(files)).map((i) => i.title)).toEqual(['Newest', 'Same a', 'Same b', 'Same c', 'Oldest']);
    expect((await items(files, { ...BASE_CONFIG, feeds: { limit: 2 } })).map((i) => i.title)).toEqual(['Newest', 'Same a']);
    expect(await items(files, { ...BASE_CONFIG, feeds: { limit: 0 } })).toHaveLength(5);
  });

  it('warns and raises an "updated" that is earlier than the publication date', async () => {
    const dir = makeProject({ 'a.md': '---\ntitle: T\ndate: 2024-05-01\nupdated: 2024-04-01\n---\nx\n' });
    const run = await buildHereCli(dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('articles/a.md:4: warning: "updated" is earlier than the publication date; it is raised to the publication date\n');
    const [item] = JSON.parse(readOut(dir, 'feed.json')).items;
    expect(item.date_modified).toBe(item.date_published);
  });
});
