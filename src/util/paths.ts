/** Paths on disk: the one way to ask whether a path is inside a folder, and to show one in a message. */
import { realpathSync } from 'node:fs';
import path from 'node:path';

/** Whether `p` is the folder `dir` itself or lies under it (both absolute and normalized: resolve symbolic links first where they matter). */
export function isWithin(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** `p` as messages show it: relative to `cwd`, with forward slashes (`.` for `cwd` itself). */
export function shownPath(cwd: string, p: string): string {
  return path.relative(cwd, p).split(path.sep).join('/') || '.';
}

/** `p` with its symbolic links resolved as far as it exists (a folder not yet made keeps its own name under its parent's real path). */
export function realPathAsFarAsItExists(p: string): string {
  const rest: string[] = [];
  let at = path.resolve(p);
  for (;;) {
    try {
      return path.join(realpathSync(at), ...rest);
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.resolve(p);
      rest.unshift(path.basename(at));
      at = parent;
    }
  }
}
