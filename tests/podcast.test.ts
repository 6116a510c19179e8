/** Podcast mode: the tags Apple Podcasts and Podcast Index require, checked on the built feed. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { categoryProblem } from '../src/config/apple-podcasts.js';
import { podcastGuid } from '../src/feeds/podcast.js';
import { BASE_CONFIG, buildCli, buildHereCli, makeProject, readOut } from './support/project.js';
import { podcastErrors, rssErrors } from './support/validate.js';
import { child, children, parseXml, textOf } from './support/xml.js';

const ITUNES = 'http://www.itunes.com/dtds/podcast-1.0.dtd';
const PODCAST = 'https://podcastindex.org/namespace/1.0';

describe('podcast:guid', () => {
  it('matches the Podcast Namespace examples', () => {
    expect(podcastGuid('https://mp3s.nashownotes.com/pc20rss.xml')).toBe('917393e3-1b1e-5cef-ace4-edaa54e1f810');
    expect(podcastGuid('podnews.net/rss/')).toBe('9b024349-ccf0-5f69-a609-6b82873eab3c');
    expect(podcastGuid('https://podnews.net/rss////')).toBe('9b024349-ccf0-5f69-a609-6b82873eab3c');
  });
});

describe('podcast mode', () => {
  const config = {
    ...BASE_CONFIG,
    podcast: { image: 'https://example.com/blog/cover-3000.jpg', category: 'News > Tech News', owner: { name: 'Site Author', email: 'author@example.com' } },
    feeds: { facets: { tags: true } },
  };
  const dir = makeProject(
    {
      'ep1.md': '---\ntitle: Episode 1\ndate: 2024-01-01\ntags: [show]\naudio:\n  url: https://cdn.example.com/ep1.mp3\n  length: 12345678\n  duration: "1:02:03"\nimage: ep1.jpg\n---\nNotes.\n',
      'post.md': '---\ntitle: A post\ndate: 2024-01-02\n---\nNot an episode.\n',
    },
    config,
  );
  const run = buildCli(dir);
  const channel = child(parseXml(readOut(dir, 'rss.xml')), 'channel')!;

  it('adds the channel tags Apple Podcasts and Podcast Index require', () => {
    expect(run.code).toBe(0);
    expect(child(channel, 'image', ITUNES)!.attrs.href).toBe('https://example.com/blog/cover-3000.jpg');
    const category = child(channel, 'category', ITUNES)!;
    expect([category.attrs.text, child(category, 'category', ITUNES)!.attrs.text]).toEqual(['News', 'Tech News']);
    expect(textOf(channel, 'explicit', ITUNES)).toBe('false');
    expect(textOf(channel, 'guid', PODCAST)).toBe(podcastGuid('https://example.com/blog/rss.xml'));
    expect(textOf(child(channel, 'owner', ITUNES)!, 'email', ITUNES)).toBe('author@example.com');
    expect(textOf(channel, 'language')).toBe('en');
    expect(rssErrors(readOut(dir, 'rss.xml'))).toEqual([]);
  });

  it('gives episodes their duration and image, and leaves other items alone', () => {
    const [post, episode] = children(channel, 'item');
    expect(textOf(episode!, 'duration', ITUNES)).toBe('3723');
    expect(child(episode!, 'image', ITUNES)!.attrs.href).toBe('https://example.com/blog/ep1/ep1.jpg');
    expect(child(episode!, 'enclosure')!.attrs).toEqual({ url: 'https://cdn.example.com/ep1.mp3', length: '12345678', type: 'audio/mpeg' });
    expect(child(post!, 'duration', ITUNES)).toBeUndefined();
  });

  it('has every tag Apple Podcasts and Podcast Index require, with the values the Podcast Namespace allows', () => {
    const rss = readOut(dir, 'rss.xml');
    expect(podcastErrors(rss)).toEqual([]);
    // The check does catch a feed that breaks the rules.
    const broken = rss.replace(/<podcast:locked>no</, '<podcast:locked>false<').replace(/length="12345678"/, 'length="0"').replace(/<podcast:guid>.*?<\/podcast:guid>/, '');
    expect(podcastErrors(broken)).toEqual([
      'channel: 0 <guid> (https://podcastindex.org/namespace/1.0), expected 1',
      'podcast:locked "false" is not yes or no',
      'episode 2: enclosure length "0" is not a positive byte count',
    ]);
  });

  it('keeps the podcast tags out of facet feeds, which are not shows of their own', () => {
    expect(readOut(dir, 'tags/show/rss.xml')).not.toContain('podcast:guid');
  });
});

const EPISODE = (n: number, image = `ep${n}.jpg`) =>
  `---\ntitle: Episode ${n}\ndate: 2024-01-0${n}\naudio:\n  url: https://cdn.example.com/ep${n}.mp3\n  length: 1234567\nimage: ${image}\n---\nNotes.\n`;
const SHOW = { image: 'https://example.com/blog/cover-3000.jpg', category: 'Technology' };

/** `build --strict` of a project with this config, in this process: the exit code, and each line printed with the config's text. */
async function strictBuild(config: object): Promise<{ code: number | null; lines: string[]; lineOf: (key: string) => number }> {
  const text = JSON.stringify(config, null, 2);
  const run = await buildHereCli(makeProject({ 'ep1.md': EPISODE(1) }, text), ['--strict']);
  // The line of the first key of that name, as the message names it.
  const lineOf = (key: string) => text.split('\n').findIndex((l) => l.trimStart().startsWith(`"${key}":`)) + 1;
  return { code: run.code, lines: run.stderr.trim().split('\n'), lineOf };
}

