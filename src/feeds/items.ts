/**
 * The items of a build, in order, each as its text in every variant it is
 * written in (a format, for a feed: see FeedSerializer.variant): from a store
 * of the items of earlier builds when it holds them (rebuild/item-cache.ts),
 * else rendered (content/render-pool.ts), serialized and kept there.
 */
import type { Article } from '../article/article.js';
import { atomId } from '../article/atom-id.js';
import type { Candidate } from '../article/identify.js';
import type { Config, Person } from '../config/schema.js';
import { feedUrl, type RelativeBase } from '../content/feed-url.js';
import { renderAll, type RenderRequest, type RenderStore } from '../content/render-pool.js';
import type { Rendered } from '../content/render.js';
import type { Diagnostic } from '../diagnostics.js';
import { measureEnclosure, type SiteFiles } from './enclosure.js';
import type { FeedEnclosure, FeedImage, FeedItem, ItemText, Variant } from './model.js';
import type { Threads } from '../util/worker-pool.js';
import type { LinkResolver } from '../article/site-links.js';
import { siteBase } from '../article/permalink.js';
import { isDialect, type TemplateContext } from '../content/templates/index.js';
import { error, warning } from '../diagnostics.js';
import { SITES } from '../source/sites/index.js';
import { toUri } from '../util/uri.js';

export interface ItemsInput {
  config: Config;
  /** Who an article without authors is by: the site's author, or the site by its title. */
  siteAuthor: Person;
  siteFiles: SiteFiles;
  diagnostics: Diagnostic[];
  stores?: { renders: RenderStore; items: ItemStore };
  threads?: () => Threads | undefined;
  /** Renders to do from which worker threads are used. */
  threadsFrom: number;
  /** The variants `c` is written in: every format of every feed it is in. */
  variantsOf(c: Candidate): Variant[];
  /** The URLs a site generator's link tags name (article/site-links.ts), for a site whose bodies hold template tags. */
  links?: LinkResolver;
}

/**
 * Items of earlier builds, by what they are made of: the render request, every other field (as
 * JSON can hold them) and the variants. Serving one keeps its render for the next build too.
 */
export interface ItemStore {
  has(request: RenderRequest, fields: object, variants: readonly string[]): boolean;
  get(request: RenderRequest, fields: object, variants: readonly string[]): ReadonlyMap<string, Buffer> | undefined;
  set(request: RenderRequest, fields: object, variants: readonly string[], texts: ReadonlyMap<string, Buffer>): void;
}

export type ItemResult = { candidate: Candidate; text: ItemText } | { candidate: Candidate; error: string; code: string };

/** What an item is made of besides its render: all of it goes into the item's key. */
interface Fields extends Omit<FeedItem, 'html' | 'htmlJson' | 'summary' | 'image'> {
  content: Config['feeds']['content'];
  /** The frontmatter's image (null when it names one no reader may load); else the body's first image is the item's. */
  ownImage?: FeedImage | null;
}

interface Plan {
  candidate: Candidate;
  request: RenderRequest;
  fields: Fields;
  variants: Variant[];
  /** The variants' keys. */
  keys: string[];
  /** Whether the item store names an entry for it. */
  cached: boolean;
}

export async function* feedItems(candidates: readonly Candidate[], input: ItemsInput): AsyncGenerator<ItemResult> {
  const { stores } = input;
  const renderOptions = { store: stores?.renders, threads: input.threads, threadsFrom: input.threadsFrom };
  const plans: Plan[] = [];
  for (const c of candidates) {
    const request = requestOf(c, input);
    const fields = await fieldsOf(c, input);
    const variants = [...new Map(input.variantsOf(c).map((v) => [v.key, v])).values()];
    const keys = variants.map((v) => v.key);
    plans.push({ candidate: c, request, fields, variants, keys, cached: stores?.items.has(request, fields, keys) ?? false });
  }
  // Only the items the store lacks are rendered, in order, on the threads if there are many.
  const rendered = renderAll(
    plans.filter((p) => !p.cached).map((p) => p.request),
    renderOptions,
  );
  for (const plan of plans) {
    const { candidate } = plan;
    const kept = plan.cached ? stores!.items.get(plan.request, plan.fields, plan.keys) : undefined;
    if (kept && plan.keys.every((k) => kept.has(k))) {
      yield { candidate, text: { published: candidate.published, updated: candidate.updated, texts: kept } };
      continue;
    }
    // An entry named but damaged is rendered on its own, here.
    const result = plan.cached ? await only(renderAll([plan.request], renderOptions)) : await only(rendered);
    if ('error' in result) {
      yield { candidate, error: result.error, code: result.code };
      continue;
    }
    const item = itemOf(plan.fields, result);
    const texts = new Map(plan.variants.map((v) => [v.key, Buffer.from(v.serializer.item(item, v.meta), 'utf8')]));
    stores?.items.set(plan.request, plan.fields, plan.keys, texts);
    yield { candidate, text: { published: candidate.published, updated: candidate.updated, texts } };
  }
}

function requestOf(c: Candidate, input: ItemsInput): RenderRequest {
  const { config } = input;
  const templates = templatesOf(c, input);
  const relative = relativeOf(c, config);
  return {
    markup: c.article.markup,
    titleFromHeading: c.article.titleFromHeading,
    clipping: c.article.clipping,
    summary: c.article.summary,
    url: c.url,
    options: { iframeHosts: config.content.iframeHosts, maxHtmlDepth: config.limits.maxHtmlDepth },
    article: c.article,
    ...(templates && { templates }),
    ...(relative && { relative }),
    // A site generator's post written in HTML (Jekyll's _posts/x.html) is not Markdown.
    ...(config.generator && /\.html?$/i.test(c.article.source.relPath) && { html: true }),
  };
}

