/**
 * Every feed the project's own articles and the golden fixture produce is
 * read back by independent clients: a strict XML parser with the structural
 * rules of each spec, rss-parser as a feed reader would, and the JSON Feed
 * 1.1 schema. The three formats must tell the same story.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCli, ROOT } from './support/project.js';
import { atomErrors, atomRelaxNgErrors, hasXmllint, jsonFeedErrors, rssErrors, rssParser } from './support/validate.js';
import { children, child, NS, parseXml, textOf } from './support/xml.js';

const work = mkdtempSync(path.join(tmpdir(), 'syndicate-roundtrip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function buildCopy(name: string, articles: string, config: string): string {
  const dir = path.join(work, name);
  cpSync(articles, path.join(dir, 'articles'), { recursive: true });
  cpSync(config, path.join(dir, 'syndicate.config.json'));
  const run = buildCli(dir);
  if (run.code !== 0) throw new Error(run.stderr);
  return dir;
}

const projects = {
  "the project's own articles": buildCopy('own', path.join(ROOT, 'articles'), path.join(ROOT, 'syndicate.config.json')),
  'the golden fixture': buildCopy('golden', path.join(ROOT, 'tests/fixtures/golden/articles'), path.join(ROOT, 'tests/fixtures/golden/syndicate.config.json')),
};

describe.each(Object.entries(projects))('%s', (_name, dir) => {
  const read = (f: string) => readFileSync(path.join(dir, 'dist', f), 'utf8');
  const rss = read('rss.xml');
  const atom = read('atom.xml');
  const json = JSON.parse(read('feed.json'));

  it('are valid by the rules of RSS 2.0, RFC 4287 and JSON Feed 1.1', () => {
    expect(rssErrors(rss)).toEqual([]);
    expect(atomErrors(atom)).toEqual([]);
    expect(jsonFeedErrors(read('feed.json'))).toEqual([]);
  });

  it.skipIf(!hasXmllint)('validate against the RELAX NG grammar of RFC 4287', () => {
    expect(atomRelaxNgErrors(atom)).toEqual([]);
    // The grammar does catch a broken feed: a category without its term.
    expect(atomRelaxNgErrors(atom.replace(/<category term=/, '<category label='))).not.toEqual([]);
  });

  it('give the same items, ids, titles and dates in all three formats', async () => {
    const rssFeed = await rssParser.parseString(rss);
    const atomFeed = await rssParser.parseString(atom);
    const atomDoc = parseXml(atom);
    const entries = children(atomDoc, 'entry', NS.atom);
    expect(rssFeed.items.length).toBe(json.items.length);
    expect(entries.length).toBe(json.items.length);
    expect(atomFeed.items.length).toBe(json.items.length);
    for (const [i, item] of json.items.entries()) {
      const r = rssFeed.items[i]!;
      const e = entries[i]!;
      expect(r.guid).toBe(item.id);
      expect(textOf(e, 'id', NS.atom)).toBe(item.id);
      expect(r.title).toBe(item.title);
      expect(textOf(e, 'title', NS.atom)).toBe(item.title);
      expect(atomFeed.items[i]!.title).toBe(item.title);
      expect(new Date(r.pubDate!).getTime()).toBe(new Date(item.date_published).getTime());
      expect(textOf(e, 'published', NS.atom)).toBe(item.date_published);
      expect(textOf(e, 'updated', NS.atom)).toBe(item.date_modified);
      expect(r.link).toBe(item.external_url ?? item.url);
      expect(r.categories ?? []).toEqual(item.tags ?? []);
      expect(children(e, 'category', NS.atom).map((c) => c.attrs.term)).toEqual(item.tags ?? []);
      expect(r['content:encoded']).toBe(item.content_html);
      expect(textOf(e, 'content', NS.atom)).toBe(item.content_html);
      if (item.attachments) {
        expect(r.enclosure).toEqual({ url: item.attachments[0].url, length: String(item.attachments[0].size_in_bytes), type: item.attachments[0].mime_type });
      }
    }
  });

  it('date the feed by its newest item, not by the clock', () => {
    const newest = Math.max(...json.items.map((i: { date_modified: string }) => new Date(i.date_modified).getTime()));
    expect(new Date(textOf(parseXml(atom), 'updated', NS.atom)!).getTime()).toBe(newest);
    const channel = child(parseXml(rss), 'channel')!;
    expect(new Date(textOf(channel, 'lastBuildDate')!).getTime()).toBe(newest);
  });
});

describe("the project's own articles", () => {
  const dir = projects["the project's own articles"];
  const json = JSON.parse(readFileSync(path.join(dir, 'dist/feed.json'), 'utf8'));
  const byTitle = (prefix: string) => json.items.find((i: { title: string }) => i.title.startsWith(prefix));

  it('keep French text and the original UTC offsets', () => {
    const fr = byTitle('Des flux sans accroc');
    expect(fr.title).toBe('Des flux sans accroc : les accents, les dates et l’heure d’été');
    expect(fr.language).toBe('fr');
    expect(fr.date_published).toBe('2026-02-03T18:45:00+01:00');
    expect(fr.date_modified).toBe('2026-03-29T10:00:00+02:00');
    expect(readFileSync(path.join(dir, 'dist/rss.xml'), 'utf8')).toContain('<pubDate>Tue, 03 Feb 2026 18:45:00 +0100</pubDate>');
  });

  it('carry the audio enclosure and the cover image with absolute URLs', () => {
    const episode = byTitle('Episode 1');
    expect(episode.attachments).toEqual([
      { url: 'https://media.syndicate.example.org/episodes/episode-1.mp3', mime_type: 'audio/mpeg', size_in_bytes: 18734592, duration_in_seconds: 2339 },
    ]);
    const photos = byTitle('A morning at the harbour');
    expect(photos.image).toBe('https://syndicate.example.org/photo-essay/harbour-dawn.jpg');
    expect(photos.content_html).toContain('<figcaption>The harbour at 6:40, before the first boats leave. <small>Photo: Jonas Weber, CC BY 4.0</small></figcaption>');
    expect(photos.content_html).not.toMatch(/(src|href)="(?!https:)/);
    // Media RSS carries the lead image as a thumbnail, in RSS and Atom alike; its caption and
    // credit are in the body's figure (media:content made it an enclosure to SimplePie, and its
    // caption the content to feedparser: docs/readers.md).
    const MEDIA = 'http://search.yahoo.com/mrss/';
    const rssItem = children(child(parseXml(readFileSync(path.join(dir, 'dist/rss.xml'), 'utf8')), 'channel')!, 'item').find((i) => textOf(i, 'title')?.startsWith('A morning'))!;
    const atomEntry = children(parseXml(readFileSync(path.join(dir, 'dist/atom.xml'), 'utf8')), 'entry', NS.atom).find((e) => textOf(e, 'title', NS.atom)?.startsWith('A morning'))!;
    for (const el of [rssItem, atomEntry]) {
      expect(child(el, 'content', MEDIA)).toBeUndefined();
      expect(child(el, 'thumbnail', MEDIA)!.attrs.url).toBe('https://syndicate.example.org/photo-essay/harbour-dawn.jpg');
    }
  });

  it('leave the draft and the scheduled article out', () => {
    expect(byTitle('What comes in the next release')).toBeUndefined();
    expect(byTitle('Ten years of the journal')).toBeUndefined();
  });
});
