/**
 * The reader matrix: every feed the sample site and the test fixtures build (hostile and tricky
 * articles, a podcast with facet feeds, archive pages, a summary-only feed) is read by real feed
 * readers, each run once over all its feeds, and every item is compared field by field with what
 * the feed means. A disagreement fails unless tests/readers/reader-bugs.ts lists it as the
 * reader's own bug. A reader that is not installed is skipped, and named
 * (tests/readers/install.sh installs them all; .ci/run runs it). The figures per reader and field
 * go to test-results/reader-matrix.md.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHereCli, ROOT, tempDir } from './support/project.js';
import { disagreements, formatOf, type Disagreement } from './readers/compare.js';
import { READERS, runReader, type ReaderRun } from './readers/readers.js';
import { BUGS, bugTable, explain } from './readers/reader-bugs.js';
import { matrixReport } from './readers/report.js';

const work = tempDir('syndicate-readers-');
const fixture = (...parts: string[]) => path.join(ROOT, 'tests/fixtures', ...parts);
const SITE = JSON.parse(readFileSync(path.join(ROOT, 'syndicate.config.json'), 'utf8')) as { site: object };

/** A project from folders of articles and a config, built into builds/NAME. */
async function build(name: string, articles: string[], config: object, flags: string[] = []): Promise<void> {
  const dir = path.join(work, 'projects', name);
  for (const folder of articles) cpSync(folder, path.join(dir, 'articles'), { recursive: true });
  writeFileSync(path.join(dir, 'syndicate.config.json'), JSON.stringify(config));
  const run = await buildHereCli(dir, ['--no-cache', '--out', path.join(work, 'builds', name), ...flags]);
  if (run.code !== 0 && !flags.includes('--keep-going')) throw new Error(`${name}: ${run.stderr}`);
}

// Facet feeds of one kind carry their items in the same text (one variant per format and kind:
// FeedSerializer.variant), so one of each kind is read; main feeds and archive pages all are.
const FACETS_READ = /^podcast-facets\/(tags\/podcast|authors\/ada-martin|lang\/fr)\/|^[^/]+\/(archive\/\d+\/)?[^/]+$/;

function feedsUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|\/)(rss\.xml|atom\.xml|feed\.json)$/.test(f) && FACETS_READ.test(f))
    .map((f) => path.join(dir, f))
    .sort();
}

const runs: ReaderRun[] = [];
const skipped: string[] = [];
const failed: string[] = [];
let found: Disagreement[] = [];
let feeds: string[] = [];

beforeAll(async () => {
  const own = path.join(ROOT, 'articles');
  await build('sample', [own], SITE);
  await build('tricky', [fixture('golden/articles')], JSON.parse(readFileSync(fixture('golden/syndicate.config.json'), 'utf8')));
  await build('hostile', [fixture('hostile/articles')], { site: { url: 'https://example.com/' } }, ['--keep-going']);
  await build('podcast-facets', [own, fixture('readers/articles')], {
    ...SITE,
    podcast: { image: 'https://syndicate.example.org/cover.jpg', category: 'Technology', owner: { name: 'Ada Martin', email: 'ada@syndicate.example.org' } },
    feeds: { facets: { tags: true, authors: true, languages: true } },
  });
  await build('archives-summaries', [own, fixture('readers/articles')], { ...SITE, feeds: { limit: 3, history: 'archive', archivePageSize: 2, content: 'summary' } });
  // Real material, when asked: READER_MATRIX_SITES=name=/path/to/articles:name2=/path/to/other.
  for (const site of (process.env.READER_MATRIX_SITES ?? '').split(':').filter(Boolean)) {
    const [name, dir] = site.split('=') as [string, string];
    await build(name, [dir], { site: { url: `https://${name}.example.org/`, title: name } }, ['--keep-going']);
  }
  feeds = feedsUnder(path.join(work, 'builds'));
  // A reader that is not installed is skipped; one that is and fails is a failure.
  const installed = READERS.filter((reader) => {
    const command = reader.command();
    if (typeof command === 'string') skipped.push(`${reader.name}: ${command}`);
    return typeof command !== 'string';
  });
  const results = await Promise.allSettled(installed.map((reader) => runReader(reader, feeds.filter((f) => reader.formats.includes(formatOf(f))))));
  for (const result of results) {
    if (result.status === 'fulfilled') runs.push(result.value);
    else failed.push(result.reason instanceof Error ? result.reason.message : String(result.reason));
  }
  if (skipped.length > 0) console.warn(`reader matrix: skipped\n  ${skipped.join('\n  ')}`);
  found = runs.flatMap((run) =>
    feeds.filter((f) => run.reader.formats.includes(formatOf(f))).flatMap((f) => disagreements(run, f, path.relative(path.join(work, 'builds'), f))),
  );
  for (const d of found) d.bug = explain(d);
  mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'test-results/reader-matrix.md'), matrixReport(runs, feeds.length, found, skipped));
  writeFileSync(path.join(ROOT, 'test-results/reader-matrix.json'), JSON.stringify(found.map(({ meant: _, ...d }) => d), null, 1));
  writeFileSync(path.join(ROOT, 'test-results/reader-bugs.md'), `${bugTable()}\n`);
}, 180_000);

