/**
 * The up-to-date check: a rebuild with nothing changed does no work at all.
 *
 * A successful build leaves a stamp of everything its output depends on: the
 * tool hash, the options, the config file's bytes, every article's path, size
 * and times, every other file it looked at (enclosures it measured) and
 * whether each existed, the previous feed (a file's state, or a URL), the git
 * commit it read dates from, the window of reference times (--now) that give
 * the same items (from the newest published article to the next scheduled
 * one), and the state of every file it wrote. The next build compares them
 * before loading the config or any article: when all match, it reports the
 * stamped result, every file unchanged, and touches nothing. Any doubt (no
 * stamp, a file gone) means an ordinary build. A previous feed read from the
 * web can change at any time, so it never lets the stamp answer alone: such a
 * build starts from the last one's plan at most (kept-plan.ts), as does one
 * whose previous feed file changed.
 *
 * This module loads nothing heavy, so the check costs little more than
 * listing the articles.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BuildResult } from '../output/result.js';
import { discover, type ListedFile, type Listing } from '../source/discover.js';
import type { FeedLocation } from '../source/feed-location.js';
import { stateOf, stillIn, type FileState } from '../util/file-state.js';
import { writeWhole } from '../util/write-whole.js';
import { toolHash } from './tool-hash.js';

/** What a build was asked to do: a stamp is only for the same request. */
export interface StampRequest {
  cwd: string;
  configPath: string;
  articlesDir: string;
  outDir: string;
  previous?: string;
  strict: boolean;
  keepGoing: boolean;
  ci: boolean;
  /** The tool's cache folder, where stamps are kept. */
  cacheDir: string;
  /**
   * A site generator's project: the generator's files read for the config (their bytes are part
   * of the request, as the config file's are), and which listed files are its posts.
   */
  site?: { files: string[]; select: (files: ListedFile[]) => ListedFile[] };
}

export interface StampKey {
  file: string;
  request: string;
  /** Which listed files are articles (StampRequest.site). */
  select?: (files: ListedFile[]) => ListedFile[];
  /** Where the files this build wrote are recorded, so the next one can remove those it no longer writes (prune.ts). */
  outputsRecord: string;
  /** Where the build's plan is kept (kept-plan.ts). */
  planRecord: string;
}

interface Stamp {
  request: string;
  /** An id of the build that left it, also in the plan that build kept (kept-plan.ts): the two are used together or not at all. */
  build: string;
  articles: string;
  inputs: Record<string, FileState | null>;
  git: string | null;
  /** The previous feed read, if any: from the web, or a file as it was. */
  previous: null | { url: string } | { file: string; state: FileState | null };
  /** The build's items are the same for every reference time in [from, until). */
  window: { from: number; until: number | null };
  outputs: Record<string, FileState | null>;
  result: BuildResult;
}

/** What the build read besides the articles, told to writeStamp. */
export interface StampInputs {
  /** The build's id (see Stamp). */
  build: string;
  articlesDir: string;
  /** The listing digest of the articles (listingDigest). */
  articles: string;
  /** Paths looked at (found or not): measured enclosures. */
  inputs: Iterable<string>;
  /** The previous feed read, if any. */
  previous?: FeedLocation;
  /** Whether the article dates came from git. */
  usesGit: boolean;
  /** The git state read before the build, if it was. */
  git?: string;
  window: { from: number; until: number | null };
  /** Absolute paths of every file written or left unchanged. */
  outputs: readonly string[];
}

const NOT_A_REPOSITORY = 'none';

/** The request, hashed with the tool and the config file's bytes. */
export async function stampKey(req: StampRequest): Promise<StampKey> {
  const config = await readFile(req.configPath).catch(() => undefined);
  const hash = createHash('sha256')
    .update(JSON.stringify([toolHash(), req.cwd, req.configPath, req.articlesDir, req.outDir, req.previous ?? null, req.strict, req.keepGoing, req.ci]))
    .update('\0')
    .update(config ?? 'no config file');
  for (const file of req.site?.files ?? []) hash.update(`\0${file}\0`).update((await readFile(file).catch(() => undefined)) ?? 'missing');
  const request = hash.digest('hex');
  const name = createHash('sha256').update(JSON.stringify([req.cwd, req.configPath, req.articlesDir, req.outDir])).digest('hex').slice(0, 32);
  const record = (what: string) => path.join(req.cacheDir, 'stamps', `${name}${what}.json`);
  return { file: record(''), request, outputsRecord: record('.outputs'), planRecord: record('.plan'), select: req.site?.select };
}

