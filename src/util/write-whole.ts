import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a cache or record file whole: into a temporary file beside it, then
 * renamed over it, so a build killed half-way never leaves half a file.
 * Synchronously: these are small files, faster so than through the thread
 * pool. Throws like writeFileSync.
 */
export function writeWhole(file: string, data: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}

/**
 * Writes `file` whole and removes every other file of its folder: a cache that keeps only the
 * current entry (the git log of the commit read, the validated config). Throws like writeWhole.
 */
export function writeAlone(file: string, data: string): void {
  writeWhole(file, data);
  const folder = path.dirname(file);
  for (const other of readdirSync(folder)) if (other !== path.basename(file)) rmSync(path.join(folder, other), { force: true });
}
