/**
 * Articles as the last build parsed and normalized them, under
 * node_modules/.cache/syndicate/articles/. An article is found first by its
 * path, size and times, and then its file is not even read; else by the hash
 * of its bytes (a fresh checkout in CI gives every file new times but the
 * same bytes). Either way the YAML, the validation and the normalizing are
 * skipped. A normalized article depends on nothing but its path and its
 * bytes, and the files are named for the tool hash, so an entry is never stale.
 *
 * The entries are one JSON file plus a journal: a build that changed a few
 * entries appends them as lines (writing the whole file again for one edited
 * article measured a tenth of that rebuild), and one that changed many, or
 * finds the journal long, writes the whole file and starts a new journal.
 * Any entry, old or new, is true of the file state it records, so lines
 * applied out of order or cut short cost a miss at worst.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { ListedFile, SourceFile } from '../source/discover.js';
import { jsonText, toAsciiJson } from '../util/ascii-json.js';
import { toolHash } from '../util/tool-hash.js';
import { writeWhole } from '../util/write-whole.js';
import type { Timestamp } from '../time/timestamp.js';
import type { Article } from './article.js';

/** What reading one file gave: an article, or none (its errors say why), and its diagnostics. */
export interface Loaded {
  article?: Article;
  diagnostics: Diagnostic[];
}

type Kept = Omit<Article, 'source'>;

/**
 * What the last build resolved for the article: its dates, URL and id, and the warnings that
 * came with them. They depend on more than the article, so the entry keeps them under a key of
 * all the rest (see collect.ts), and on the file's mtime only when a date was read from it.
 */
export interface ResolvedMemo {
  key: string;
  mtimeMs?: number;
  published: Timestamp;
  updated: Timestamp;
  url: string;
  id: string;
  /** The article's shape (shape.ts). */
  shape?: string;
  diagnostics: Omit<Diagnostic, 'file'>[];
}

interface Entry {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  hash: string;
  article?: Kept;
  /** Without their file name, which is the display path of the day. */
  diagnostics: Omit<Diagnostic, 'file'>[];
  resolved?: ResolvedMemo;
}

// Journal lines beyond which the whole file is written again: this many, or an eighth of the entries.
const JOURNAL_LINES = 64;

/** The journal beside a cache file: the same name, another ending. */
function journalOf(file: string): string {
  return file.replace(/\.json$/, '.journal');
}

