/**
 * What a successful build keeps of its plan for the next one, beside its stamp. Of every listed
 * file: its state, the id of its bytes, its diagnostics and what planning reads of its article (a
 * view: id, URL, draft, dates, tags, author names, language); whole, each article the feeds hold
 * (at most KEEP_MAX_ITEMS); and the plan itself, by positions among those. The stamp and the
 * plan carry the same random build id, so a plan is only ever used with its own build's stamp
 * (two builds at once, or one killed between the two files, cannot mix them).
 *
 * The plan's file is the build's id on the first line, then the rest of this core. The views are
 * a file beside it, one view a line in the listing's order, under an id of their own that the
 * core names: a rebuild that finds the views of the articles it read again unchanged has the last
 * plan (its inputs are the same), parses no other view, and leaves the views' file as it is; one
 * that plans again parses them all, and writes them anew.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import type { Article } from '../article/article.js';
import type { Candidate } from '../article/identify.js';
import type { Config } from '../config/schema.js';
import type { Diagnostic } from '../diagnostics.js';
import type { BuildPlan } from '../feeds/build-plan.js';
import type { Facet } from '../feeds/facets.js';
import type { Plannable } from '../feeds/plannable.js';
import type { SourceFile } from '../source/discover.js';
import type { PreviousItem } from '../time/previous.js';
import { readsMtime } from '../time/resolve.js';
import { writeWhole } from '../util/write-whole.js';
import { nameHash, pagesDigest } from './changes.js';

/**
 * Plans whose feeds hold more articles are not kept: each article is kept whole, and with the
 * 6,000 of a site with tag feeds, keeping them cost whole rebuilds more than it saved the others
 * (docs/rebuilds.md). The bound itself is a choice between the two, not a measurement.
 */
const KEEP_MAX_ITEMS = 2000;

/**
 * What planning reads of an article, as kept: id, URL, draft, published instant; and the tags,
 * author names and language only where the config has feeds of them (a config changed since is a
 * whole build: the stamp sees it). The URL is only a name no two articles may share: it is kept
 * hashed (a plan made again that finds two alike is a whole build, which tells a true duplicate
 * from two hashes alike). The updated instant is kept apart (Records.updated): an edit committed
 * to git moves it and nothing else, and the views need not be written again for that.
 */
type KeptView = [id: string, urlHash: string, draft: 0 | 1, published: number, tags?: string[] | 0, authors?: string[] | 0, lang?: string | null];

export type KeptCandidate = Omit<Candidate, 'article'> & { article: Omit<Article, 'source'> };

/** Of each listed file, in order: what the next build compares and plans with. */
export interface Records {
  hashes: string[];
  /** Each file's view as a line of JSON (viewLine). */
  views: ViewLines;
  /** Each file's updated instant. */
  updated: number[];
  /** The published instants two articles or more share, where an updated date orders them (see samePlan). */
  shared: number[];
  /** Indexes of the files whose dates were read from their mtime. */
  mtimeDated: number[];
  /** With a previous feed: what each article was looked up by in it, hashed (nameHash; '' for nothing). */
  previousKeys?: string[];
}

/** The last plan, by positions in the articles it held whole. */
export interface KeptFeeds {
  items: number[];
  pages: number[][];
  facets: Facet<number>[];
  drafts: number;
  scheduled: number;
  window: BuildPlan['window'];
  /** What planning said (duplicates, spellings). */
  diagnostics: Diagnostic[];
}

