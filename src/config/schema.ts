/**
 * The configuration file's schema and defaults, in valibot. Loaded only when a
 * config must be validated: a config already validated comes back from the
 * cache (see loadConfig in config.ts).
 */
import path from 'node:path';
import * as v from 'valibot';
import { ConfigError, DEFAULT_CONFIG_FILE } from './file.js';
import { error } from '../diagnostics.js';
import { isTagAuthority, isValidTimeZone } from '../util/names.js';
import { DEFAULT_CHAINS, PUBLISHED_SOURCES, UPDATED_SOURCES } from './dates.js';
import { podcastNeeds, podcastSchema } from './podcast.js';
import { describeIssue, email, httpUrl, language, oneOf, pathOf, strictMapping } from '../util/validate.js';
import { SSG_NAMES } from '../source/sites/rules.js';
import type { SiteSettings } from './site/settings.js';

/** The frontmatter's fields (article/schema.ts has the keys of each): what `keys` in the config may name. */
export const FRONTMATTER_FIELDS = [
  'title', 'published', 'updated', 'authors', 'tags', 'summary', 'image', 'enclosure', 'lang', 'id', 'slug', 'permalink', 'draft', 'link', 'timezone', 'captured', 'via', 'expires', 'markup',
] as const;
export type FrontmatterField = (typeof FRONTMATTER_FIELDS)[number];

const someText = v.pipe(v.string(), v.minLength(1, 'must not be empty'));
// Blanks around a name or a title are not kept.
const notEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));
const wholeNumber = (min: number, message: string) => v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(min, message));

/** limits.maxArticleBytes when the config says nothing (`syndicate import` warns of larger articles). */
export const DEFAULT_MAX_ARTICLE_BYTES = 10 * 1024 * 1024;

export const person = strictMapping({
  name: notEmpty,
  email: v.optional(email),
  url: v.optional(httpUrl),
});

// A feed file name: a plain relative path inside the output folder.
const outputName = v.pipe(
  v.string(),
  v.check(
    (n) => /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(n) && !n.split('/').includes('..'),
    'must be a relative file name inside the output folder, like feed.xml or feeds/rss.xml',
  ),
);
/** A file written beside the feeds, by this name, or false for none. */
const outputOrNone = (name: string) =>
  v.optional(v.union([outputName, v.literal(false)], 'must be a relative file name inside the output folder, or false to leave it out'), name);

