/**
 * The plan of the last build, kept for the next one. When the articles that
 * changed since kept their place (the same dates, URL, id, draft state, tags,
 * authors and language: what planning reads of an article, its shape), the
 * plan is the same, so a rebuild reads only those articles and writes the
 * feeds from the kept plan with their new text; the other articles are not
 * even looked up in the article cache, whose 13 MB for 10,000 articles were
 * most of such a rebuild. An article is unchanged when its size and times
 * are, or else (a fresh checkout in CI gives every file new times) when the
 * hash of its bytes is.
 *
 * Anything else is an ordinary build, which keeps a new plan: an article
 * added, removed or renamed, a changed shape, a new error, more than a few
 * changed articles, a previous feed. Everything else a plan stands on (the
 * tool, the options, the config, the reference time's window, the other
 * files read, the git commit) is checked by the stamp (stamp.ts), which the
 * plan is bound to by the id of the build that left both.
 */
import { hash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Article } from './article/article.js';
import type { BuildPlan, FileRecords } from './build-plan.js';
import { collect, type Candidate } from './collect.js';
import type { Config } from './config.js';
import { hasErrors, type Diagnostic } from './diagnostics.js';
import type { Facet } from './feeds/facets.js';
import { hashedSource, type ListedFile, type Listing } from './source/discover.js';
import { shapeOf } from './shape.js';
import { readsMtime } from './time/resolve.js';
import type { WorkerPool } from './util/worker-pool.js';
import { writeWhole } from './util/write-whole.js';

/**
 * Plans whose feeds hold more articles are not kept: each article is kept whole, and with the
 * 6,000 of a site with tag feeds, keeping them cost whole rebuilds more than it saved the others
 * (docs/benchmarks.md). The bound itself is a choice between the two, not a measurement.
 */
const KEEP_MAX_ITEMS = 2000;
/** At most this many changed articles are read here, one after the other; more make a whole build, which reads them on worker threads. A choice, not a measurement. */
const REUSE_MAX_CHANGED = 64;

type KeptCandidate = Omit<Candidate, 'article'> & { article: Omit<Article, 'source'> };

/** The first line of a kept plan: enough to tell that it does not fit before the rest (2 MB for 10,000 articles) is parsed. */
interface KeptHead {
  /** The id of the build that kept it, also in its stamp. */
  build: string;
  /** The hash of every file's path: any other means an article added, removed or renamed. */
  names: string;
}

interface Kept {
  paths: string[];
  /** Size, mtime and ctime of each file, one after the other. */
  states: number[];
  hashes: string[];
  shapes: string[];
  /** Indexes of the files whose dates were read from their mtime: new times are a change for them. */
  mtimeDated: number[];
  /** By the file's index: its diagnostics, without the file. */
  fileDiagnostics: Record<string, Omit<Diagnostic, 'file'>[]>;
  /** The diagnostics of no one article (of the folder as a whole). */
  otherDiagnostics: Diagnostic[];
  usesGit: boolean;
  articles: number;
  drafts: number;
  scheduled: number;
  window: BuildPlan['window'];
  /** The articles the feeds hold: the index of the file, and the article without its source. */
  toRender: [file: number, candidate: KeptCandidate][];
  /** Positions in toRender. */
  items: number[];
  pages: number[][];
  facets: (Omit<Facet, 'items'> & { items: number[] })[];
}

/** Keeps the plan of a successful build beside its stamp; best effort, like the stamp. */
export function keepPlan(file: string, build: string, plan: BuildPlan): void {
  try {
    const records = plan.toRender.length <= KEEP_MAX_ITEMS && plan.previousRead === undefined ? plan.records() : undefined;
    if (records === undefined) {
      rmSync(file, { force: true });
      return;
    }
    // Maps over every file only where needed: this runs on each rebuild, for 10,000 files and a few of them in feeds.
    const fileOf = new Map(plan.toRender.map((c) => [c.article.source.relPath, -1]));
    const states = new Array<number>(3 * plan.files.length);
    for (const [i, f] of plan.files.entries()) {
      if (fileOf.has(f.relPath)) fileOf.set(f.relPath, i);
      states[3 * i] = f.size;
      states[3 * i + 1] = f.mtimeMs;
      states[3 * i + 2] = f.ctimeMs;
    }
    const byDisplay = plan.diagnostics.length === 0 ? undefined : new Map(plan.files.map((f, i) => [f.displayPath, i]));
    const fileDiagnostics: Kept['fileDiagnostics'] = {};
    const otherDiagnostics: Diagnostic[] = [];
    for (const d of plan.diagnostics) {
      const i = byDisplay!.get(d.file);
      if (i === undefined) otherDiagnostics.push(d);
      else {
        const { file: _file, ...rest } = d;
        (fileDiagnostics[i] ??= []).push(rest);
      }
    }
    const at = new Map(plan.toRender.map((c, i) => [c, i]));
    const positions = (items: readonly Candidate[]) => items.map((c) => at.get(c)!);
    const head: KeptHead = { build, names: namesDigest(plan.files) };
    const kept: Kept = {
      paths: plan.files.map((f) => f.relPath),
      states,
      hashes: records.hashes,
      shapes: records.shapes,
      mtimeDated: records.mtimeDated,
      fileDiagnostics,
      otherDiagnostics,
      usesGit: plan.usesGit,
      articles: plan.articles,
      drafts: plan.drafts,
      scheduled: plan.scheduled,
      window: plan.window,
      toRender: plan.toRender.map((c) => {
        const { source: _source, ...article } = c.article;
        return [fileOf.get(c.article.source.relPath)!, { ...c, article }];
      }),
      items: positions(plan.items),
      pages: plan.pages.map(positions),
      facets: plan.facets.map((f) => ({ ...f, items: positions(f.items) })),
    };
    writeWhole(file, `${JSON.stringify(head)}\n${JSON.stringify(kept)}`);
  } catch {
    // A plan that cannot be written must not be left as the last build's.
    try {
      rmSync(file, { force: true });
    } catch {
      // then the stamp's digest, which a failed build drops, still tells it apart
    }
  }
}

