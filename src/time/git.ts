/**
 * Git history of the articles folder, read in one `git log` for the whole
 * folder (never one process per file): for every file, the commit that first
 * added it and the last commit that changed its content. Renames are followed
 * back to the file's first name; a pure rename is not a change of content.
 *
 * A shallow clone cuts history at its boundary commits, whose diffs show every
 * file as added "now". Dates from those commits are left out (the next source
 * in the chain answers instead) and the build says how to fetch full history.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { toolHash } from '../util/tool-hash.js';
import { writeAlone } from '../util/write-whole.js';
import { parseDate } from './parse-date.js';

const run = promisify(execFile);

export interface GitCommitDate {
  commit: string;
  /** Author date: when the change was written, kept across rebases. */
  instant: number;
  offset: number;
}

export interface GitFileDates {
  /** The commit that added the file (under its first name). */
  added?: GitCommitDate;
  /** The last commit that changed the file's content. */
  changed?: GitCommitDate;
  /** The path the file was added under, relative to the articles folder: its name before any rename. */
  firstPath?: string;
}

export interface GitHistory {
  /** Keyed by POSIX path relative to the articles folder. */
  files: Map<string, GitFileDates>;
  shallow: boolean;
  /** How many commits the `git log` read. */
  commits: number;
  /**
   * When asked about an earlier commit (`since`) from which the current one descends in a line:
   * that commit, and the files the commits since touched, by their current paths. Every other
   * file's dates are what that commit's log gave them: the kept plan re-reads only these
   * (kept-plan.ts).
   */
  extended?: { from: string; touched: ReadonlySet<string> };
}

/**
 * The history of `relPaths` under `articlesDir`, or undefined when the folder is not in a git work
 * tree. With a cache folder, the log of a commit is kept there: a commit's history never changes,
 * so rebuilds at the same commit (editing an article, `serve --watch`, check then build in one CI
 * job) skip the one step that grows with the whole history. At a later commit that descends from
 * the kept one in a line (no merge in between, as pushes of one or a few commits are), only the
 * new commits are read from git, and the kept log follows them.
 */
export async function readGitHistory(articlesDir: string, relPaths: readonly string[], cacheDir?: string, since?: string): Promise<GitHistory | undefined> {
  const state = await repositoryState(articlesDir);
  if (state === undefined) return undefined;
  const { gitDir, shallow, head } = state;
  const boundary = shallow ? await readBoundary(gitDir) : new Set<string>();
  if (head === undefined) return { files: new Map(), shallow, commits: 0 }; // no commits yet: nothing to learn
  // What the commits since `since` touched, unless the walk below learns it on its way.
  const asked = since !== undefined && since !== head && !shallow ? since : undefined;
  const cached = cacheDir === undefined ? undefined : logCache(cacheDir, articlesDir, head, boundary);
  const log = cached && readCached(cached.file);
  if (log !== undefined) return { ...walkLog(log, relPaths, boundary), shallow, ...(asked && (await touchedSince(articlesDir, asked, head, relPaths))) };
  const walk = new LogWalk(relPaths, boundary);
  const base = cached && !shallow ? await linearBase(articlesDir, cached, head) : undefined;
  if (base) walk.touched = new Set();
  const read = await streamLog(articlesDir, base ? `${base.commit}..${head}` : head, walk, cached !== undefined);
  if (read === undefined) return { files: new Map(), shallow, commits: 0 };
  const touched = walk.touched;
  walk.touched = undefined;
  // The new commits came first, newest first; the kept log goes on from the commit before them.
  if (base) walk.read(base.log);
  if (cached) keepCached(cached, base ? read + base.log : read);
  const extended = base && touched && base.commit === asked ? { extended: { from: asked, touched } } : asked && (await touchedSince(articlesDir, asked, head, relPaths));
  return { ...walk.result(), shallow, ...extended };
}

/** GitHistory's `extended` for `since`, when `head` descends from it in a line (see linearBase); else nothing. */
async function touchedSince(dir: string, since: string, head: string, relPaths: readonly string[]): Promise<Pick<GitHistory, 'extended'>> {
  if (!(await inLine(dir, since, head))) return {};
  const walk = new LogWalk(relPaths, new Set());
  walk.touched = new Set();
  return (await streamLog(dir, `${since}..${head}`, walk, false)) === undefined ? {} : { extended: { from: since, touched: walk.touched } };
}

