/** Podcast mode: the tags Apple Podcasts and Podcast Index require, checked on the built feed. */
import { describe, expect, it } from 'vitest';
import { podcastGuid } from '../src/feeds/podcast.js';
import { BASE_CONFIG, buildCli, makeProject, readOut } from './support/project.js';
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
    podcast: { image: 'https://example.com/blog/cover-3000.jpg', category: 'Technology > Tech News', owner: { name: 'Site Author', email: 'author@example.com' } },
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
    expect([category.attrs.text, child(category, 'category', ITUNES)!.attrs.text]).toEqual(['Technology', 'Tech News']);
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
