import path from 'node:path';

/**
 * The tool's cache folder for a project in `cwd`: node_modules/.cache/syndicate,
 * where build tools keep theirs, and only when node_modules exists (a project
 * without one gets no cache rather than a stray folder).
 */
export function defaultCacheDir(cwd: string, exists: (p: string) => boolean): string | undefined {
  return exists(path.join(cwd, 'node_modules')) ? path.join(cwd, 'node_modules', '.cache', 'syndicate') : undefined;
}