function namesDigest(files: readonly ListedFile[]): string {
  return hash('sha256', files.map((f) => f.relPath).join('\0'), 'hex');
}

export interface ReuseInput {
  config: Config;
  articlesDir: string;
  cwd: string;
  ci?: boolean;
  cacheDir: string;
  listed: Listing;
  pool: () => WorkerPool | undefined;
}

/** The plan kept by the build whose id is `since`, if it still holds (see above); else undefined. */
export async function reusePlan(file: string, since: string, input: ReuseInput): Promise<BuildPlan | undefined> {
  const { files } = input.listed;
  if (input.config.previous !== undefined || input.listed.diagnostics.length > 0) return undefined;
  let kept: Kept;
  try {
    const text = readFileSync(file, 'utf8');
    const cut = text.indexOf('\n');
    const head = JSON.parse(text.slice(0, cut)) as KeptHead;
    if (head.build !== since || head.names !== namesDigest(files)) return undefined;
    kept = JSON.parse(text.slice(cut + 1)) as Kept;
  } catch {
    return undefined;
  }
  if (kept.paths.length !== files.length) return undefined;
  const hashes = [...kept.hashes];
  const mtimeDated = new Set(kept.mtimeDated);
  const changed: number[] = [];
  for (const [i, f] of files.entries()) {
    if (f.relPath !== kept.paths[i]) return undefined;
    if (f.size === kept.states[3 * i] && f.mtimeMs === kept.states[3 * i + 1] && f.ctimeMs === kept.states[3 * i + 2]) continue;
    // The same bytes are the same article, but not the same dates if they were read from the mtime.
    let sameBytes = false;
    try {
      sameBytes = !mtimeDated.has(i) && hashedSource(f).hash === hashes[i];
    } catch {
      // not readable now: read below, which says why
    }
    if (sameBytes) continue;
    changed.push(i);
    if (changed.length > REUSE_MAX_CHANGED) return undefined;
  }
  // The changed articles, read and resolved as a build does, without the article cache: opening it is what this saves.
  const fresh = new Map<number, Candidate>();
  const freshDiagnostics = new Map<string, Diagnostic[]>();
  if (changed.length > 0) {
    const read = await collect({
      config: input.config,
      articlesDir: input.articlesDir,
      cwd: input.cwd,
      ci: input.ci,
      cacheDir: input.cacheDir,
      articleCache: false,
      listed: { files: changed.map((i) => files[i]!), diagnostics: [] },
      pool: input.pool,
    });
    if (hasErrors(read.diagnostics) || read.candidates.length !== changed.length) return undefined;
    for (const [k, i] of changed.entries()) {
      const c = read.candidates[k]!;
      if (c.article.source.relPath !== files[i]!.relPath || shapeOf(c) !== kept.shapes[i]) return undefined;
      fresh.set(i, c);
      hashes[i] = c.article.source.hash;
      if (readsMtime(c)) mtimeDated.add(i);
      else mtimeDated.delete(i);
    }
    for (const d of read.diagnostics) freshDiagnostics.set(d.file, [...(freshDiagnostics.get(d.file) ?? []), d]);
  }
  const diagnostics = [...kept.otherDiagnostics];
  for (const [i, f] of files.entries()) {
    if (fresh.has(i)) diagnostics.push(...(freshDiagnostics.get(f.displayPath) ?? []));
    else for (const d of kept.fileDiagnostics[i] ?? []) diagnostics.push({ file: f.displayPath, ...d } as Diagnostic);
  }
  const toRender = kept.toRender.map(([i, c]) => fresh.get(i) ?? { ...c, article: { ...c.article, source: { ...files[i]!, hash: hashes[i]! } } });
  const at = (positions: number[]) => positions.map((p) => toRender[p]!);
  const records: FileRecords = { hashes, shapes: kept.shapes, mtimeDated: [...mtimeDated].sort((a, b) => a - b) };
  return {
    articlesDir: path.resolve(input.cwd, input.articlesDir),
    files,
    usesGit: kept.usesGit,
    diagnostics,
    articles: kept.articles,
    drafts: kept.drafts,
    scheduled: kept.scheduled,
    items: at(kept.items),
    pages: kept.pages.map(at),
    facets: kept.facets.map((f) => ({ ...f, items: at(f.items) })),
    toRender,
    window: kept.window,
    records: () => records,
  };
}
