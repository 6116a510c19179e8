/**
 * Files an earlier build wrote that this one no longer writes (the feeds of a
 * tag no article has any more, an archive page gone) are removed, but only
 * while they are exactly as that build left them: a file someone put or
 * changed in the output folder is never touched. The record of what was
 * written lives in the tool's cache folder, beside the up-to-date stamp.
 */
import { readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeWhole } from '../util/write-whole.js';

type Written = Record<string, [size: number, mtimeMs: number]>;

/** Removes what the last recorded build wrote and this one did not; records this one's files. Returns the absolute paths removed. */
export function pruneStale(recordFile: string, outDir: string, outputs: readonly string[]): string[] {
  let previous: Written = {};
  try {
    previous = JSON.parse(readFileSync(recordFile, 'utf8')) as Written;
  } catch {
    // no record yet: nothing is known to be ours
  }
  const current = new Set(outputs);
  const removed: string[] = [];
  for (const [file, [size, mtimeMs]] of Object.entries(previous)) {
    if (current.has(file) || !isInside(file, outDir)) continue;
    const now = statSync(file, { throwIfNoEntry: false });
    if (!now || !now.isFile() || now.size !== size || now.mtimeMs !== mtimeMs) continue;
    rmSync(file, { force: true });
    removed.push(file);
    removeEmptyFolders(path.dirname(file), outDir);
  }
  const record: Written = {};
  for (const file of outputs) {
    const s = statSync(file, { throwIfNoEntry: false });
    if (s) record[file] = [s.size, s.mtimeMs];
  }
  try {
    writeWhole(recordFile, JSON.stringify(record));
  } catch {
    // best effort: without a record, the next build removes nothing
  }
  return removed.sort();
}

function isInside(file: string, dir: string): boolean {
  return file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** The folders a removed file leaves empty (dist/tags/old/), up to the output folder itself. */
function removeEmptyFolders(dir: string, outDir: string): void {
  while (isInside(dir, outDir)) {
    try {
      rmdirSync(dir); // fails when the folder is not empty
    } catch {
      return;
    }
    dir = path.dirname(dir);
  }
}
