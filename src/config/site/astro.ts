/**
 * An Astro site's settings. Its config and pages are code, which syndicate never runs: they
 * are read as text for plain literals only (js-text.ts). `site` and `base` from astro.config.*
 * (or the `website` of AstroPaper's src/config.ts); the title, description and author from
 * src/config.ts (AstroPaper's SITE) or src/consts.ts (the blog starter's SITE_TITLE); the
 * collections from src/content.config.ts (astro 5: glob loaders' base and pattern) or
 * src/content/config.ts (astro 2-4: one folder per collection); and each collection's URL from
 * the page route that lists it (`src/pages/posts/[...slug].astro` calling getCollection("blog")).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { callObject, objectText, stringValue, withoutComments } from './js-text.js';
import { textOf } from './read-data.js';
import type { SiteReading, UrlSettings } from './settings.js';

export const ASTRO_FILES = ['astro.config.mjs', 'astro.config.ts', 'astro.config.js', 'astro.config.mts', 'astro.config.cjs'];

type Collection = { name: string; dir: string; skipUnderscored: boolean };

export function readAstro(cwd: string, file: string): SiteReading {
  const read = (f: string) => (existsSync(path.join(cwd, f)) ? withoutComments(readFileSync(path.join(cwd, f), 'utf8')) : undefined);
  const config = read(file)!;
  const siteFile = ['src/config.ts', 'src/config.js', 'src/consts.ts', 'src/consts.js'].find((f) => existsSync(path.join(cwd, f)));
  const site = siteFile ? read(siteFile)! : '';
  const siteObject = objectText(site, 'SITE') ?? site;
  const origin = stringValue(config, 'site') ?? stringValue(siteObject, 'website') ?? stringValue(site, 'SITE_URL');
  const base = stringValue(config, 'base');
  const url = origin && (base && base !== '/' ? new URL(base.replace(/^\/*/, ''), origin.endsWith('/') ? origin : `${origin}/`).href : origin);
  const collections = collectionsOf(cwd, read);
  const articlesDir = commonFolder(collections.map((c) => c.dir));
  const under = (dir: string) => path.posix.relative(articlesDir, dir);
  const routes = routesOf(cwd, read);
  const title = stringValue(siteObject, 'title') ?? stringValue(site, 'SITE_TITLE');
  const description = stringValue(siteObject, 'desc') ?? stringValue(siteObject, 'description') ?? stringValue(site, 'SITE_DESCRIPTION');
  const author = stringValue(siteObject, 'author');
  const files = [file, ...(siteFile ? [siteFile] : []), ...collections.files, ...routes.files];
  return {
    settings: {
      ssg: 'astro',
      files: [...new Set(files)],
      articlesDir,
      listing: { collections: collections.map((c) => ({ dir: under(c.dir), skipUnderscored: c.skipUnderscored })) },
      urls: {
        kind: 'astro',
        collections: collections.map((c) => ({ dir: under(c.dir), ...(routes.byCollection.get(c.name) ?? { route: `/${c.name}/`, name: 'id' as const }) })),
      },
      publishesDrafts: false,
      vars: {},
    },
    config: {
      site: {
        ...(url && { url }),
        ...(textOf(title) && { title: textOf(title) }),
        ...(textOf(description) && { description: textOf(description) }),
        // Dates are JavaScript Dates: zone-less YAML timestamps are UTC.
        timezone: 'UTC',
        ...(textOf(author) && { author: { name: textOf(author) } }),
        files: 'public',
      },
    },
    missing: url ? [] : [{ key: 'site.url', file, why: `the site's address is not a plain literal in ${file}${siteFile ? ` or ${siteFile}` : ''}, and syndicate does not run them` }],
  };
}

/** The content collections: astro 5's glob loaders, else astro 2-4's folders under src/content/. */
function collectionsOf(cwd: string, read: (f: string) => string | undefined): Collection[] & { files: string[] } {
  const modern = ['src/content.config.ts', 'src/content.config.js', 'src/content.config.mjs', 'src/content.config.mts'].find((f) => read(f) !== undefined);
  const legacy = ['src/content/config.ts', 'src/content/config.js', 'src/content/config.mjs'].find((f) => read(f) !== undefined);
  const found: Collection[] = [];
  if (modern) {
    const text = read(modern)!;
    for (const m of text.matchAll(/(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*defineCollection\s*\(/g)) {
      const loader = callObject(text.slice(m.index), 'glob') ?? '';
      const dir = stringValue(loader, 'base', text);
      if (dir) found.push({ name: m[1]!, dir: path.posix.normalize(dir).replace(/^\.\/|\/$/g, ''), skipUnderscored: /\[\^_\]/.test(stringValue(loader, 'pattern') ?? '') });
    }
  } else if (legacy) {
    const text = read(legacy)!;
    for (const m of text.matchAll(/(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*defineCollection\s*\(/g)) {
      found.push({ name: m[1]!, dir: `src/content/${m[1]!}`, skipUnderscored: true });
    }
  }
  const kept = found.filter((c) => existsSync(path.join(cwd, c.dir)));
  const collections = (kept.length > 0 ? kept : [{ name: 'blog', dir: 'src/content/blog', skipUnderscored: true }]) as Collection[] & { files: string[] };
  collections.files = [modern ?? legacy].filter((f): f is string => f !== undefined);
  return collections;
}

/**
 * The page route of each collection, by the collection's name: a file under src/pages with a
 * `[param]` in its path that calls getCollection("name"). Its folder is the URL's, and how it
 * names a page is read from what it calls: AstroPaper's getPath, or slugify of postSlug/title.
 */
type Route = Omit<Extract<UrlSettings, { kind: 'astro' }>['collections'][number], 'dir'>;

function routesOf(cwd: string, read: (f: string) => string | undefined): { byCollection: Map<string, Route>; files: string[] } {
  const byCollection = new Map<string, Route>();
  const files: string[] = [];
  const pages = path.join(cwd, 'src', 'pages');
  const all = existsSync(pages) ? (readdirSync(pages, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')) : [];
  // Pages (.astro) with a parameter in their path; those named by a slug or an id first.
  const ranked = (f: string) => (/\[(?:\.\.\.)?(?:slug|id|post)\]/.test(f) ? 0 : 1);
  for (const rel of all.filter((f) => /\[[^\]]+\]/.test(f) && f.endsWith('.astro')).sort((a, b) => ranked(a) - ranked(b) || (a < b ? -1 : 1))) {
    const text = read(`src/pages/${rel}`) ?? '';
    const name = /getCollection\s*\(\s*["'`]([^"'`]+)["'`]/.exec(text)?.[1];
    if (name === undefined || byCollection.has(name)) continue;
    const route = `/${rel.split('/').filter((s) => !s.includes('[')).slice(0, rel.split('/').findIndex((s) => s.includes('['))).join('/')}/`.replace(/\/+/g, '/');
    const naming = /getPath\s*\(/.test(text) ? 'astropaper' : /slugify\s*\(\s*(?:post\.)?data\b|slugify\s*\(\s*post\s*\)/.test(text) ? 'title-slug' : 'id';
    byCollection.set(name, { route, name: naming });
    files.push(`src/pages/${rel}`);
  }
  return { byCollection, files };
}

/** The deepest folder that holds every one of `dirs`. */
function commonFolder(dirs: string[]): string {
  const split = dirs.map((d) => d.split('/'));
  const first = split[0] ?? ['src', 'content'];
  let n = 0;
  while (n < first.length && split.every((s) => s[n] === first[n])) n++;
  return first.slice(0, n).join('/') || '.';
}
