/**
 * The configuration file's schema and defaults, in zod. Loaded only when a
 * config must be validated: zod is some 95 modules, and a config already
 * validated comes back from the cache (see loadConfig in config.ts).
 */
import path from 'node:path';
import { z } from 'zod';
import { isTagAuthority } from './article/tag-id.js';
import { ConfigError, DEFAULT_CONFIG_FILE, type Config } from './config.js';
import { error } from './diagnostics.js';
import { DEFAULT_CHAINS, PUBLISHED_HANDLERS, UPDATED_HANDLERS } from './time/resolve.js';
import { isValidTimeZone } from './time/zone.js';
import { describeIssue, email, httpUrl, language } from './util/validate.js';

export const person = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty'),
  email: email.optional(),
  url: httpUrl.optional(),
});

// A feed file name: a plain relative path inside the output folder.
const outputName = z
  .string()
  .refine((n) => /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(n) && !n.split('/').includes('..'), {
    message: 'must be a relative file name inside the output folder, like feed.xml or feeds/rss.xml',
  });

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  site: z.strictObject({
    url: httpUrl,
    title: z.string().trim().min(1, 'must not be empty').optional(),
    description: z.string().optional(),
    language: language.optional(),
    timezone: z
      .string()
      .refine(isValidTimeZone, { message: 'must be an IANA time zone name, like UTC, Europe/Paris or America/New_York' })
      .default('UTC'),
    author: person.optional(),
    icon: httpUrl.optional(),
    copyright: z.string().optional(),
    // The domain (or email) item ids are minted under, as tag: URIs; defaults to site.url's host.
    // Kept when the site moves, it keeps every id.
    idAuthority: z.string().refine(isTagAuthority, { message: 'must be a domain name like example.com, or an email address' }).optional(),
    // The folder the site's own files (audio, video, images) are published from at site.url:
    // enclosures found there are measured. A path inside the project.
    files: z
      .string()
      .refine((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'), { message: 'must be a folder inside the project, like static or public' })
      .optional(),
    // A WebSub hub: feeds point to it, and `syndicate ping` notifies it.
    hub: httpUrl.optional(),
  }),
  permalink: z
    .string()
    .refine((p) => p.startsWith('/') && !p.split('/').includes('..'), { message: 'must be a path pattern starting with /, like /:path/ or /blog/:year/:slug/' })
    .default('/:path/'),
  dates: z
    .strictObject({
      published: z.array(z.enum(PUBLISHED_HANDLERS)).min(1, 'must name at least one source').default(DEFAULT_CHAINS.published),
      updated: z.array(z.enum(UPDATED_HANDLERS)).min(1, 'must name at least one source').default(DEFAULT_CHAINS.updated),
    })
    .prefault({}),
  previous: z.string().min(1).optional(),
  // Podcast mode: the iTunes and Podcasting 2.0 tags in the RSS feed.
  podcast: z
    .strictObject({
      image: httpUrl,
      category: z.string().min(1, 'must name an Apple Podcasts category, like "Technology" or "Arts > Books"'),
      explicit: z.boolean().default(false),
      type: z.enum(['episodic', 'serial']).default('episodic'),
      owner: z.strictObject({ name: z.string().min(1), email }).optional(),
      guid: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a UUID').optional(),
      locked: z.boolean().default(false),
    })
    .optional(),
  content: z
    .strictObject({
      // Hosts whose <iframe> embeds survive sanitizing, e.g. ["www.youtube-nocookie.com", "player.vimeo.com"].
      iframeHosts: z.array(z.string().regex(/^[a-z0-9.-]+$/i, 'must be a host name, like player.vimeo.com')).default([]),
    })
    .prefault({}),
  limits: z
    .strictObject({
      maxArticleBytes: z.number().int().positive().default(10 * 1024 * 1024),
      maxHtmlDepth: z.number().int().positive().default(1000),
    })
    .prefault({}),
  feeds: z
    .strictObject({
      limit: z.number().int().min(0, 'must be 0 (all items) or more').default(50),
      content: z.enum(['full', 'summary']).default('full'),
      // Full history (RFC 5005): "recent" keeps the newest feeds.limit items; "complete" writes every
      // item and says so; "archive" adds archive pages of archivePageSize items under archive/<n>/.
      history: z.enum(['recent', 'complete', 'archive']).default('recent'),
      archivePageSize: z.number().int().min(1, 'must be 1 or more').default(100),
      formats: z
        .strictObject({
          rss: z.union([outputName, z.literal(false)]).default('rss.xml'),
          atom: z.union([outputName, z.literal(false)]).default('atom.xml'),
          json: z.union([outputName, z.literal(false)]).default('feed.json'),
        })
        .prefault({}),
      // The XSL stylesheet the XML feeds point to, for people who open them in a browser.
      stylesheet: z.union([outputName, z.literal(false)]).default('feed.xsl'),
      // The page listing the feeds with autodiscovery links.
      index: z.union([outputName, z.literal(false)]).default('index.html'),
      // Every feed in one OPML file, for readers that import a list.
      opml: z.union([outputName, z.literal(false)]).default('feeds.opml'),
      // Feeds per tag, per author and per language, under tags/<slug>/, authors/<slug>/, lang/<code>/.
      facets: z
        .strictObject({ tags: z.boolean().default(false), authors: z.boolean().default(false), languages: z.boolean().default(false) })
        .prefault({}),
    })
    .prefault({}),
});

/** Validates already-parsed config data; `lineOf` points messages at the right line. */
export function parseConfig(data: unknown, file = DEFAULT_CONFIG_FILE, lineOf: (p: readonly PropertyKey[]) => number | undefined = () => undefined): Config {
  const result = configSchema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => error(file, 'config', describeIssue(issue), lineOf(issue.path))));
}