/** What the up-to-date check learned on its way, handed to the build so that it does not learn it again. */
export interface Checked {
  listed: Listing;
  /** The listing digest of `listed`. */
  articles: string;
  /** The git state, when the stamped build read one: as it was before this build started. */
  git?: string;
  /** The stamped build's git state, when it differs from `git` (a commit since): the kept plan then asks what the new commits touched. */
  gitWas?: string;
  /**
   * When only articles, output files, measured enclosures, the previous feed or the git commit
   * changed since the stamped build, that build's id: everything else its plan stands on is as it
   * was, and the build may start from that plan (kept-plan.ts).
   */
  since?: string;
}

/**
 * The stamped result, every file unchanged, when nothing the last build
 * depended on has changed. Else what the check learned, when it listed the
 * articles (see Checked).
 */
export async function upToDate(key: StampKey, articlesDir: string, cwd: string, now: number): Promise<{ result: BuildResult } | { checked?: Checked }> {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(await readFile(key.file, 'utf8')) as Stamp;
  } catch {
    return {};
  }
  if (stamp.request !== key.request) return {};
  if (now < stamp.window.from || (stamp.window.until !== null && now >= stamp.window.until)) return {};
  // What the items alone read (measured enclosures, measured again for every item a build
  // writes) and what the plan finds again (the previous feed) need a build, not a whole one.
  const othersSame = allStill(stamp.inputs) && allStill(stamp.outputs);
  // git runs while the articles are listed: waiting for it after measured a tenth of the check.
  const git = stamp.git === null ? undefined : gitState(articlesDir);
  const listed = await discover(articlesDir, cwd, key.select);
  const articles = listingDigest(listed.files);
  const checked: Checked = { listed, articles, git: await git };
  if (listed.diagnostics.length > 0) return { checked };
  if (git && checked.git !== stamp.git) return { checked: { ...checked, since: stamp.build, gitWas: stamp.git! } };
  const previousSame = stamp.previous === null || ('file' in stamp.previous && stillIn(stamp.previous.file, stamp.previous.state));
  if (articles !== stamp.articles || !othersSame || !previousSame) return { checked: { ...checked, since: stamp.build } };
  const { result } = stamp;
  return { result: { ...result, removed: [], outputs: result.outputs.map((o) => ({ ...o, status: o.status === 'not-written' ? o.status : 'unchanged' })) } };
}

/** Leaves the stamp of a successful build. Best effort: without it, the next build only does all the work. */
export async function writeStamp(key: StampKey, seen: StampInputs, result: BuildResult): Promise<void> {
  try {
    const inputs = [...new Set(seen.inputs)].sort();
    const stamp: Stamp = {
      request: key.request,
      build: seen.build,
      articles: seen.articles,
      inputs: Object.fromEntries(inputs.map((p) => [p, stateOf(p)])),
      git: seen.usesGit ? (seen.git ?? (await gitState(seen.articlesDir))) : null,
      previous: seen.previous === undefined ? null : 'url' in seen.previous ? seen.previous : { file: seen.previous.file, state: stateOf(seen.previous.file) },
      window: seen.window,
      outputs: Object.fromEntries(seen.outputs.map((p) => [p, stateOf(p)])),
      result,
    };
    writeWhole(key.file, JSON.stringify(stamp));
  } catch {
    await dropStamp(key);
  }
}

/** Forgets the stamp: a build that failed, or was not written, proves nothing about the next one. */
export async function dropStamp(key: StampKey): Promise<void> {
  await rm(key.file, { force: true }).catch(() => undefined);
}

/** What a listing of the articles is, in one hash: every path, size and time. */
export function listingDigest(files: readonly ListedFile[]): string {
  // The paths joined (no path holds a NUL), then the sizes and times as the bytes of their doubles:
  // writing 30,000 numbers out as text took half of this function. (Bytes in this machine's order: a
  // stamp carried to a machine of the other order only misses.) One update each: one per file took most of the time.
  // The count first, so that where the paths end and the numbers start is never in doubt.
  const states = new Float64Array(files.length * 3);
  files.forEach((f, i) => {
    states[3 * i] = f.size;
    states[3 * i + 1] = f.mtimeMs;
    states[3 * i + 2] = f.ctimeMs;
  });
  return createHash('sha256')
    .update(`${files.length}\n`)
    .update(files.map((f) => f.relPath).join('\0'))
    .update(new Uint8Array(states.buffer))
    .digest('hex');
}

function allStill(states: Record<string, FileState | null>): boolean {
  return Object.entries(states).every(([p, was]) => stillIn(p, was));
}

/** The commit git dates are read from, and whether the clone is shallow: one small git call. */
function gitState(dir: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', 'HEAD', '--is-shallow-repository'], { cwd: dir }, (e, stdout) => resolve(e ? NOT_A_REPOSITORY : stdout.trim()));
  });
}
