/**
 * Git's index as a witness of unchanged articles (src/source/git-index.ts, unchanged.ts): the
 * index is read for the files git checks and holds clean, and a build whose files all have new
 * times (a fresh checkout in CI) takes those on git's word (an article's id is the one git gives
 * its bytes: tests/articles-input.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../src/source/discover.js';
import { readBytes } from '../src/source/read.js';
import { indexBlobs, racyCount } from '../src/rebuild/git-index.js';
import { INDEX_MIN_FILES, unchangedSources, type Retimed } from '../src/rebuild/unchanged.js';
import { writeCorpus } from './support/corpus.js';
import { git, Repo } from './support/git.js';
import { BASE_CONFIG, buildHereCli, forgetKeptPlans, makeProject, tempDir } from './support/project.js';

const hashObject = (file: string) => execFileSync('git', ['hash-object', '--no-filters', file], { encoding: 'utf8' }).trim();

describe("git's index", () => {
  it('lists the plain files git checks and holds clean, by their path from the articles folder', async () => {
    const dir = tempDir();
    const repo = new Repo(dir);
    for (const name of ['a.md', 'edited.md', 'assumed.md', 'skipped.md', 'staged.md', 'deep/b.md']) repo.write(`articles/${name}`, `# ${name}\n`);
    symlinkSync('a.md', path.join(dir, 'articles/link.md'));
    repo.write('elsewhere.md', 'Not an article.\n');
    repo.commit('first', '2025-01-01T10:00:00Z');
    writeFileSync(path.join(dir, 'articles/edited.md'), 'Edited.\n');
    git(dir, ['update-index', '--assume-unchanged', 'articles/assumed.md']);
    writeFileSync(path.join(dir, 'articles/assumed.md'), 'Edited, git told not to look.\n');
    git(dir, ['update-index', '--skip-worktree', 'articles/skipped.md']);
    // Staged, then changed again: the index's blob is not the file's bytes.
    writeFileSync(path.join(dir, 'articles/staged.md'), 'Staged.\n');
    git(dir, ['add', 'articles/staged.md']);
    writeFileSync(path.join(dir, 'articles/staged.md'), 'Changed after staging.\n');
    writeFileSync(path.join(dir, 'articles/untracked.md'), 'New.\n');

    const blobs = await indexBlobs(path.join(dir, 'articles'));
    const articles = path.join(dir, 'articles');
    expect(blobs).toEqual(new Map([['a.md', hashObject(path.join(articles, 'a.md'))], ['deep/b.md', hashObject(path.join(articles, 'deep/b.md'))]]));
    expect(await indexBlobs(tempDir())).toBeUndefined();
  });
});

/** A site's repository of `count` small articles, with its caches ignored; returns its folder and its repo. */
function siteRepo(count: number): { dir: string; repo: Repo } {
  const dir = makeProject({}, { ...BASE_CONFIG, feeds: { limit: 10 } });
  writeCorpus(path.join(dir, 'articles'), count, 3);
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\ndist/\nwhole/\n');
  const repo = new Repo(dir);
  repo.commit('first', '2025-01-01T10:00:00Z');
  return { dir, repo };
}

const planReused = (run: { stdout: string }) => (JSON.parse(run.stdout) as { planReused: boolean }).planReused;

