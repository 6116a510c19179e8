/**
 * Articles as hostile input, and faults during a build: nothing runs, nothing
 * outside the project is touched, every error is clear, and dist/ only ever
 * holds whole old or whole new feeds.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { parseConfig } from '../src/config/schema.js';
import { BASE_CONFIG, buildCli, CLI, makeProject, readOut, ROOT, runCli, snapshot } from './support/project.js';
import { writeCorpus } from './support/corpus.js';
import { atomErrors, jsonFeedErrors, rssErrors } from './support/validate.js';
import { parseXml } from './support/xml.js';
import { seeded } from './support/random.js';

const FIXTURE = path.join(ROOT, 'tests/fixtures/hostile');
const ok = (title = 'Fine') => `---\ntitle: ${title}\ndate: 2024-01-01\n---\nFine.\n`;

/**
 * Every file under `dir`, to prove that a payload left no trace. Folders that
 * vanish during the walk (other tests' temporary folders) are skipped.
 */
function allFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.isFile()) files.push(path.relative(dir, path.join(d, e.name)));
    }
  };
  walk(dir);
  return files;
}

describe('the folder of hostile articles (tests/fixtures/hostile)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'syndicate-hostile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(path.join(FIXTURE, 'articles'), path.join(dir, 'articles'), { recursive: true });
  writeFileSync(path.join(dir, 'syndicate.config.json'), JSON.stringify({ site: { url: 'https://example.com/' } }));
  const before = allFiles(dir).sort();
  const run = buildCli(dir);

  it('gets every expected message, all in one build, and exit 1', () => {
    const expected = JSON.parse(readFileSync(path.join(FIXTURE, 'expected.json'), 'utf8')).stderr;
    expect(run.stderr.trimEnd().split('\n')).toEqual(expected);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });

  it('runs no code: no payload leaves a trace on disk', () => {
    expect(allFiles(dir).sort()).toEqual(before);
    expect(allFiles(tmpdir()).filter((f) => /PWNED/.test(f))).toEqual([]);
    expect(existsSync(path.join(ROOT, 'PWNED-js'))).toBe(false);
  });

  it('builds the good ones under --keep-going, and still exits 1', () => {
    const kept = buildCli(dir, ['--keep-going']);
    expect(kept.code).toBe(1);
    expect(kept.stderr).toContain('build failed: 16 errors; the feeds were written without the articles in error');
    const titles = JSON.parse(readOut(dir, 'feed.json')).items.map((i: { title: string }) => i.title).sort();
    expect(titles).toEqual(['BOM and CRLF are fine', 'Same id one', 'Same slug one', 'Script in HTML']);
    const html = JSON.parse(readOut(dir, 'feed.json')).items.find((i: { title: string }) => i.title === 'Script in HTML').content_html;
    // The line starts with <script>, so CommonMark reads it as one HTML block: no <p> around it.
    expect(html).toBe('<img src="https://example.com/html-payload/x" /> <a>v</a>\n');
    expect(rssErrors(readOut(dir, 'rss.xml'))).toEqual([]);
    expect(atomErrors(readOut(dir, 'atom.xml'))).toEqual([]);
  });
});

describe('HTML in articles is sanitized for feed readers', () => {
  it('drops scripts, styles, handlers, dangerous URLs and elements, and unlisted iframes', () => {
    const body = [
      '<script>alert(1)</script><style>body{display:none}</style>',
      '<p onclick="x()" style="color:red" class="x">Text <a href="javascript:alert(1)">js</a> <a href=" JaVaScRiPt:alert(1)">js2</a>',
      '<a href="vbscript:x">vb</a> <a href="data:text/html,<script>x</script>">data</a> <a href="https://ok.example/">ok</a></p>',
      '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="svg"><img src="data:image/png;base64,iVBORw0KGgo=" alt="png">',
      '<iframe src="https://www.youtube-nocookie.com/embed/abc" width="560" height="315"></iframe>',
      '<iframe src="https://evil.example/frame"></iframe>',
      '<form action="https://evil.example/"><input type="text" name="q"><button>go</button></form>',
      '<object data="x.swf"></object><embed src="x.swf"><base href="https://evil.example/"><meta http-equiv="refresh" content="0">',
      '<svg onload="alert(1)"><circle r="1"/></svg><math><mi>x</mi></math>',
      '',
    ].join('\n');
    const config = { ...BASE_CONFIG, content: { iframeHosts: ['www.youtube-nocookie.com'] } };
    const dir = makeProject({ 'a.md': `---\ntitle: T\ndate: 2024-01-01\n---\n${body}` }, config);
    expect(buildCli(dir).code).toBe(0);
    const html = JSON.parse(readOut(dir, 'feed.json')).items[0].content_html as string;
    expect(html).toBe(
      [
        '',
        '<p>Text <a>js</a> <a>js2</a>',
        '<a>vb</a> <a>data</a> <a href="https://ok.example/">ok</a></p>',
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="png" />',
        '<iframe src="https://www.youtube-nocookie.com/embed/abc" width="560" height="315"></iframe>',
        '',
        'go',
        '',
        'x',
        '',
      ].join('\n'),
    );
  });
});