/**
 * What relative URLs of `c` resolve against, when its site's generator does not leave them to
 * the page's URL (source/sites/: `relative`): the source file's folder as the site publishes it
 * (Eleventy), never above the site; a Hugo bundle's folder, where its resources are published
 * even under ugly URLs; and for Astro, whose relative images get names of its own, none.
 */
function relativeOf(c: Candidate, config: Config): RelativeBase | undefined {
  const site = config.generator;
  if (site === undefined) return undefined;
  const root = siteBase(config.site.url);
  const rule = SITES[site.ssg].relative;
  if (rule === 'source-processed') return { base: c.url, root, dropRelativeMedia: true };
  if (rule === 'source-published') {
    const folder = c.article.source.relPath.replace(/[^/]*$/, '');
    return { base: new URL(folder.split('/').map(encodeURIComponent).join('/'), root).href, root };
  }
  const bundle = /(?:^|\/)index\.[^/]+$/.test(c.article.source.relPath);
  return bundle && c.url.endsWith('.html') ? { base: `${c.url.slice(0, -'.html'.length)}/`, root } : undefined;
}

/** What rendering a site generator's template tags needs for `c`; a link tag naming no page is warned of, and left out. */
function templatesOf(c: Candidate, { config, links, diagnostics }: ItemsInput): TemplateContext | undefined {
  const site = config.generator;
  const dialect = site && SITES[site.ssg].templates;
  if (site === undefined || dialect === undefined || !isDialect(dialect)) return undefined;
  const resolved = links?.(c.article) ?? { links: {}, missing: [] };
  for (const m of resolved.missing) {
    diagnostics.push(warning(c.article.source.displayPath, 'template-link', `${JSON.stringify(m.tag)} names no page of the site; the link is left out of the feed`, m.line));
  }
  const base = siteBase(config.site.url);
  const stem = c.article.source.relPath.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  return {
    dialect,
    vars: site.vars,
    page: { url: c.url.startsWith(base) ? `/${c.url.slice(base.length)}` : c.url, title: c.article.title, date: new Date(c.published.instant).toISOString(), fileSlug: stem },
    siteUrl: base,
    links: resolved.links,
    iframeHosts: config.content.iframeHosts,
  };
}

async function fieldsOf(c: Candidate, { config, siteAuthor, siteFiles, diagnostics }: ItemsInput): Promise<Fields> {
  return {
    content: config.feeds.content,
    id: c.id,
    atomId: atomId(c.id, config.site.url),
    // Every URL of an item is written as a URI, the same in every format (util/uri.ts).
    url: toUri(c.url),
    externalUrl: c.article.link === undefined ? undefined : toUri(c.article.link),
    via: viaOf(c),
    title: c.article.title,
    published: c.published,
    updated: c.updated,
    authors: c.article.authors.length > 0 ? c.article.authors : [siteAuthor],
    tags: c.article.tags,
    lang: c.article.lang,
    ownImage: c.article.image ? (imageOf(c.article.image, relativeOf(c, config) ?? c.url) ?? null) : undefined,
    enclosure: c.article.enclosure && serialEpisode(c, config, await measureEnclosure(c, siteFiles, diagnostics), diagnostics),
  };
}

/** An episode of a serial show must say its number (Apple orders a serial show by it). */
function serialEpisode(c: Candidate, config: Config, enclosure: FeedEnclosure | undefined, diagnostics: Diagnostic[]): FeedEnclosure | undefined {
  if (enclosure && config.podcast?.type === 'serial' && enclosure.episode === undefined) {
    const message = 'this episode of a serial show has no number; add "episode:" to its enclosure (Apple Podcasts orders a serial show by it)';
    diagnostics.push(error(c.article.source.displayPath, 'podcast-episode', message, c.article.enclosure?.line));
  }
  return enclosure;
}

function itemOf({ content, ownImage, ...fields }: Fields, rendered: Rendered): FeedItem {
  const first = rendered.firstImage;
  return {
    ...fields,
    html: content === 'full' ? rendered.html : undefined,
    htmlJson: content === 'full' ? rendered.htmlJson : undefined,
    summary: rendered.summary,
    image: ownImage !== undefined ? (ownImage ?? undefined) : first && { url: toUri(first.src), alt: first.alt, caption: first.caption, credit: first.credit },
  };
}

function imageOf(image: NonNullable<Article['image']>, pageUrl: string | RelativeBase): FeedImage | undefined {
  // The same policy as an image in the body: no javascript: or SVG data: URL reaches a reader.
  const url = feedUrl(image.src, pageUrl, 'img');
  return url === undefined ? undefined : { url: toUri(url), alt: image.alt, caption: image.caption, credit: image.credit };
}

async function only<T>(results: AsyncIterator<T>): Promise<T> {
  const next = await results.next();
  if (next.done) throw new Error('a render result is missing');
  return next.value;
}

/** The page a clipping was taken from, as a URI; undefined when the clipper's `source` is not a link a feed may carry. */
function viaOf(c: Candidate): string | undefined {
  const url = c.article.via === undefined ? undefined : feedUrl(c.article.via, c.url, 'a');
  return url === undefined ? undefined : toUri(url);
}