describe('a build after a fresh checkout', () => {
  it('gives what a build from nothing gives, push after push', async () => {
    const { dir: origin, repo } = siteRepo(INDEX_MIN_FILES + 20);
    const ci = tempDir();
    const checkout = path.join(ci, 'site');
    const kept = path.join(ci, 'kept-cache');
    /** As a CI job runs: a fresh clone, the caches of the last job restored, CI=true; then the caches saved. */
    const job = async () => {
      rmSync(checkout, { recursive: true, force: true });
      execFileSync('git', ['clone', '-q', origin, checkout]);
      mkdirSync(path.join(checkout, 'node_modules'));
      try {
        cpSync(kept, path.join(checkout, 'node_modules/.cache'), { recursive: true });
      } catch {
        // the first job: no caches yet
      }
      const run = await buildHereCli(checkout, ['--json'], { CI: 'true' });
      expect(run.code, run.stderr).toBe(0);
      const whole = await buildHereCli(checkout, ['--json', '--no-cache', '--out', 'whole'], { CI: 'true' });
      expect(whole.code, whole.stderr).toBe(0);
      for (const name of readdirSync(path.join(checkout, 'whole'))) {
        expect(readFileSync(path.join(checkout, 'dist', name), 'utf8'), name).toBe(readFileSync(path.join(checkout, 'whole', name), 'utf8'));
      }
      rmSync(kept, { recursive: true, force: true });
      cpSync(path.join(checkout, 'node_modules/.cache'), kept, { recursive: true });
      return run;
    };
    // An article the feeds do not show: an edit to it keeps the plan whatever its neighbours' dates.
    const oldest = readdirSync(path.join(origin, 'articles'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.md'))
      .sort((x, y) => path.basename(x).localeCompare(path.basename(y)))[0]!;
    const edit = (from: string, to: string) => {
      const file = path.join(origin, 'articles', oldest);
      writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
    };

    expect(planReused(await job())).toBe(false);
    // A push that edits it: read again, from the kept plan.
    edit('Intro ', 'Intro, pushed, ');
    repo.commit('edit', '2025-02-01T10:00:00Z');
    expect(planReused(await job())).toBe(true);
    // Another push, and a job whose plan is gone: the whole build finds the rest in the article cache.
    edit('Intro, pushed, ', 'Intro, pushed again, ');
    repo.commit('edit again', '2025-03-01T10:00:00Z');
    rmSync(path.join(kept, 'syndicate/stamps'), { recursive: true, force: true });
    expect(planReused(await job())).toBe(false);
    // One more from the plan that whole build kept.
    edit('Intro, pushed again, ', 'Intro, pushed thrice, ');
    repo.commit('edit thrice', '2025-04-01T10:00:00Z');
    expect(planReused(await job())).toBe(true);
  });
});

/**
 * What `run` returns, and the git commands (their first word, sorted) it ran: `git` is found
 * first in a folder whose `git` notes each call and runs the real one.
 */
async function gitCommandsOf<T>(run: () => Promise<T>): Promise<{ result: T; commands: string[] }> {
  const shim = tempDir();
  const log = path.join(shim, 'calls');
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(log, '');
  writeFileSync(path.join(shim, 'git'), `#!/bin/sh\necho "$1" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
  const was = process.env.PATH;
  process.env.PATH = `${shim}:${was}`;
  try {
    const result = await run();
    return { result, commands: readFileSync(log, 'utf8').split('\n').filter(Boolean).sort() };
  } finally {
    process.env.PATH = was;
  }
}

describe('files with new times', () => {
  it("are taken on git's word, unless git would read most of them again", async () => {
    const { dir } = siteRepo(INDEX_MIN_FILES + 20);
    const articles = path.join(dir, 'articles');
    const { files } = await discover(articles, dir);
    const known = files.map((f) => ({ file: f, hash: readBytes(f).source.hash }));
    const originals = files.map((f) => readFileSync(f.absPath));
    /**
     * Every article with its first bytes given the mtime `when`, and the index told; then the
     * bytes of the first and the last changed under the same size and mtime.
     */
    const retime = async (when: Date) => {
      for (const [k, f] of files.entries()) {
        writeFileSync(f.absPath, originals[k]!);
        utimesSync(f.absPath, when, when);
      }
      git(dir, ['update-index', '-q', '--refresh']);
      for (const f of [files[0]!, files.at(-1)!]) {
        writeFileSync(f.absPath, readFileSync(f.absPath, 'utf8').replace('Intro ', 'Intr0 '));
        utimesSync(f.absPath, when, when);
      }
      const listed = (await discover(articles, dir)).files;
      return listed.map((f, k) => ({ file: f, hash: known[k]!.hash }));
    };
    const changedIn = (same: unknown[] | undefined) => same?.flatMap((s, k) => (s === undefined ? [k] : []));
    /** What `retimed` says changed, and which git commands it ran. */
    const check = async (retimed: Retimed[], giveUpAfter?: number) => {
      const { result, commands } = await gitCommandsOf(() => unchangedSources(articles, retimed, giveUpAfter));
      return { changed: result && changedIn(result), commands };
    };
    // Git told not to trust ctimes holds the two files clean, as their size and mtime say.
    git(dir, ['config', 'core.trustctime', 'false']);

    // Dated long before the index was written: git needs to read none of them again, and is asked.
    let retimed = await retime(new Date('2025-06-01T00:00:00Z'));
    expect(git(dir, ['diff-files', '--name-only'])).toBe('');
    expect(await check(retimed)).toEqual({ changed: [], commands: ['diff-files', 'ls-files'] });
    // Fewer than pay for asking git: hashed, the change found.
    expect(await check(retimed.slice(0, INDEX_MIN_FILES - 1))).toEqual({ changed: [0], commands: [] });

    // Dated in the second the index is written, or after: git would read every one again, so they
    // are hashed here, and both changes found (all the more when git is not fooled about ctimes).
    retimed = await retime(new Date(Date.now() + 60_000));
    expect(await check(retimed)).toEqual({ changed: [0, retimed.length - 1], commands: [] });
    expect(await check(retimed, 1)).toEqual({ changed: undefined, commands: [] });
  });

  it("are taken on git's word by a build, from the kept plan and from the article cache", async () => {
    const { dir } = siteRepo(INDEX_MIN_FILES + 20);
    mkdirSync(path.join(dir, 'node_modules'));
    expect((await buildHereCli(dir, ['--json'])).code).toBe(0);
    const feed = () => JSON.parse(readFileSync(path.join(dir, 'dist/feed.json'), 'utf8')) as { items: { title: string; content_html: string }[] };
    const { title, content_html: before } = feed().items[0]!;
    const names = readdirSync(path.join(dir, 'articles'), { recursive: true }).map(String).filter((f) => f.endsWith('.md'));
    const name = names.find((f) => readFileSync(path.join(dir, 'articles', f), 'utf8').includes(`title: "${title}"`))!;
    const file = path.join(dir, 'articles', name);
    /** Every article but `except` given the mtime `day`, and the index told (dated in the past, so git has no reason to read them again). */
    const retime = (day: string, except?: string) => {
      for (const f of names) if (f !== except) utimesSync(path.join(dir, 'articles', f), new Date(day), new Date(day));
      try {
        git(dir, ['update-index', '-q', '--refresh']);
      } catch {
        // exits 1 while a file is changed, as one is in the last step
      }
    };
    const build = async () => {
      const run = await buildHereCli(dir, ['--json']);
      expect(run.code, run.stderr).toBe(0);
      return { reused: planReused(run), html: feed().items[0]!.content_html };
    };

    // The newest article's bytes changed under the same size and mtime, git told not to trust
    // ctimes: git holds it clean, and so does the build.
    git(dir, ['config', 'core.trustctime', 'false']);
    retime('2025-06-01T00:00:00Z');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Intro ', 'Intr0 '));
    utimesSync(file, new Date('2025-06-01T00:00:00Z'), new Date('2025-06-01T00:00:00Z'));
    expect(git(dir, ['diff-files', '--name-only'])).toBe('');
    expect(await build()).toEqual({ reused: true, html: before });
    // Without the plan, the article cache answers the same way.
    forgetKeptPlans(dir);
    retime('2025-06-02T00:00:00Z', name);
    expect(await build()).toEqual({ reused: false, html: before });
    // Git trusting ctimes again sees the change, and so does the build.
    git(dir, ['config', 'core.trustctime', 'true']);
    retime('2025-06-03T00:00:00Z');
    expect(git(dir, ['diff-files', '--name-only'])).toBe(`articles/${name}\n`);
    expect(await build()).toEqual({ reused: true, html: before.replace('Intro ', 'Intr0 ') });
  });

  it('that git must read again are counted by the second its index was written', async () => {
    const dir = tempDir();
    const index = path.join(dir, 'index');
    writeFileSync(index, '');
    const written = new Date('2025-06-01T10:00:00.500Z');
    utimesSync(index, written, written);
    const at = (iso: string) => new Date(iso).getTime();
    expect(racyCount(index, [at('2025-06-01T09:59:59.999Z'), at('2025-06-01T10:00:00.000Z'), at('2025-06-01T10:00:00.900Z'), at('2025-06-02T00:00:00Z')])).toBe(3);
    expect(racyCount(path.join(dir, 'none'), [at('2025-06-02T00:00:00Z')])).toBe(0);
  });
});
