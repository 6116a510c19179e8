/**
 * Resolves each article's published and updated timestamps with a chain of
 * small handlers per field, first success wins (the shape of Hugo's
 * [frontmatter] date handlers). The chains are data, so configuration can
 * reorder them.
 */
import path from 'node:path';
import type { Article } from '../article/article.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { parseDate } from './parse-date.js';
import type { Timestamp } from './timestamp.js';

export interface ResolveContext {
  /** IANA zone in which zone-less values are read. */
  zone: string;
}

/** A handler returns a timestamp, nothing (try the next one), or an error that stops the chain. */
type Outcome = Timestamp | undefined | { error: Diagnostic };
type Handler = (article: Article, ctx: ResolveContext, resolved: { published?: Timestamp }) => Outcome;

const publishedHandlers = {
  frontmatter: (article: Article, ctx: ResolveContext) => fromFrontmatter(article, 'published', ctx),
  filename: (article: Article, ctx: ResolveContext) => fromFileName(article, ctx),
} satisfies Record<string, Handler>;

const updatedHandlers = {
  frontmatter: (article: Article, ctx: ResolveContext) => fromFrontmatter(article, 'updated', ctx),
  published: (_a: Article, _c: ResolveContext, resolved: { published?: Timestamp }) =>
    resolved.published && { ...resolved.published, source: { kind: 'published' as const } },
} satisfies Record<string, Handler>;

export type PublishedHandler = keyof typeof publishedHandlers;
export type UpdatedHandler = keyof typeof updatedHandlers;

export const DEFAULT_CHAINS: { published: PublishedHandler[]; updated: UpdatedHandler[] } = {
  published: ['frontmatter', 'filename'],
  updated: ['frontmatter', 'published'],
};

export interface Resolved {
  published: Timestamp;
  updated: Timestamp;
}

export function resolveTimestamps(
  article: Article,
  ctx: ResolveContext,
  chains = DEFAULT_CHAINS,
): { timestamps?: Resolved; diagnostics: Diagnostic[] } {
  const file = article.source.displayPath;
  const diagnostics: Diagnostic[] = [];
  const run = (handlers: Handler[], resolved: { published?: Timestamp }): Timestamp | undefined => {
    for (const handler of handlers) {
      const outcome = handler(article, ctx, resolved);
      if (outcome && 'error' in outcome) {
        diagnostics.push(outcome.error);
        return undefined;
      }
      if (outcome) return outcome;
    }
    return undefined;
  };

  const published = run(chains.published.map((name) => publishedHandlers[name]), {});
  if (!published) {
    if (diagnostics.length === 0) {
      diagnostics.push(
        error(file, 'no-date', 'the article has no publication date; add "date: 2022-05-30" to the frontmatter or name the file 2022-05-30-slug.md'),
      );
    }
    return { diagnostics };
  }
  let updated = run(chains.updated.map((name) => updatedHandlers[name]), { published });
  if (!updated) return { diagnostics };
  if (updated.instant < published.instant) {
    const where = updated.source.kind === 'frontmatter' ? updated.source : undefined;
    diagnostics.push(
      warning(file, 'updated-before-published', `"${where?.key ?? 'updated'}" is earlier than the publication date; it is raised to the publication date`, where?.line),
    );
    updated = { ...published, source: { kind: 'published' } };
  }
  return { timestamps: { published, updated }, diagnostics };
}

function fromFrontmatter(article: Article, field: 'published' | 'updated', ctx: ResolveContext): Outcome {
  const input = article.dates[field];
  if (!input) return undefined;
  const parsed = parseDate(input.value, ctx.zone);
  if ('error' in parsed) {
    return { error: error(article.source.displayPath, 'date-invalid', `${input.key}: ${parsed.error}`, input.line) };
  }
  return { ...parsed, approximate: false, source: { kind: 'frontmatter', key: input.key, line: input.line } };
}

// 2022-05-30-slug.md, or 2022-05-30-slug/index.md for a page bundle.
const DATED_NAME = /^(\d{4}-\d{2}-\d{2})[-_]/;

function fromFileName(article: Article, ctx: ResolveContext): Outcome {
  const rel = article.source.relPath;
  const base = path.posix.basename(rel).replace(/\.[^.]+$/, '');
  const name = base === 'index' ? path.posix.basename(path.posix.dirname(rel)) : path.posix.basename(rel);
  const m = DATED_NAME.exec(name);
  if (!m) return undefined;
  const parsed = parseDate(m[1]!, ctx.zone);
  if ('error' in parsed) {
    return { error: error(article.source.displayPath, 'date-invalid', `the date in the file name is not valid: ${parsed.error}`) };
  }
  return { ...parsed, approximate: false, source: { kind: 'filename', name } };
}
