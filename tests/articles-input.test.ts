/**
 * Articles are untrusted: what they can and cannot do, and the message each
 * kind of broken article gets. All through the CLI on real files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArticle } from '../src/article/read-article.js';
import { discover } from '../src/source/discover.js';
import { readBytes } from '../src/source/read.js';
import { BASE_CONFIG, buildHereCli, makeProject, readOut, tempDir } from './support/project.js';

const ok = '---\ntitle: Fine\ndate: 2024-01-01\n---\nFine.\n';

async function errorsOf(files: Record<string, string | Uint8Array>): Promise<string[]> {
  const dir = makeProject({ 'ok.md': ok, ...files });
  const run = await buildHereCli(dir);
  expect(run.code).toBe(1);
  expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  return run.stderr.trim().split('\n').slice(0, -1);
}

describe('frontmatter that would run code', () => {
  it.each(['js', 'javascript', 'coffee'])('refuses ---%s and runs nothing', async (lang) => {
    const dir = makeProject({
      'payload.md': `---${lang}\n{ title: require('fs').writeFileSync('PWNED', 'x') || 'x', date: '2024-01-01' }\n---\nbody\n`,
    });
    const run = await buildHereCli(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`articles/payload.md:1: error: frontmatter in "${lang}" is refused: it would run code; write YAML (---) or JSON (---json) instead`);
    expect(existsSync(path.join(dir, 'PWNED'))).toBe(false);
    expect(existsSync(path.join(dir, 'articles', 'PWNED'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['articles', 'syndicate.config.json']);
  });

  it('refuses any other frontmatter language', async () => {
    expect(await errorsOf({ 't.md': '---toml\ntitle = "x"\n---\n' })).toEqual([
      'articles/t.md:1: error: frontmatter language "toml" is not supported; write YAML (---) or JSON (---json)',
    ]);
  });

  it('refuses YAML tags that would build objects, naming the line', async () => {
    const fm = "---\ntitle: Tags\ndate: 2024-01-01\nfn: !!js/function 'function () { return 1 }'\nbin: !!binary aGVsbG8=\nwhen: !!timestamp 2024-01-01\n---\nx\n";
    expect(await errorsOf({ 'tags.md': fm })).toEqual([
      'articles/tags.md:4: error: YAML tag !!js/function is not allowed; frontmatter holds plain values only (remove the tag)',
      'articles/tags.md:5: error: YAML tag !!binary is not allowed; frontmatter holds plain values only (remove the tag)',
      'articles/tags.md:6: error: YAML tag !!timestamp is not allowed; frontmatter holds plain values only (remove the tag)',
    ]);
  });

  it('stops a YAML alias bomb with an error instead of expanding it', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const [message] = await errorsOf({ 'bomb.md': `---\ntitle: Bomb\ndate: 2024-01-01\n${levels.join('\n')}\n---\nx\n` });
    expect(message).toMatch(/^articles\/bomb\.md:1: error: Excessive alias count .* \(more than 100 alias expansions\); write the values out instead of repeating aliases$/);
  });
});

describe('broken articles get a message with file, line and key', () => {
  it('names articles and folders whose names are not UTF-8, rather than pass them over', async () => {
    const dir = makeProject({ 'ok.md': '---\ntitle: Fine\ndate: 2024-01-01\n---\nx\n', '\uFFFD-valid.md': '---\ntitle: Valid\ndate: 2024-01-02\n---\nx\n' });
    const articles = Buffer.from(path.join(dir, 'articles/'));
    // Names only the bytes can give: 0xFF and 0xFE are never UTF-8.
    writeFileSync(Buffer.concat([articles, Buffer.from([0xff, 0x2e, 0x6d, 0x64])]), '---\ntitle: Lost\ndate: 2024-01-03\n---\nx\n');
    mkdirSync(Buffer.concat([articles, Buffer.from([0xfe, 0x64])]));
    writeFileSync(Buffer.concat([articles, Buffer.from([0xfe, 0x64, 0x2f, 0x61, 0x2e, 0x6d, 0x64])]), '---\ntitle: Inside\ndate: 2024-01-04\n---\nx\n');
    writeFileSync(Buffer.concat([articles, Buffer.from([0xff, 0x2e, 0x6a, 0x70, 0x67])]), 'not an article');
    const run = await buildHereCli(dir);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((l) => l.includes('UTF-8'))).toEqual([
      'articles/\uFFFD.md: error: this file name is not valid UTF-8, so it cannot be read; rename it',
      'articles/\uFFFDd: error: this folder name is not valid UTF-8, so it cannot be read; rename it',
    ]);
    expect(run.stderr).toContain('build failed: 2 errors; nothing was written');
  });

  it('names an article file removed between the listing and the reading, as a file that cannot be read', async () => {
    const dir = makeProject({ 'gone.md': '---\ntitle: Gone\ndate: 2024-01-01\n---\nx\n' });
    const { files } = await discover(path.join(dir, 'articles'), dir);
    rmSync(path.join(dir, 'articles', 'gone.md'));
    expect(await readArticle({ file: files[0]! })).toEqual({
      problem: { file: 'articles/gone.md', severity: 'error', code: 'path-unreadable', message: 'this file cannot be read (it is not there); move or remove it' },
    });
  });

  it('reports every broken article of the build together', async () => {
    expect(
      await errorsOf({
        'a-unclosed.md': '---\ntitle: Never closed\ndate: 2024-01-01\n\nbody\n',
        'b-yaml.md': '---\ntitle: Bad YAML\ntags: [a, b\ndate: 2024-01-01\n---\nx\n',
        'c-list.md': '---\n- a\n- b\n---\nx\n',
        'd-types.md': '---\ntitle: {a: 1}\ndate: 2024-01-01\ndraft: "yes"\nauthor:\n  name: Jo\n  email: not-an-email\nimage: {alt: no src}\n---\nx\n',
        'e-date.md': '---\ntitle: Impossible\ndate: 2024-02-30\n---\nx\n',
        'f-number-date.md': '---\ntitle: Number\ndate: 2024\n---\nx\n',
        'g-notitle.md': '---\ndate: 2024-01-01\n---\n\nJust a paragraph.\n',
        '2024-13-01-bad-name.md': '# Bad file name date\n',
        'i-empty.md': '',
      }),
    ).toEqual([
      'articles/2024-13-01-bad-name.md: error: the date in the file name is not valid: "2024-13-01" is not a real date (2024-13-01 does not exist)',
      'articles/a-unclosed.md:1: error: the frontmatter opened on this line is never closed; add a line with --- after it',
      expect.stringMatching(/^articles\/b-yaml\.md:[34]: error: /),
      'articles/c-list.md:2: error: the frontmatter must be a mapping of keys to values (key: value lines), not a list or a single value',
      'articles/d-types.md:2: error: title: must be text',
      'articles/d-types.md:4: error: draft: must be true or false',
      'articles/d-types.md:7: error: author.email: must be an email address, like jane@example.com',
      'articles/d-types.md:8: error: image.src: is required',
      'articles/e-date.md:3: error: date: "2024-02-30" is not a real date (2024-02-30 does not exist)',
      'articles/f-number-date.md:3: error: date: must be a date written as text, like 2022-05-30 or 2022-05-30T10:15:00+02:00',
      'articles/g-notitle.md:4: error: the article has no title; add "title:" to the frontmatter or start the body with a "# Heading" line',
      'articles/i-empty.md:1: error: the article has no title; add "title:" to the frontmatter or start the body with a "# Heading" line',
    ]);
  });

  it('refuses a list or an endless number where one value or a mapping goes', async () => {
    expect(
      await errorsOf({
        'a.md': '---\ntitle: .inf\ndate: 2024-01-01\nimage: [a.png, b.png]\nenclosure: {url: a.mp3, duration: .inf, length: 0}\nauthors: [{name: Ann}, [Bob]]\ntags: [a, {x: 1}]\n---\nx\n',
      }),
    ).toEqual([
      'articles/a.md:2: error: title: must be text',
      'articles/a.md:4: error: image: must be an image URL, or a mapping with src, alt, caption and credit',
      'articles/a.md:5: error: enclosure.duration: must be a number of seconds or HH:MM:SS',
      'articles/a.md:5: error: enclosure.length: must be the file size in bytes',
      'articles/a.md:6: error: authors.1: must be a name, or a mapping with name, email and url',
      'articles/a.md:7: error: tags.1: must be text',
    ]);
  });

  it('says how to date an article when the configured sources find no date', async () => {
    const dir = makeProject({ 'undated.md': '# A title\n\nBut no date anywhere.\n' }, { ...BASE_CONFIG, dates: { published: ['frontmatter', 'filename'] } });
    const run = await buildHereCli(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'articles/undated.md: error: the article has no publication date; add "date: 2022-05-30" to the frontmatter or name the file 2022-05-30-slug.md',
    );
  });

  it('refuses binary files and invalid UTF-8, naming the line', async () => {
    expect(
      await errorsOf({
        'nul.md': Buffer.from('---\ntitle: x\n---\nline four \u0000 nul\n'),
        'latin1.md': Buffer.concat([Buffer.from('---\ntitle: x\ndate: 2024-01-01\n---\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])]),
      }),
    ).toEqual([
      'articles/latin1.md:5: error: the file is not valid UTF-8; save it as UTF-8',
      'articles/nul.md:4: error: the file holds a NUL byte, so it is binary, not a Markdown article; remove it from the articles folder',
    ]);
  });

  it('names both files when two articles share an id', async () => {
    expect(
      await errorsOf({
        'one.md': '---\ntitle: One\ndate: 2024-01-01\nid: same\n---\nx\n',
        'two.md': '---\ntitle: Two\ndate: 2024-01-02\nguid: same\n---\nx\n',
      }),
    ).toEqual(['articles/two.md: error: this article has the same id as articles/one.md (same); give one of them its own "id:" or "slug:"']);
  });

  it('refuses a symbolic link that points outside the articles folder', async () => {
    const outside = tempDir('syndicate-outside-');
    writeFileSync(path.join(outside, 'secret.md'), '---\ntitle: Secret\ndate: 2024-01-01\n---\nsecret\n');
    const dir = makeProject({ 'ok.md': ok });
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'articles/leak.md'));
    const run = await buildHereCli(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('articles/leak.md: error: this symbolic link points outside the articles folder; articles must live inside it');
  });
});

describe('accepted input', () => {
  it('reads a byte-order mark and CRLF line endings like plain LF', async () => {
    const lf = '---\ntitle: Same\ndate: 2024-01-01T10:00:00Z\ntags: [a]\n---\nFirst line\nsecond line.\n\nPara two.\n';
    const plain = makeProject({ 'x.md': lf });
    const windows = makeProject({ 'x.md': `\uFEFF${lf.replace(/\n/g, '\r\n')}` });
    expect((await buildHereCli(plain)).code).toBe(0);
    expect((await buildHereCli(windows)).code).toBe(0);
    for (const f of ['rss.xml', 'atom.xml', 'feed.json']) expect(readOut(windows, f)).toBe(readOut(plain, f));
  });

  it('reads JSON frontmatter and every alias key of the contract', async () => {
    const dir = makeProject({
      'json.md': '---json\n{ "title": "From JSON", "pubDate": "2024-01-01", "keywords": ["k"], "excerpt": "An excerpt." }\n---\nx\n',
      'hugo.md': '---\ntitle: Hugo\npublishDate: 2024-01-02\nlastmod: 2024-01-03\ncategories: [c]\ndescription: A description.\ncover: c.png\nlanguage: de\nguid: tag:example.com,2024:hugo\ncanonical: https://example.org/hugo\n---\nx\n',
      'jekyll.md': '---\ntitle: Jekyll\npublished: 2024-01-04\nlast_modified_at: 2024-01-05\nauthors: [A, B]\n---\nx\n',
      'astro.md': '---\ntitle: Astro\npubDate: 2024-01-06\nmodified: 2024-01-07T08:00:00Z\ntags: single\nsummary: S.\naudio: https://cdn.example.com/a.m4a\n---\nx\n',
    });
    const run = await buildHereCli(dir);
    expect(run.code).toBe(0);
    const items = JSON.parse(readOut(dir, 'feed.json')).items as Record<string, unknown>[];
    const get = (title: string) => items.find((i) => i.title === title)!;
    expect(get('From JSON')).toMatchObject({ tags: ['k'], summary: 'An excerpt.', date_published: '2024-01-01T00:00:00+01:00' });
    expect(get('Hugo')).toMatchObject({
      id: 'tag:example.com,2024:hugo',
      tags: ['c'],
      summary: 'A description.',
      image: 'https://example.com/blog/hugo/c.png',
      language: 'de',
      external_url: 'https://example.org/hugo',
      date_published: '2024-01-02T00:00:00+01:00',
      date_modified: '2024-01-03T00:00:00+01:00',
    });
    expect(get('Jekyll')).toMatchObject({ authors: [{ name: 'A' }, { name: 'B' }], date_modified: '2024-01-05T00:00:00+01:00' });
    expect(get('Astro')).toMatchObject({ tags: ['single'], summary: 'S.', date_modified: '2024-01-07T08:00:00Z' });
    expect(run.stderr).toBe('articles/astro.md:7: warning: enclosure "https://cdn.example.com/a.m4a" has no known length, so RSS leaves it out; add "length:" with its size in bytes\n');
    expect(get('Astro').attachments).toEqual([{ url: 'https://cdn.example.com/a.m4a', mime_type: 'audio/mp4' }]);
    expect(readOut(dir, 'rss.xml')).not.toContain('<enclosure');
  });

  it('measures enclosures the site publishes itself: beside the article, or under site.files', async () => {
    const mp3 = (n: number) => new Uint8Array(n);
    const dir = makeProject(
      {
        'ep1/index.md': '---\ntitle: One\ndate: 2024-01-01\nenclosure: ep1.mp3\n---\nx\n',
        'ep1/ep1.mp3': mp3(1111),
        'two.md': '---\ntitle: Two\ndate: 2024-01-02\nenclosure: {url: /blog/media/ep%202.mp3, length: 5}\n---\nx\n',
        'three.md': '---\ntitle: Three\ndate: 2024-01-03\nenclosure: https://example.com/blog/media/three.mp3\n---\nx\n',
        'four.md': '---\ntitle: Four\ndate: 2024-01-04\nenclosure: /blog/media/outside.mp3\n---\nx\n',
      },
      { ...BASE_CONFIG, site: { ...BASE_CONFIG.site, files: 'static' } },
    );
    mkdirSync(path.join(dir, 'static/media'), { recursive: true });
    writeFileSync(path.join(dir, 'static/media/ep 2.mp3'), mp3(2222));
    writeFileSync(path.join(dir, 'static/media/three.mp3'), mp3(3333));
    // A link that leads out of the folder is not followed: its size is nobody's business.
    writeFileSync(path.join(dir, 'secret.mp3'), mp3(4444));
    symlinkSync(path.join(dir, 'secret.mp3'), path.join(dir, 'static/media/outside.mp3'));
    const run = await buildHereCli(dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'articles/four.md:4: warning: enclosure "/blog/media/outside.mp3" has no known length, so RSS leaves it out; add "length:" with its size in bytes\n' +
        'articles/two.md:4: warning: enclosure "/blog/media/ep%202.mp3" is declared as 5 bytes but the file has 2222; the file\'s size is written\n',
    );
    const rss = readOut(dir, 'rss.xml');
    expect(rss).toContain('<enclosure url="https://example.com/blog/ep1/ep1.mp3" length="1111" type="audio/mpeg"/>');
    expect(rss).toContain('<enclosure url="https://example.com/blog/media/ep%202.mp3" length="2222" type="audio/mpeg"/>');
    expect(rss).toContain('<enclosure url="https://example.com/blog/media/three.mp3" length="3333" type="audio/mpeg"/>');
    expect(rss).not.toContain('outside.mp3');
  });

  it('corrects unregistered MIME types with a warning', async () => {
    const dir = makeProject({ 'e.md': '---\ntitle: E\ndate: 2024-01-01\nenclosure:\n  url: https://cdn.example.com/e.mp3\n  type: audio/mp3\n  length: 1234\n---\nx\n' });
    const run = await buildHereCli(dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('articles/e.md:6: warning: enclosure.type "audio/mp3" is not a registered MIME type; "audio/mpeg" is written instead\n');
    expect(readOut(dir, 'rss.xml')).toContain('<enclosure url="https://cdn.example.com/e.mp3" length="1234" type="audio/mpeg"/>');
  });
});

describe('telling an article unchanged by its bytes', () => {
  it("reads files of any size one after the other in one buffer, each with the id git gives its bytes", () => {
    const dir = tempDir();
    // Larger than the reused buffer (1 MiB), so that it grows, then smaller ones after it.
    const contents = [Buffer.alloc(10, 1), Buffer.alloc(3 * 1024 * 1024 + 7, 'word '), Buffer.alloc(0), Buffer.alloc(1024 * 1024, 4), Buffer.from('---\r\ntitle: Été 🎉\r\n---\r\nText.\r\n')];
    for (const [i, content] of contents.entries()) {
      const absPath = path.join(dir, `f${i}.md`);
      writeFileSync(absPath, content);
      const { bytes, source } = readBytes({ absPath, relPath: `f${i}.md`, displayPath: `f${i}.md`, size: 0, mtimeMs: 0, ctimeMs: 0 });
      expect(bytes.equals(content), `f${i}.md`).toBe(true);
      expect(source.size).toBe(content.length);
      expect(source.hash, `f${i}.md`).toBe(execFileSync('git', ['hash-object', '--no-filters', absPath], { encoding: 'utf8' }).trim());
    }
  });
});
