/**
 * A Hugo site's settings, from hugo.toml|yaml|yml|json (or the older config.*, or
 * config/_default/), read as data: baseURL, title, languageCode, timeZone, contentDir, staticDir,
 * permalinks, uglyURLs, disablePathToLower, buildDrafts, params (author, description,
 * mainSections). Keys are read without case, as Hugo reads them.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { lowerKeys, readDataFile, textOf } from './read-data.js';
import type { SiteReading } from './settings.js';

const EXTENSIONS = ['toml', 'yaml', 'yml', 'json'];
export const HUGO_FILES = ['hugo', 'config'].flatMap((name) => EXTENSIONS.map((ext) => `${name}.${ext}`));

/** The config files of the Hugo site in `cwd` (the root one, then config/_default/'s), or none. */
export function hugoFiles(cwd: string): string[] {
  const root = HUGO_FILES.find((f) => existsSync(path.join(cwd, f)));
  const dir = path.join(cwd, 'config', '_default');
  const split = existsSync(dir) ? readdirSync(dir).filter((f) => EXTENSIONS.includes(path.extname(f).slice(1))).sort().map((f) => `config/_default/${f}`) : [];
  return [...(root ? [root] : []), ...split];
}

export function readHugo(cwd: string, files: string[]): SiteReading {
  // config/_default/params.toml holds the `params` key, and so on; hugo.toml there is the root.
  let data: Record<string, unknown> = {};
  for (const file of files) {
    const base = path.basename(file, path.extname(file)).toLowerCase();
    const read = lowerKeys(readDataFile(cwd, file));
    data = file.startsWith('config/') && base !== 'hugo' && base !== 'config' ? { ...data, [base.split('.')[0]!]: read } : { ...data, ...read };
  }
  const params = lowerKeys(data.params);
  const first = files[0]!;
  const url = textOf(data.baseurl);
  const author = authorOf(params.author) ?? authorOf(data.author);
  const language = textOf(data.languagecode) ?? textOf(data.defaultcontentlanguage);
  const mainSections = params.mainsections;
  const ugly = data.uglyurls;
  const permalinks = permalinksOf(data.permalinks);
  return {
    settings: {
      ssg: 'hugo',
      files,
      articlesDir: textOf(data.contentdir) ?? 'content',
      listing: { ...sectionsOf(mainSections, permalinks) },
      urls: {
        kind: 'hugo',
        permalinks,
        ugly: typeof ugly === 'boolean' ? ugly : ugly && typeof ugly === 'object' ? (ugly as Record<string, boolean>) : false,
        lower: data.disablepathtolower !== true,
        languages: Object.keys(lowerKeys(data.languages)),
        defaultLanguage: textOf(data.defaultcontentlanguage)?.toLowerCase() ?? 'en',
        defaultInSubdir: data.defaultcontentlanguageinsubdir === true,
      },
      publishesDrafts: data.builddrafts === true,
      vars: { site: { title: textOf(data.title), baseURL: url, params } },
    },
    config: {
      site: {
        ...(url && { url }),
        ...(textOf(data.title) && { title: textOf(data.title) }),
        ...(textOf(params.description ?? data.description) && { description: textOf(params.description ?? data.description) }),
        ...(language && { language }),
        // Hugo reads zone-less dates in UTC unless timeZone says otherwise.
        timezone: textOf(data.timezone) ?? 'UTC',
        ...(author && { author }),
        files: textOf(data.staticdir) ?? 'static',
      },
    },
    missing: url ? [] : [{ key: 'site.url', file: first, why: `${first} has no baseURL` }],
  };
}

/**
 * The sections whose pages are posts: `params.mainSections`; else those the site gives a
 * permalink pattern (a blog's dated sections); else, as Hugo does, the one with the most pages.
 */
function sectionsOf(mainSections: unknown, permalinks: Record<string, string>): { sections?: string[] } {
  if (Array.isArray(mainSections)) return { sections: mainSections.map(String) };
  if (typeof mainSections === 'string') return { sections: [mainSections] };
  const patterned = Object.keys(permalinks);
  return patterned.length > 0 ? { sections: patterned } : {};
}

/** `[permalinks]` as section = pattern; newer Hugo's `[permalinks.page]` too. */
function permalinksOf(value: unknown): Record<string, string> {
  const all = lowerKeys(value);
  const pages = all.page && typeof all.page === 'object' ? (all.page as Record<string, unknown>) : all;
  return Object.fromEntries(Object.entries(pages).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** `author = "Name"` or a mapping with name and email, as themes write it. */
export function authorOf(value: unknown): { name: string; email?: string } | undefined {
  const name = textOf(value);
  if (name) return { name };
  const map = lowerKeys(value);
  const mapped = textOf(map.name);
  const email = textOf(map.email);
  return mapped ? { name: mapped, ...(email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? { email } : {}) } : undefined;
}
