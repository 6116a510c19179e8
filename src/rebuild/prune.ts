/**
 * Files an earlier build wrote that this one no longer writes (the feeds of a
 * tag no article has any more, an archive page gone) are removed, but only
 * while they are exactly as that build left them: a file someone put or
 * changed in the output folder is never touched. The record of what was
 * written lives in the tool's cache folder, beside the up-to-date stamp.
 */
import { readFileSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { stateOf, stillIn, type FileState } from '../util/file-state.js';
import { isWithin } from '../util/paths.js';
import { writeWhole } from '../util/write-whole.js';

type Written = Record<string, FileState>;

/** Removes what the last recorded build wrote and this one did not; records this one's files. Returns the absolute paths removed. */
export function pruneStale(recordFile: string, outDir: string, outputs: readonly string[]): string[] {
  let previous: Written = {};
  try {
    previous = JSON.parse(readFileSync(recordFile, 'utf8')) as Written;
  } catch {
    // no record: nothing to remove
  }
  const current = new Set(outputs);
  const removed: string[] = [];
  for (const [file, was] of Object.entries(previous)) {
    if (current.has(file) || file === outDir || !isWithin(file, outDir) || !stillIn(file, was)) continue;
    rmSync(file, { force: true });
    removed.push(file);
    removeEmptyFolders(path.dirname(file), outDir);
  }
  const record: Written = {};
  for (const file of outputs) {
    const state = stateOf(file);
    if (state) record[file] = state;
  }
  try {
    writeWhole(recordFile, JSON.stringify(record));
  } catch {
    // without a record, the next build removes nothing
  }
  return removed.sort();
}

/** The folders a removed file leaves empty (dist/tags/old/), up to the output folder itself, which stays. */
function removeEmptyFolders(dir: string, outDir: string): void {
  while (dir !== outDir && isWithin(dir, outDir)) {
    try {
      rmdirSync(dir); // fails when the folder is not empty
    } catch {
      return;
    }
    dir = path.dirname(dir);
  }
}
