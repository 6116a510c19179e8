/**
 * The description of every feed a build writes (its title, addresses, stylesheet, history links):
 * the main feed in each format, its archive pages, the facet feeds, and the files beside them
 * (the stylesheet, the page listing the feeds, the OPML list).
 */
import path from 'node:path';
import type { Candidate } from '../article/identify.js';
import { siteBase } from '../article/permalink.js';
import type { Config, FeedFormat } from '../config/schema.js';
import { VERSION } from '../util/version.js';
import { archiveDir } from './archive.js';
import type { Facet } from './facets.js';
import { renderIndexPage } from './index-page.js';
import { newest, type FeedMeta } from './model.js';
import { renderOpml, type OpmlEntry } from './opml.js';
import { podcastShow } from './podcast.js';
import { BROWSER_VIEW } from './stylesheet.js';

/** A format and the file name it is written under. */
export type Format = [FeedFormat, string];

export interface FeedSet {
  /** The formats written, with their file names. */
  formats: Format[];
  /** The main feed. */
  meta: FeedMeta;
  /** Archive page n is at n - 1. */
  archives: FeedMeta[];
  /** In the order of the plan's facets. */
  facets: FeedMeta[];
  /** Files written whole beside the feeds: name and text. */
  extras: [name: string, text: string][];
}

/** The feeds of a plan: its main feed's items, archive pages and facet feeds. */
export function feedSet(config: Config, plan: { items: readonly Candidate[]; pages: readonly Candidate[][]; facets: readonly Facet<Candidate>[] }): FeedSet {
  const base = siteBase(config.site.url);
  const { stylesheet } = config.feeds;
  const formats = (Object.entries(config.feeds.formats) as [FeedFormat, string | false][]).filter((entry): entry is Format => entry[1] !== false);
  const links: FeedMeta['links'] = Object.fromEntries(formats.map(([format, name]) => [format, new URL(name, base).href]));
  const meta: FeedMeta = {
    title: siteTitle(config),
    description: config.site.description ?? siteTitle(config),
    homeUrl: base,
    links,
    language: config.site.language,
    icon: config.site.icon,
    copyright: config.site.copyright,
    author: config.site.author,
    generator: { name: 'syndicate', version: VERSION },
    hub: config.site.hub,
    // Archive pages keep this: the same show, with the same podcast:guid.
    podcast: podcastShow(config.podcast, links.rss),
    updated: newest(plan.items, 'updated'),
    published: newest(plan.items, 'published'),
    stylesheets: stylesheetLinks(formats, stylesheet),
    history:
      config.feeds.history === 'complete'
        ? { complete: true }
        : plan.pages.length > 0
          ? { prevArchive: placedAt(archiveDir(plan.pages.length), formats, stylesheet, base).links }
          : undefined,
  };
  const archives = plan.pages.map((_, i) => archiveMeta(i + 1, meta, formats, stylesheet, base));
  const facets = plan.facets.map((f) => facetMeta(f, meta, formats, stylesheet, base));
  const opmlEntries = [meta, ...facets].flatMap((m) => opmlEntry(m));
  const extras: [string, string][] = [
    ...(stylesheet ? [[stylesheet, BROWSER_VIEW] as [string, string]] : []),
    ...(config.feeds.index ? [[config.feeds.index, renderIndexPage(meta, facets)] as [string, string]] : []),
    ...(config.feeds.opml ? [[config.feeds.opml, renderOpml(meta.title, opmlEntries)] as [string, string]] : []),
  ];
  return { formats, meta, archives, facets, extras };
}

/** What a file written beside the feeds is, by its name. */
export function extraKind(name: string, config: Config): 'stylesheet' | 'index' | 'opml' {
  return name === config.feeds.stylesheet ? 'stylesheet' : name === config.feeds.index ? 'index' : 'opml';
}

function siteTitle(config: Config): string {
  return config.site.title ?? new URL(config.site.url).host;
}

/** The links and stylesheet paths of a feed written in every format under `dir`. */
function placedAt(dir: string, formats: Format[], stylesheet: string | false, base: string): Pick<FeedMeta, 'links' | 'stylesheets'> {
  const names = formats.map(([format, name]) => [format, `${dir}/${name}`] as Format);
  return { links: Object.fromEntries(names.map(([format, name]) => [format, new URL(name, base).href])), stylesheets: stylesheetLinks(names, stylesheet) };
}

/** Archive page `n` (RFC 5005): linked to the subscription feed and to the page before it. */
function archiveMeta(n: number, site: FeedMeta, formats: Format[], stylesheet: string | false, base: string): FeedMeta {
  const at = (k: number) => placedAt(archiveDir(k), formats, stylesheet, base);
  return {
    ...site,
    ...at(n),
    history: { archive: true, current: site.links, prevArchive: n > 1 ? at(n - 1).links : undefined },
  };
}

/** A facet feed's description: the site's, with its own title, addresses and stylesheet path. */
function facetMeta(facet: Facet<Candidate>, site: FeedMeta, formats: Format[], stylesheet: string | false, base: string): FeedMeta {
  const what = facet.kind === 'tags' ? 'tagged' : facet.kind === 'authors' ? 'by' : 'in';
  return {
    ...site,
    title: `${site.title}: ${what} ${facet.label}`,
    description: `${site.description} (articles ${what} ${facet.label})`,
    language: facet.kind === 'languages' ? facet.label : site.language,
    ...placedAt(facet.dir, formats, stylesheet, base),
    // A podcast is its main feed: a slice of it is not another show with its own podcast:guid.
    podcast: undefined,
    // A slice has no archive of its own.
    history: undefined,
    updated: newest(facet.items, 'updated'),
    published: newest(facet.items, 'published'),
  };
}

function opmlEntry(m: FeedMeta): OpmlEntry[] {
  const type = m.links.rss ? 'rss' : m.links.atom ? 'atom' : 'json';
  const xmlUrl = m.links[type];
  return xmlUrl ? [{ title: m.title, xmlUrl, htmlUrl: m.homeUrl, type }] : [];
}

/** The stylesheet's address as seen from each XML feed (relative, so it works on any host). */
function stylesheetLinks(formats: Format[], stylesheet: string | false): FeedMeta['stylesheets'] {
  if (!stylesheet) return undefined;
  const from = (name: string) => path.posix.relative(path.posix.dirname(name), stylesheet);
  return Object.fromEntries(formats.filter(([format]) => format !== 'json').map(([format, name]) => [format, from(name)]));
}
