/**
 * The file-system steps of an output session (write.ts): files written whole from pieces, the
 * staging folder beside the output folder, old versions kept as hard links and put back when a
 * rename fails, and the staging folders of killed builds removed. Every failure is a WriteError
 * naming the output file.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { link, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError } from '../util/fs-error.js';

export class WriteError extends Error {
  constructor(
    readonly path: string,
    cause: NodeJS.ErrnoException,
  ) {
    super(`cannot write ${path} (${describeFsError(cause)}); the output folder was left as it was`);
  }
}

export const STAGING_PREFIX = '.syndicate-staging-';
// A file written piece by piece goes to disk through a buffer of this size, so a feed of any
// length needs little memory.
export const FLUSH_BYTES = 1 << 20;
// The most pieces one writev takes on Linux.
const IOV_MAX = 1024;

/**
 * A new file of the pieces, one after the other, handed to the kernel as they are (writev):
 * a facet feed is mostly items' bytes from the item cache, and copying them into one buffer
 * first was a quarter of the time of writing the feeds.
 */
export async function writePieces(file: string, pieces: readonly Buffer[]): Promise<void> {
  const handle = await open(file, 'w');
  try {
    let left = pieces.filter((p) => p.length > 0);
    while (left.length > 0) {
      // A writev may take fewer bytes than asked (and at most IOV_MAX pieces): go on from where it stopped.
      let { bytesWritten: written } = await handle.writev(left.slice(0, IOV_MAX));
      let done = 0;
      while (done < left.length && written >= left[done]!.length) written -= left[done++]!.length;
      left = left.slice(done);
      if (written > 0) left[0] = left[0]!.subarray(written);
    }
  } finally {
    await handle.close();
  }
}

/** The output folder's subfolders that do not exist, as they were before any file was renamed into it. */
export class MissingFolders {
  private readonly known = new Map<string, boolean>();

  constructor(private readonly target: string) {}

  /** The outermost folder of `name` (a POSIX path relative to the output folder) that is missing, if any. */
  topOf(name: string): string | undefined {
    for (let slash = name.indexOf('/'); slash !== -1; slash = name.indexOf('/', slash + 1)) {
      const folder = name.slice(0, slash);
      let exists = this.known.get(folder);
      if (exists === undefined) this.known.set(folder, (exists = existsSync(path.join(this.target, folder))));
      if (!exists) return folder;
    }
    return undefined;
  }
}

/** A hash for a file staged for `final`, or none when nothing stands there to compare it with. */
export function hashFor(final: string): Hash | undefined {
  return existsSync(final) ? createHash('sha256') : undefined;
}

/** Whether the file at `final` is not exactly `size` bytes hashing to `digest`. */
export async function differs(final: string, size: number, digest: string): Promise<boolean> {
  try {
    if ((await stat(final)).size !== size) return true;
    const hash = createHash('sha256');
    // A small file is read at once; a big one streamed, so memory stays flat.
    if (size <= FLUSH_BYTES) hash.update(readFileSync(final));
    else for await (const chunk of createReadStream(final)) hash.update(chunk as Buffer);
    return hash.digest('hex') !== digest;
  } catch {
    return true;
  }
}

/** A hard link to the current version of `final`, to put it back if a later rename fails. */
export async function keepOld(final: string, backup: string): Promise<string | undefined> {
  try {
    await link(final, backup);
    return backup;
  } catch {
    return undefined; // there was no old version
  }
}

export async function restore(replaced: { final: string; backup?: string }[]): Promise<void> {
  for (const { final, backup } of replaced.reverse()) {
    if (backup) await rename(backup, final).catch(() => undefined);
    // A file or a whole folder that was not there before.
    else await rm(final, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Staging folders left by builds that were killed: their process is gone. */
export async function removeStaleStaging(parent: string, base: string): Promise<void> {
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

export async function guard<T>(p: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw new WriteError(p, e as NodeJS.ErrnoException);
  }
}
