/**
 * Resolves each article's published and updated timestamps with a chain of
 * small handlers per field, first success wins (the shape of Hugo's
 * [frontmatter] date handlers). The chains are data: the config can reorder
 * or shorten them. Every timestamp keeps where it came from, the zone it was
 * read in, its precision and whether it is approximate.
 */
import type { Article, DateInput } from '../article/article.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import type { GitHistory } from './git.js';
import { parseDate, type ParsedDate } from './parse-date.js';
import type { PreviousItem } from './previous.js';
import type { Timestamp, TimestampSource } from './timestamp.js';
import { offsetAt } from './zone.js';

export interface ResolveContext {
  /** The site's IANA zone; an article's own `timezone` wins. */
  zone: string;
  git?: GitHistory;
  /** The item of the previously published feed that is this article, if any. */
  previous?: PreviousItem;
  /** True in CI, where a file's mtime is the checkout time. */
  ci: boolean;
}

/** A handler returns a timestamp, nothing (try the next one), or an error that stops the chain. */
type Outcome = Timestamp | undefined | { error: Diagnostic };
type Handler = (article: Article, ctx: ResolveContext, published?: Timestamp) => Outcome;

const publishedHandlers = {
  frontmatter: (a, ctx) => fromDateInput(a, a.dates.published, ctx),
  byline: (a, ctx) => fromByline(a, 'published', ctx),
  filename: (a, ctx) => fromFileName(a, ctx),
  previous: (_a, ctx) => fromPrevious(ctx),
  git: (a, ctx) => {
    const added = ctx.git?.files.get(a.source.relPath)?.added;
    return added && { instant: added.instant, offset: added.offset, precision: 'second', zone: 'git', approximate: false, source: { kind: 'git', commit: added.commit, event: 'added' } };
  },
  mtime: (a, ctx) => fromMtime(a, ctx),
} satisfies Record<string, Handler>;

const updatedHandlers = {
  frontmatter: (a, ctx) => fromDateInput(a, a.dates.updated, ctx),
  byline: (a, ctx) => fromByline(a, 'updated', ctx),
  git: (a, ctx) => {
    const dates = ctx.git?.files.get(a.source.relPath);
    const changed = dates?.changed;
    // The commit that added the file is its publication, not an update.
    if (!changed || changed.commit === dates.added?.commit) return undefined;
    return { instant: changed.instant, offset: changed.offset, precision: 'second', zone: 'git', approximate: false, source: { kind: 'git', commit: changed.commit, event: 'changed' } };
  },
  published: (_a, _ctx, published) => published && sameAsPublished(published),
} satisfies Record<string, Handler>;

export type PublishedHandler = keyof typeof publishedHandlers;
export type UpdatedHandler = keyof typeof updatedHandlers;
export const PUBLISHED_HANDLERS = Object.keys(publishedHandlers) as PublishedHandler[];
export const UPDATED_HANDLERS = Object.keys(updatedHandlers) as UpdatedHandler[];

export interface Chains {
  published: PublishedHandler[];
  updated: UpdatedHandler[];
}

export const DEFAULT_CHAINS: Chains = {
  published: ['frontmatter', 'byline', 'filename', 'previous', 'git', 'mtime'],
  updated: ['frontmatter', 'byline', 'git', 'published'],
};

export interface Resolved {
  published: Timestamp;
  updated: Timestamp;
}

/** Whether these dates were read from the file's mtime, or counted back from it ("3 days ago"): then they hold only for that mtime. */
export function readsMtime({ published, updated }: Resolved): boolean {
  return published.source.kind === 'mtime' || published.approximate || updated.approximate;
}

// The handlers of each chain, looked up once per chain rather than once per article.
const chainHandlers = new WeakMap<Chains, { published: Handler[]; updated: Handler[] }>();

function handlersOf(chains: Chains): { published: Handler[]; updated: Handler[] } {
  let handlers = chainHandlers.get(chains);
  if (handlers === undefined) {
    handlers = { published: chains.published.map((name) => publishedHandlers[name]), updated: chains.updated.map((name) => updatedHandlers[name]) };
    chainHandlers.set(chains, handlers);
  }
  return handlers;
}