/**
 * The kept log of an earlier commit, when `head` descends from it in a line: every commit since
 * has exactly one parent, the one listed after it, down to that commit. Each commit of a log is
 * then its diff against its one parent, the same whatever range it is read in, so the log of the
 * new commits followed by the kept one is `head`'s log. A merge (history simplification can hide
 * either side) or a rewritten history means the whole log is read again.
 */
async function linearBase(dir: string, cached: LogCache, head: string): Promise<{ commit: string; log: string } | undefined> {
  let commit: string | undefined;
  try {
    commit = readdirSync(cached.folder)
      .map((name) => name.startsWith(`${cached.prefix}-`) && name.endsWith('.log') && name.slice(cached.prefix.length + 1, -4))
      .find((c): c is string => typeof c === 'string' && /^[0-9a-f]{40,64}$/.test(c) && c !== head);
  } catch {
    return undefined;
  }
  if (commit === undefined || !(await inLine(dir, commit, head))) return undefined;
  const log = readCached(path.join(cached.folder, `${cached.prefix}-${commit}.log`));
  return log === undefined ? undefined : { commit, log };
}

/** Whether `head` descends from `commit` in a line: every commit since has exactly one parent, the one listed after it. */
async function inLine(dir: string, commit: string, head: string): Promise<boolean> {
  let lines: string[];
  try {
    lines = (await run('git', ['rev-list', '--topo-order', '--parents', `${commit}..${head}`], { cwd: dir, maxBuffer: 1 << 30 })).stdout.split('\n').filter(Boolean);
  } catch {
    return false; // the commit is gone (a rewritten history, a new clone)
  }
  const listed = lines.map((line) => line.split(' '));
  return listed.length > 0 && listed[0]![0] === head && listed.every(([, ...parents], i) => parents.length === 1 && parents[0] === (listed[i + 1]?.[0] ?? commit));
}

/**
 * Runs `git log` and walks each commit's record as it arrives, so the walk overlaps git's own
 * work (its first run, the JIT still cold, took 30 ms of 0.4 s). Returns the whole log when
 * `keep`, '' otherwise, or undefined when git failed.
 */
function streamLog(dir: string, revision: string, walk: LogWalk, keep: boolean): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn('git', ['-c', 'core.quotePath=false', 'log', ...LOG_ARGS, revision, '--', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
    const kept: string[] = [];
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (keep) kept.push(chunk);
      pending += chunk;
      // Records start with \x01: everything before the last one is whole.
      const cut = pending.lastIndexOf('\x01');
      if (cut > 0) {
        walk.read(pending.slice(0, cut));
        pending = pending.slice(cut);
      }
    });
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      if (code !== 0) return resolve(undefined);
      walk.read(pending);
      resolve(keep ? kept.join('') : '');
    });
  });
}

const LOG_ARGS = ['-z', '--name-status', '-M', '--topo-order', '--relative', '--format=%x01%H%x02%aI'];

/** Where the repository's data is, whether it is a shallow clone, and its current commit (none before the first). */
async function repositoryState(dir: string): Promise<{ gitDir: string; shallow: boolean; head?: string } | undefined> {
  const ask = async (args: string[]) => (await run('git', ['rev-parse', '--absolute-git-dir', '--is-shallow-repository', ...args], { cwd: dir })).stdout.trim().split('\n');
  let lines: string[];
  try {
    lines = await ask(['--verify', 'HEAD']);
  } catch {
    try {
      lines = await ask([]); // a repository without commits, or no repository at all
    } catch {
      return undefined;
    }
  }
  return { gitDir: lines[0]!, shallow: lines[1] === 'true', head: lines[2] };
}

interface LogCache {
  file: string;
  folder: string;
  /** What the file's name starts with: a hash of what else a log depends on (the tool, the log's options, a shallow clone's boundary). */
  prefix: string;
}

/** The cache file for the log of `head` as read from `articlesDir` (and the boundary of a shallow clone): `<prefix>-<head>.log`. */
function logCache(cacheDir: string, articlesDir: string, head: string, boundary: ReadonlySet<string>): LogCache {
  const folder = path.join(cacheDir, 'git', createHash('sha256').update(articlesDir).digest('hex').slice(0, 16));
  const prefix = createHash('sha256')
    .update([toolHash(), ...[...boundary].sort(), ...LOG_ARGS].join('\0'))
    .digest('hex')
    .slice(0, 16);
  return { file: path.join(folder, `${prefix}-${head}.log`), folder, prefix };
}