const settings = strictMapping({
  $schema: v.optional(v.string()),
  site: strictMapping({
    url: httpUrl,
    title: v.optional(notEmpty),
    description: v.optional(v.string()),
    language: v.optional(language),
    timezone: v.optional(v.pipe(v.string(), v.check(isValidTimeZone, 'must be an IANA time zone name, like UTC, Europe/Paris or America/New_York')), 'UTC'),
    author: v.optional(person),
    icon: v.optional(httpUrl),
    copyright: v.optional(v.string()),
    // The domain (or email) item ids are minted under, as tag: URIs; defaults to site.url's host.
    // Kept when the site moves, it keeps every id.
    idAuthority: v.optional(v.pipe(v.string(), v.check(isTagAuthority, 'must be a domain name like example.com, or an email address'))),
    // The folder the site's own files (audio, video, images) are published from at site.url:
    // enclosures found there are measured. A path inside the project.
    files: v.optional(
      v.pipe(
        v.string(),
        v.check((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'), 'must be a folder inside the project, like static or public'),
      ),
    ),
    // A WebSub hub: feeds point to it, and `syndicate ping` notifies it.
    hub: v.optional(httpUrl),
  }),
  // The site generator whose files the project has (detected when left out), or false for none.
  ssg: v.optional(v.union([oneOf(SSG_NAMES), v.literal(false)], `must be one of ${SSG_NAMES.map((n) => JSON.stringify(n)).join(', ')}, or false`)),
  // More frontmatter keys for a field, read before the built-in ones: {"title": ["newstitle"]}.
  keys: v.optional(
    v.pipe(
      v.record(oneOf(FRONTMATTER_FIELDS), v.array(v.pipe(v.string(), v.regex(/^[^\s.][^\s]*$/, 'must be a frontmatter key, like newstitle or params.author')))),
    ),
    {},
  ),
  // Write the feeds of the good articles when others have errors (exit 1 all the same): on by default for a site generator's site.
  keepGoing: v.optional(v.boolean()),
  permalink: v.optional(
    v.pipe(
      v.string(),
      v.check((p) => p.startsWith('/') && !p.split('/').includes('..'), 'must be a path pattern starting with /, like /:path/ or /blog/:year/:slug/'),
    ),
    '/:path/',
  ),
  // A mapping left out is read as an empty one, so its own defaults fill it.
  dates: v.optional(
    strictMapping({
      published: v.optional(v.pipe(v.array(oneOf(PUBLISHED_SOURCES)), v.minLength(1, 'must name at least one source')), DEFAULT_CHAINS.published),
      updated: v.optional(v.pipe(v.array(oneOf(UPDATED_SOURCES)), v.minLength(1, 'must name at least one source')), DEFAULT_CHAINS.updated),
    }),
    {},
  ),
  previous: v.optional(someText),
  // Podcast mode: the iTunes and Podcasting 2.0 tags in the RSS feed, checked against what Apple Podcasts takes (podcast.ts).
  podcast: v.optional(podcastSchema),
  content: v.optional(
    strictMapping({
      // Hosts whose <iframe> embeds survive sanitizing, e.g. ["www.youtube-nocookie.com", "player.vimeo.com"].
      iframeHosts: v.optional(v.array(v.pipe(v.string(), v.regex(/^[a-z0-9.-]+$/i, 'must be a host name, like player.vimeo.com'))), []),
    }),
    {},
  ),
  limits: v.optional(
    strictMapping({
      maxArticleBytes: v.optional(wholeNumber(1, 'must be 1 or more'), DEFAULT_MAX_ARTICLE_BYTES),
      maxHtmlDepth: v.optional(wholeNumber(1, 'must be 1 or more'), 1000),
    }),
    {},
  ),
  feeds: v.optional(
    strictMapping({
      limit: v.optional(wholeNumber(0, 'must be 0 (all items) or more'), 50),
      content: v.optional(oneOf(['full', 'summary']), 'full'),
      // Full history (RFC 5005): "recent" keeps the newest feeds.limit items; "complete" writes every
      // item and says so; "archive" adds archive pages of archivePageSize items under archive/<n>/.
      history: v.optional(oneOf(['recent', 'complete', 'archive']), 'recent'),
      archivePageSize: v.optional(wholeNumber(1, 'must be 1 or more'), 100),
      formats: v.optional(
        strictMapping({
          rss: outputOrNone('rss.xml'),
          atom: outputOrNone('atom.xml'),
          json: outputOrNone('feed.json'),
        }),
        {},
      ),
      // The script that shows the XML feeds as a page to people who open them in a browser
      // (src/feeds/stylesheet.ts; it was an XSL stylesheet until browsers dropped XSLT).
      stylesheet: outputOrNone('feed.js'),
      // The page listing the feeds with autodiscovery links.
      index: outputOrNone('index.html'),
      // Every feed in one OPML file, for readers that import a list.
      opml: outputOrNone('feeds.opml'),
      // Feeds per tag, per author and per language, under tags/<slug>/, authors/<slug>/, lang/<code>/.
      facets: v.optional(
        strictMapping({ tags: v.optional(v.boolean(), false), authors: v.optional(v.boolean(), false), languages: v.optional(v.boolean(), false) }),
        {},
      ),
    }),
    {},
  ),
});

// What a podcast needs of the site and feed settings is checked with the rest, so all errors come together.
export const configSchema = v.pipe(settings, podcastNeeds<v.InferOutput<typeof settings>>());

export type Config = v.InferOutput<typeof configSchema> & {
  /** The site generator's settings, read from its own files (config/site/): not written in syndicate.config.json. */
  generator?: SiteSettings;
};
export type Person = v.InferOutput<typeof person>;
export type FeedFormat = keyof Config['feeds']['formats'];

/** Validates already-parsed config data; `lineOf` points messages at the right line. */
export function parseConfig(data: unknown, file = DEFAULT_CONFIG_FILE, lineOf: (p: readonly PropertyKey[]) => number | undefined = () => undefined): Config {
  const result = v.safeParse(configSchema, data);
  if (result.success) return result.output;
  throw new ConfigError(result.issues.map((issue) => error(file, 'config', describeIssue(issue), lineOf(pathOf(issue)))));
}
