/** What `syndicate init` writes, shared by a new site (init.ts) and a site generator's (init-site.ts). */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface InitResult {
  written: string[];
  kept: string[];
}

export class InitError extends Error {}

// The workflow written into new sites is this repository's own publish workflow, one file for both.
const WORKFLOW = new URL('../../.github/workflows/publish.yml', import.meta.url);

/** The publish workflow, its --previous pointing at the feed as the site at `url` publishes it. */
export function workflowFor(url: string): string {
  return previousAt(readFileSync(WORKFLOW, 'utf8'), new URL('feed.json', url.endsWith('/') ? url : `${url}/`).href);
}

/** Writes each file that does not exist yet; the others are kept as they are. */
export async function writeNew(cwd: string, files: [string, string][]): Promise<InitResult> {
  const result: InitResult = { written: [], kept: [] };
  for (const [name, content] of files) {
    const file = path.join(cwd, name);
    if (existsSync(file)) {
      result.kept.push(name);
      continue;
    }
    await mkdir(path.dirname(file), { recursive: true });
    // 'wx' refuses to replace a file that appeared meanwhile.
    await writeFile(file, content, { flag: 'wx' });
    result.written.push(name);
  }
  return result;
}


/**
 * The workflow with its --previous at `feed`: the feed as the site publishes it, not a guess from
 * the repository's name (a site with its own domain publishes it there).
 */
export function previousAt(workflow: string, feed: string): string {
  return workflow.replace(/--previous "[^"\n]*"/, `--previous "${feed}"`);
}