describe('podcast settings, checked against what Apple Podcasts takes', () => {
  it("refuses a category that is not on Apple's list, with the key, its line and the way to write it", async () => {
    const cases: [category: string, message: string][] = [
      ['Tech', '"Tech" is not an Apple Podcasts category; choose one of Apple\'s (podcasters.apple.com/support/1691), like "Technology" or "News > Tech News"'],
      ['technology', '"technology" is not an Apple Podcasts category, which are spelled exactly; did you mean "Technology"?'],
      ['health and fitness > mental health', '"health and fitness" is not an Apple Podcasts category, which are spelled exactly; did you mean "Health & Fitness > Mental Health"?'],
      ['Kids &amp; Family', '"Kids &amp; Family" is not an Apple Podcasts category, which are spelled exactly; did you mean "Kids & Family"?'],
      ['Education > How-To', '"How-To" is not a subcategory of "Education", which are spelled exactly; did you mean "Education > How To"?'],
      ['Games & Hobbies > Video Games', '"Games & Hobbies > Video Games" is an obsolete Apple Podcasts category, no longer in Apple\'s list; use "Leisure > Video Games"'],
      ['Technology > Tech News', '"Technology > Tech News" is an obsolete Apple Podcasts category, no longer in Apple\'s list; use "News > Tech News"'],
      ['Science & Medicine > Physics', '"Science & Medicine" is an obsolete Apple Podcasts category, no longer in Apple\'s list; use "Science" or "Health & Fitness > Medicine"'],
      ['Audio Blogs', '"Audio Blogs" is an obsolete Apple Podcasts category, no longer in Apple\'s list; nothing replaced it: choose another category'],
      ['Arts > Books > Fiction', '"Arts > Books > Fiction" has a third level, "Fiction": Apple Podcasts takes a category and one subcategory; write "Arts > Books"'],
      ['Arts > Film Reviews', '"Film Reviews" is a subcategory of "TV & Film", not of "Arts"; write "TV & Film > Film Reviews"'],
      ['Tech News', '"Tech News" is a subcategory of "News"; write "News > Tech News"'],
      ['True Crime > Murder', '"True Crime" has no subcategories in Apple Podcasts; write "True Crime" alone'],
      ['Comedy > Sketch', '"Sketch" is not a subcategory of "Comedy"; Apple\'s are "Comedy Interviews", "Improv", "Stand-Up"'],
      // Names every JavaScript object has are no categories either.
      ['constructor', '"constructor" is not an Apple Podcasts category; choose one of Apple\'s (podcasters.apple.com/support/1691), like "Technology" or "News > Tech News"'],
      ['__proto__ > toString', '"__proto__" is not an Apple Podcasts category; choose one of Apple\'s (podcasters.apple.com/support/1691), like "Technology" or "News > Tech News"'],
      ['', 'must name an Apple Podcasts category, like "Technology" or "Arts > Books"'],
      ['Arts >', '"Arts >" has an empty part; write a category, or a category and one of its subcategories, like "Arts > Books"'],
    ];
    // One at a time: a run in this process takes its output streams while it lasts.
    const runs = [];
    for (const [category] of cases) runs.push(await strictBuild({ ...BASE_CONFIG, podcast: { ...SHOW, category } }));
    expect(runs.map((r) => r.code)).toEqual(cases.map(() => 2));
    expect(runs.map((r) => r.lines)).toEqual(runs.map((r, i) => [`syndicate.config.json:${r.lineOf('category')}: error: podcast.category: ${cases[i]![1]}`]));
  });

  it('takes every category as Apple spells it, with or without a subcategory', () => {
    const written = ['Technology', 'True Crime', 'Kids & Family > Pets & Animals', 'Education > How To', 'Religion & Spirituality > Religion', 'TV & Film > After Shows', 'Leisure > Animation & Manga', 'Society & Culture > Places & Travel', 'News > Tech News', 'Sports > Wilderness'];
    expect(written.map(categoryProblem)).toEqual(written.map(() => undefined));
  });

  it('requires what Apple Podcasts requires of a show, each error naming its key, all in one run', async () => {
    const config = {
      site: { url: 'https://example.com/blog/' },
      podcast: { image: 'https://example.com/blog/cover.webp', category: 'Technology' },
      feeds: { formats: { rss: false } },
    };
    const run = await strictBuild(config);
    expect(run.code).toBe(2);
    const site = run.lineOf('site');
    expect(run.lines.sort()).toEqual(
      [
        `syndicate.config.json:${run.lineOf('image')}: error: podcast.image: must be the address of a JPEG or PNG file, ending in .jpg, .jpeg or .png: Apple Podcasts takes no other artwork`,
        `syndicate.config.json:${site}: error: site.title: is required for a podcast: Apple Podcasts shows it as the show's name (without it, the site's host would stand in)`,
        `syndicate.config.json:${site}: error: site.description: is required for a podcast: Apple Podcasts requires the show's description (without it, the title would stand in)`,
        `syndicate.config.json:${site}: error: site.language: is required for a podcast: Apple Podcasts requires the language spoken on the show (<language>), like "en" or "fr-CA"`,
        `syndicate.config.json:${run.lineOf('rss')}: error: feeds.formats.rss: cannot be false for a podcast: a podcast is an RSS feed, the only format Apple Podcasts reads`,
      ].sort(),
    );
    // The same site without the podcast settings builds: they are a podcast's needs only.
    const { podcast: _, ...plain } = config;
    expect((await strictBuild({ ...plain, feeds: {} })).code).toBe(0);
  });

  it('takes a serial show whose every episode says its number, with itunes:episode and itunes:season; an episode without one is an error naming its file', async () => {
    const numbered = (n: number) => EPISODE(n).replace('  length: 1234567\n', `  length: 1234567\n  episode: ${n}\n  season: 2\n`);
    const config = { site: { url: 'https://example.com/blog/', title: 'Show', description: 'A show.', language: 'en' }, podcast: { ...SHOW, type: 'serial' } };
    const dir = makeProject({ 'ep1.md': numbered(1), 'ep2.md': numbered(2) }, config);
    expect((await buildHereCli(dir, ['--strict'])).code).toBe(0);
    const channel = child(parseXml(readOut(dir, 'rss.xml')), 'channel')!;
    expect(textOf(channel, 'type', ITUNES)).toBe('serial');
    expect(children(channel, 'item').map((i) => [textOf(i, 'episode', ITUNES), textOf(i, 'season', ITUNES)])).toEqual([['2', '2'], ['1', '2']]);
    writeFileSync(path.join(dir, 'articles', 'ep3.md'), EPISODE(3));
    const run = await buildHereCli(dir, []);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('articles/ep3.md:4: error: this episode of a serial show has no number; add "episode:" to its enclosure (Apple Podcasts orders a serial show by it)');
  });

  it('announces one podcast:guid for the show on every archive page: the one derived from the subscription feed, or podcast.guid', async () => {
    const config = { ...BASE_CONFIG, podcast: SHOW, feeds: { limit: 1, history: 'archive', archivePageSize: 1 } };
    const dir = makeProject({ 'ep1.md': EPISODE(1), 'ep2.md': EPISODE(2), 'ep3.md': EPISODE(3) }, config);
    // Three episodes, one a page: the subscription feed and three archive pages.
    const files = ['rss.xml', 'archive/1/rss.xml', 'archive/2/rss.xml', 'archive/3/rss.xml'];
    const guids = () => files.map((f) => textOf(child(parseXml(readOut(dir, f)), 'channel')!, 'guid', PODCAST));
    expect((await buildHereCli(dir, ['--strict'])).code).toBe(0);
    expect(guids()).toEqual(Array(4).fill(podcastGuid('https://example.com/blog/rss.xml')));
    for (const f of files) expect(podcastErrors(readOut(dir, f)), f).toEqual([]);
    const guid = '1d8f8a52-4fd4-5b3b-9bde-c5a6c2b8a0f1';
    writeFileSync(path.join(dir, 'syndicate.config.json'), JSON.stringify({ ...config, podcast: { ...SHOW, guid } }));
    expect((await buildHereCli(dir, ['--strict'])).code).toBe(0);
    expect(guids()).toEqual(Array(4).fill(guid));
  });

  it('gives an episode its own itunes:image only when Apple takes it (JPEG or PNG); another image stays in Media RSS', async () => {
    const dir = makeProject({ 'ep1.md': EPISODE(1, 'ep1.webp'), 'ep2.md': EPISODE(2, 'ep2.png') }, { ...BASE_CONFIG, podcast: SHOW });
    expect((await buildHereCli(dir, ['--strict'])).code).toBe(0);
    const [png, webp] = children(child(parseXml(readOut(dir, 'rss.xml')), 'channel')!, 'item');
    expect(child(png!, 'image', ITUNES)!.attrs.href).toBe('https://example.com/blog/ep2/ep2.png');
    expect(child(webp!, 'image', ITUNES)).toBeUndefined();
    expect(readOut(dir, 'rss.xml')).toContain('<media:thumbnail url="https://example.com/blog/ep1/ep1.webp"');
  });
});
