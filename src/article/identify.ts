/**
 * An article made an item: its dates (the resolution chain, with the previous feed's item for it
 * when there is one), its URL, and its id.
 */
import type { Chains } from '../config/dates.js';
import type { Config } from '../config/schema.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { parseDate } from '../time/parse-date.js';
import type { PreviousFeed, PreviousItem } from '../time/previous.js';
import type { Timestamp } from '../time/timestamp.js';
import { hasScheme } from '../util/text.js';
import type { Article } from './article.js';
import { resolveDates, type DateContext } from './dates.js';
import { atomId } from './atom-id.js';
import { articleUrl, siteBase } from './permalink.js';
import { tagId } from './tag-id.js';

/** An article with everything a feed needs to place it: a resolved article. */
export interface Candidate {
  article: Article;
  url: string;
  id: string;
  draft: boolean;
  published: Timestamp;
  updated: Timestamp;
  /** When the article leaves every feed (Hugo's expiryDate), if it does. */
  expires?: { instant: number };
  /** With a previous feed: what the article's item was looked up by in it (see previousKeyOf), if anything. */
  previousKey?: string;
}

export interface IdentifyContext {
  config: Config;
  dates: DateContext;
  previous?: PreviousFeed;
  /** What `tag:` ids are minted under (tagAuthority), when anything. */
  authority: string | undefined;
}

export function identify(article: Article, ctx: IdentifyContext): { candidate?: Candidate; diagnostics: Diagnostic[] } {
  const { config, previous } = ctx;
  const chains = config.dates;
  const previousKey = previous && previousKeyOf(article, ctx, chains);
  const match = previousKey === undefined ? undefined : findPrevious(previous!, previousKey);
  const resolved = resolveDates(article, ctx.dates, chains, match);
  if (!resolved.timestamps) return { diagnostics: resolved.diagnostics };
  const { published, updated } = resolved.timestamps;
  const url = urlOf(article, published, config);
  // The frontmatter id wins, verbatim (atom-id.ts says how Atom writes one that is not an IRI), or
  // the form of it the previous feed published; then the id the previous feed gave this article;
  // then a tag: URI from the path the file was first committed under.
  const firstPath = ctx.dates.git?.files.get(article.source.relPath)?.firstPath ?? article.source.relPath;
  const minted = ctx.authority === undefined ? url : tagId(ctx.authority, published, firstPath);
  const publishedForm = previousKey !== undefined && 'published' in previousKey ? match?.id : undefined;
  const id = article.id === undefined ? (match?.id ?? minted) : (publishedForm ?? article.id);
  const expires = expiryOf(article, ctx);
  if ('error' in expires) return { diagnostics: [...resolved.diagnostics, expires.error] };
  const candidate: Candidate = {
    article,
    url,
    id,
    draft: article.draft,
    published,
    updated,
    ...(expires.instant !== undefined && { expires: { instant: expires.instant } }),
    ...(previousKey === undefined ? {} : { previousKey: keyText(previousKey) }),
  };
  return { candidate, diagnostics: resolved.diagnostics };
}

/** The instant an article expires (its `expires` date, read like its other dates), if it does. */
export function expiryOf(article: Article, ctx: IdentifyContext): { instant?: number } | { error: Diagnostic } {
  const input = article.expires;
  if (input === undefined) return {};
  const parsed = parseDate(input.value, input.zone ?? article.timezone ?? ctx.dates.zone);
  if ('error' in parsed) return { error: error(article.source.displayPath, 'date-invalid', `${input.key}: ${parsed.error}`, input.line) };
  return { instant: parsed.instant };
}

function urlOf(article: Article, published: Timestamp, config: Config): string {
  return articleUrl(article, published, config.site.url, config.permalink, config.generator?.urls);
}

/**
 * What an article's item is looked up by in the previous feed: its frontmatter id as that feed
 * writes it, or the URL it has without that feed. `published` marks the absolute form earlier
 * versions of syndicate published an id that is not a URI in (resolved against the site), when
 * the feed holds that and not the id itself: that form, already published, is kept.
 */
type PreviousKey = { id: string; published?: true } | { url: string };

/**
 * The previous feed's key for this article: by its frontmatter id, else by the URL it gets from
 * the sources that come before the previous feed in the chain (none when those give no date).
 */
function previousKeyOf(article: Article, ctx: IdentifyContext, chains: Chains): PreviousKey | undefined {
  if (article.id !== undefined) return idKey(article.id, ctx.previous!, ctx.config);
  const provisional = resolveDates(article, ctx.dates, { published: chains.published.filter((h) => h !== 'previous'), updated: ['published'] });
  return provisional.timestamps && { url: urlOf(article, provisional.timestamps.published, ctx.config) };
}

function idKey(id: string, previous: PreviousFeed, config: Config): PreviousKey {
  // An Atom feed holds ids in their Atom form; RSS and JSON Feed hold them verbatim.
  const written = previous.format === 'atom' ? atomId(id, config.site.url) : id;
  if (previous.format === 'atom' || hasScheme(id) || previous.byId.has(written)) return { id: written };
  const earlier = new URL(id, siteBase(config.site.url)).href;
  return previous.byId.has(earlier) ? { id: earlier, published: true } : { id: written };
}

function findPrevious(previous: PreviousFeed, key: PreviousKey): PreviousItem | undefined {
  return 'id' in key ? previous.byId.get(key.id) : (previous.byId.get(key.url) ?? previous.byUrl.get(key.url));
}

/**
 * A key as kept with the article (rebuild/kept-plan.ts): the text both maps of the feed are looked
 * up by (an id looks in byId only, which a URL key looks in too, so a change under that text in
 * either map is a change for it).
 */
function keyText(key: PreviousKey): string {
  return 'id' in key ? key.id : key.url;
}
