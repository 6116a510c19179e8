/**
 * A hash of this build of the tool: its version, every module of its own code
 * and the installed version of each of its dependencies. Every cache is keyed
 * on it, so a release, an upgraded Markdown library or a working copy under
 * development never reads what another build of syndicate wrote.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../util/version.js';

let memo: string | undefined;

export function toolHash(): string {
  if (memo !== undefined) return memo;
  const hash = createHash('sha256').update(VERSION).update('\0');
  // lib/ when compiled, src/ when the tests run the TypeScript sources.
  const codeDir = fileURLToPath(new URL('..', import.meta.url));
  const modules = (readdirSync(codeDir, { recursive: true }) as string[])
    .filter((f) => /\.[jt]s$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
  for (const m of modules) hash.update(m).update('\0').update(readFileSync(path.join(codeDir, m))).update('\0');
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies?: Record<string, string> };
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const dep of Object.keys(manifest.dependencies ?? {}).sort()) {
    hash.update(dep).update('\0').update(installedVersion(here, dep)).update('\0');
  }
  return (memo = hash.digest('hex'));
}

/**
 * The version of an installed dependency: the package.json of `node_modules/<dep>` in the nearest
 * folder up from `from` that has one, the folder Node.js resolves the package to. Read directly,
 * as require.resolve took half of this hash's time (the up-to-date check of every build waits on it).
 */
function installedVersion(from: string, dep: string): string {
  for (let dir = from; ; ) {
    try {
      const found = JSON.parse(readFileSync(path.join(dir, 'node_modules', dep, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (found.name === dep) return found.version ?? '';
    } catch {
      // not installed at this level
    }
    const up = path.dirname(dir);
    if (up === dir) return '';
    dir = up;
  }
}
