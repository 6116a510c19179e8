/**
 * Property-based tests: whatever text an article holds, every feed is
 * well-formed and reads back as the same text, minus only the characters
 * XML 1.0 forbids.
 */
import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Article } from '../src/article/article.js';
import { articleUrl } from '../src/article/permalink.js';
import { build } from '../src/build.js';
import { parseConfig } from '../src/config/schema.js';
import { foldWhitespace } from '../src/content/summary.js';
import { renderAtom } from '../src/feeds/atom.js';
import { renderJsonFeed } from '../src/feeds/jsonfeed.js';
import type { Feed } from '../src/feeds/model.js';
import { renderRss } from '../src/feeds/rss.js';
import { cleanText } from '../src/util/xml-chars.js';
import { atomErrors, jsonFeedErrors, rssErrors } from './support/validate.js';
import { child, children, NS, parseXml, textOf } from './support/xml.js';

/** Strings rich in what breaks feeds: controls, lone surrogates, noncharacters, markup, RTL, emoji. */
const hostile = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u001f', '\u007f', '\u0085', '\ud800', '\udfff', '\ufffe', '\uffff',
        ']]>', ']]', '<![CDATA[', '<', '>', '&', '&amp;', '"', "'", '\r', '\r\n', '\t', '\n', '\u202e', '\u200f', 'مرحبا', '👩‍👩‍👧', '🇫🇷', 'é', 'e\u0301'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const T = { instant: Date.UTC(2024, 0, 1), offset: 60, precision: 'second' as const, zone: 'Europe/Paris', approximate: false, source: { kind: 'published' as const } };

function feedWith(s: { title: string; summary: string; html: string; tag: string; name: string; feedTitle: string }): Feed {
  return {
    title: s.feedTitle,
    description: s.summary,
    homeUrl: 'https://example.com/',
    links: { rss: 'https://example.com/rss.xml', atom: 'https://example.com/atom.xml', json: 'https://example.com/feed.json' },
    language: 'en',
    generator: { name: 'syndicate', version: 'test' },
    items: [
      {
        id: 'https://example.com/a/',
        atomId: 'https://example.com/a/',
        url: 'https://example.com/a/',
        title: s.title,
        html: s.html,
        summary: s.summary,
        published: T,
        updated: T,
        authors: [{ name: s.name }],
        tags: [s.tag],
      },
    ],
  };
}

