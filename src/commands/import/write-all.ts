/**
 * An import is all or nothing: every article is first written into a hidden folder inside the
 * articles folder (which builds skip), then each is linked under its name, which fails rather
 * than replace a file that appeared meanwhile. If anything fails, the articles already linked
 * are taken away again and the folder is left as it was; the hidden folder goes either way.
 */
import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError } from '../../util/fs-error.js';

export class ImportWriteError extends Error {}

/** `from` under the name `to`, never over a file already there. */
async function place(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A file system without hard links: rename, once the name is known to be free.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw e;
    if (await exists(to)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    await rename(from, to);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

export async function writeAll(dir: string, files: readonly { name: string; text: string }[]): Promise<void> {
  if (files.length === 0) return;
  const staging = path.join(dir, `.syndicate-import-${randomBytes(6).toString('hex')}`);
  const placed: string[] = [];
  let current = dir;
  try {
    await mkdir(staging, { recursive: true });
    for (const f of files) {
      current = f.name;
      await writeFile(path.join(staging, f.name), f.text, { flag: 'wx' });
    }
    for (const f of files) {
      current = f.name;
      await place(path.join(staging, f.name), path.join(dir, f.name));
      placed.push(f.name);
    }
  } catch (e) {
    await Promise.all(placed.map((name) => unlink(path.join(dir, name)).catch(() => undefined)));
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EEXIST' ? 'a file of that name appeared meanwhile' : describeFsError(err);
    throw new ImportWriteError(`cannot write ${path.join(dir, current)} (${why}); nothing was imported`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
