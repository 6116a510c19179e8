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
import type { Article, Loaded } from '../article/article.js';
import type { Resolution, ResolvedStore } from '../article/collect.js';
import type { ArticleStore } from '../article/load.js';
import type { Config } from '../config/schema.js';
import { PLAIN_RULES, readRulesOf } from '../article/read-rules.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ListedFile, SourceFile } from '../source/discover.js';
import type { GitFileDates } from '../time/git.js';
import { readsMtime } from '../time/resolve.js';
import { writeWhole } from '../util/write-whole.js';
import { jsonText, toAsciiJson } from './ascii-json.js';
import { toolHash } from './tool-hash.js';
import { unchangedSources } from './unchanged.js';

type Kept = Omit<Article, 'source'>;

/**
 * What the last build resolved for the article: its dates, URL and id, and the warnings that
 * came with them. They depend on more than the article, so the entry keeps them under a key of
 * all the rest (resolutionKey, and the commits git dates the file by), and on the file's mtime
 * only when a date was read from it.
 */
interface ResolvedMemo extends Resolution {
  key: string;
  mtimeMs?: number;
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

export class ArticleCache implements ArticleStore, ResolvedStore {
  private readonly seen = new Map<string, Entry>();

  private constructor(
    private readonly file: string,
    private readonly articlesDir: string,
    private readonly entries: Map<string, Entry>,
    private readonly journalLines: number,
    private readonly ci: boolean,
    /** What resolving reads that is the same for every article (resolutionKey). */
    private readonly resolving: string,
  ) {}

  private get journal(): string {
    return journalOf(this.file);
  }

  /**
   * The cache for one articles folder, opened when first asked: a build that starts from the kept
   * plan never reads it (13 MB for 10,000 articles).
   */
  static lazy(dir: string, articlesDir: string, config: Config, ci: boolean): ArticleStore & ResolvedStore {
    let cache: ArticleCache | undefined;
    return {
      find: async (files) => {
        cache ??= await ArticleCache.open(dir, articlesDir, config, ci);
        return cache.find(files);
      },
      byHash: (source) => cache?.byHash(source),
      put: (source, loaded) => cache?.put(source, loaded),
      resolved: (article, git) => cache?.resolved(article, git),
      keepResolved: (article, git, resolution) => cache?.keepResolved(article, git, resolution),
      // Let go once saved: its entries (a hundred megabytes of objects for 10,000 articles) would
      // otherwise stay alive through the rest of the build, and every collection would walk them.
      save: async () => {
        await cache?.save();
        cache = undefined;
      },
    };
  }

  /** The cache for one articles folder (`ci`: in CI, see byHash); a missing or damaged cache file is an empty cache. */
  private static async open(dir: string, articlesDir: string, config: Config, ci = false): Promise<ArticleCache> {
    // A folder per articles folder (projects may share a node_modules) and way of reading them (a
    // site generator's rules: readRulesOf), a file per build of the tool.
    const rules = readRulesOf(config);
    const folder = createHash('sha256').update(articlesDir).update(rules === PLAIN_RULES ? '' : `\0${JSON.stringify(rules)}`).digest('hex').slice(0, 16);
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
    return new ArticleCache(file, articlesDir, entries, lines.length, ci, resolutionKey(config, ci));
  }

  /**
   * The articles of files with the size and times they had when cached; else, for known paths
   * with new times (every file of a fresh checkout in CI), the ones that still hold the bytes
   * cached, which git's index tells without reading most of them (unchanged.ts); for the others,
   * the hash of the bytes cached. Hashing them here took less time than starting threads to do it
   * (10,000 articles: the main thread waited 0.4 s on threads that each worked 0.1 s).
   */
  async find(files: readonly ListedFile[]): Promise<{ found: (Loaded | undefined)[]; hashes: (string | undefined)[] }> {
    const found: (Loaded | undefined)[] = [];
    const hashes: (string | undefined)[] = [];
    const retimed: { index: number; file: ListedFile; hash: string }[] = [];
    for (const [index, file] of files.entries()) {
      found.push(this.byStat(file));
      const hash = found[index] ? undefined : this.entries.get(file.relPath)?.hash;
      if (hash !== undefined) retimed.push({ index, file, hash });
    }
    const same = (await unchangedSources(this.articlesDir, retimed))!;
    for (const [k, { index, hash }] of retimed.entries()) {
      if (same[k]) found[index] = this.byHash(same[k]);
      else hashes[index] = hash;
    }
    return { found, hashes };
  }

  /** The article, if the file has the size and times it had when it was cached. */
  private byStat(file: ListedFile): Loaded | undefined {
    const e = this.entries.get(file.relPath);
    if (!e || e.size !== file.size || e.mtimeMs !== file.mtimeMs || e.ctimeMs !== file.ctimeMs) return undefined;
    return this.restore(e, { ...file, hash: e.hash });
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

  /** What this build's entry for the article keeps of its resolution, if its key (and the mtime it read, if any) still hold. */
  resolved(article: Article, git: GitFileDates | undefined): Resolution | undefined {
    const { source } = article;
    const memo = this.seen.get(source.relPath)?.resolved;
    if (!memo || memo.key !== this.keyOf(git) || (memo.mtimeMs !== undefined && memo.mtimeMs !== source.mtimeMs)) return undefined;
    return memo;
  }

  /** Keeps `resolution` with this build's entry for the article (one was put or restored by this build). */
  keepResolved(article: Article, git: GitFileDates | undefined, resolution: Resolution): void {
    const { source } = article;
    const entry = this.seen.get(source.relPath);
    const mtimeMs = readsMtime(resolution) ? source.mtimeMs : undefined;
    // A new entry object, so that save() sees the change.
    if (entry) this.seen.set(source.relPath, { ...entry, resolved: { ...resolution, key: this.keyOf(git), mtimeMs } });
  }

  /** The memo's key: the settings, and the commits git dates the file by. */
  private keyOf(git: GitFileDates | undefined): string {
    return `${this.resolving}|${git?.added?.commit ?? ''}|${git?.changed?.commit ?? ''}|${git?.firstPath ?? ''}`;
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

/**
 * Everything resolving an article's dates, URL and id reads that is the same for every article:
 * the settings, whether this is CI, and the time zone data of this Node.js.
 */
function resolutionKey(config: Config, ci: boolean): string {
  // The site's language says how a byline's 05/06/2022 reads (time/resolve.ts).
  const parts = [process.versions.tz ?? '', config.site.timezone, config.site.language ?? null, config.dates, config.site.url, config.permalink, config.site.idAuthority ?? null, ci, ...(config.generator ? [config.generator] : [])];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}
