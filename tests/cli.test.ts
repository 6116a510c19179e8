/** The build command end to end: a real subprocess on real folders. */
import { existsSync, readFileSync, writeFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_CONFIG, buildCli, makeProject, readOut, runCli, snapshot } from './support/project.js';
import { atomErrors, jsonFeedErrors, rssErrors } from './support/validate.js';

const article = (title: string, date: string, body = 'Body text.') => `---\ntitle: ${title}\ndate: ${date}\n---\n${body}\n`;

describe('syndicate build', () => {
  it('writes the three feeds and prints one line per feed', () => {
    const dir = makeProject({ 'a.md': article('First', '2024-01-02'), 'b.md': article('Second', '2024-02-03') });
    const run = buildCli(dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'wrote dist/rss.xml (2 items)',
        'wrote dist/atom.xml (2 items)',
        'wrote dist/feed.json (2 items)',
        'wrote dist/feed.js (the page browsers show for the feeds)',
        'wrote dist/index.html (list of the feeds)',
        'wrote dist/feeds.opml (OPML list of the feeds)',
        '2 articles read',
        '',
      ].join('\n'),
    );
    expect(rssErrors(readOut(dir, 'rss.xml'))).toEqual([]);
    expect(atomErrors(readOut(dir, 'atom.xml'))).toEqual([]);
    expect(jsonFeedErrors(readOut(dir, 'feed.json'))).toEqual([]);
  });

  it('honours --articles, --out and --config', () => {
    const dir = makeProject({}, null);
    const other = makeProject({ 'x.md': article('Elsewhere', '2024-01-02') }, null);
    writeFileSync(path.join(dir, 'site.json'), JSON.stringify(BASE_CONFIG));
    const run = buildCli(dir, ['--articles', path.join(other, 'articles'), '--out', 'public/feeds', '--config', 'site.json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('wrote public/feeds/rss.xml (1 item)');
    expect(readFileSync(path.join(dir, 'public/feeds/atom.xml'), 'utf8')).toContain('<title type="text">Elsewhere</title>');
  });

  it('names the output files from feeds.formats and skips a format set to false', () => {
    const dir = makeProject({ 'a.md': article('One', '2024-01-02') }, { ...BASE_CONFIG, feeds: { formats: { rss: 'feed.xml', atom: false, json: 'feeds/main.json' } } });
    const run = buildCli(dir);
    expect(run.code).toBe(0);
    expect(existsSync(path.join(dir, 'dist/feed.xml'))).toBe(true);
    expect(existsSync(path.join(dir, 'dist/atom.xml'))).toBe(false);
    expect(JSON.parse(readOut(dir, 'feeds/main.json')).feed_url).toBe('https://example.com/blog/feeds/main.json');
    expect(readOut(dir, 'feed.xml')).toContain('<atom:link href="https://example.com/blog/feed.xml" rel="self"');
  });

  it('exits 1 with every error as file:line: error: message, and writes nothing', () => {
    const dir = makeProject({
      'good.md': article('Good', '2024-01-02'),
      'bad-date.md': article('Bad date', '2024-13-45'),
      'bad-type.md': '---\ntitle: Typed\ndate: 2024-01-01\ntags:\n  - ok\n  - {a: 1}\n---\nx\n',
    });
    const run = buildCli(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      'articles/bad-date.md:3: error: date: "2024-13-45" is not a real date (2024-13-45 does not exist)',
      'articles/bad-type.md:6: error: tags.1: must be text',
      'build failed: 2 errors; nothing was written',
    ]);
  });

  it('leaves an existing dist/ exactly as it was when the build fails', () => {
    const dir = makeProject({ 'a.md': article('One', '2024-01-02') });
    expect(buildCli(dir).code).toBe(0);
    const before = snapshot(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'articles/b.md'), '---\ntitle: [unclosed\n---\n');
    writeFileSync(path.join(dir, 'articles/a.md'), article('One, edited', '2024-01-02'));
    const run = buildCli(dir);
    expect(run.code).toBe(1);
    expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
    expect(existsSync(path.join(dir, 'dist'))).toBe(true);
  });

  it('does not create dist/ when the first build fails', () => {
    const dir = makeProject({ 'a.md': '---\ndate: 2024-01-02\n---\nno title here\n' });
    const run = buildCli(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('articles/a.md:4: error: the article has no title; add "title:" to the frontmatter or start the body with a "# Heading" line');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('exits 2 on usage errors', () => {
    const dir = makeProject({});
    expect(runCli(dir, []).code).toBe(2);
    expect(runCli(dir, ['publish']).stderr).toContain('unknown command "publish"');
    expect(runCli(dir, ['build', '--bogus']).code).toBe(2);
    const badNow = runCli(dir, ['build', '--now', 'soon']);
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain('--now: "soon" is not a date');
  });

  it('exits 2 with the key and line of each config error', () => {
    const config = '{\n  "site": {\n    "url": "example.com",\n    "timezone": "Mars/Olympus"\n  },\n  "feeds": { "limit": -1, "content": "some" }\n}\n';
    const dir = makeProject({ 'a.md': article('One', '2024-01-02') }, config);
    const run = buildCli(dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'syndicate.config.json:3: error: site.url: must be an absolute http(s) URL, like https://example.com/',
      'syndicate.config.json:4: error: site.timezone: must be an IANA time zone name, like UTC, Europe/Paris or America/New_York',
      'syndicate.config.json:6: error: feeds.limit: must be 0 (all items) or more',
      'syndicate.config.json:6: error: feeds.content: must be one of "full", "summary"',
    ]);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('refuses a list where a mapping goes, and names the unknown keys of a mapping together, on the line of the first', () => {
    const config =
      '{\n  "site": {\n    "url": "https://example.com/",\n    "titel": "x", "constructor": "y"\n  },\n  "feeds": [],\n  "dates": { "published": ["frontmatter", "nope"] }\n}\n';
    const run = buildCli(makeProject({ 'a.md': article('One', '2024-01-02') }, config));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'syndicate.config.json:4: error: site: unknown keys "titel", "constructor" (check the spelling)',
      'syndicate.config.json:7: error: dates.published.1: must be one of "frontmatter", "byline", "filename", "previous", "git", "mtime"',
      'syndicate.config.json:6: error: feeds: must be a mapping, not a list',
    ]);
    const whole = buildCli(makeProject({}, '[]'));
    expect(whole.stderr.trim()).toBe('syndicate.config.json: error: must be a mapping, not a list');
  });

  it('exits 2 when there is no config file, saying how to make one', () => {
    const dir = makeProject({ 'a.md': article('One', '2024-01-02') }, null);
    const run = buildCli(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('syndicate.config.json: error: no config file found; create syndicate.config.json');
  });

  it('rejects unknown config keys and invalid JSON with a line', () => {
    const typo = makeProject({}, { site: { url: 'https://example.com/', titel: 'x' } });
    expect(buildCli(typo).stderr).toContain('site: unknown key "titel" (check the spelling)');
    const broken = makeProject({}, '{\n  "site": {\n    "url": "https://example.com/",\n  }\n}\n');
    const run = buildCli(broken);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^syndicate\.config\.json:4: error: invalid JSON/);
  });

  it('leaves out drafts and articles scheduled after --now, and SOURCE_DATE_EPOCH stands in for --now', () => {
    const dir = makeProject({
      'old.md': article('Old', '2024-01-01'),
      'draft.md': '---\ntitle: Draft\ndate: 2024-01-01\ndraft: true\n---\nx\n',
      'later.md': article('Later', '2024-06-01T12:00:00Z'),
    });
    const before = runCli(dir, ['build', '--now', '2024-06-01T11:59:59Z']);
    expect(before.stdout).toContain('wrote dist/rss.xml (1 item)');
    expect(before.stdout).toContain('3 articles read, 1 draft and 1 scheduled left out');
    expect(readOut(dir, 'rss.xml')).not.toContain('Later');
    const after = runCli(dir, ['build'], { SOURCE_DATE_EPOCH: String(Date.UTC(2024, 5, 1, 12) / 1000) });
    expect(after.stdout).toContain('wrote dist/rss.xml (2 items)');
    expect(readOut(dir, 'rss.xml')).toContain('<title>Later</title>');
    expect(readOut(dir, 'rss.xml')).not.toContain('Draft');
  });

  it('does not rewrite files whose bytes did not change', () => {
    const dir = makeProject({ 'a.md': article('One', '2024-01-02') });
    expect(buildCli(dir).code).toBe(0);
    const feeds = path.join(dir, 'dist');
    // Push the mtimes into the past so a rewrite would show.
    for (const f of ['rss.xml', 'atom.xml', 'feed.json']) utimesSync(path.join(feeds, f), new Date('2020-01-01'), new Date('2020-01-01'));
    const before = snapshot(feeds);
    const again = buildCli(dir);
    expect(again.stdout).toContain('unchanged dist/rss.xml (1 item)');
    expect(snapshot(feeds)).toEqual(before);
  });

  it('writes the same bytes whatever the machine time zone, the folder or the clock', () => {
    const files = { 'a.md': article('One', '2024-03-31 02:30'), 'b.md': article('Two', '2024-10-27T02:30:00') };
    const first = makeProject(files);
    const second = makeProject(files);
    expect(runCli(first, ['build', '--now', '2030-01-01'], { TZ: 'America/Los_Angeles' }).code).toBe(0);
    expect(runCli(second, ['build', '--now', '2031-06-01'], { TZ: 'Asia/Tokyo' }).code).toBe(0);
    for (const f of ['rss.xml', 'atom.xml', 'feed.json']) expect(readOut(first, f)).toBe(readOut(second, f));
  });
});
