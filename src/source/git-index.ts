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
import { existsSync } from 'node:fs';
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
 * Fewer files to check than this are read and hashed instead: asking git takes two processes,
 * about the time of hashing that many articles.
 */
export const INDEX_MIN_FILES = 256;

/** The index's blobs when `count` files are to be checked under `articlesDir` and that pays (see INDEX_MIN_FILES). */
export async function indexFor(articlesDir: string, count: number): Promise<IndexBlobs | undefined> {
  return count >= INDEX_MIN_FILES && mayBeInRepository(articlesDir) ? indexBlobs(articlesDir) : undefined;
}

/**
 * Whether git may find a repository for `dir`: a `.git` in it or in a folder above, or one named
 * by GIT_DIR. Outside any, asking git anyway cost two failing processes (3-8 ms).
 */
function mayBeInRepository(dir: string): boolean {
  if (process.env.GIT_DIR) return true;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return true;
    if (path.dirname(d) === d) return false;
  }
}