describe('the reader matrix', () => {
  it('reads every kind of feed the tests build', () => {
    const kinds = feeds.map((f) => path.relative(path.join(work, 'builds'), f));
    for (const wanted of ['sample/rss.xml', 'tricky/atom.xml', 'hostile/feed.json', 'podcast-facets/tags/podcast/rss.xml', 'podcast-facets/authors/ada-martin/atom.xml', 'podcast-facets/lang/fr/rss.xml', 'archives-summaries/archive/1/atom.xml']) {
      expect(kinds).toContain(wanted);
    }
  });

  it('has every reader it could run read every feed of its formats', () => {
    expect(failed).toEqual([]);
    for (const run of runs) {
      const failed = [...run.feeds.values()].filter((f) => !f.items).map((f) => `${f.path}: ${f.error}`);
      expect(failed, run.reader.name).toEqual([]);
    }
  });

  it('finds no disagreement that is not a listed bug of the reader', () => {
    const unexplained = found.filter((d) => !d.bug).map((d) => `${d.reader} ${d.field} in ${d.feed}, item ${d.item}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.got)}`);
    expect(unexplained).toEqual([]);
  });

  it('still meets every listed reader bug (an upgrade that fixes one shows here)', () => {
    const ran = new Map(runs.map((r) => [r.reader.name, r.version]));
    const stale = BUGS.filter((b) => ran.get(b.reader)?.startsWith(b.version) && !found.some((d) => d.bug === b.key)).map((b) => b.key);
    expect(stale).toEqual([]);
  });

  it('writes every URL of the feeds\' attributes as a URI (RFC 3986), as the W3C validator checks them', () => {
    // Its characters, as escapes or as RFC 3986 allows them (no brackets: only an IPv6 host has them).
    const uri = /^(?:[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
    const bad: string[] = [];
    for (const file of feeds) {
      const source = readFileSync(file, 'utf8');
      const urls =
        formatOf(file) === 'json'
          ? [...source.matchAll(/"(?:url|external_url|image|home_page_url|feed_url)":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string)
          : // The feed's own attributes: the HTML of a body (CDATA) is the content's business.
            [...source.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').matchAll(/\s(?:url|href)="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
      bad.push(...urls.filter((u) => !uri.test(u)).map((u) => `${path.relative(work, file)}: ${u}`));
    }
    expect(bad).toEqual([]);
  });

  it('writes & < > in RSS plain-text elements as hexadecimal references, as the RSS profile asks', () => {
    // The W3C validator warns (CharacterData) of &amp; or &lt; in an element that RSS never said holds HTML.
    const named = feeds.filter((f) => formatOf(f) === 'rss').flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/<(title|category|dc:creator|copyright)>([^<]*)</g)].filter((m) => /&(amp|lt|gt);/.test(m[2]!)).map((m) => `${path.relative(work, f)}: ${m[0]}`),
    );
    expect(named).toEqual([]);
    expect(feeds.some((f) => formatOf(f) === 'rss' && readFileSync(f, 'utf8').includes('&#x26;'))).toBe(true);
  });

  // The service itself cannot be reached from CI; its rules run from a checkout where there is one.
  it.skipIf(!process.env.FEEDVALIDATOR)('passes the W3C Feed Validation Service\'s rules (a checkout named by FEEDVALIDATOR)', () => {
    const xml = feeds.filter((f) => formatOf(f) !== 'json');
    const run = spawnSync('/usr/bin/python3', ['-P', path.join(ROOT, 'tests/readers/w3c-validator.py'), ...xml], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const events = (JSON.parse(run.stdout) as { feeds: { path: string; events: { level: string; type: string; line: number; message: string }[] }[] }).feeds.flatMap(
      (f) => f.events.map((e) => ({ ...e, feed: path.relative(path.join(work, 'builds'), f.path) })),
    );
    writeFileSync(path.join(ROOT, 'test-results/w3c-validator.json'), JSON.stringify(events, null, 1));
    expect(events.filter((e) => e.level === 'error').map((e) => `${e.feed}:${e.line}: ${e.message}`)).toEqual([]);
  });

  it('lists the reader bugs in docs/readers.md as reader-bugs.ts has them', () => {
    expect(readFileSync(path.join(ROOT, 'docs/readers.md'), 'utf8')).toContain(bugTable());
  });
});
