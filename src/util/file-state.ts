/**
 * A file's state as rebuilds compare it: size, modification and change times. The same state is
 * taken for the same bytes (as make and git take it); any doubt means the file is read again.
 */
import { statSync } from 'node:fs';

export type FileState = [size: number, mtimeMs: number, ctimeMs: number];

interface Stated {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export function sameState(a: Stated, b: Stated): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/**
 * The state of the file at `p` now, or null when there is none. Synchronously: a stamp holds every
 * file the build wrote (633 for 10,000 articles with tag feeds), and a stat through the thread pool
 * cost ten times as much of the main thread.
 */
export function stateOf(p: string): FileState | null {
  try {
    const s = statSync(p);
    return [s.size, s.mtimeMs, s.ctimeMs];
  } catch {
    return null;
  }
}

/** Whether the file at `p` is in state `was` (null: that it does not exist). */
export function stillIn(p: string, was: FileState | null): boolean {
  const now = stateOf(p);
  return now === null || was === null ? now === was : sameState(stated(now), stated(was));
}

function stated([size, mtimeMs, ctimeMs]: FileState): Stated {
  return { size, mtimeMs, ctimeMs };
}
