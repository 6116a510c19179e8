/**
 * Timestamps from every source of the chain, on real git repositories made in
 * temporary folders: backdated commits, renames, edits after renames, merges,
 * and shallow clones of them.
 */
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BASE_CONFIG, buildHereCli, forgetKeptPlans, makeProject, readOut, runCli, runCliAsync, runHere, tempDir } from './support/project.js';
import { git, Repo } from './support/git.js';

interface Explained {
  file: string;
  id: string;
  authors: string[];
  published: { value: string; source: string; zone: string; precision: string; approximate: boolean; detail: { kind: string } };
  updated: { value: string; source: string; zone: string; precision: string; approximate: boolean; detail: { kind: string } };
}

function explain(dir: string, files: string[], extra: string[] = [], env: Record<string, string> = {}): { articles: Explained[]; diagnostics: { message: string }[] } {
  const run = runCli(dir, ['explain', '--json', ...extra, ...files], env);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

const titled = (title: string, body = 'Text.') => `---\ntitle: ${title}\n---\n${body}\n`;

/** A site repository whose history exercises every git rule. */
function makeSiteRepo(): { repo: Repo; commits: Record<string, string> } {
  const dir = makeProject({}, BASE_CONFIG);
  const repo = new Repo(dir);
  const commits: Record<string, string> = {};
  repo.write('articles/edited.md', titled('Edited')).write('articles/untouched.md', titled('Untouched'));
  commits.first = repo.commit('add two articles', '2021-01-10T10:00:00+01:00');
  repo.write('articles/edited.md', titled('Edited', 'Text, edited.'));
  commits.edit = repo.commit('edit one', '2021-03-05T12:00:00+01:00');
  repo.write('articles/renamed-old.md', titled('Renamed'));
  commits.addRenamed = repo.commit('add the one to rename', '2021-02-01T09:00:00-05:00');
  repo.move('articles/renamed-old.md', 'articles/notes/renamed-new.md');
  commits.rename = repo.commit('pure rename', '2021-04-01T08:00:00Z');
  repo.write('articles/moved-then-edited.md', titled('Moved then edited', 'Long enough body text that a rename is still detected after a small edit of it.'));
  commits.addMoved = repo.commit('add', '2021-04-10T10:00:00Z');
  repo.move('articles/moved-then-edited.md', 'articles/later/moved-then-edited.md');
  commits.move = repo.commit('move', '2021-04-20T10:00:00Z');
  repo.write('articles/later/moved-then-edited.md', titled('Moved then edited', 'Long enough body text that a rename is still detected after a small edit of it!'));
  commits.editAfterMove = repo.commit('edit after the move', '2021-05-01T10:00:00+02:00');
  // A branch adds and edits an article while main moves on; then a merge.
  git(repo.dir, ['checkout', '-q', '-b', 'feature']);
  repo.write('articles/branch.md', titled('From a branch'));
  commits.branchAdd = repo.commit('branch: add', '2021-06-01T10:00:00Z');
  repo.write('articles/branch.md', titled('From a branch', 'Edited on the branch.'));
  commits.branchEdit = repo.commit('branch: edit', '2021-06-15T10:00:00Z');
  git(repo.dir, ['checkout', '-q', 'main']);
  repo.write('README.txt', 'not an article');
  commits.mainMeanwhile = repo.commit('main: unrelated', '2021-06-10T10:00:00Z');
  git(repo.dir, ['merge', '-q', '--no-ff', '-m', 'merge feature', 'feature'], '2021-06-20T10:00:00Z');
  return { repo, commits };
}

describe('git history', () => {
  const { repo, commits } = makeSiteRepo();
  const result = explain(repo.dir, [
    'articles/edited.md',
    'articles/untouched.md',
    'articles/notes/renamed-new.md',
    'articles/later/moved-then-edited.md',
    'articles/branch.md',
  ]);
  const byFile = Object.fromEntries(result.articles.map((a) => [a.file, a]));

  it('dates a file by the commit that added it and the last commit that changed its content', async () => {
    const a = byFile['articles/edited.md']!;
    expect(a.published.value).toBe('2021-01-10T10:00:00+01:00');
    expect(a.published.source).toBe(`git commit ${commits.first!.slice(0, 12)} (first added the file)`);
    expect(a.updated.value).toBe('2021-03-05T12:00:00+01:00');
    expect(a.updated.source).toBe(`git commit ${commits.edit!.slice(0, 12)} (last changed its content)`);
  });

  it('does not count the commit that added a file as an update, nor commits of other files', async () => {
    const a = byFile['articles/untouched.md']!;
    expect(a.published.value).toBe('2021-01-10T10:00:00+01:00');
    expect(a.updated.value).toBe('2021-01-10T10:00:00+01:00');
    expect(a.updated.source).toBe('same as published');
  });

  it('follows renames back to the first name, and a pure rename is no update', async () => {
    const a = byFile['articles/notes/renamed-new.md']!;
    expect(a.published.value).toBe('2021-02-01T09:00:00-05:00');
    expect(a.updated.source).toBe('same as published');
  });

  it('counts a content edit made after a rename', async () => {
    const a = byFile['articles/later/moved-then-edited.md']!;
    expect(a.published.value).toBe('2021-04-10T10:00:00Z');
    expect(a.updated.value).toBe('2021-05-01T10:00:00+02:00');
  });

  it('takes dates from the branch commits, not from the merge', async () => {
    const a = byFile['articles/branch.md']!;
    expect(a.published.value).toBe('2021-06-01T10:00:00Z');
    expect(a.updated.value).toBe('2021-06-15T10:00:00Z');
  });

  it('runs git a fixed number of times for the whole folder, not once per file', async () => {
    // A git on PATH that logs each call, then runs the real one.
    const bin = tempDir('syndicate-gitlog-');
    const log = path.join(bin, 'calls.log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$*" >> "${log}"\nexec "${realGit}" "$@"\n`);
    chmodSync(path.join(bin, 'git'), 0o755);
    for (let i = 0; i < 40; i++) repo.write(`articles/many/m${i}.md`, titled(`Many ${i}`));
    repo.commit('forty more', '2021-07-01T10:00:00Z');
    const run = await buildHereCli(repo.dir, [], { PATH: `${bin}:${process.env.PATH}` });
    expect(run.code).toBe(0);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls, calls.join('\n')).toHaveLength(2);
    expect(calls.filter((c) => / log /.test(` ${c} `))).toHaveLength(1);
    // And the dates did come from git: the forty new files are dated by their commit.
    const [many] = explain(repo.dir, ['articles/many/m7.md']).articles;
    expect(many!.published.value).toBe('2021-07-01T10:00:00Z');
  });
});

describe('the git log of a commit, kept in the cache', () => {
  /** A git on PATH (for the env returned) that records the arguments of every `git log` it runs before running the real one. */
  const recordingGit = () => {
    const bin = tempDir('syndicate-gitlog-');
    const calls = path.join(bin, 'calls.log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$*" >> "${calls}"\nexec "${realGit}" "$@"\n`);
    chmodSync(path.join(bin, 'git'), 0o755);
    const logs = () => (existsSync(calls) ? readFileSync(calls, 'utf8').split('\n').filter((c) => / log /.test(` ${c} `)) : []);
    return { env: { PATH: `${bin}:${process.env.PATH}` }, logs };
  };

  it('is read from git once per commit: rebuilds at the same commit take it from the cache', async () => {
    const { repo, commits } = makeSiteRepo();
    mkdirSync(path.join(repo.dir, 'node_modules')); // a project with node_modules has the caches
    const { env, logs } = recordingGit();
    const logRuns = () => logs().length;
    const item = (title: string) => JSON.parse(readOut(repo.dir, 'feed.json')).items.find((i: { title: string }) => i.title === title);

    expect((await buildHereCli(repo.dir, [], env)).code).toBe(0);
    expect(logRuns()).toBe(1);
    // An article edited and not committed yet: the history is the same, git log is not run again.
    repo.write('articles/untouched.md', titled('Untouched', 'Edited, not committed.'));
    expect((await buildHereCli(repo.dir, [], env)).code).toBe(0);
    expect(logRuns()).toBe(1);
    expect(item('Edited').date_modified).toBe('2021-03-05T12:00:00+01:00');
    expect(item('Moved then edited').date_published).toBe('2021-04-10T10:00:00Z');

    // What the cache holds is what the build reads: a commit changed in the kept log shows (under
    // another hash, as a commit's date never changes under its own, and dates are kept by commit).
    const [folder] = readdirSync(path.join(repo.dir, 'node_modules/.cache/syndicate/git'));
    const [kept] = readdirSync(path.join(repo.dir, 'node_modules/.cache/syndicate/git', folder!));
    const keptFile = path.join(repo.dir, 'node_modules/.cache/syndicate/git', folder!, kept!);
    const keptLog = readFileSync(keptFile, 'utf8');
    writeFileSync(keptFile, keptLog.replace(`${commits.edit}\x022021-03-05T12:00:00+01:00`, `${'f'.repeat(40)}\x022021-03-06T12:00:00+01:00`));
    repo.write('articles/untouched.md', titled('Untouched', 'Edited again, not committed.'));
    // (Without the kept plan, which holds the other articles' dates: else only the edited one is dated again.)
    forgetKeptPlans(repo.dir);
    expect((await buildHereCli(repo.dir, [], env)).code).toBe(0);
    expect(item('Edited').date_modified).toBe('2021-03-06T12:00:00+01:00');
    writeFileSync(keptFile, keptLog);
    // The plan that build kept holds the dates of the changed log: forgotten too, as the log is put back.
    forgetKeptPlans(repo.dir);

    // A new commit is a new history: git log runs again, and the new commit dates the edit.
    const edit = repo.commit('edit the untouched one', '2021-08-01T10:00:00Z');
    expect((await buildHereCli(repo.dir, [], env)).code).toBe(0);
    expect(logRuns()).toBe(2);
    expect(item('Untouched').date_modified).toBe('2021-08-01T10:00:00Z');
    expect(item('Edited').date_modified).toBe('2021-03-05T12:00:00+01:00');
    // Only the current commit's log is kept.
    expect(readdirSync(path.dirname(keptFile))).toHaveLength(1);
    expect(edit).not.toBe(commits.edit);
  });

  it('at a commit that follows the kept one in a line, reads only the new commits from git; after a merge or a rewritten history, all of it', async () => {
    const { repo } = makeSiteRepo();
    mkdirSync(path.join(repo.dir, 'node_modules'));
    // The caches and the output stay out of the commits (a reset would bring back a kept log).
    repo.write('.gitignore', 'node_modules/\ndist/\nfresh/\n');
    const { env, logs } = recordingGit();
    /** The revision each `git log` was given: a commit, or a range old..new. */
    const logRevisions = () => logs().map((c) => c.split(' ').find((a) => /^[0-9a-f]{40}(\.\.[0-9a-f]{40})?$/.test(a)));
    const feeds = ['rss.xml', 'atom.xml', 'feed.json'];
    /** The build with the caches, checked byte for byte against one without. */
    const buildBoth = async () => {
      const cached = await buildHereCli(repo.dir, [], env);
      expect(cached.code, cached.stderr).toBe(0);
      expect((await buildHereCli(repo.dir, ['--no-cache', '--out', 'fresh'])).code).toBe(0);
      for (const f of feeds) expect(readOut(repo.dir, f), f).toBe(readFileSync(path.join(repo.dir, 'fresh', f), 'utf8'));
    };
    const item = (title: string) => JSON.parse(readOut(repo.dir, 'feed.json')).items.find((i: { title: string }) => i.title === title);

    await buildBoth();
    const first = git(repo.dir, ['rev-parse', 'HEAD']).trim();
    expect(logRevisions()).toEqual([first]);
    // Two commits in a line: a rename and an edit of the renamed file, and a new article.
    repo.move('articles/untouched.md', 'articles/moved/untouched.md');
    repo.commit('move one', '2021-08-01T10:00:00Z');
    repo.write('articles/moved/untouched.md', titled('Untouched', 'Edited after its move.')).write('articles/new.md', titled('New'));
    const second = repo.commit('edit it, add one', '2021-08-02T10:00:00Z');
    await buildBoth();
    expect(logRevisions()).toEqual([first, `${first}..${second}`]);
    expect(item('Untouched').date_published).toBe('2021-01-10T10:00:00+01:00');
    expect(item('Untouched').date_modified).toBe('2021-08-02T10:00:00Z');
    expect(item('New').date_published).toBe('2021-08-02T10:00:00Z');

    // A merge: the whole log.
    git(repo.dir, ['checkout', '-q', '-b', 'other']);
    repo.write('articles/other.md', titled('Other'));
    repo.commit('other: add', '2021-09-01T10:00:00Z');
    git(repo.dir, ['checkout', '-q', 'main']);
    repo.write('articles/main.md', titled('Main'));
    repo.commit('main: add', '2021-09-02T10:00:00Z');
    git(repo.dir, ['merge', '-q', '--no-ff', '-m', 'merge other', 'other'], '2021-09-03T10:00:00Z');
    const merged = git(repo.dir, ['rev-parse', 'HEAD']).trim();
    await buildBoth();
    expect(logRevisions().at(-1)).toBe(merged);

    // A rewritten history (the merge undone, another commit instead; the kept commit is no ancestor): the whole log.
    git(repo.dir, ['reset', '-q', '--hard', second]);
    repo.write('articles/instead.md', titled('Instead'));
    const instead = repo.commit('instead of the merge', '2021-09-04T10:00:00Z');
    await buildBoth();
    expect(logRevisions().at(-1)).toBe(instead);
    expect(item('Instead').date_published).toBe('2021-09-04T10:00:00Z');
    expect(item('Other')).toBeUndefined();
  });
});

describe('a shallow clone', () => {
  const { repo } = makeSiteRepo();
  const shallow = path.join(tempDir('syndicate-shallow-'), 'site');
  git(tmpdir(), ['clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow]);
  writeFileSync(path.join(shallow, 'syndicate.config.json'), JSON.stringify(BASE_CONFIG));

  it('is reported with the fix, and fails the build under --strict', async () => {
    const run = await buildHereCli(shallow);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('articles: warning: this is a shallow git clone, so the history is cut off');
    expect(run.stderr).toContain('"fetch-depth: 0"');
    const strict = await buildHereCli(shallow, ['--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('articles: error: this is a shallow git clone');
  });

  it('never dates articles by the clone\'s only commit', async () => {
    const run = await runHere(shallow, ['explain', '--json', 'articles/edited.md']);
    const [a] = JSON.parse(run.stdout).articles as Explained[];
    expect(a!.published.detail.kind).toBe('mtime');
    expect(a!.published.value.startsWith('2021-')).toBe(false);
  });

  it('keeps ids and first-published dates from the previous feed', async () => {
    expect((await buildHereCli(repo.dir)).code).toBe(0);
    const full = JSON.parse(readOut(repo.dir, 'feed.json'));
    for (const previous of ['rss.xml', 'atom.xml', 'feed.json']) {
      const run = await buildHereCli(shallow, ['--previous', path.join(repo.dir, 'dist', previous)]);
      expect(run.code).toBe(0);
      const rebuilt = JSON.parse(readOut(shallow, 'feed.json'));
      const published = (feed: { items: { id: string; date_published: string }[] }) =>
        Object.fromEntries(feed.items.map((i) => [i.id, new Date(i.date_published).getTime()]));
      expect(published(rebuilt)).toEqual(published(full));
    }
  });
});

describe('item ids', () => {
  // RFC 4151: tag:authority,date:specific, the specific part made of pchar and "/".
  const TAG_URI = /^tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:([A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$/;
  const ids = (dir: string) => Object.fromEntries((JSON.parse(readOut(dir, 'feed.json')).items as { title: string; id: string; url: string }[]).map((i) => [i.title, i]));

  it('are tag: URIs that survive a rename, a new permalink pattern and a move to another domain', async () => {
    const dir = makeProject({}, { ...BASE_CONFIG, site: { ...BASE_CONFIG.site, idAuthority: 'example.com' } });
    const repo = new Repo(dir);
    repo.write('articles/drafts/hello wörld.md', '---\ntitle: Hello\ndate: 2024-03-05T23:30:00-05:00\n---\nText.\n');
    repo.write('articles/own.md', '---\ntitle: Own\ndate: 2024-01-01\nid: urn:uuid:5f1c0a32-9c5e-4f4e-8d3a-2b8a3c1d9e01\n---\nText.\n');
    repo.commit('add', '2024-03-06T10:00:00Z');
    expect((await buildHereCli(dir)).code).toBe(0);
    const before = ids(dir);
    // The date is the publication date as written, in its own offset.
    expect(before.Hello!.id).toBe('tag:example.com,2024-03-05:drafts/hello%20w%C3%B6rld');
    expect(before.Hello!.id).toMatch(TAG_URI);
    expect(before.Own!.id).toBe('urn:uuid:5f1c0a32-9c5e-4f4e-8d3a-2b8a3c1d9e01');

    repo.move('articles/drafts/hello wörld.md', 'articles/posts/hello.md');
    repo.commit('move', '2024-04-01T10:00:00Z');
    writeFileSync(
      path.join(dir, 'syndicate.config.json'),
      JSON.stringify({ ...BASE_CONFIG, site: { ...BASE_CONFIG.site, url: 'https://new.example.org/', idAuthority: 'example.com' }, permalink: '/:year/:slug/' }),
    );
    expect((await buildHereCli(dir)).code).toBe(0);
    const after = ids(dir);
    expect(after.Hello!.url).toBe('https://new.example.org/2024/hello/');
    expect(after.Hello!.id).toBe(before.Hello!.id);
    expect(after.Own!.id).toBe(before.Own!.id);
  });

  it('are minted under the site host by default, and the same id twice is an error naming both files', async () => {
    const dir = makeProject({
      'a/index.md': '---\ntitle: Bundle\ndate: 2024-02-01\n---\nx\n',
      'b.md': '---\ntitle: B\ndate: 2024-02-02\nid: same\n---\nx\n',
      'c.md': '---\ntitle: C\ndate: 2024-02-03\nid: same\n---\nx\n',
    });
    const run = await buildHereCli(dir);
    expect(run.code).toBe(1);
    // An id that is not a URI is the item's id as written (RSS guid, JSON Feed id): see the id rule in tests/import.test.ts.
    expect(run.stderr).toContain('articles/c.md: error: this article has the same id as articles/b.md (same)');
    const keep = await buildHereCli(dir, ['--keep-going']);
    expect(keep.code).toBe(1);
    expect(ids(dir).Bundle!.id).toBe('tag:example.com,2024-02-01:a');
  });
});

describe('the previous feed over HTTP', () => {
  it('is fetched from a URL, and a 404 means there is no feed yet', async () => {
    const dir = makeProject({ 'undated.md': '# Undated\n\nText.\n' });
    const previous = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<rss version="2.0"><channel><title>t</title><link>https://example.com/blog/</link><description>d</description>',
      '<item><title>Undated</title><link>https://example.com/blog/undated/</link><guid isPermaLink="false">urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427</guid>',
      '<pubDate>Wed, 02 Feb 2022 08:30:00 -0500</pubDate></item></channel></rss>',
    ].join('');
    const server = createServer((req, res) => {
      if (req.url === '/rss.xml') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(previous);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const run = await runCliAsync(dir, ['build', '--now', '2030-01-01', '--previous', `http://127.0.0.1:${port}/rss.xml`]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const [item] = JSON.parse(readOut(dir, 'feed.json')).items;
      expect(item).toMatchObject({ id: 'urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427', date_published: '2022-02-02T08:30:00-05:00' });
      const first = await runCliAsync(dir, ['build', '--now', '2030-01-01', '--previous', `http://127.0.0.1:${port}/missing.xml`]);
      expect(first.code).toBe(0);
      // No previous feed: a tag: id minted from the first-published date (the file's mtime here).
      expect(JSON.parse(readOut(dir, 'feed.json')).items[0].id).toMatch(/^tag:example\.com,\d{4}-\d{2}-\d{2}:undated$/);
    } finally {
      server.close();
    }
  });
});

describe('the previous feed over HTTP, as servers send it', () => {
  it('follows redirects, reads a compressed body, and fails with the status of an error', async () => {
    const dir = makeProject({ 'a.md': '---\ntitle: A\ndate: 2024-01-01\n---\nText.\n' });
    const feed = JSON.stringify({ items: [{ id: 'urn:example:kept', url: 'https://example.com/blog/a/', date_published: '2024-01-01T00:00:00+01:00' }] });
    const server = createServer((req, res) => {
      if (req.url === '/moved') res.writeHead(301, { location: '/again' }).end();
      else if (req.url === '/again') res.writeHead(307, { location: `http://127.0.0.1:${port}/feed.json` }).end();
      else if (req.url === '/feed.json') {
        const gzip = /gzip/.test(String(req.headers['accept-encoding']));
        res.writeHead(200, { 'content-type': 'application/feed+json', ...(gzip ? { 'content-encoding': 'gzip' } : {}) }).end(gzip ? gzipSync(feed) : feed);
      } else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
      else res.writeHead(500).end('down');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const build = (at: string) => runCliAsync(dir, ['build', '--now', '2030-01-01', '--previous', `http://127.0.0.1:${port}${at}`]);
      const moved = await build('/moved');
      expect(moved.stderr).toBe('');
      expect(JSON.parse(readOut(dir, 'feed.json')).items[0].id).toBe('urn:example:kept');
      const down = await build('/down');
      expect(down.code).toBe(1);
      expect(down.stderr).toContain(`the previous feed cannot be read (HTTP 500)`);
      const loop = await build('/loop');
      expect(loop.code).toBe(1);
      expect(loop.stderr).toContain('the previous feed cannot be read (more than 5 redirects)');
    } finally {
      server.close();
    }
  });
});

describe('bylines of clipped articles', () => {
  it('reads French publication and update lines and the credit line', async () => {
    const dir = makeProject({
      'clip.md': [
        '---',
        'title: Un article repris',
        '---',
        '*Par Le Figaro avec AFP*',
        '',
        'Publié le 30/05/2022 à 10h15, mis à jour le 30/05/2022 à 12h00',
        '',
        'Le texte de l’article.',
        '',
      ].join('\n'),
    });
    const [a] = explain(dir, ['articles/clip.md']).articles;
    expect(a!.authors).toEqual(['Le Figaro avec AFP']);
    expect(a!.published).toMatchObject({ value: '2022-05-30T10:15:00+02:00', source: 'byline "30/05/2022 à 10h15" (line 6)', zone: 'Europe/Paris', precision: 'minute', approximate: false });
    expect(a!.updated).toMatchObject({ value: '2022-05-30T12:00:00+02:00', source: 'byline "30/05/2022 à 12h00" (line 6)' });
  });

  it('resolves relative bylines against the captured time, marked approximate', async () => {
    const dir = makeProject({
      'rel.md': '---\ntitle: Relative\ncaptured: 2022-05-30T14:00:00Z\n---\nBy Jane Roe\n\nPublished 4 hours ago · Updated 2 hours ago\n\nText.\n',
      'rel-fr.md': '---\ntitle: Relatif\nretrieved: 2022-05-30 16:00\n---\nPublié il y a 4 heures\n\nTexte.\n',
    });
    const { articles } = explain(dir, ['articles/rel.md', 'articles/rel-fr.md']);
    expect(articles[0]!.published).toMatchObject({ value: '2022-05-30T12:00:00+02:00', approximate: true, precision: 'minute' });
    expect(articles[0]!.updated).toMatchObject({ value: '2022-05-30T14:00:00+02:00', approximate: true });
    expect(articles[0]!.authors).toEqual(['Jane Roe']);
    expect(articles[1]!.published).toMatchObject({ value: '2022-05-30T12:00:00+02:00', approximate: true, source: 'byline "il y a 4 heures" (line 5), counted back from frontmatter "retrieved"' });
  });
});

describe('zones and precision', () => {
  it('reads zone-less dates in the article\'s own timezone, else the site\'s, daylight saving included', async () => {
    const dir = makeProject({
      'ny.md': '---\ntitle: NY\ndate: 2022-05-30 10:15\ntimezone: America/New_York\n---\nx\n',
      'paris-winter.md': '---\ntitle: Winter\ndate: 2022-01-30 10:15\n---\nx\n',
      'paris-summer.md': '---\ntitle: Summer\ndate: 2022-07-30\n---\nx\n',
    });
    const { articles } = explain(dir, ['articles/ny.md', 'articles/paris-winter.md', 'articles/paris-summer.md']);
    expect(articles.map((a) => [a.published.value, a.published.zone, a.published.precision])).toEqual([
      ['2022-05-30T10:15:00-04:00', 'America/New_York', 'minute'],
      ['2022-01-30T10:15:00+01:00', 'Europe/Paris', 'minute'],
      ['2022-07-30T00:00:00+02:00', 'Europe/Paris', 'day'],
    ]);
  });

  it('writes the original offset back in every format', async () => {
    const dir = makeProject({ 'a.md': '---\ntitle: A\ndate: Mon, 30 May 2022 10:15:00 +0200\nupdated: 30 mai 2022 à 18h00\n---\nx\n' });
    expect((await buildHereCli(dir)).code).toBe(0);
    expect(readOut(dir, 'rss.xml')).toContain('<pubDate>Mon, 30 May 2022 10:15:00 +0200</pubDate>');
    expect(readOut(dir, 'atom.xml')).toContain('<published>2022-05-30T10:15:00+02:00</published>');
    expect(readOut(dir, 'atom.xml')).toContain('<updated>2022-05-30T18:00:00+02:00</updated>');
    expect(JSON.parse(readOut(dir, 'feed.json')).items[0].date_modified).toBe('2022-05-30T18:00:00+02:00');
  });

  it('falls back to the file\'s mtime, with a warning in CI', async () => {
    const dir = makeProject({ 'undated.md': '# Undated\n\nNo date anywhere.\n' });
    const local = await buildHereCli(dir);
    expect(local.code).toBe(0);
    expect(local.stderr).toBe('');
    const ci = await buildHereCli(dir, [], { CI: 'true' });
    expect(ci.code).toBe(0);
    expect(ci.stderr).toContain("articles/undated.md: warning: the publication date comes from the file's modification time, which in CI is the checkout time");
  });

  it('explains in text for people', async () => {
    const dir = makeProject({ 'a.md': '---\ntitle: A\ndate: 2022-05-30\ntags: [x]\n---\nx\n' });
    const run = await runHere(dir, ['explain', 'articles/a.md']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'articles/a.md',
        '  title      A',
        '  url        https://example.com/blog/a/',
        '  id         tag:example.com,2022-05-30:a',
        '  authors    (site author)',
        '  tags       x',
        '  published  2022-05-30T00:00:00+02:00',
        '             from frontmatter "date" (line 3); read in Europe/Paris; precise to the day',
        '  updated    2022-05-30T00:00:00+02:00',
        '             from same as published; read in Europe/Paris; precise to the day',
        '',
      ].join('\n'),
    );
    const missing = await runHere(dir, ['explain', 'articles/nope.md']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('articles/nope.md: error: not an article: there is no such file');
  });
});

describe('scheduled articles', () => {
  it('stay out until the first build after their date', async () => {
    const dir = makeProject({ 'future.md': '---\ntitle: Future\ndate: 2030-06-01T09:00:00+02:00\n---\nx\n' });
    expect((await runHere(dir, ['build', '--now', '2030-06-01T06:59:59Z'])).stdout).toContain('0 items');
    expect((await runHere(dir, ['build', '--now', '2030-06-01T07:00:00Z'])).stdout).toContain('wrote dist/rss.xml (1 item)');
  });
});
