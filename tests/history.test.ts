/**
 * Full history (RFC 5005): archive pages that a client can walk back to the
 * first item, that never change once full, and complete feeds.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_CONFIG, buildCli, makeProject, readOut } from './support/project.js';
import { atomErrors, atomRelaxNgErrors, hasXmllint, jsonFeedErrors, rssErrors, rssParser } from './support/validate.js';
import { children, child, NS, parseXml, type XmlElement } from './support/xml.js';

const FH = 'http://purl.org/syndication/history/1.0';
const SITE = 'https://example.com/blog/';
const post = (n: number) => `---\ntitle: Post ${n}\ndate: 2024-01-${String(n).padStart(2, '0')}\n---\nBody ${n}.\n`;
const posts = (from: number, to: number) => Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [`p${from + i}.md`, post(from + i)]));
const archiveConfig = { ...BASE_CONFIG, feeds: { limit: 2, history: 'archive', archivePageSize: 3 } };

/** The file of the output folder a feed URL stands for. */
const fileOf = (url: string) => {
  expect(url.startsWith(SITE)).toBe(true);
  return url.slice(SITE.length);
};

/** A client's walk (RFC 5005 section 4): from the subscription feed along prev-archive, gathering titles. */
function walkXml(dir: string, start: string, format: 'rss' | 'atom'): { titles: string[]; documents: XmlElement[] } {
  const titles: string[] = [];
  const documents: XmlElement[] = [];
  for (let url: string | undefined = `${SITE}${start}`; url !== undefined; ) {
    const xml = readOut(dir, fileOf(url));
    expect(format === 'rss' ? rssErrors(xml) : atomErrors(xml), url).toEqual([]);
    if (format === 'atom' && hasXmllint) expect(atomRelaxNgErrors(xml), url).toEqual([]);
    const root = parseXml(xml);
    const feed = format === 'rss' ? child(root, 'channel')! : root;
    documents.push(feed);
    const ns = format === 'rss' ? '' : NS.atom;
    for (const item of children(feed, format === 'rss' ? 'item' : 'entry', ns)) titles.push(child(item, 'title', ns)!.text);
    url = children(feed, 'link', NS.atom).find((l) => l.attrs.rel === 'prev-archive')?.attrs.href;
    expect(documents.length).toBeLessThan(20);
  }
  return { titles, documents };
}

