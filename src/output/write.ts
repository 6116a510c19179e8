/**
 * Atomic, deterministic output. Every changed file is first written into a
 * staging folder beside the output folder (same file system), and only when
 * all of them are written is each one renamed into place. A rename replaces a
 * file in one step, so a reader (or a build killed half-way) only ever sees
 * the old or the new version of a feed. Files whose bytes did not change are
 * not touched at all, so their mtimes stay and rsync/Pages see no change.
 *
 * If a rename fails half-way (a folder where a feed should go, a permission),
 * the files already replaced are put back from hard-linked copies, so a failed
 * build leaves the output folder as it was.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
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
    super(`cannot write ${path} (${describe(cause)}); the output folder was left as it was`);
  }
}

const STAGING_PREFIX = '.syndicate-staging-';

export async function writeOutputs(outDir: string, files: readonly OutputFile[]): Promise<WriteStatus[]> {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
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

  await removeStaleStaging(parent, path.basename(target));
  const staging = path.join(parent, `${STAGING_PREFIX}${path.basename(target)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  const backups = path.join(staging, '.previous');
  const replaced: { final: string; backup?: string }[] = [];
  try {
    await guard(staging, () => mkdir(backups, { recursive: true }));
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
      const backup = await keepOld(final, path.join(backups, `${i}`));
      await guard(final, () => rename(path.join(staging, f.name), final));
      replaced.push({ final, backup });
    }
  } catch (e) {
    await restore(replaced);
    throw e;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return changed.map((c) => (c ? 'written' : 'unchanged'));
}

/** A hard link to the current version of `final`, to put it back if a later rename fails. */
async function keepOld(final: string, backup: string): Promise<string | undefined> {
  try {
    await link(final, backup);
    return backup;
  } catch {
    return undefined; // there was no old version
  }
}

async function restore(replaced: { final: string; backup?: string }[]): Promise<void> {
  for (const { final, backup } of replaced.reverse()) {
    if (backup) await rename(backup, final).catch(() => undefined);
    else await rm(final, { force: true }).catch(() => undefined);
  }
}

/** Staging folders left by builds that were killed: their process is gone. */
async function removeStaleStaging(parent: string, base: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return;
  }
  for (const name of entries) {
    const m = name.startsWith(`${STAGING_PREFIX}${base}-`) ? /-(\d+)-[0-9a-f]{8}$/.exec(name) : null;
    if (m && !isAlive(Number(m[1]))) await rm(path.join(parent, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function guard<T>(p: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw new WriteError(p, e as NodeJS.ErrnoException);
  }
}

function describe(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EISDIR':
      return 'a folder stands where the file should go';
    case 'ENOTDIR':
      return 'a file stands where a folder should be';
    default:
      return e.code ?? e.message;
  }
}
