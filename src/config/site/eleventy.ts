/**
 * An Eleventy site's settings. Its config is JavaScript, which syndicate never runs: it is read
 * as text for plain literals only (js-text.ts): `dir.input`, `dir.data`, `pathPrefix`, and the
 * feed plugin's `metadata` (base, title, language, author) and `collection.name`. The global data
 * file `metadata` (JSON, or literals of a JS one) gives the site's url, title, language and
 * author, as eleventy-base-blog keeps them; directory data files give folders' tags and
 * permalinks. What is not a literal there is asked for in syndicate.config.json.
 */
import { existsSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { NAME_BEFORE_BYLINE } from '../dates.js';
import { objectText, stringList, stringValue, withoutComments } from './js-text.js';
import { textOf } from './read-data.js';
import type { SiteReading } from './settings.js';

export const ELEVENTY_FILES = ['eleventy.config.js', 'eleventy.config.mjs', 'eleventy.config.cjs', 'eleventy.config.ts', '.eleventy.js', '.eleventy.cjs'];

const DATA_EXTENSIONS = ['.json', '.js', '.mjs', '.cjs'];

export function readEleventy(cwd: string, file: string): SiteReading {
  const text = withoutComments(readFileSync(path.join(cwd, file), 'utf8'));
  const dir = objectText(text, 'dir') ?? '';
  const input = path.posix.normalize(stringValue(dir, 'input') ?? '.').replace(/\/$/, '') || '.';
  const dataDir = path.posix.join(input, stringValue(dir, 'data') ?? '_data');
  const feed = objectText(text, 'metadata') ?? '';
  const metadataFile = DATA_EXTENSIONS.map((ext) => `${dataDir}/metadata${ext}`).find((f) => existsSync(path.join(cwd, f)));
  const metadata = metadataFile ? readData(cwd, metadataFile) : { text: '' };
  const pick = (key: string) => stringValue(feed, key) ?? metadata.json?.[key] ?? stringValue(metadata.text, key);
  const authorText = objectText(feed, 'author') ?? objectText(metadata.text, 'author') ?? '';
  const authorName = stringValue(authorText, 'name') ?? textOf((metadata.json?.author as { name?: unknown } | undefined)?.name) ?? textOf(metadata.json?.author);
  const url = textOf(pick('base')) ?? textOf(pick('url'));
  const pathPrefix = stringValue(text, 'pathPrefix');
  const siteUrl = url && pathPrefix && pathPrefix !== '/' ? new URL(pathPrefix.replace(/^\/*/, ''), url.endsWith('/') ? url : `${url}/`).href : url;
  const folders = folderData(cwd, input);
  return {
    settings: {
      ssg: 'eleventy',
      files: [file, ...(metadataFile ? [metadataFile] : []), ...folders.files],
      articlesDir: input,
      listing: {},
      urls: { kind: 'eleventy', folderPermalinks: folders.permalinks },
      publishesDrafts: false,
      publishedRoot: '',
      vars: { metadata: { ...metadata.json, ...(url && { url }), ...(textOf(pick('title')) && { title: textOf(pick('title')) }) } },
      folderTags: folders.tags,
      feedTag: stringValue(objectText(text, 'collection') ?? '', 'name') ?? 'posts',
    },
    config: {
      site: {
        ...(siteUrl && { url: siteUrl }),
        ...(textOf(pick('title')) && { title: textOf(pick('title')) }),
        ...(textOf(pick('subtitle') ?? pick('description')) && { description: textOf(pick('subtitle') ?? pick('description')) }),
        ...(textOf(pick('language')) && { language: textOf(pick('language')) }),
        // Eleventy reads dates in UTC (js-yaml and Luxon).
        timezone: 'UTC',
        ...(authorName && { author: { name: authorName } }),
        files: input,
      },
      // Eleventy dates a page by the YYYY-MM-DD of its path when its frontmatter has no date.
      dates: { published: NAME_BEFORE_BYLINE },
    },
    missing: siteUrl ? [] : [{ key: 'site.url', file, why: `the site's address is set by code in ${file} or its data files, which syndicate does not run` }],
  };
}

function readData(cwd: string, file: string): { json?: Record<string, unknown>; text: string } {
  const text = readFileSync(path.join(cwd, file), 'utf8');
  if (!file.endsWith('.json')) return { text: withoutComments(text) };
  try {
    const json = JSON.parse(text) as unknown;
    return { json: json && typeof json === 'object' ? (json as Record<string, unknown>) : {}, text: '' };
  } catch {
    return { text: '' };
  }
}

/**
 * Directory data: `blog/blog.11tydata.js` (or .json, or `blog/blog.json`) gives every page under
 * blog/ its tags (eleventy-base-blog tags its posts so) and maybe a permalink pattern.
 */
function folderData(cwd: string, input: string): { files: string[]; tags: Record<string, string[]>; permalinks: Record<string, string> } {
  const found = { files: [] as string[], tags: {} as Record<string, string[]>, permalinks: {} as Record<string, string> };
  const walk = (rel: string, depth: number) => {
    const abs = path.join(cwd, input, rel);
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    const names = entries.map((e) => e.name);
    const base = rel === '' ? path.basename(path.resolve(cwd, input)) : path.posix.basename(rel);
    for (const candidate of [...DATA_EXTENSIONS.map((e) => `${base}.11tydata${e}`), `${base}.json`]) {
      if (!names.includes(candidate)) continue;
      const file = path.posix.join(input, rel, candidate);
      const data = readData(cwd, file);
      found.files.push(file);
      const tags = data.json ? [data.json.tags].flat().filter((t): t is string => typeof t === 'string') : stringList(data.text, 'tags');
      if (tags && tags.length > 0) found.tags[rel] = tags;
      const permalink = data.json ? textOf(data.json.permalink) : stringValue(data.text, 'permalink');
      if (permalink) found.permalinks[rel] = permalink;
    }
    if (depth > 20) return;
    for (const name of entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
      if (!name.startsWith('.') && !name.startsWith('_') && name !== 'node_modules') walk(rel ? `${rel}/${name}` : name, depth + 1);
    }
  };
  walk('', 0);
  return found;
}