describe('archived feeds (feeds.history "archive")', () => {
  const dir = makeProject(posts(1, 7), archiveConfig);
  const run = buildCli(dir);

  it('keep the newest items in the subscription feed and the rest in full pages, oldest page first', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('archive feeds: 6 files written, 0 unchanged');
    const titles = (file: string) => JSON.parse(readOut(dir, file)).items.map((i: { title: string }) => i.title);
    expect(titles('feed.json')).toEqual(['Post 7', 'Post 6']);
    expect(titles('archive/2/feed.json')).toEqual(['Post 6', 'Post 5', 'Post 4']);
    expect(titles('archive/1/feed.json')).toEqual(['Post 3', 'Post 2', 'Post 1']);
  });

  it('lead a client from the subscription feed back to the first item, in RSS, Atom and JSON Feed', () => {
    const all = Array.from({ length: 7 }, (_, i) => `Post ${7 - i}`);
    for (const [format, start] of [['rss', 'rss.xml'], ['atom', 'atom.xml']] as const) {
      const { titles, documents } = walkXml(dir, start, format);
      expect([...new Set(titles)], format).toEqual(all);
      const [subscription, ...archives] = documents;
      expect(children(subscription!, 'archive', FH)).toEqual([]);
      for (const archive of archives) {
        expect(children(archive, 'archive', FH)).toHaveLength(1);
        const current = children(archive, 'link', NS.atom).find((l) => l.attrs.rel === 'current');
        expect(current?.attrs.href).toBe(`${SITE}${start}`);
      }
      // No next-archive: it would have to be added to a full page when the next one fills.
      expect(archives.flatMap((d) => children(d, 'link', NS.atom)).filter((l) => l.attrs.rel === 'next-archive')).toEqual([]);
    }
    const json: string[] = [];
    for (let url: string | undefined = `${SITE}feed.json`; url; ) {
      const text = readOut(dir, fileOf(url));
      expect(jsonFeedErrors(text)).toEqual([]);
      const feed = JSON.parse(text) as { items: { title: string }[]; next_url?: string };
      json.push(...feed.items.map((i) => i.title));
      url = feed.next_url;
    }
    expect([...new Set(json)]).toEqual(all);
  });

  it('read the same with rss-parser, an independent client', async () => {
    for (const file of ['rss.xml', 'atom.xml', 'archive/1/rss.xml', 'archive/1/atom.xml', 'archive/2/rss.xml', 'archive/2/atom.xml']) {
      const feed = await rssParser.parseString(readOut(dir, file));
      const expected = JSON.parse(readOut(dir, file.replace(/(rss|atom)\.xml$/, 'feed.json'))).items.map((i: { id: string; title: string }) => [i.id, i.title]);
      expect(feed.items.map((i) => [i.guid ?? i.id, i.title]), file).toEqual(expected);
    }
  });

  it('never rewrite a full page when newer articles come', () => {
    const pages = ['archive/1/rss.xml', 'archive/1/atom.xml', 'archive/1/feed.json', 'archive/2/rss.xml', 'archive/2/atom.xml', 'archive/2/feed.json'];
    const before = pages.map((p) => [readOut(dir, p), statSync(path.join(dir, 'dist', p)).mtimeMs] as const);
    for (const n of [8, 9, 10]) writeFileSync(path.join(dir, 'articles', `p${n}.md`), post(n));
    const again = buildCli(dir);
    expect(again.code).toBe(0);
    // Ten articles: a third full page appears; the first two stay byte for byte, file untouched.
    expect(again.stdout).toContain('archive feeds: 3 files written, 6 unchanged');
    for (const [i, p] of pages.entries()) {
      expect(readOut(dir, p), p).toBe(before[i]![0]);
      expect(statSync(path.join(dir, 'dist', p)).mtimeMs, p).toBe(before[i]![1]);
    }
    expect(JSON.parse(readOut(dir, 'feed.json')).next_url).toBe(`${SITE}archive/3/feed.json`);
    // Post 10 is the only one outside a full page, but the subscription feed shows feeds.limit items.
    expect(JSON.parse(readOut(dir, 'feed.json')).items.map((i: { title: string }) => i.title)).toEqual(['Post 10', 'Post 9']);
  });
});

describe('complete feeds (feeds.history "complete")', () => {
  it('hold every item whatever feeds.limit says, and say so with fh:complete', () => {
    const dir = makeProject(posts(1, 5), { ...BASE_CONFIG, feeds: { limit: 2, history: 'complete' } });
    expect(buildCli(dir).code).toBe(0);
    for (const [file, format] of [['rss.xml', 'rss'], ['atom.xml', 'atom']] as const) {
      const { titles, documents } = walkXml(dir, file, format);
      expect(titles).toHaveLength(5);
      expect(documents).toHaveLength(1);
      expect(children(documents[0]!, 'complete', FH)).toHaveLength(1);
    }
    expect(JSON.parse(readOut(dir, 'feed.json')).items).toHaveLength(5);
    expect(readFileSync(path.join(dir, 'dist', 'rss.xml'), 'utf8')).toContain('xmlns:fh="http://purl.org/syndication/history/1.0"');
  });

  it('are not the default: a feed keeps its newest feeds.limit items and no history element', () => {
    const dir = makeProject(posts(1, 5), { ...BASE_CONFIG, feeds: { limit: 2 } });
    expect(buildCli(dir).code).toBe(0);
    expect(readOut(dir, 'rss.xml')).not.toContain('purl.org/syndication/history');
    expect(JSON.parse(readOut(dir, 'feed.json')).items).toHaveLength(2);
  });
});
