/**
 * Atomic, deterministic output. Every changed file is first written into a
 * temporary folder beside the output folder (same file system), and only when
 * all of them are written is each one renamed into place. A rename replaces a
 * file in one step, so a reader (or a build killed half-way) only ever sees
 * the old or the new version of a feed. Files whose bytes did not change are
 * not touched at all, so their mtimes stay and rsync/Pages see no change.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface OutputFile {
  /** POSIX path relative to the output folder. */
  name: string;
  content: string;
}

export type WriteStatus = 'written' | 'unchanged';

export class WriteError extends Error {
  constructor(
    readonly path: string,
    cause: NodeJS.ErrnoException,
  ) {
    super(`${path}: cannot write (${cause.code ?? cause.message}); the output folder was left as it was`);
  }
}

export async function writeOutputs(outDir: string, files: readonly OutputFile[]): Promise<WriteStatus[]> {
  const target = path.resolve(outDir);
  const bytes = files.map((f) => Buffer.from(f.content, 'utf8'));
  const changed = await Promise.all(
    files.map(async (f, i) => {
      try {
        return !(await readFile(path.join(target, f.name))).equals(bytes[i]!);
      } catch {
        return true;
      }
    }),
  );
  if (!changed.includes(true)) return files.map(() => 'unchanged');

  const staging = path.join(path.dirname(target), `.${path.basename(target)}.syndicate-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await guard(staging, () => mkdir(staging, { recursive: true }));
    for (const [i, f] of files.entries()) {
      if (!changed[i]) continue;
      const temp = path.join(staging, f.name);
      await guard(temp, () => mkdir(path.dirname(temp), { recursive: true }));
      await guard(temp, () => writeFile(temp, bytes[i]!));
    }
    // Everything is on disk: now each file replaces its old version in one rename.
    for (const [i, f] of files.entries()) {
      if (!changed[i]) continue;
      const final = path.join(target, f.name);
      await guard(final, () => mkdir(path.dirname(final), { recursive: true }));
      await guard(final, () => rename(path.join(staging, f.name), final));
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return changed.map((c) => (c ? 'written' : 'unchanged'));
}

async function guard<T>(p: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw new WriteError(p, e as NodeJS.ErrnoException);
  }
}
