/**
 * What a successful build keeps of its plan for the next one, beside its stamp: of every listed
 * file, its state, the id of its bytes and what planning reads of its article (a view: id, URL,
 * draft, dates, tags, author names, language), its diagnostics, and, whole, each article the
 * feeds hold (at most KEEP_MAX_ITEMS). The stamp and the plan carry the same random build id, so
 * a plan is only ever used with its own build's stamp (two builds at once, or one killed between
 * the two files, cannot mix them).
 */
import { hash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import type { Article } from '../article/article.js';
import type { Candidate } from '../article/identify.js';
import type { Diagnostic } from '../diagnostics.js';
import type { BuildPlan } from '../feeds/build-plan.js';
import type { Plannable } from '../feeds/plannable.js';
import type { SourceFile } from '../source/discover.js';
import type { PreviousItem } from '../time/previous.js';
import { readsMtime } from '../time/resolve.js';
import { writeWhole } from '../util/write-whole.js';

/**
 * Plans whose feeds hold more articles are not kept: each article is kept whole, and with the
 * 6,000 of a site with tag feeds, keeping them cost whole rebuilds more than it saved the others
 * (docs/rebuilds.md). The bound itself is a choice between the two, not a measurement.
 */
const KEEP_MAX_ITEMS = 2000;

/** What planning reads of an article, as kept: id, URL, draft, published and updated instants, tags, author names, language. */
type KeptView = [id: string, url: string, draft: 0 | 1, published: number, updated: number, tags: string[], authors: string[], lang: string | null];

export type KeptCandidate = Omit<Candidate, 'article'> & { article: Omit<Article, 'source'> };

/** Of each listed file, in order: what the next build compares and plans with. */
export interface Records {
  hashes: string[];
  views: KeptView[];
  /** Indexes of the files whose dates were read from their mtime. */
  mtimeDated: number[];
  /** With a previous feed: what each article was looked up by in it, hashed (keyHash; '' for nothing). */
  previousKeys?: string[];
}

export interface Kept extends Records {
  paths: string[];
  /** Size, mtime and ctime of each file, one after the other. */
  states: number[];
  /** With a previous feed: its items. */
  previous?: PreviousItem[];
  /** By the file's index: its diagnostics, without the file. */
  fileDiagnostics: Record<string, Omit<Diagnostic, 'file'>[]>;
  /** The diagnostics of no one article (of the folder as a whole). */
  otherDiagnostics: Diagnostic[];
  usesGit: boolean;
  /** The articles the feeds hold, whole: the index of the file, and the article without its source. */
  held: [file: number, candidate: KeptCandidate][];
}

/** What a whole build keeps of each listed file; undefined when some file gave no article. */
export function recordsOf(plan: BuildPlan): Records | undefined {
  const all = plan.all as readonly Candidate[];
  if (all.length !== plan.files.length || !all.every((c, i) => c.article.source.relPath === plan.files[i]!.relPath)) return undefined;
  return {
    hashes: all.map((c) => c.article.source.hash),
    views: all.map(viewRecord),
    mtimeDated: all.flatMap((c, i) => (readsMtime(c) ? [i] : [])),
    ...(plan.previous === undefined ? {} : { previousKeys: all.map((c) => (c.previousKey === undefined ? '' : keyHash(c.previousKey))) }),
  };
}

export function viewRecord(c: Plannable): KeptView {
  const { article } = c;
  return [c.id, c.url, c.draft ? 1 : 0, c.published.instant, c.updated.instant, [...article.tags], article.authors.map((a) => a.name), article.lang ?? null];
}

/** The plannable article of a kept view, for the file as listed now. */
export function viewOf([id, url, draft, published, updated, tags, authors, lang]: KeptView, source: SourceFile): Plannable {
  return { id, url, draft: draft === 1, published: { instant: published }, updated: { instant: updated }, article: { tags, authors: authors.map((name) => ({ name })), lang: lang ?? undefined, source } };
}

/** A key of the previous feed hashed short: kept for every article, where a match only means a closer look. */
export function keyHash(key: string): string {
  return hash('sha1', key, 'base64').slice(0, 11);
}

/** Keeps the plan of a successful build beside its stamp; best effort, like the stamp. */
export function keepPlan(file: string, build: string, plan: BuildPlan, records: Records | undefined): void {
  try {
    if (records === undefined || plan.toRender.length > KEEP_MAX_ITEMS) {
      rmSync(file, { force: true });
      return;
    }
    const index = new Map(plan.files.map((f, i) => [f.relPath, i]));
    const kept: Kept = {
      ...records,
      paths: plan.files.map((f) => f.relPath),
      states: plan.files.flatMap((f) => [f.size, f.mtimeMs, f.ctimeMs]),
      ...(plan.previous === undefined ? {} : { previous: plan.previous.items }),
      ...diagnosticsByFile(plan),
      usesGit: plan.usesGit,
      held: plan.toRender.map((c) => {
        const { source: _source, ...article } = c.article;
        return [index.get(c.article.source.relPath)!, { ...c, article }];
      }),
    };
    // The build's id alone on the first line: a plan that is not this stamp's is told before the rest is parsed.
    writeWhole(file, `${JSON.stringify({ build })}\n${JSON.stringify(kept)}`);
  } catch {
    // A plan that cannot be written must not be left as the last build's.
    try {
      rmSync(file, { force: true });
    } catch {
      // then the id of the build that kept it, which is not the new stamp's, still tells it apart
    }
  }
}

/** The plan kept by the build whose id is `build`, if it is that one. */
export function readKept(file: string, build: string): Kept | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    const cut = text.indexOf('\n');
    if ((JSON.parse(text.slice(0, cut)) as { build?: string }).build !== build) return undefined;
    return JSON.parse(text.slice(cut + 1)) as Kept;
  } catch {
    return undefined;
  }
}

/** The plan's diagnostics, but for those planning makes again: each article's by its file, the rest apart. */
function diagnosticsByFile(plan: BuildPlan): Pick<Kept, 'fileDiagnostics' | 'otherDiagnostics'> {
  const byDisplay = new Map(plan.files.map((f, i) => [f.displayPath, i]));
  const fileDiagnostics: Kept['fileDiagnostics'] = {};
  const otherDiagnostics: Diagnostic[] = [];
  for (const d of plan.diagnostics) {
    if (plan.planned.has(d)) continue;
    const i = byDisplay.get(d.file);
    if (i === undefined) otherDiagnostics.push(d);
    else {
      const { file: _file, ...rest } = d;
      (fileDiagnostics[i] ??= []).push(rest);
    }
  }
  return { fileDiagnostics, otherDiagnostics };
}
