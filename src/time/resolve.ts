/**
 * Resolves each article's published and updated timestamps with a chain of
 * small handlers per field, first success wins (the shape of Hugo's
 * [frontmatter] date handlers). The chains are data: the config can reorder
 * or shorten them (config/dates.ts). The handlers read a plain view of the
 * facts they need (DateFacts), as Hugo's FrontMatterDescriptor feeds its
 * handlers, not the whole article. Every timestamp keeps where it came from,
 * the zone it was read in, its precision and whether it is approximate.
 */
import { DEFAULT_CHAINS, type Chains, type PublishedSource, type UpdatedSource } from '../config/dates.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import type { BylineDate } from './byline.js';
import { specInstant, type Anchor } from './date-spec.js';
import type { GitFileDates } from './git.js';
import { parseDate, type ParsedDate } from './parse-date.js';
import type { PreviousItem } from './previous.js';
import type { Timestamp, TimestampSource } from './timestamp.js';
import { offsetAt } from './zone.js';

/** A raw date value and where it was written. */
export interface DateInput {
  key: string;
  value: string;
  line?: number;
  /** The zone this value is read in when it has no offset, if not the article's (Jekyll reads an unquoted YAML timestamp in UTC). */
  zone?: string;
}

/** Everything the handlers read of one article. */
export interface DateFacts {
  /** The file as messages name it. */
  file: string;
  /** The file's name, or its folder's for a page bundle (`dir/index.md`): where a dated name (`2022-05-30-hello.md`) is looked for. */
  name: string;
  /** The pattern of a date at the start of `name` (its first group), when not YYYY-MM-DD (a site generator's rule). */
  nameDate?: RegExp;
  /** The zone dates without an offset are read in: the article's own, else the site's. */
  zone: string;
  frontmatter: { published?: DateInput; updated?: DateInput; captured?: DateInput };
  byline: { published?: BylineDate; updated?: BylineDate };
  /** The article's language, else the site's: an American one ("en-US") reads 05/06/2022 as May 6 in a byline. */
  lang?: string;
  /** The commits that added the file and last changed it, when dates are read from git. */
  git?: GitFileDates;
  /** The item of the previously published feed that is this article, if any. */
  previous?: PreviousItem;
  mtimeMs: number;
  /** True in CI, where a file's mtime is the checkout time. */
  ci: boolean;
}

/** A handler returns a timestamp, nothing (try the next one), or an error that stops the chain. */
type Outcome = Timestamp | undefined | { error: Diagnostic };
type Handler = (facts: DateFacts, published?: Timestamp) => Outcome;

const publishedHandlers: Record<PublishedSource, Handler> = {
  frontmatter: (f) => fromDateInput(f, f.frontmatter.published),
  byline: (f) => fromByline(f, 'published'),
  filename: fromFileName,
  previous: fromPrevious,
  git: (f) => {
    const added = f.git?.added;
    return added && { instant: added.instant, offset: added.offset, precision: 'second', zone: 'git', approximate: false, source: { kind: 'git', commit: added.commit, event: 'added' } };
  },
  mtime: fromMtime,
};

const updatedHandlers: Record<UpdatedSource, Handler> = {
  frontmatter: (f) => fromDateInput(f, f.frontmatter.updated),
  byline: (f) => fromByline(f, 'updated'),
  git: (f) => {
    const changed = f.git?.changed;
    // The commit that added the file is its publication, not an update.
    if (!changed || changed.commit === f.git?.added?.commit) return undefined;
    return { instant: changed.instant, offset: changed.offset, precision: 'second', zone: 'git', approximate: false, source: { kind: 'git', commit: changed.commit, event: 'changed' } };
  },
  published: (_f, published) => published && sameAsPublished(published),
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

export function resolveTimestamps(facts: DateFacts, chains: Chains = DEFAULT_CHAINS): { timestamps?: Resolved; diagnostics: Diagnostic[] } {
  const { file } = facts;
  const diagnostics: Diagnostic[] = [];
  const run = (handlers: Handler[], published?: Timestamp): Timestamp | undefined => {
    for (const handler of handlers) {
      const outcome = handler(facts, published);
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
  if (published.source.kind === 'mtime' && facts.ci) {
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

/**
 * What a relative date ("4 hours ago") counts from: the `captured` time in the frontmatter (or a
 * clipper's `created`), else when the file was first committed, else its mtime; and what that is,
 * for `explain`.
 */
export function anchorOf(facts: DateFacts): Anchor & { from: string } {
  const { captured } = facts.frontmatter;
  if (captured) {
    const parsed = parseDate(captured.value, facts.zone);
    if (!('error' in parsed)) return { instant: parsed.instant, precision: parsed.precision, from: `frontmatter "${captured.key}"` };
  }
  const added = facts.git?.added;
  if (added) return { instant: added.instant, precision: 'second', from: `git commit ${added.commit.slice(0, 12)}, which added the file` };
  return { instant: facts.mtimeMs, precision: 'second', from: "the file's modification time" };
}

function fromDateInput(facts: DateFacts, input: DateInput | undefined): Outcome {
  if (!input) return undefined;
  const parsed = parseDate(input.value, input.zone ?? facts.zone, { anchor: () => anchorOf(facts).instant });
  if ('error' in parsed) return { error: error(facts.file, 'date-invalid', `${input.key}: ${parsed.error}`, input.line) };
  return stamped(parsed, parsed.approximate ?? false, { kind: 'frontmatter', key: input.key, line: input.line });
}

function fromByline(facts: DateFacts, field: 'published' | 'updated'): Outcome {
  const found = facts.byline[field];
  if (!found) return undefined;
  let anchor: ReturnType<typeof anchorOf> | undefined;
  const monthFirst = /^en-us$/i.test(facts.lang ?? '');
  const parsed = specInstant(found.spec, { zone: facts.zone, monthFirst, anchor: () => (anchor ??= anchorOf(facts)) });
  // A byline with nothing to count from is passed over, not an error: the next source answers.
  if ('error' in parsed) return undefined;
  const source: TimestampSource = { kind: 'byline', text: found.text, line: found.line };
  if (anchor) source.from = anchor.from;
  return stamped(parsed, parsed.approximate ?? false, source);
}

// 2022-05-30-slug.md, or 2022-05-30-slug/index.md for a page bundle.
const DATED_NAME = /^(\d{4}-\d{2}-\d{2})[-_]/;

function fromFileName(facts: DateFacts): Outcome {
  const m = (facts.nameDate ?? DATED_NAME).exec(facts.name);
  if (!m) return undefined;
  const parsed = parseDate(m[1]!, facts.zone);
  if ('error' in parsed) return { error: error(facts.file, 'date-invalid', `the date in the file name is not valid: ${parsed.error}`) };
  return stamped(parsed, false, { kind: 'filename', name: facts.name });
}

function fromPrevious(facts: DateFacts): Outcome {
  const item = facts.previous;
  if (!item?.published) return undefined;
  return { ...item.published, zone: 'previous feed', approximate: false, source: { kind: 'previous', id: item.id } };
}

function fromMtime(facts: DateFacts): Outcome {
  const instant = Math.floor(facts.mtimeMs / 1000) * 1000;
  const { zone } = facts;
  return { instant, offset: offsetAt(zone, instant), precision: 'second', zone, approximate: false, source: { kind: 'mtime' } };
}
