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
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
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
}

/** The history of `relPaths` under `articlesDir`, or undefined when the folder is not in a git work tree. */
export async function readGitHistory(articlesDir: string, relPaths: readonly string[]): Promise<GitHistory | undefined> {
  let info: string[];
  try {
    const { stdout } = await run('git', ['rev-parse', '--absolute-git-dir', '--is-shallow-repository'], { cwd: articlesDir });
    info = stdout.trim().split('\n');
  } catch {
    return undefined;
  }
  const [gitDir, shallowFlag] = info;
  const shallow = shallowFlag === 'true';
  const boundary = shallow ? await readBoundary(gitDir!) : new Set<string>();

  let log: string;
  try {
    const { stdout } = await run(
      'git',
      ['-c', 'core.quotePath=false', 'log', '-z', '--name-status', '-M', '--topo-order', '--relative', '--format=%x01%H%x02%aI', '--', '.'],
      { cwd: articlesDir, maxBuffer: 1 << 30 },
    );
    log = stdout;
  } catch {
    // A repository without commits yet: nothing to learn from it.
    return { files: new Map(), shallow, commits: 0 };
  }
  return { ...walkLog(log, relPaths, boundary), shallow };
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
  const files = new Map<string, GitFileDates>(relPaths.map((p) => [p, {}]));
  // Name in the commit being read -> the file's current path.
  const current = new Map<string, string>(relPaths.map((p) => [p, p]));
  let commits = 0;
  for (const chunk of log.split('\x01')) {
    if (chunk === '') continue;
    commits++;
    const headerEnd = chunk.indexOf('\0');
    const [hash, date] = (headerEnd === -1 ? chunk : chunk.slice(0, headerEnd)).trim().split('\x02');
    const parsed = parseDate(date!, 'UTC');
    if ('error' in parsed || boundary.has(hash!)) {
      // A shallow boundary commit shows the whole tree as added: it says nothing true about dates.
      if (boundary.has(hash!)) forgetNames(chunk.slice(headerEnd + 1), current);
      continue;
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
  return { files, commits };
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
