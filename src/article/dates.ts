/** An article's dates: the facts the resolution chain reads (time/resolve.ts), gathered from the article and its surroundings. */
import type { Chains } from '../config/dates.js';
import type { Diagnostic } from '../diagnostics.js';
import type { GitHistory } from '../time/git.js';
import type { PreviousItem } from '../time/previous.js';
import { resolveTimestamps, type DateFacts, type Resolved } from '../time/resolve.js';
import type { Article } from './article.js';
import type { Timestamp } from '../time/timestamp.js';
import { offsetAt } from '../time/zone.js';

/** What the dates of every article of a build may also come from. */
export interface DateContext {
  /** The site's zone; an article's own `timezone` wins. */
  zone: string;
  /** The site's language; an article's own `lang` wins. */
  lang?: string;
  git?: GitHistory;
  ci: boolean;
  /** The zone dates are shown in, whatever offset they were written with (Jekyll shows the site's; JavaScript generators UTC); else as written. */
  shownIn?: string;
  /** A date at the start of a file name, where the site's generator reads more than YYYY-MM-DD. */
  nameDate?: RegExp;
}

export function dateFacts(article: Article, ctx: DateContext, previous?: PreviousItem): DateFacts {
  const { source } = article;
  const parts = source.relPath.split('/');
  const last = parts.at(-1)!;
  // A page bundle (dir/index.md) is named by its folder.
  const name = last.replace(/\.[^.]+$/, '') === 'index' && parts.length > 1 ? parts.at(-2)! : last;
  return {
    file: source.displayPath,
    name,
    ...(ctx.nameDate && { nameDate: ctx.nameDate }),
    zone: article.timezone ?? ctx.zone,
    frontmatter: { published: article.dates.published, updated: article.dates.updated, captured: article.captured },
    byline: article.byline,
    lang: article.lang ?? ctx.lang,
    git: ctx.git?.files.get(source.relPath),
    previous,
    mtimeMs: source.mtimeMs,
    ci: ctx.ci,
  };
}

export function resolveDates(article: Article, ctx: DateContext, chains: Chains, previous?: PreviousItem): { timestamps?: Resolved; diagnostics: Diagnostic[] } {
  const resolved = resolveTimestamps(dateFacts(article, ctx, previous), chains);
  const zone = ctx.shownIn;
  if (zone === undefined || !resolved.timestamps) return resolved;
  const shown = (t: Timestamp): Timestamp => ({ ...t, offset: offsetAt(zone, t.instant) });
  return { ...resolved, timestamps: { published: shown(resolved.timestamps.published), updated: shown(resolved.timestamps.updated) } };
}