function readCached(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Best effort, like every cache: the log of the commit before is removed, only the current one is kept. */
function keepCached(cached: LogCache, log: string): void {
  try {
    writeAlone(cached.file, log);
  } catch {
    // the next build reads the log from git again
  }
}

async function readBoundary(gitDir: string): Promise<Set<string>> {
  try {
    return new Set((await readFile(path.join(gitDir, 'shallow'), 'utf8')).split('\n').filter(Boolean));
  } catch {
    return new Set();
  }
}

/**
 * Walks the log from the newest commit to the oldest (children before parents),
 * tracking for each current file the name it had at that point in history.
 */
export function walkLog(log: string, relPaths: readonly string[], boundary: ReadonlySet<string>): Omit<GitHistory, 'shallow'> {
  const walk = new LogWalk(relPaths, boundary);
  walk.read(log);
  return walk.result();
}

/** The walk of walkLog, fed whole commit records in the log's order, in as many pieces as come. */
class LogWalk {
  private readonly files: Map<string, GitFileDates>;
  // Name in the commit being read -> the file's current path.
  private readonly current: Map<string, string>;
  private commits = 0;
  /** When set, the current path of every file the records read from now on name. */
  touched: Set<string> | undefined;

  constructor(
    relPaths: readonly string[],
    private readonly boundary: ReadonlySet<string>,
  ) {
    this.files = new Map(relPaths.map((p) => [p, {}]));
    this.current = new Map(relPaths.map((p) => [p, p]));
  }

  result(): Omit<GitHistory, 'shallow'> {
    return { files: this.files, commits: this.commits };
  }

  /** Reads whole records: text that starts at a record's \x01 (or at the log's start) and ends where one ends. */
  read(records: string): void {
    for (const chunk of records.split('\x01')) if (chunk !== '') this.commit(chunk);
  }

  private commit(chunk: string): void {
    const { files, current, boundary } = this;
    this.commits++;
    const headerEnd = chunk.indexOf('\0');
    const [hash, date] = (headerEnd === -1 ? chunk : chunk.slice(0, headerEnd)).trim().split('\x02');
    const parsed = parseDate(date!, 'UTC');
    if ('error' in parsed || boundary.has(hash!)) {
      // A shallow boundary commit shows the whole tree as added: it says nothing true about dates.
      if (boundary.has(hash!)) forgetNames(chunk.slice(headerEnd + 1), current);
      return;
    }
    const when: GitCommitDate = { commit: hash!, instant: parsed.instant, offset: parsed.offset };
    const tokens = headerEnd === -1 ? [] : chunk.slice(headerEnd + 1).replace(/^\n/, '').split('\0');
    for (let i = 0; i < tokens.length; i++) {
      const status = tokens[i]!;
      if (status === '') continue;
      if (status[0] === 'R' || status[0] === 'C') {
        const from = tokens[++i]!;
        const to = tokens[++i]!;
        const file = current.get(to);
        if (file === undefined) continue;
        this.touched?.add(file);
        const dates = files.get(file)!;
        // R100 moves the file unchanged; anything less also changed its content.
        if (status !== 'R100' && status !== 'C100') later(dates, 'changed', when);
        current.delete(to);
        if (status[0] === 'R') current.set(from, file);
        else if (earlier(dates, 'added', when)) dates.firstPath = to;
        continue;
      }
      const name = tokens[++i]!;
      const file = current.get(name);
      if (file === undefined) continue;
      this.touched?.add(file);
      const dates = files.get(file)!;
      if (status[0] === 'A') {
        if (earlier(dates, 'added', when)) dates.firstPath = name;
        later(dates, 'changed', when);
        // Older commits that used this name were about another file.
        current.delete(name);
      } else if (status[0] === 'M' || status[0] === 'T') {
        later(dates, 'changed', when);
      }
    }
  }
}

function forgetNames(body: string, current: Map<string, string>): void {
  for (const token of body.split('\0')) current.delete(token.replace(/^\n/, ''));
}

function later(dates: GitFileDates, key: 'changed', when: GitCommitDate): void {
  if (!dates[key] || when.instant > dates[key].instant) dates[key] = when;
}

/** Keeps the earlier date; true when `when` is it. */
function earlier(dates: GitFileDates, key: 'added', when: GitCommitDate): boolean {
  if (dates[key] && when.instant >= dates[key].instant) return false;
  dates[key] = when;
  return true;
}
