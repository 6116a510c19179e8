/**
 * Git's index as a witness of unchanged articles (src/source/git-index.ts): the id of an article's
 * bytes is the one git gives them, the index is read for the files git checks and holds clean,
 * and a build whose files all have new times (a fresh checkout in CI) takes those on git's word.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashedSource, readBytes, type ListedFile } from '../src/source/discover.js';
import { INDEX_MIN_FILES, indexBlobs } from '../src/source/git-index.js';
import { writeCorpus } from './support/corpus.js';
import { git, Repo } from './support/git.js';
import { BASE_CONFIG, buildCli, forgetKeptPlans, makeProject, tempDir } from './support/project.js';

const listed = (absPath: string): ListedFile => ({ absPath, relPath: path.basename(absPath), displayPath: absPath, size: 0, mtimeMs: 0, ctimeMs: 0 });
const hashObject = (file: string) => execFileSync('git', ['hash-object', '--no-filters', file], { encoding: 'utf8' }).trim();

describe("an article's id", () => {
  it('is the id git gives its bytes, read either way', () => {
    const dir = tempDir();
    const contents: Record<string, string | Buffer> = {
      'empty.md': '',
      'crlf.md': '---\r\ntitle: A\r\n---\r\nText.\r\n',
      'accents.md': '---\ntitle: Été\n---\nÀ la une, ünïcödé 🎉.\n',
      // Over the 1 MiB the reading buffer starts with.
      'large.md': Buffer.alloc(3 * 1024 * 1024 + 17, 'word '),
    };
    for (const [name, content] of Object.entries(contents)) {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      expect(hashedSource(listed(file)).hash, name).toBe(hashObject(file));
      expect(readBytes(listed(file)).source.hash, name).toBe(hashObject(file));
    }
  });
});

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

const itemsOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'dist', 'feed.json'), 'utf8')) as { items: { title: string; content_html: string; date_modified: string }[] };
const planReused = (run: { stdout: string }) => (JSON.parse(run.stdout) as { planReused: boolean }).planReused;

describe('a build after a fresh checkout', () => {
  it('gives what a build from nothing gives, push after push', () => {
    const { dir: origin, repo } = siteRepo(INDEX_MIN_FILES + 20);
    const ci = tempDir();
    const checkout = path.join(ci, 'site');
    const kept = path.join(ci, 'kept-cache');
    /** As a CI job runs: a fresh clone, the caches of the last job restored, CI=true; then the caches saved. */
    const job = () => {
      rmSync(checkout, { recursive: true, force: true });
      execFileSync('git', ['clone', '-q', origin, checkout]);
      mkdirSync(path.join(checkout, 'node_modules'));
      try {
        cpSync(kept, path.join(checkout, 'node_modules/.cache'), { recursive: true });
      } catch {
        // the first job: no caches yet
      }
      const run = buildCli(checkout, ['--json'], { CI: 'true' });
      expect(run.code, run.stderr).toBe(0);
      const whole = buildCli(checkout, ['--json', '--no-cache', '--out', 'whole'], { CI: 'true' });
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

    expect(planReused(job())).toBe(false);
    // A push that edits it: read again, from the kept plan.
    edit('Intro ', 'Intro, pushed, ');
    repo.commit('edit', '2025-02-01T10:00:00Z');
    expect(planReused(job())).toBe(true);
    // Another push, and a job whose plan is gone: the whole build finds the rest in the article cache.
    edit('Intro, pushed, ', 'Intro, pushed again, ');
    repo.commit('edit again', '2025-03-01T10:00:00Z');
    rmSync(path.join(kept, 'syndicate/stamps'), { recursive: true, force: true });
    expect(planReused(job())).toBe(false);
    // One more from the plan that whole build kept.
    edit('Intro, pushed again, ', 'Intro, pushed thrice, ');
    repo.commit('edit thrice', '2025-04-01T10:00:00Z');
    expect(planReused(job())).toBe(true);
  });

  it("takes a file git holds clean on git's word, without reading it", () => {
    const { dir } = siteRepo(INDEX_MIN_FILES + 20);
    mkdirSync(path.join(dir, 'node_modules'));
    expect(buildCli(dir, ['--json']).code).toBe(0);
    const { title, content_html: before } = itemsOf(dir).items[0]!;
    const names = readdirSync(path.join(dir, 'articles'), { recursive: true }).map(String).filter((f) => f.endsWith('.md'));
    const name = names.find((f) => readFileSync(path.join(dir, 'articles', f), 'utf8').includes(`title: "${title}"`))!;
    const file = path.join(dir, 'articles', name);
    /**
     * Every article given the mtime `day`, as a checkout gives new times, and the index told (in
     * the past, so that git has no reason to read a file again on a later look).
     */
    const retime = (day: string, except?: string) => {
      for (const f of names) if (f !== except) utimesSync(path.join(dir, 'articles', f), new Date(day), new Date(day));
      try {
        git(dir, ['update-index', '-q', '--refresh']);
      } catch {
        // exits 1 when a file is still changed, as it should be in the last step
      }
    };
    const build = () => {
      const run = buildCli(dir, ['--json']);
      expect(run.code, run.stderr).toBe(0);
      return { reused: planReused(run), html: itemsOf(dir).items[0]!.content_html };
    };

    // One file's bytes changed under the same size and mtime, and git told not to trust ctimes:
    // git holds it clean, so the build does too.
    git(dir, ['config', 'core.trustctime', 'false']);
    retime('2025-06-01T00:00:00Z');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Intro ', 'Intr0 '));
    utimesSync(file, new Date('2025-06-01T00:00:00Z'), new Date('2025-06-01T00:00:00Z'));
    expect(git(dir, ['diff-files', '--name-only'])).toBe('');
    expect(build()).toEqual({ reused: true, html: before });
    // Without the plan, the article cache answers the same way.
    forgetKeptPlans(dir);
    retime('2025-06-02T00:00:00Z', name);
    expect(build()).toEqual({ reused: false, html: before });

    // Git trusting ctimes again sees the change, and so does the build.
    git(dir, ['config', 'core.trustctime', 'true']);
    retime('2025-06-03T00:00:00Z');
    expect(git(dir, ['diff-files', '--name-only'])).toBe(`articles/${name}\n`);
    const after = build();
    expect(after.reused).toBe(true);
    expect(after.html).toBe(before.replace('Intro ', 'Intr0 '));
  });
});