export interface Kept extends Omit<Records, 'views'> {
  /** The id of the views' file this core goes with. */
  viewsId: string;
  paths: string[];
  /** Size, mtime and ctime of each file, one after the other. */
  states: number[];
  /** With a previous feed: its items. */
  previous?: PreviousItem[];
  /** What its archive pages said (pagesDigest). */
  pagesDigest?: string;
  /** By the file's index: its diagnostics, without the file. */
  fileDiagnostics: Record<string, Omit<Diagnostic, 'file'>[]>;
  /** The diagnostics of no one article (of the folder as a whole). */
  otherDiagnostics: Diagnostic[];
  usesGit: boolean;
  /** The articles the feeds hold, newest first, whole: the index of the file, and the article without its source. */
  held: [file: number, candidate: KeptCandidate][];
  feeds: KeptFeeds;
  /** Each file's view line (Records.views), cut out and parsed only where needed. */
  views: ViewLines;
}

/** What a whole build keeps of each listed file; undefined when some file gave no article. */
export function recordsOf(plan: BuildPlan, config: Config): Records | undefined {
  const all = plan.candidates;
  if (all === undefined || all.length !== plan.files.length || !all.every((c, i) => c.article.source.relPath === plan.files[i]!.relPath)) return undefined;
  return {
    hashes: all.map((c) => c.article.source.hash),
    views: ViewLines.of(all.map((c) => viewLine(c, config))),
    updated: all.map((c) => c.updated.instant),
    shared: sharedInstants(all),
    mtimeDated: all.flatMap((c, i) => (readsMtime(c) ? [i] : [])),
    ...(plan.previous === undefined ? {} : { previousKeys: all.map(previousKeyOf) }),
  };
}

/** What planning reads of an article, as one line of JSON: under one config, two articles with the same line plan alike. */
export function viewLine(c: Plannable, config: Config): string {
  const { article } = c;
  const { tags, authors, languages } = config.feeds.facets;
  const view: KeptView = [c.id, nameHash(c.url), c.draft ? 1 : 0, c.published.instant];
  if (tags || authors || languages) view.push(tags ? [...article.tags] : 0, authors ? article.authors.map((a) => a.name) : 0, languages ? (article.lang ?? null) : null);
  return JSON.stringify(view);
}

/** The published instants that two articles or more share. */
export function sharedInstants(all: readonly Plannable[]): number[] {
  const seen = new Set<number>();
  const shared = new Set<number>();
  for (const c of all) (seen.has(c.published.instant) ? shared : seen).add(c.published.instant);
  return [...shared].sort((a, b) => a - b);
}

/** The plannable article of a view line (its URL hashed) and its updated instant, for the file as listed now. */
export function viewOf(line: string, updated: number, source: SourceFile): Plannable {
  const [id, url, draft, published, tags, authors, lang] = JSON.parse(line) as KeptView;
  const names = authors || [];
  return { id, url, draft: draft === 1, published: { instant: published }, updated: { instant: updated }, article: { tags: tags || [], authors: names.map((name) => ({ name })), lang: lang ?? undefined, source } };
}

/** What the article was looked up by in the previous feed, as kept. */
export function previousKeyOf(c: Candidate): string {
  return c.previousKey === undefined ? '' : nameHash(c.previousKey);
}

/** Where the views of the plan kept in `file` are. */
const viewsFileOf = (file: string) => file.replace(/\.json$/, '.views');

