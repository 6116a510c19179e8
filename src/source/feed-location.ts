/**
 * Where a feed is read from, as a user names it. Apart from read-feed.ts, which loads the XML
 * reader, so that a build that reads no feed never loads it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a feed is read from: the web, or a file (an absolute path). */
export type FeedLocation = { url: string } | { file: string };

export class FeedLocationError extends Error {}

/**
 * What `ref` names: an http(s) URL, a `file:` URL, or a path (relative to `cwd`). Any other
 * scheme is refused, rather than read as a file of that name.
 */
export function feedLocation(ref: string, cwd: string): FeedLocation {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(ref)?.[1]?.toLowerCase();
  // A Windows drive letter (C:\feed.xml) is a path, not a scheme.
  if (scheme === undefined || (scheme.length === 1 && process.platform === 'win32')) return { file: path.resolve(cwd, ref) };
  if (scheme === 'http' || scheme === 'https') return { url: ref };
  if (scheme === 'file') return { file: fileURLToPath(ref) };
  throw new FeedLocationError(`"${ref}" is neither a path nor an http(s) or file: URL`);
}
