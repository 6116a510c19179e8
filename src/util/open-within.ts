/**
 * Opens a file for reading only if it really lies inside a folder: after every symbolic link, and
 * also when a link is swapped while the file is being opened. `serve` answers requests with it, so
 * that `ln -s /etc dist/etc` serves nothing of /etc while a link from one file of the folder to
 * another still works.
 *
 * The check is made on the file once it is open, never on the path before: a path checked first
 * and opened after can be pointed elsewhere in between. On Linux the kernel says where the opened
 * file is (/proc/self/fd); elsewhere the path's real place is taken after the open and must be the
 * very file that was opened (same device and inode), so a link swapped between the open and the
 * check is refused too.
 */
import { constants, type Stats } from 'node:fs';
import { open, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import { isWithin } from './paths.js';

export interface OpenedFile {
  handle: FileHandle;
  size: number;
}

/**
 * `file` (an absolute path) opened for reading, when it is a regular file whose real path is inside
 * `realRoot` (a real path itself); undefined when it is missing, elsewhere, or not a regular file,
 * alike, so that an answer never tells what exists outside the folder.
 */
export async function openWithin(realRoot: string, file: string, procFd = '/proc/self/fd'): Promise<OpenedFile | undefined> {
  let handle: FileHandle;
  try {
    // Non-blocking, so that a named pipe put in the folder cannot hold the open forever.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stats = await handle.stat();
    if (stats.isFile() && isWithin(await whereOpened(handle, file, stats, procFd), realRoot)) return { handle, size: stats.size };
  } catch {
    // A file that vanished or cannot be examined is not served.
  }
  await handle.close();
  return undefined;
}

/** Where the opened file is: the kernel's word where there is one, else the path's real place if that is the same file. */
async function whereOpened(handle: FileHandle, file: string, stats: Stats, procFd: string): Promise<string> {
  const known = await readlink(`${procFd}/${handle.fd}`).catch(() => undefined);
  if (known !== undefined) return known;
  const real = await realpath(file);
  const now = await stat(real);
  if (now.dev !== stats.dev || now.ino !== stats.ino) throw new Error(`${file} changed while it was opened`);
  return real;
}
