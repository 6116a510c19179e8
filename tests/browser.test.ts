/**
 * `syndicate serve` and the feeds in a real browser: a headless Chromium
 * (Debian's package, driven by playwright-core) loads the served feeds and
 * must show them as readable pages. On a machine without Chromium the browser
 * checks say so and are skipped; .ci/run installs it so CI always runs them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, makeProject, ROOT } from './support/project.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser checks skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

const article = (title: string, date: string, summary: string) => `---\ntitle: "${title}"\ndate: ${date}\nsummary: "${summary}"\n---\nBody of ${title}.\n`;

describe('syndicate serve --watch', () => {
  let server: ChildProcess;
  let url = '';
  let dir = '';

  beforeAll(async () => {
    dir = makeProject({
      'first.md': article('First & foremost', '2024-01-02T10:00:00+01:00', 'Tom & Jerry <3'),
      'second.md': article('Second post', '2024-02-03T09:30:00+01:00', 'Another summary.'),
    });
    server = spawn(process.execPath, [CLI, 'serve', '--watch', '--port', '0', '--now', '2030-01-01'], { cwd: dir, env: { ...process.env, CI: undefined } });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (d) => {
        out += d;
        const m = /serving dist at (http:\/\/\S+?),/.exec(out);
        if (m) resolve(m[1]!);
      });
      server.on('exit', () => reject(new Error(`serve exited: ${out}`)));
    });
  });
  afterAll(() => {
    server.kill('SIGTERM');
  });

  it('serves the feeds with their content types, and the feed list at /', async () => {
    const type = async (p: string, accept: string) => (await fetch(new URL(p, url), { headers: { accept } })).headers.get('content-type');
    expect(await type('rss.xml', 'application/rss+xml')).toBe('application/rss+xml; charset=utf-8');
    expect(await type('atom.xml', 'application/atom+xml')).toBe('application/atom+xml; charset=utf-8');
    expect(await type('feed.json', '*/*')).toBe('application/feed+json; charset=utf-8');
    expect(await type('feed.js', '*/*')).toBe('text/javascript; charset=utf-8');
    // Browsers get application/xml, the type under which they apply the stylesheet.
    expect(await type('rss.xml', 'text/html,application/xml;q=0.9')).toBe('application/xml; charset=utf-8');
    const index = await (await fetch(url)).text();
    expect(index).toContain('<link rel="alternate" type="application/rss+xml" title="Example (RSS 2.0)" href="https://example.com/blog/rss.xml">');
  });

  it('serves nothing outside the output folder', async () => {
    expect((await fetch(`${url}..%2F..%2Fsyndicate.config.json`)).status).toBe(403);
    expect((await fetch(`${url}nothing-here.xml`)).status).toBe(404);
  });

  it('rebuilds when an article changes', async () => {
    writeFileSync(path.join(dir, 'articles/third.md'), article('Third, just written', '2024-03-04', 'New.'));
    const deadline = Date.now() + 15_000;
    let rss = '';
    while (Date.now() < deadline && !rss.includes('Third, just written')) {
      await new Promise((r) => setTimeout(r, 200));
      rss = await (await fetch(new URL('rss.xml', url))).text();
    }
    expect(rss).toContain('<title>Third, just written</title>');
  });

  // Chromium is removing XSLT: `--disable-features=XSLT` is the switch of Chromium 156 that turns it
  // off as it will be (on, it shows a page that uses XSLT under a red banner). The feeds use none,
  // and must show the same page both ways.
  for (const [mode, flags] of [
    ['with XSLT on', []],
    ['with XSLT off', ['--disable-features=XSLT']],
  ] as const) {
    describe.skipIf(!hasChromium)(`in headless Chromium ${mode}`, () => {
      let browser: Browser;
      beforeAll(async () => {
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...flags],
        });
      });
      afterAll(async () => {
        await browser?.close();
      });

      for (const feed of ['rss.xml', 'atom.xml']) {
        it(`shows ${feed} as a readable page, without a banner, and saves a screenshot`, async () => {
          const page = await browser.newPage();
          const messages: string[] = [];
          page.on('console', (m) => messages.push(m.text()));
          await page.goto(new URL(feed, url).href);
          await page.waitForSelector('article h2 a');
          // A page of its own: not Chromium's tree of raw XML, no XSLT warning banner.
          expect(await page.$eval(':root', (root) => [root.namespaceURI, root.localName])).toEqual(['http://www.w3.org/1999/xhtml', 'html']);
          expect(await page.$('#xml-viewer-style, xslt-warning-banner')).toBeNull();
          expect(messages.filter((m) => /XSLT/.test(m))).toEqual([]);
          expect(await page.title()).toBe('Example (web feed)');
          expect(await page.textContent('h1')).toBe('Example');
          expect(await page.textContent('.about')).toContain('This is a web feed');
          const titles = await page.$$eval('article h2 a', (links) => links.map((a) => [a.textContent, a.getAttribute('href')]));
          expect(titles).toContainEqual(['Second post', 'https://example.com/blog/second/']);
          expect(titles).toContainEqual(['First & foremost', 'https://example.com/blog/first/']);
          const summaries = await page.$$eval('article p', (ps) => ps.map((p) => p.textContent));
          expect(summaries).toContain('Tom & Jerry <3');
          // Dates in the reader's locale, not as the feed writes them.
          const dates = await page.$$eval('article time', (ts) => ts.map((t) => t.textContent ?? ''));
          expect(dates.length).toBeGreaterThan(1);
          expect(dates.every((d) => /2024/.test(d) && !/\+0[12]:?00|T\d/.test(d))).toBe(true);
          mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
          const name = `${feed.replace('.', '-')}-xslt-${flags.length ? 'off' : 'on'}.png`;
          await page.screenshot({ path: path.join(ROOT, 'test-results', name), fullPage: true });
          await page.close();
        });
      }

      // The feed list needs no XSLT: checked once.
      if (flags.length === 0) {
        for (const width of [1200, 400]) {
          it(`shows the feed list at ${width} pixels wide with nothing running off the edge, copy buttons that copy, and saves a screenshot`, async () => {
            const context = await browser.newContext({ viewport: { width, height: 900 } });
            await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
            const page = await context.newPage();
            await page.goto(url);
            // Neither the page nor any block in it scrolls sideways: long addresses and the <link> tags wrap.
            const overflowing = await page.$$eval('html, body, pre, ul.feeds li', (els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.tagName));
            expect(overflowing).toEqual([]);
            expect(await page.$$eval('button.copy', (bs) => bs.length)).toBe(4);
            await page.click('.snippet button.copy');
            const copied = String(await page.evaluate('navigator.clipboard.readText()'));
            expect(copied).toBe(await page.textContent('pre'));
            expect(copied.split('\n')[0]).toBe('<link rel="alternate" type="application/rss+xml" title="Example (RSS 2.0)" href="https://example.com/blog/rss.xml">');
            expect(await page.textContent('.snippet button.copy')).toBe('Copied');
            mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
            await page.screenshot({ path: path.join(ROOT, 'test-results', `index-${width}.png`), fullPage: true });
            await context.close();
          });
        }
      }
    });
  }
});