export class ArticleCache {
  private readonly seen = new Map<string, Entry>();

  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, Entry>,
    private readonly journalLines: number,
    private readonly ci: boolean,
  ) {}

  private get journal(): string {
    return journalOf(this.file);
  }

  /** The cache for one articles folder (`ci`: in CI, see byHash); a missing or damaged cache file is an empty cache. */
  static async open(dir: string, articlesDir: string, ci = false): Promise<ArticleCache> {
    // A folder per articles folder (projects may share a node_modules), a file per build of the tool.
    const folder = createHash('sha256').update(articlesDir).digest('hex').slice(0, 16);
    const file = path.join(dir, folder, `${toolHash().slice(0, 32)}.json`);
    let entries = new Map<string, Entry>();
    try {
      const parsed = JSON.parse(jsonText(await readFile(file))) as { entries?: Record<string, Entry> };
      if (parsed.entries && typeof parsed.entries === 'object') entries = new Map(Object.entries(parsed.entries));
    } catch {
      // no cache yet, or one cut short: every article is read
    }
    let lines: string[] = [];
    try {
      lines = jsonText(await readFile(journalOf(file))).split('\n').filter(Boolean);
    } catch {
      // no journal
    }
    for (const line of lines) {
      try {
        const [relPath, entry] = JSON.parse(line) as [string, Entry | null];
        if (entry) entries.set(relPath, entry);
        else entries.delete(relPath);
      } catch {
        // a line cut short by a killed build
      }
    }
    return new ArticleCache(file, entries, lines.length, ci);
  }

  /** The article, if the file has the size and times it had when it was cached. */
  byStat(file: ListedFile): Loaded | undefined {
    const e = this.entries.get(file.relPath);
    if (!e || e.size !== file.size || e.mtimeMs !== file.mtimeMs || e.ctimeMs !== file.ctimeMs) return undefined;
    return this.restore(e, { ...file, hash: e.hash });
  }

  /** The hash of the bytes cached for this path, if any. */
  hashOf(relPath: string): string | undefined {
    return this.entries.get(relPath)?.hash;
  }

  /**
   * The article, if the file has the bytes it had when it was cached. Its new times are kept for
   * next time, but not in CI: there the next build is a fresh checkout, which gives every file new
   * times again, so they would never match, and writing the whole cache again for them (13 MB
   * for 10,000 articles) was a fifth of every CI build.
   */
  byHash(file: SourceFile): Loaded | undefined {
    const e = this.entries.get(file.relPath);
    if (!e || e.hash !== file.hash) return undefined;
    return this.restore(this.ci ? e : { ...e, size: file.size, mtimeMs: file.mtimeMs, ctimeMs: file.ctimeMs }, file);
  }

  /** The memo of this build's entry for `source`, if its key (and the mtime it read, if any) still hold. */
  resolved(source: SourceFile, key: string): ResolvedMemo | undefined {
    const memo = this.seen.get(source.relPath)?.resolved;
    if (!memo || memo.key !== key || (memo.mtimeMs !== undefined && memo.mtimeMs !== source.mtimeMs)) return undefined;
    return memo;
  }

  /** Keeps `memo` with this build's entry for `source` (one was put or restored by this build). */
  keepResolved(source: SourceFile, memo: ResolvedMemo): void {
    const entry = this.seen.get(source.relPath);
    // A new entry object, so that save() sees the change.
    if (entry) this.seen.set(source.relPath, { ...entry, resolved: memo });
  }

  put(file: SourceFile, loaded: Loaded): void {
    const { source: _source, ...kept } = loaded.article ?? ({} as Article);
    this.seen.set(file.relPath, {
      size: file.size,
      mtimeMs: file.mtimeMs,
      ctimeMs: file.ctimeMs,
      hash: file.hash,
      article: loaded.article && kept,
      diagnostics: loaded.diagnostics.map(({ file: _file, ...d }) => d),
    });
  }

  /**
   * Keeps the entries of this build's files, when any changed: as journal lines
   * when they are few, else the whole file; entries of removed files and caches
   * of other tool builds go. Best effort: a cache that cannot be written only
   * makes the next build slower.
   */
  async save(): Promise<void> {
    const changes: [string, Entry | null][] = [];
    for (const [relPath, entry] of this.seen) if (this.entries.get(relPath) !== entry) changes.push([relPath, entry]);
    for (const relPath of this.entries.keys()) if (!this.seen.has(relPath)) changes.push([relPath, null]);
    if (changes.length === 0) return;
    try {
      if (this.journalLines + changes.length <= Math.max(JOURNAL_LINES, this.seen.size / 8)) {
        mkdirSync(path.dirname(this.journal), { recursive: true });
        appendFileSync(this.journal, changes.map((c) => `${toAsciiJson(c)}\n`).join(''));
        return;
      }
      writeWhole(this.file, toAsciiJson({ entries: Object.fromEntries(this.seen) }));
      await rm(this.journal, { force: true });
      const dir = path.dirname(this.file);
      for (const other of await readdir(dir)) {
        const mine = other === path.basename(this.file) || other === path.basename(this.journal);
        if (!mine && (other.endsWith('.json') || other.endsWith('.journal'))) await rm(path.join(dir, other), { force: true });
      }
    } catch {
      // ignored on purpose
    }
  }

  private restore(entry: Entry, source: SourceFile): Loaded {
    this.seen.set(source.relPath, entry);
    return {
      article: entry.article && { ...entry.article, source },
      diagnostics: entry.diagnostics.map((d) => ({ file: source.displayPath, ...d }) as Diagnostic),
    };
  }
}