describe('the output folder', () => {
  it.each([
    ['/', 'the root of the file system'],
    [homedir(), 'your home folder'],
    ['articles', 'inside the articles folder'],
    ['articles/feeds', 'inside the articles folder'],
    ['.', 'a folder that holds the articles folder'],
    // A recursive mkdir under /proc spins forever: these end at once with exit 2.
    ['/proc/x', 'under /proc, which the kernel fills, not a folder for files'],
    ['/sys/kernel/x', 'under /sys, which the kernel fills, not a folder for files'],
    ['/dev/shm/feeds', 'under /dev, which the kernel fills, not a folder for files'],
    ['kernel/self/x', 'under /proc, which the kernel fills, not a folder for files'],
  ])('refuses --out %s', (out, why) => {
    const dir = makeProject({ 'a.md': ok() });
    // kernel/ is a link to /proc: where the folder really is counts, not how it is named.
    symlinkSync('/proc', path.join(dir, 'kernel'));
    const run = buildCli(dir, ['--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`is ${why}; choose a folder of its own, like dist`);
  });

  it('reports a file that cannot be written with its path, and puts back the feeds already replaced', () => {
    const dir = makeProject({ 'a.md': ok('First') });
    expect(buildCli(dir).code).toBe(0);
    writeFileSync(path.join(dir, 'articles/a.md'), ok('Second'));
    // The last feed to be renamed into place meets a folder: the two before it must be put back.
    rmSync(path.join(dir, 'dist/feed.json'));
    mkdirSync(path.join(dir, 'dist/feed.json'));
    const before = snapshot(path.join(dir, 'dist'));
    const run = buildCli(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('dist/feed.json: error: cannot write');
    expect(run.stderr).toContain('(a folder stands where the file should go); the output folder was left as it was');
    expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
    expect(readdirSync(dir).filter((n) => n.includes('staging'))).toEqual([]);
  });
});

describe('a full disk', () => {
  const dir = makeProject({ 'a.md': ok('Small') });
  const mount = path.join(dir, 'mnt');
  mkdirSync(mount);
  const mountTmpfs = () => spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=96k', 'tmpfs', mount]).status === 0;
  // Tried once while the tests are collected, then mounted only when the test runs: a run that
  // filters it out must not leave a mount behind (the folder could not be removed).
  const mounted = mountTmpfs() && spawnSync('umount', [mount]).status === 0;
  beforeAll(() => {
    if (mounted) expect(mountTmpfs()).toBe(true);
  });
  afterAll(() => {
    if (mounted) spawnSync('umount', [mount]);
  });
  if (!mounted) console.warn('a full disk: tmpfs cannot be mounted here (needs root), so this test is skipped');

  it.skipIf(!mounted)('fails with a clear message and leaves the feeds as they were', () => {
    expect(buildCli(dir, ['--out', 'mnt/dist']).code).toBe(0);
    const before = snapshot(mount);
    const big = 'Lorem ipsum dolor sit amet. '.repeat(400);
    for (let i = 0; i < 20; i++) writeFileSync(path.join(dir, 'articles', `big${i}.md`), `---\ntitle: Big ${i}\ndate: 2024-01-0${1 + (i % 9)}\n---\n${big}\n`);
    const run = buildCli(dir, ['--out', 'mnt/dist']);
    expect(run.code).toBe(1);
    // The file is named as it is in the output folder, not in the staging folder it is written to first.
    expect(run.stderr).toMatch(/^mnt\/dist\/\S+: error: cannot write \S+\/mnt\/dist\/\S+ \(the disk is full\); the output folder was left as it was$/m);
    expect(run.stderr).not.toContain('staging');
    expect(snapshot(mount)).toEqual(before);
  });
});

describe('resource bounds', () => {
  it('refuses an article over the size limit before reading it, naming the limit', () => {
    const dir = makeProject({ 'ok.md': ok(), 'huge.md': `${ok('Huge')}${'x'.repeat(11 * 1024 * 1024)}\n` });
    const run = buildCli(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('articles/huge.md: error: the article is 11.0 MiB, over the limit of 10.0 MiB (limits.maxArticleBytes in the config); split it or raise the limit');
  });

  it('builds a line of 10 million characters', () => {
    const dir = makeProject({ 'long.md': `${ok('Long')}${'word '.repeat(2_000_000)}\n` });
    const run = buildCli(dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(readOut(dir, 'feed.json')).items[0].content_html.length).toBeGreaterThan(10_000_000);
  });

  it('builds deeply nested lists and quotes, bounded by the Markdown parser', () => {
    const lists = Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    const quotes = `${'>'.repeat(50_000)} deep`;
    const dir = makeProject({ 'lists.md': `${ok('Lists')}${lists}\n`, 'quotes.md': `${ok('Quotes')}${quotes}\n` });
    const run = buildCli(dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(rssErrors(readOut(dir, 'rss.xml'))).toEqual([]);
  });

  it('reports folders nested past the system path limit by name, and leaves the output as it was', () => {
    const dir = makeProject({ 'ok.md': ok() });
    expect(buildCli(dir).code).toBe(0);
    const before = snapshot(path.join(dir, 'dist'));
    // Made from inside, one folder at a time: no path that long can be handed to the system whole.
    const deep = path.join(dir, 'articles', 'deep');
    mkdirSync(deep);
    const made = spawnSync(process.execPath, ['-e', 'const fs = require("node:fs"); for (let i = 0; i < 2100; i++) { fs.mkdirSync("d"); process.chdir("d"); }'], { cwd: deep });
    expect(made.status).toBe(0);
    try {
      const run = buildCli(dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^articles\/deep(\/d)+: error: this (file or folder|folder) cannot be read \(the path is too long for the file system\); move or remove it$/m);
      expect(run.stderr).toContain('build failed: 1 error; nothing was written');
      expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
    } finally {
      // Node's recursive removal does not reach the bottom of such a tree; rm does.
      spawnSync('rm', ['-rf', deep]);
    }
  });

  it('refuses HTML nested deeper than the limit, and frontmatter nested too deep to read', () => {
    const dir = makeProject({
      'html.md': `${ok('Html')}${'<div>'.repeat(100_000)}x${'</div>'.repeat(100_000)}\n`,
      'yaml.md': `---\ntitle: Yaml\ndate: 2024-01-01\nx: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n---\nx\n`,
    });
    const run = buildCli(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('articles/html.md: error: the HTML in this article nests 100000 levels deep, over the limit of 1000 (limits.maxHtmlDepth in the config)');
    expect(run.stderr).toContain('articles/yaml.md:4: error: the frontmatter is nested too deeply to read; flatten it');
  });
});

describe('killed and concurrent builds', () => {
  const dir = makeProject({}, { ...BASE_CONFIG, feeds: { limit: 0 } });
  writeCorpus(path.join(dir, 'articles'), 80, 11);
  const feeds = ['rss.xml', 'atom.xml', 'feed.json'];
  // Builds large enough to read and render on worker threads (SYNDICATE_THREADS_FROM), as big sites do.
  const threaded = { SYNDICATE_THREADS_FROM: '20' };
  const env = { ...process.env, ...threaded };
  const versions = (now: string) => {
    const run = runCli(dir, ['build', '--now', now], threaded);
    expect(run.code).toBe(0);
    return Object.fromEntries(feeds.map((f) => [f, readOut(dir, f)]));
  };
  // Two reference times give two different sets of items: an old and a new version of each feed.
  const oldFeeds = versions('2019-01-01');
  const newFeeds = versions('2030-01-01');

  it('leaves every feed whole, old or new, when killed at any moment (SIGKILL)', async () => {
    // A build from where each killed one starts: the old feeds in dist/, which the build must replace.
    for (const f of feeds) writeFileSync(path.join(dir, 'dist', f), oldFeeds[f]!);
    const started = Date.now();
    versions('2030-01-01');
    const duration = Date.now() - started;
    const { next: random } = seeded(7);
    const outcomes = new Set<string>();
    // Twelve kills stratified over the build and a little past it: the first land before the renames,
    // the last after. A loaded machine can slow the killed builds past that: then later kills
    // follow, each twice as late, until one lands after the renames (at most eight more).
    for (let i = 0; i < 12 || (!outcomes.has('new') && i < 20); i++) {
      for (const f of feeds) writeFileSync(path.join(dir, 'dist', f), oldFeeds[f]!);
      const child = spawn(process.execPath, [CLI, 'build', '--now', '2030-01-01'], { cwd: dir, stdio: 'ignore', env });
      const exited = new Promise((r) => child.on('exit', r));
      const at = i < 12 ? ((i + random()) / 12) * duration * 1.2 : duration * 1.2 * 2 ** (i - 11);
      await new Promise((r) => setTimeout(r, at));
      child.kill('SIGKILL');
      await exited;
      for (const f of feeds) {
        const now = readOut(dir, f);
        const which = now === oldFeeds[f] ? 'old' : now === newFeeds[f] ? 'new' : 'torn';
        expect(which, `${f} after a kill at iteration ${i}`).not.toBe('torn');
        outcomes.add(which);
      }
    }
    // The kills landed both before and after the renames, so both cases were checked.
    expect(outcomes).toEqual(new Set(['old', 'new']));
    // The next build clears the staging folders that killed builds left behind.
    expect(runCli(dir, ['build', '--now', '2019-01-01']).code).toBe(0);
    expect(readdirSync(dir).filter((n) => n.includes('staging'))).toEqual([]);
  }, 180_000);

  it('keeps every feed whole when two builds write at once', async () => {
    const runAsync = (now: string) =>
      new Promise<number | null>((resolve) => spawn(process.execPath, [CLI, 'build', '--now', now], { cwd: dir, stdio: 'ignore', env }).on('exit', resolve));
    for (let i = 0; i < 3; i++) {
      expect(await Promise.all([runAsync('2019-01-01'), runAsync('2030-01-01')])).toEqual([0, 0]);
      for (const f of feeds) expect([oldFeeds[f], newFeeds[f]]).toContain(readOut(dir, f));
    }
  });

  it('leaves caches that give the same feeds as no cache after builds that ran at once', async () => {
    const cached = makeProject({}, { ...BASE_CONFIG, feeds: { limit: 0 } });
    writeCorpus(path.join(cached, 'articles'), 80, 12);
    mkdirSync(path.join(cached, 'node_modules'));
    const runAsync = (now: string) =>
      new Promise<number | null>((resolve) => spawn(process.execPath, [CLI, 'build', '--now', now], { cwd: cached, stdio: 'ignore', env }).on('exit', resolve));
    const files = readdirSync(path.join(cached, 'articles'), { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort();
    for (let i = 0; i < 3; i++) {
      // Both builds read, render and save the article cache, the render cache and a stamp at once.
      appendFileSync(path.join(cached, 'articles', files[i * 23]!), `\nAn edit between rounds, ${i}.\n`);
      expect(await Promise.all([runAsync('2019-01-01'), runAsync('2030-01-01')])).toEqual([0, 0]);
    }
    // With the output gone no stamp can answer: this build reads both caches as those builds left them.
    rmSync(path.join(cached, 'dist'), { recursive: true });
    expect(runCli(cached, ['build', '--now', '2030-01-01']).code).toBe(0);
    expect(runCli(cached, ['build', '--now', '2030-01-01', '--no-cache', '--out', 'plain']).code).toBe(0);
    for (const f of feeds) expect(readOut(cached, f)).toBe(readFileSync(path.join(cached, 'plain', f), 'utf8'));
  }, 120_000);
});

describe('property: hostile frontmatter and bodies', () => {
  const config = parseConfig({ site: { url: 'https://example.com/', title: 'Props' } });
  const yamlish = fc.array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('title: ', 'date: ', 'tags: ', 'author:', '\n', '  ', '- ', '[', ']', '{', '}', ':', '"', "'", '&a ', '*a', '!!js/function ', '!!binary ',
        '---', '---js\n', '\t', '#', '|', '>', '2024-01-01', '2024-13-45', '<script>', ']]>', '\u0000', '\ud800', '\ufeff', '\r\n'),
    ),
    { maxLength: 30 },
  );

  it('either writes valid feeds or reports diagnostics naming the file; never a crash, never an ill-formed feed', async () => {
    await fc.assert(
      fc.asyncProperty(yamlish, fc.string({ unit: 'binary', maxLength: 200 }), async (frontParts, body) => {
        const dir = mkdtempSync(path.join(tmpdir(), 'syndicate-prop5-'));
        try {
          mkdirSync(path.join(dir, 'articles'));
          writeFileSync(path.join(dir, 'articles', 'x.md'), `---\ntitle: Fixed\ndate: 2024-01-01\n${frontParts.join('')}\n---\n${body}\n`);
          const result = await build({ config, articlesDir: 'articles', outDir: 'dist', now: Date.UTC(2030, 0, 1), cwd: dir });
          if (!result.ok) {
            expect(result.diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
            for (const d of result.diagnostics) expect(d.file).toBe('articles/x.md');
            expect(existsSync(path.join(dir, 'dist'))).toBe(false);
            return;
          }
          const read = (f: string) => readFileSync(path.join(dir, 'dist', f), 'utf8');
          parseXml(read('rss.xml'));
          expect(rssErrors(read('rss.xml'))).toEqual([]);
          expect(atomErrors(read('atom.xml'))).toEqual([]);
          expect(jsonFeedErrors(read('feed.json'))).toEqual([]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 200 },
    );
  });
});