export function resolveTimestamps(article: Article, ctx: ResolveContext, chains: Chains = DEFAULT_CHAINS): { timestamps?: Resolved; diagnostics: Diagnostic[] } {
  const file = article.source.displayPath;
  const diagnostics: Diagnostic[] = [];
  const run = (handlers: Handler[], published?: Timestamp): Timestamp | undefined => {
    for (const handler of handlers) {
      const outcome = handler(article, ctx, published);
      if (outcome && 'error' in outcome) {
        diagnostics.push(outcome.error);
        return undefined;
      }
      if (outcome) return outcome;
    }
    return undefined;
  };

  const published = run(handlersOf(chains).published);
  if (!published) {
    if (diagnostics.length === 0) {
      diagnostics.push(error(file, 'no-date', 'the article has no publication date; add "date: 2022-05-30" to the frontmatter or name the file 2022-05-30-slug.md'));
    }
    return { diagnostics };
  }
  if (published.source.kind === 'mtime' && ctx.ci) {
    diagnostics.push(
      warning(file, 'date-from-mtime', 'the publication date comes from the file\'s modification time, which in CI is the checkout time; add "date:" to the frontmatter or build from a clone with full git history'),
    );
  }
  let updated = run(handlersOf(chains).updated, published);
  if (!updated) return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { timestamps: { published, updated: sameAsPublished(published) }, diagnostics };
  if (updated.instant < published.instant) {
    const where = updated.source.kind === 'frontmatter' ? updated.source : undefined;
    diagnostics.push(
      warning(file, 'updated-before-published', `"${where?.key ?? 'updated'}" is earlier than the publication date; it is raised to the publication date`, where?.line),
    );
    updated = sameAsPublished(published);
  }
  return { timestamps: { published, updated }, diagnostics };
}

/**
 * A timestamp from a parsed date. Written out rather than spread: spreading the parsed date
 * measured a fifth of resolving an article's dates, and every build resolves all of them.
 */
function stamped(parsed: ParsedDate, approximate: boolean, source: TimestampSource): Timestamp {
  return { instant: parsed.instant, offset: parsed.offset, precision: parsed.precision, zone: parsed.zone, approximate, source };
}

function sameAsPublished(published: Timestamp): Timestamp {
  return stamped(published, published.approximate, { kind: 'published' });
}

function zoneOf(article: Article, ctx: ResolveContext): string {
  return article.timezone ?? ctx.zone;
}

/**
 * What a relative date ("4 hours ago") counts from: the `captured` time in the
 * frontmatter, else when the file was first committed, else its mtime.
 */
export function anchorOf(article: Article, ctx: ResolveContext): number {
  if (article.captured) {
    const parsed = parseDate(article.captured.value, zoneOf(article, ctx));
    if (!('error' in parsed)) return parsed.instant;
  }
  return ctx.git?.files.get(article.source.relPath)?.added?.instant ?? article.source.mtimeMs;
}

function fromDateInput(article: Article, input: DateInput | undefined, ctx: ResolveContext): Outcome {
  if (!input) return undefined;
  const parsed = parseDate(input.value, zoneOf(article, ctx), { anchor: () => anchorOf(article, ctx) });
  if ('error' in parsed) return { error: error(article.source.displayPath, 'date-invalid', `${input.key}: ${parsed.error}`, input.line) };
  return stamped(parsed, parsed.approximate ?? false, { kind: 'frontmatter', key: input.key, line: input.line });
}

function fromByline(article: Article, field: 'published' | 'updated', ctx: ResolveContext): Outcome {
  const found = article.byline[field];
  if (!found) return undefined;
  const parsed = parseDate(found.text, zoneOf(article, ctx), { anchor: () => anchorOf(article, ctx) });
  // A byline that is not a date is ordinary text, not an error: the next source answers.
  if ('error' in parsed) return undefined;
  return stamped(parsed, parsed.approximate ?? false, { kind: 'byline', text: found.text, line: found.line });
}

// 2022-05-30-slug.md, or 2022-05-30-slug/index.md for a page bundle.
const DATED_NAME = /^(\d{4}-\d{2}-\d{2})[-_]/;

function fromFileName(article: Article, ctx: ResolveContext): Outcome {
  const parts = article.source.relPath.split('/');
  const base = parts.at(-1)!.replace(/\.[^.]+$/, '');
  const name = base === 'index' && parts.length > 1 ? parts.at(-2)! : parts.at(-1)!;
  const m = DATED_NAME.exec(name);
  if (!m) return undefined;
  const parsed = parseDate(m[1]!, zoneOf(article, ctx));
  if ('error' in parsed) return { error: error(article.source.displayPath, 'date-invalid', `the date in the file name is not valid: ${parsed.error}`) };
  return stamped(parsed, false, { kind: 'filename', name });
}

function fromPrevious(ctx: ResolveContext): Outcome {
  const item = ctx.previous;
  if (!item?.published) return undefined;
  return { ...item.published, zone: 'previous feed', approximate: false, source: { kind: 'previous', id: item.id } };
}

function fromMtime(article: Article, ctx: ResolveContext): Outcome {
  const instant = Math.floor(article.source.mtimeMs / 1000) * 1000;
  const zone = zoneOf(article, ctx);
  return { instant, offset: offsetAt(zone, instant), precision: 'second', zone, approximate: false, source: { kind: 'mtime' } };
}
