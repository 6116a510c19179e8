/**
 * The git log of the last commit dates were read at, kept under the cache folder's git/, keyed
 * by the commit, the boundary of a shallow clone and the tool hash; only the current commit's is
 * kept. A commit's history never changes, and `git log` is the one step of a rebuild that grows
 * with the whole history (0.2-0.45 s at 10,000 articles): a rebuild at the same commit (an
 * article edited, `serve --watch`, check then build in one CI job) reads none of it. At a later
 * commit that descends from the kept one in a line (no merge in between, as pushes of one or a
 * few commits are), only `git log kept..HEAD` runs and the kept log follows it: each commit's
 * entry is its diff against its one parent, whatever range it is read in, so the two together
 * are HEAD's log. A merge (history simplification may hide either side) or a kept commit that is
 * no ancestor (a rewritten history) reads the whole log.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LOG_ARGS, inLine, streamLog, touchedBy, type LogSource, type Repository } from '../time/git.js';
import { writeAlone } from '../util/write-whole.js';
import { toolHash } from './tool-hash.js';

interface Kept {
  file: string;
  folder: string;
  /** What the file's name starts with: a hash of what else a log depends on (the tool, the log's options, a shallow clone's boundary). */
  prefix: string;
}

export class GitLogCache {
  /** The commits read on top of a kept log by the last read, and the commit that log was of. */
  private added?: { from: string; log: string };

  constructor(private readonly cacheDir: string) {}

  /** The log source of readGitHistory: the kept log, or the new commits and the kept log, or the whole log from git. */
  readonly source: LogSource = async (repo, walk) => {
    const kept = this.keptFor(repo);
    const log = readKept(kept.file);
    if (log !== undefined) {
      walk(log);
      return true;
    }
    const base = repo.shallow ? undefined : await this.linearBase(repo.dir, kept, repo.head);
    const read = await streamLog(repo.dir, base ? `${base.commit}..${repo.head}` : repo.head, walk, true);
    if (read === undefined) return false;
    // The new commits came first, newest first; the kept log goes on from the commit before them.
    if (base) {
      walk(base.log);
      this.added = { from: base.commit, log: read };
    }
    keep(kept.file, base ? read + base.log : read);
    return true;
  };

  /**
   * The current paths of the files the commits since `since` touched, when HEAD descends from it
   * in a line; undefined when that cannot be told (a merge, a rewritten history), so that any
   * file's git dates may have moved. Read from what the last read added, or with one `git log`.
   */
  async touchedSince(dir: string, since: string, head: string, relPaths: readonly string[]): Promise<Set<string> | undefined> {
    if (since === head) return new Set();
    if (this.added?.from === since) return touchedBy(this.added.log, relPaths);
    if (!(await inLine(dir, since, head))) return undefined;
    const log = await streamLog(dir, `${since}..${head}`, () => undefined, true);
    return log === undefined ? undefined : touchedBy(log, relPaths);
  }

  /** The cache file for the log of `repo`'s head as read from its folder: `<prefix>-<head>.log`. */
  private keptFor(repo: Repository & { head: string }): Kept {
    const folder = path.join(this.cacheDir, 'git', createHash('sha256').update(repo.dir).digest('hex').slice(0, 16));
    const prefix = createHash('sha256')
      .update([toolHash(), ...[...repo.boundary].sort(), ...LOG_ARGS].join('\0'))
      .digest('hex')
      .slice(0, 16);
    return { file: path.join(folder, `${prefix}-${repo.head}.log`), folder, prefix };
  }

  /** The kept log of an earlier commit, when `head` descends from it in a line (see above). */
  private async linearBase(dir: string, kept: Kept, head: string): Promise<{ commit: string; log: string } | undefined> {
    let commit: string | undefined;
    try {
      commit = readdirSync(kept.folder)
        .map((name) => name.startsWith(`${kept.prefix}-`) && name.endsWith('.log') && name.slice(kept.prefix.length + 1, -4))
        .find((c): c is string => typeof c === 'string' && /^[0-9a-f]{40,64}$/.test(c) && c !== head);
    } catch {
      return undefined;
    }
    if (commit === undefined || !(await inLine(dir, commit, head))) return undefined;
    const log = readKept(path.join(kept.folder, `${kept.prefix}-${commit}.log`));
    return log === undefined ? undefined : { commit, log };
  }
}

function readKept(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Best effort, like every cache: the log of the commit before is removed, only the current one is kept. */
function keep(file: string, log: string): void {
  try {
    writeAlone(file, log);
  } catch {
    // the next build reads the log from git again
  }
}
