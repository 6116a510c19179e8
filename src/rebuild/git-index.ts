/**
 * What a git checkout's index says of the articles: which files hold, as far as git can tell,
 * the bytes of the blob it lists for them. A fresh checkout (CI after every push) gives every file
 * new times, so the size and times the caches know them by all differ; the index was written by
 * that checkout and still knows them. A file whose blob is the one a cache or the kept plan holds
 * (the ids are the same: see SourceFile.hash) need not be read to be known unchanged.
 *
 * Git decides what is clean (`git diff-files`, which reads again a file whose times it cannot
 * trust), and only plain entries count: not a file marked assume-unchanged or skip-worktree, whose
 * bytes git no longer looks at, nor a conflict, a symbolic link or a submodule.
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Relative path (POSIX, from the articles folder) to blob id, for the clean files; undefined outside a work tree or when git fails. */
export type IndexBlobs = ReadonlyMap<string, string>;

export async function indexBlobs(articlesDir: string): Promise<IndexBlobs | undefined> {
  const git = (args: string[]) => run('git', args, { cwd: articlesDir, maxBuffer: 1 << 30, encoding: 'utf8' }).then((r) => r.stdout);
  let listed: string;
  let dirty: string;
  try {
    // Paths relative to the articles folder in both, NUL-terminated so no name is quoted.
    [listed, dirty] = await Promise.all([git(['ls-files', '--stage', '-v', '-z', '--', '.']), git(['diff-files', '--name-only', '--relative', '-z', '--', '.'])]);
  } catch {
    return undefined;
  }
  const changed = new Set(dirty.split('\0'));
  const blobs = new Map<string, string>();
  for (const entry of listed.split('\0')) {
    // "H 100644 <blob> 0\t<path>": H is a tracked file git checks (h, S and others are not).
    const m = /^H (100644|100755) ([0-9a-f]{40,64}) 0\t(.+)$/s.exec(entry);
    if (m && !changed.has(m[3]!)) blobs.set(m[3]!, m[2]!);
  }
  return blobs;
}

/**
 * The index file git would use for `dir`: `.git/index` in it or in the nearest folder above that
 * has a `.git`; 'elsewhere' when git is told another place (GIT_DIR, GIT_INDEX_FILE, or a `.git`
 * file, as in a linked worktree or a submodule); undefined outside any repository, where asking
 * git anyway cost two failing processes (3-8 ms).
 */
export function indexFileOf(dir: string): string | 'elsewhere' | undefined {
  if (process.env.GIT_DIR || process.env.GIT_INDEX_FILE) return 'elsewhere';
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const dotGit = path.join(d, '.git');
    const kind = statSync(dotGit, { throwIfNoEntry: false });
    if (kind) return kind.isDirectory() ? path.join(dotGit, 'index') : 'elsewhere';
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * How many of the files with mtimes `mtimesMs` git must read again to tell them clean, by the
 * index file `indexFile`: those written in the second it was written, or later (git compares whole
 * seconds; it cannot tell such a file unchanged since by its times). Right after a checkout that
 * took less than a second, every file.
 */
export function racyCount(indexFile: string, mtimesMs: readonly number[]): number {
  const written = statSync(indexFile, { throwIfNoEntry: false });
  if (!written) return 0;
  const second = Math.floor(written.mtimeMs / 1000);
  return mtimesMs.filter((m) => Math.floor(m / 1000) >= second).length;
}
