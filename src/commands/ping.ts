/**
 * `syndicate ping`: after a deploy, tells the WebSub hub (site.hub) about each
 * feed whose bytes changed since the last ping, and only those. Every feed the
 * build wrote carries the hub link, so every one counts: the main feeds, the
 * feeds of each tag, author and language, and the archive pages. They are
 * found in the output folder by their file names (feeds.formats), at any depth.
 * What was pinged is remembered in a small state file (feed URL -> SHA-256 of
 * its bytes).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { siteBase } from '../article/permalink.js';
import { loadConfig } from '../config/load.js';
import { text, type Command } from './command.js';

export interface PingOptions {
  config: Config;
  outDir: string;
  statePath: string;
}

export interface PingResult {
  pinged: string[];
  unchanged: string[];
  failed: { url: string; reason: string }[];
}

export class PingError extends Error {}

const TIMEOUT_MS = 15_000;

export async function ping({ config, outDir, statePath }: PingOptions): Promise<PingResult> {
  const hub = config.site.hub;
  if (!hub) throw new PingError('there is no WebSub hub to ping: set site.hub in the config');
  const base = siteBase(config.site.url);
  const state = await readState(statePath);
  const result: PingResult = { pinged: [], unchanged: [], failed: [] };
  for (const file of await feedFiles(outDir, Object.values(config.feeds.formats).filter((name): name is string => name !== false))) {
    const url = new URL(file, base).href;
    let digest: string;
    try {
      digest = createHash('sha256').update(await readFile(path.join(outDir, file))).digest('hex');
    } catch {
      result.failed.push({ url, reason: `${path.join(outDir, file)} does not exist; build first` });
      continue;
    }
    if (state[url] === digest) {
      result.unchanged.push(url);
      continue;
    }
    try {
      const response = await fetch(hub, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': url }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`the hub answered HTTP ${response.status}`);
      state[url] = digest;
      result.pinged.push(url);
    } catch (e) {
      result.failed.push({ url, reason: (e as Error).message });
    }
  }
  const temp = `${statePath}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temp, statePath);
  return result;
}

/**
 * The feeds in the output folder, as paths relative to it with `/`, sorted: each file whose path
 * is a format's name or ends with `/` and that name (`tags/go/rss.xml`, `archive/3/atom.xml`).
 * The main feeds are listed even when missing, so that ping says to build first. Links are not
 * followed: the build writes none.
 */
async function feedFiles(outDir: string, names: readonly string[]): Promise<string[]> {
  let found: string[] = [];
  try {
    const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
    found = entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(outDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .filter((rel) => names.some((name) => rel === name || rel.endsWith(`/${name}`)));
  } catch {
    // no output folder: only the main feeds, each reported missing
  }
  return [...new Set([...names, ...found])].sort();
}

async function readState(file: string): Promise<Record<string, string>> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

export const command: Command = {
  usage: '[--out DIR] [--config FILE] [--state FILE]',
  about: 'After a deploy, notifies the WebSub hub of site.hub for each feed whose bytes changed since the last ping, and only those. Exit 1 if the hub refused a ping, 2 without site.hub.',
  flags: ['out', 'config', 'state'],
  positionals: 'none',
  example: 'syndicate ping --state .cache/ping.json',
  async run({ values, cwd }) {
    const config = await loadConfig(path.resolve(cwd, text(values, 'config') ?? 'syndicate.config.json'), cwd);
    try {
      const result = await ping({ config, outDir: path.resolve(cwd, text(values, 'out') ?? 'dist'), statePath: path.resolve(cwd, text(values, 'state') ?? '.syndicate-ping.json') });
      for (const url of result.pinged) process.stdout.write(`pinged ${config.site.hub} for ${url}\n`);
      for (const url of result.unchanged) process.stdout.write(`unchanged since the last ping: ${url}\n`);
      for (const f of result.failed) process.stderr.write(`${f.url}: error: ${f.reason}\n`);
      return result.failed.length > 0 ? 1 : 0;
    } catch (e) {
      if (e instanceof PingError) {
        process.stderr.write(`syndicate: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  },
};
