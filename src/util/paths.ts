/** Paths on disk: the one way to ask whether a path is inside a folder, and to show one in a message. */
import path from 'node:path';

/** Whether `p` is the folder `dir` itself or lies under it (both absolute and normalized: resolve symbolic links first where they matter). */
export function isWithin(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** `p` as messages show it: relative to `cwd`, with forward slashes (`.` for `cwd` itself). */
export function shownPath(cwd: string, p: string): string {
  return path.relative(cwd, p).split(path.sep).join('/') || '.';
}