/** Keeps the plan of a successful build beside its stamp (`recordsOf` is asked only when it is kept); best effort, like the stamp. */
export function keepPlan(file: string, build: string, plan: BuildPlan, recordsOf: () => Records | undefined): void {
  try {
    const records = plan.toRender.length > KEEP_MAX_ITEMS ? undefined : recordsOf();
    if (records === undefined) {
      for (const f of [file, viewsFileOf(file)]) rmSync(f, { force: true });
      return;
    }
    const { views, ...rest } = records;
    // Views read from the file beside are still there, under their id; others are written first (a
    // core is never written before the views it names).
    const viewsId = views.id ?? randomUUID();
    if (views.id === undefined) writeWhole(viewsFileOf(file), `${JSON.stringify({ views: viewsId })}\n${views.text}`);
    // One pass over the files, no map of all of them: this runs on every rebuild, for 10,000 files and a few of them held.
    const index = new Map(plan.toRender.map((c) => [c.article.source.relPath, -1]));
    const paths = new Array<string>(plan.files.length);
    const states = new Array<number>(3 * plan.files.length);
    for (const [i, f] of plan.files.entries()) {
      if (index.has(f.relPath)) index.set(f.relPath, i);
      paths[i] = f.relPath;
      states[3 * i] = f.size;
      states[3 * i + 1] = f.mtimeMs;
      states[3 * i + 2] = f.ctimeMs;
    }
    const at = new Map(plan.toRender.map((c, p) => [c, p]));
    const positions = (list: readonly Candidate[]) => list.map((c) => at.get(c)!);
    const core: Omit<Kept, 'views'> = {
      ...rest,
      viewsId,
      paths,
      states,
      ...(plan.previous === undefined ? {} : { previous: plan.previous.items, pagesDigest: pagesDigest(plan.previous) }),
      ...diagnosticsByFile(plan),
      usesGit: plan.usesGit,
      held: plan.toRender.map((c) => {
        const { source: _source, ...article } = c.article;
        return [index.get(c.article.source.relPath)!, { ...c, article }];
      }),
      feeds: {
        items: positions(plan.items),
        pages: plan.pages.map(positions),
        facets: plan.facets.map((f) => ({ ...f, items: positions(f.items) })),
        drafts: plan.drafts,
        scheduled: plan.scheduled,
        window: plan.window,
        diagnostics: [...plan.planned],
      },
    };
    // The build's id alone on the first line: a plan that is not this stamp's is told before the rest is parsed.
    writeWhole(file, `${JSON.stringify({ build })}\n${JSON.stringify(core)}`);
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
    const head = text.indexOf('\n');
    if ((JSON.parse(text.slice(0, head)) as { build?: string }).build !== build) return undefined;
    const core = JSON.parse(text.slice(head + 1)) as Omit<Kept, 'views'>;
    const viewsText = readFileSync(viewsFileOf(file), 'utf8');
    const cut = viewsText.indexOf('\n');
    if ((JSON.parse(cut === -1 ? viewsText : viewsText.slice(0, cut)) as { views?: string }).views !== core.viewsId) return undefined;
    const views = new ViewLines(cut === -1 ? '' : viewsText.slice(cut + 1), core.viewsId);
    return views.length === core.paths.length ? { ...core, views } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * View lines, one a file, held as the one text they were read or written as: a line is cut out
 * only when asked for. Splitting and joining the 10,000 lines of a large site on every rebuild
 * made garbage that cost more than the work it stood for.
 */
export class ViewLines {
  private starts?: number[];

  /** `id`: the id of the views' file they were read from, if they were. */
  constructor(
    readonly text: string,
    readonly id?: string,
  ) {}

  static of(lines: readonly string[]): ViewLines {
    return new ViewLines(lines.join('\n'));
  }

  get length(): number {
    return this.lineStarts().length;
  }

  at(i: number): string {
    const starts = this.lineStarts();
    return this.text.slice(starts[i], i + 1 < starts.length ? starts[i + 1]! - 1 : undefined);
  }

  private lineStarts(): number[] {
    if (this.starts === undefined) {
      this.starts = this.text === '' ? [] : [0];
      for (let n = this.text.indexOf('\n'); n !== -1; n = this.text.indexOf('\n', n + 1)) this.starts.push(n + 1);
    }
    return this.starts;
  }
}

/** The plan's diagnostics, but for those planning makes: each article's by its file, the rest apart. */
function diagnosticsByFile(plan: BuildPlan): Pick<Kept, 'fileDiagnostics' | 'otherDiagnostics'> {
  const fileDiagnostics: Kept['fileDiagnostics'] = {};
  const otherDiagnostics: Diagnostic[] = [];
  if (plan.diagnostics.length === 0) return { fileDiagnostics, otherDiagnostics };
  const byDisplay = new Map(plan.files.map((f, i) => [f.displayPath, i]));
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
