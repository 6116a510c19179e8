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
  /** How many commits the log held. */
  commits: number;
  /** The commit it was read at (none before the first commit). */
  head?: string;
}

/** A work tree's current commit, and what of its history can be trusted. */
export interface Repository {
  dir: string;
  /** Undefined before the first commit. */
  head?: string;
  shallow: boolean;
  /** The boundary commits of a shallow clone: their diffs show every file as added then. */
  boundary: ReadonlySet<string>;
}

/**
 * Where the log of a commit comes from: `git log` by default, as it streams (readLog); a
 * rebuild's cache keeps the log of the last commit read and serves it, or only reads the new
 * commits since (rebuild/git-log.ts). It hands `walk` the log's records, newest first, and says
 * whether it could.
 */
export type LogSource = (repo: Repository & { head: string }, walk: (records: string) => void) => Promise<boolean>;

/** The log of `repo`'s HEAD, streamed from git. */
export const readLog: LogSource = async (repo, walk) => (await streamLog(repo.dir, repo.head, walk, false)) !== undefined;

/**
 * The history of `relPaths` under `articlesDir`, or undefined when the folder is not in a git work
 * tree. One `git rev-parse`, and the log from `source`.
 */
export async function readGitHistory(articlesDir: string, relPaths: readonly string[], source: LogSource = readLog): Promise<GitHistory | undefined> {
  const repo = await repository(articlesDir);
  if (repo === undefined) return undefined;
  const { shallow, head } = repo;
  if (head === undefined) return { files: new Map(), shallow, commits: 0 }; // no commits yet: nothing to learn
  const walk = new LogWalk(relPaths, repo.boundary);
  if (!(await source({ ...repo, head }, (records) => walk.read(records)))) return { files: new Map(), shallow, commits: 0 };
  return { ...walk.result(), shallow, head };
}

/** Whether `head` descends from `commit` in a line: every commit since has exactly one parent, the one listed after it. */
export async function inLine(dir: string, commit: string, head: string): Promise<boolean> {
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
 * Runs `git log` over `revision` and hands each commit's records to `walk` as they arrive, so the
 * walk overlaps git's own work (its first run, the JIT still cold, took 30 ms of 0.4 s). Returns
 * the whole log when `keep`, '' otherwise, or undefined when git failed.
 */
export function streamLog(dir: string, revision: string, walk: (records: string) => void, keep: boolean): Promise<string | undefined> {
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
        walk(pending.slice(0, cut));
        pending = pending.slice(cut);
      }
    });
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      if (code !== 0) return resolve(undefined);
      walk(pending);
      resolve(keep ? kept.join('') : '');
    });
  });
}

/** What the log is asked for: its records' shape depends on it, so a kept log is keyed on it too. */
export const LOG_ARGS = ['-z', '--name-status', '-M', '--topo-order', '--relative', '--format=%x01%H%x02%aI'];

/** Where the repository's data is, whether it is a shallow clone, and its current commit (none before the first). */
async function repository(dir: string): Promise<Repository | undefined> {
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
  const shallow = lines[1] === 'true';
  return { dir, head: lines[2], shallow, boundary: shallow ? await readBoundary(lines[0]!) : new Set() };
}

async function readBoundary(gitDir: string): Promise<Set<string>> {
  try {
    return new Set((await readFile(path.join(gitDir, 'shallow'), 'utf8')).split('\n').filter(Boolean));
  } catch {
    return new Set();
  }
}

/** The current paths of the files the commits of `log` touched (added, changed, renamed). */
export function touchedBy(log: string, relPaths: readonly string[]): Set<string> {
  const walk = new LogWalk(relPaths, new Set());
  walk.touched = new Set();
  walk.read(log);
  return walk.touched;
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