describe('serializers, on any string', () => {
  const fields = fc.record({ title: hostile, summary: hostile, html: hostile, tag: hostile, name: hostile, feedTitle: hostile });

  it('RSS is well-formed and every field reads back exactly, minus forbidden characters', () => {
    fc.assert(
      fc.property(fields, (s) => {
        const channel = child(parseXml(renderRss(feedWith(s))), 'channel')!;
        const item = child(channel, 'item')!;
        expect(textOf(channel, 'title')).toBe(cleanText(s.feedTitle));
        expect(textOf(item, 'title')).toBe(cleanText(s.title));
        expect(textOf(item, 'category')).toBe(cleanText(s.tag));
        expect(textOf(item, 'creator', NS.dc)).toBe(cleanText(s.name));
        // CDATA cannot hold a CR: line ends are normalized to LF, as any XML parser would.
        expect(textOf(item, 'encoded', NS.content)).toBe(cleanText(s.html).replace(/\r\n?/g, '\n'));
      }),
      { numRuns: 300 },
    );
  });

  it('Atom is well-formed and every field reads back exactly, minus forbidden characters', () => {
    fc.assert(
      fc.property(fields, (s) => {
        const entry = child(parseXml(renderAtom(feedWith(s))), 'entry', NS.atom)!;
        expect(textOf(entry, 'title', NS.atom)).toBe(cleanText(s.title));
        // The HTML is a CDATA section, as in RSS: line ends read back as LF, as HTML itself reads them.
        expect(textOf(entry, 'content', NS.atom)).toBe(cleanText(s.html).replace(/\r\n?/g, '\n'));
        expect(children(entry, 'category', NS.atom)[0]!.attrs.term).toBe(cleanText(s.tag));
        expect(textOf(child(entry, 'author', NS.atom)!, 'name', NS.atom)).toBe(cleanText(s.name));
      }),
      { numRuns: 300 },
    );
  });

  it('JSON Feed parses and carries the same text as the XML formats', () => {
    fc.assert(
      fc.property(fields, (s) => {
        const doc = JSON.parse(renderJsonFeed(feedWith(s)));
        expect(doc.items[0].title).toBe(cleanText(s.title));
        expect(doc.items[0].content_html).toBe(cleanText(s.html));
        expect(doc.items[0].tags).toEqual([cleanText(s.tag)]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('article URLs, on any slug or permalink', () => {
  // The definition: each segment percent-encoded (keeping @ and :), resolved by the URL parser
  // under the site. The code skips the parser where it would change nothing.
  const reference = (sitePath: string, base: string) =>
    new URL(`./${sitePath.split('/').map((seg) => encodeURIComponent(seg).replace(/%40/g, '@').replace(/%3A/g, ':')).join('/')}`, base).href;
  const segment = fc.oneof(
    fc.constantFrom('.', '..', '', '%', '%2e', '%2F', '@', ':', '#', '?', ' ', '\\', 'a:b', 'javascript:', 'é', '😀', '.x', 'x.', '...'),
    fc.string({ maxLength: 6 }),
  );
  const sitePath = fc.array(segment, { maxLength: 5 }).map((parts) => parts.join('/'));
  const T = { instant: Date.UTC(2024, 4, 30), offset: 0, precision: 'day' as const, zone: 'UTC', approximate: false, source: { kind: 'published' as const } };
  const article = (fields: Partial<Article>) => ({ source: { relPath: 'notes/a.md' }, ...fields }) as Article;

  it('are what the URL parser gives for the percent-encoded path, under the site', () => {
    fc.assert(
      fc.property(sitePath, fc.constantFrom('https://example.com/', 'https://example.com/blog/'), (p, site) => {
        expect(articleUrl(article({ permalink: `/${p}` }), T, site, '/:slug/')).toBe(reference(p, site));
        expect(articleUrl(article({ slug: p }), T, site, '/:slug/')).toBe(reference(`/${p}/`.replace(/\/{2,}/g, '/').slice(1), site));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the whole build, on hostile articles', () => {
  const config = parseConfig({ site: { url: 'https://example.com/', title: 'Props', timezone: 'Europe/Paris' } });

  it('writes valid feeds or reports diagnostics, never a crash or an ill-formed feed', async () => {
    let built = 0;
    await fc.assert(
      fc.asyncProperty(fc.record({ title: hostile, tag: hostile, summary: hostile, body: hostile, author: hostile }), async (s) => {
        const dir = mkdtempSync(path.join(tmpdir(), 'syndicate-prop-'));
        try {
          mkdirSync(path.join(dir, 'articles'));
          // JSON frontmatter can carry any string, lone surrogates and controls included, as escapes.
          const frontmatter = JSON.stringify({ title: s.title, date: '2024-01-01', tags: [s.tag], summary: s.summary, author: s.author });
          writeFileSync(path.join(dir, 'articles', 'a.md'), `---json\n${frontmatter}\n---\n${s.body.replace(/\u0000/g, '')}\n`);
          const result = await build({ config, articlesDir: 'articles', outDir: 'dist', now: Date.UTC(2030, 0, 1), cwd: dir });
          if (!result.ok) {
            expect(result.diagnostics.length).toBeGreaterThan(0);
            for (const d of result.diagnostics) expect(d.file).toBe('articles/a.md');
            return;
          }
          built++;
          const read = (f: string) => readFileSync(path.join(dir, 'dist', f), 'utf8');
          expect(rssErrors(read('rss.xml'))).toEqual([]);
          expect(atomErrors(read('atom.xml'))).toEqual([]);
          expect(jsonFeedErrors(read('feed.json'))).toEqual([]);
          const item = JSON.parse(read('feed.json')).items[0];
          expect(item.title).toBe(foldWhitespace(cleanText(s.title)));
          const entry = child(parseXml(read('atom.xml')), 'entry', NS.atom)!;
          expect(textOf(entry, 'title', NS.atom)).toBe(item.title);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 150 },
    );
    // Most hostile articles are still publishable: the property is not passing on errors alone.
    expect(built).toBeGreaterThan(75);
  });
});
