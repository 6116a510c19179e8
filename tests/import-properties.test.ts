/**
 * A property of import: for generated feeds in each format (ids of every shape, titles and text
 * with what Markdown and HTML would read as markup, dates in any offset, categories, authors,
 * enclosures, HTML or text content), `import` then `build` gives the same items: ids verbatim in
 * RSS and JSON Feed (and their Atom form), titles, instants with their offsets, categories,
 * authors, the enclosure, and the same text.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atomItems, jsonItems, rssItems } from './support/built-items.js';
import { buildHere, makeProject, readOut, ROOT } from './support/project.js';
import { atomFormOf, readerText } from './support/round-trip.js';
import { writeFileSync } from 'node:fs';

const SITE = 'https://example.org/';

interface Item {
  id: string;
  title: string;
  /** Milliseconds, whole seconds. */
  instant: number;
  /** Minutes east. */
  offset: number;
  tags: string[];
  author: string;
  enclosure?: { url: string; length: number; duration: number };
  content: { type: 'html' | 'text'; text: string };
}

// Text as people write it, with what Markdown, HTML and XML would each read as markup; no
// character XML forbids, no white space at either end (readers trim titles).
const word = fc.stringMatching(/^[\p{L}\p{N}#*_<>&"'`.\-[\]()!|~]{1,10}$/u);
const phrase = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const line = fc.oneof(phrase, phrase.map((p) => `# ${p}`), phrase.map((p) => `1. ${p}`), phrase.map((p) => `    ${p}`), phrase.map((p) => `*${p}*`));
const text = fc.array(line, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n'));
const id = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,11}$/),
  fc.nat({ max: 99999 }).map(String),
  fc.stringMatching(/^[a-z0-9]{1,8}$/).map((s) => `tag:example.net,2020:${s}`),
  fc.stringMatching(/^[a-z0-9]{1,8}$/).map((s) => `https://old.example.net/p/${s}`),
  phrase.map((p) => p.replace(/[<>&"'`]/g, 'x')),
);
const item = fc.record({
  id,
  title: phrase,
  instant: fc.integer({ min: Date.UTC(2001, 0, 1) / 1000, max: Date.UTC(2029, 0, 1) / 1000 }).map((s) => s * 1000),
  offset: fc.constantFrom(0, 60, 120, -300, -420, 330, 345, -570),
  tags: fc.uniqueArray(phrase, { maxLength: 3 }),
  author: phrase,
  enclosure: fc.option(fc.record({ url: fc.stringMatching(/^[a-z0-9]{1,10}$/).map((s) => `https://cdn.example.net/${s}.mp3`), length: fc.integer({ min: 1, max: 2 ** 31 }), duration: fc.nat({ max: 36000 }) }), { nil: undefined }),
  content: fc.record({ type: fc.constantFrom<'html' | 'text'>('html', 'text'), text }),
});
const feedOf = fc.uniqueArray(item, { minLength: 1, maxLength: 5, selector: (i) => i.id });

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pad = (n: number) => String(n).padStart(2, '0');
function zone(offset: number, colon: boolean): string {
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`;
}
/** The instant as written in its offset: RFC 3339 (offset 0 as Z, as the build writes it) or RFC 822. */
function rfc3339(i: Item): string {
  return `${new Date(i.instant + i.offset * 60_000).toISOString().slice(0, 19)}${i.offset === 0 ? 'Z' : zone(i.offset, true)}`;
}
function rfc822(i: Item): string {
  const d = new Date(i.instant + i.offset * 60_000).toUTCString().replace(' GMT', '');
  return `${d} ${zone(i.offset, false)}`;
}
/** HTML content: a paragraph per line, its characters escaped. */
const htmlOf = (t: string) => t.split('\n').map((l) => `<p>${escape(l)}</p>`).join('\n');

function rss(items: Item[]): string {
  const body = items.map(
    (i) =>
      `<item><title>${escape(escape(i.title))}</title><guid isPermaLink="false">${escape(i.id)}</guid><pubDate>${rfc822(i)}</pubDate><dc:creator>${escape(i.author)}</dc:creator>${i.tags.map((t) => `<category>${escape(t)}</category>`).join('')}${i.enclosure ? `<enclosure url="${i.enclosure.url}" length="${i.enclosure.length}" type="audio/mpeg"/><itunes:duration>${i.enclosure.duration}</itunes:duration>` : ''}<description>${escape(i.content.type === 'html' ? htmlOf(i.content.text) : escape(i.content.text).replace(/\n/g, '<br>'))}</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>T</title><link>https://old.example.net/</link><description>D</description>${body.join('')}</channel></rss>`;
}

function atom(items: Item[]): string {
  const body = items.map(
    (i) =>
      `<entry><id>${escape(i.id)}</id><title type="text">${escape(i.title)}</title><published>${rfc3339(i)}</published><updated>${rfc3339(i)}</updated><author><name>${escape(i.author)}</name></author>${i.tags.map((t) => `<category term="${escape(t)}"/>`).join('')}${i.enclosure ? `<link rel="enclosure" href="${i.enclosure.url}" length="${i.enclosure.length}" type="audio/mpeg"/>` : ''}<content type="${i.content.type}">${escape(i.content.type === 'html' ? htmlOf(i.content.text) : i.content.text)}</content></entry>`,
  );
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>tag:old.example.net,2020:feed</id><title>T</title><updated>2030-01-01T00:00:00Z</updated>${body.join('')}</feed>`;
}

function json(items: Item[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'T',
    items: items.map((i) => ({
      id: i.id,
      title: i.title,
      date_published: rfc3339(i),
      authors: [{ name: i.author }],
      tags: i.tags,
      ...(i.enclosure && { attachments: [{ url: i.enclosure.url, mime_type: 'audio/mpeg', size_in_bytes: i.enclosure.length, duration_in_seconds: i.enclosure.duration }] }),
      ...(i.content.type === 'html' ? { content_html: htmlOf(i.content.text) } : { content_text: i.content.text }),
    })),
  });
}

const WRITERS = { 'rss.xml': rss, 'atom.xml': atom, 'feed.json': json };
const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('import then build, on generated feeds', () => {
  for (const [name, write] of Object.entries(WRITERS)) {
    it(`gives back every item of a ${name}`, async () => {
      const { importFeed } = (await import(path.join(ROOT, 'lib/commands/import.js'))) as typeof import('../src/commands/import.js');
      await fc.assert(
        fc.asyncProperty(feedOf, async (items) => {
          const dir = makeProject({}, { site: { url: SITE, title: 'T', timezone: 'UTC' }, feeds: { limit: 0 } });
          rmSync(path.join(dir, 'articles'), { recursive: true });
          writeFileSync(path.join(dir, name), write(items));
          await importFeed(path.join(dir, name), path.join(dir, 'articles'), dir);
          const build = await buildHere(dir, { cache: false });
          expect(build.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          const built = { json: jsonItems(readOut(dir, 'feed.json')), rss: rssItems(readOut(dir, 'rss.xml')), atom: atomItems(readOut(dir, 'atom.xml')) };
          expect(built.json).toHaveLength(items.length);
          for (const i of items) {
            const k = built.json.findIndex((b) => b.id === i.id);
            expect(k, `id ${JSON.stringify(i.id)}`).toBeGreaterThanOrEqual(0);
            const [j, r, a] = [built.json[k]!, built.rss[k]!, built.atom[k]!];
            expect([r.id, a.id]).toEqual([i.id, atomFormOf(i.id, SITE)]);
            expect([j.title, r.title, a.title]).toEqual([fold(i.title), fold(i.title), fold(i.title)]);
            expect([j.published, r.published, a.published]).toEqual([rfc3339(i), rfc3339(i), rfc3339(i)]);
            expect(j.tags).toEqual(i.tags.map(fold));
            expect(j.authors).toEqual([{ name: fold(i.author) }]);
            if (i.enclosure) expect(j.enclosure).toEqual({ url: i.enclosure.url, type: 'audio/mpeg', length: i.enclosure.length, ...(name === 'atom.xml' ? {} : { duration: i.enclosure.duration }) });
            else expect(j.enclosure).toBeUndefined();
            // The same text, none of it read as Markdown or HTML.
            expect(readerText(j.html)).toBe(fold(i.content.text));
            expect(j.html).not.toMatch(/<(h1|em|ol|li|pre|code)>/);
          }
        }),
        { numRuns: 8, seed: 25 },
      );
    });
  }
});
