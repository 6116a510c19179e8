/**
 * The pages a body's link tags name, as URLs: Hugo's `ref`/`relref`, Jekyll's `post_url` and
 * `link`. A post is found among the build's articles; another page of the site (an about page,
 * which is no post) by its file, read for its own URL settings only, inside the site's folder.
 * Every file looked at is told (`looked`), so that a rebuild sees it change.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { parseFrontmatter } from '../source/frontmatter.js';
import { SITES } from '../source/sites/index.js';
import { parseDate } from '../time/parse-date.js';
import { isWithin } from '../util/paths.js';
import type { Article } from './article.js';
import type { Candidate } from './identify.js';
import { articleUrl } from './permalink.js';

/** The URL of each link tag of an article; the tags that name no page. */
export type LinkResolver = (article: Article) => { links: Record<string, string>; missing: { tag: string; line?: number }[] };

export function linkResolver(candidates: readonly Candidate[], config: Config, articlesDir: string, looked: Set<string> | undefined): LinkResolver {
  const byPath = new Map(candidates.map((c) => [c.article.source.relPath, c.url]));
  const byName = new Map<string, string | null>();
  for (const c of candidates) {
    const name = c.article.source.relPath.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
    byName.set(name, byName.has(name) ? null : c.url);
  }
  const site = config.generator;
  // Jekyll's `link` paths are from the site's folder, above _posts.
  const siteRoot = site?.ssg === 'jekyll' ? path.dirname(articlesDir) : articlesDir;
  const pageUrl = (relPath: string): string | undefined => {
    const abs = path.resolve(siteRoot, relPath);
    if (!isWithin(abs, siteRoot)) return undefined;
    looked?.add(abs);
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
    return otherPageUrl(relPath, text, config);
  };
  const resolve = (tag: string, from: string): string | undefined => {
    const [kind, ...rest] = tag.split(' ');
    const target = rest.join(' ').replace(/^["']|["']$/g, '');
    const [file = '', anchor] = target.split('#', 2);
    const url = find(kind!, file, from);
    return url === undefined ? undefined : anchor === undefined ? url : `${url}#${anchor}`;
  };
  const find = (kind: string, file: string, from: string): string | undefined => {
    if (kind === 'post_url') return byName.get(file.replace(/^.*\//, '')) ?? undefined;
    if (kind === 'link') return file.startsWith('_posts/') ? (byPath.get(file.slice('_posts/'.length)) ?? undefined) : pageUrl(file);
    // Hugo's ref: from the content folder, or from the page's own folder, or a unique file name.
    const clean = file.replace(/^\//, '');
    const here = path.posix.join(path.posix.dirname(from), clean);
    for (const p of [clean, `${clean}.md`, `${clean}/index.md`, here, `${here}.md`, `${here}/index.md`]) if (byPath.has(p)) return byPath.get(p);
    const named = byName.get(clean.replace(/\.[^./]+$/, '').replace(/^.*\//, ''));
    if (named) return named;
    if (clean === '') return undefined;
    return pageUrl(clean) ?? (here !== clean && !file.startsWith('/') ? pageUrl(here) : undefined);
  };
  return (article) => {
    const links: Record<string, string> = {};
    const missing: { tag: string; line?: number }[] = [];
    for (const { tag, line } of article.templateLinks ?? []) {
      const url = resolve(tag, article.source.relPath);
      if (url === undefined) missing.push({ tag, line });
      else links[tag] = url;
    }
    return { links, missing };
  };
}

/** The URL of a page of the site that is not a post, by its generator's rules and its own frontmatter. */
function otherPageUrl(relPath: string, text: string, config: Config): string | undefined {
  const site = config.generator!;
  const source = { relPath, absPath: '', displayPath: relPath, size: 0, mtimeMs: 0, ctimeMs: 0, hash: '', text };
  const parsed = parseFrontmatter(source, SITES[site.ssg].frontmatter).draft;
  const data = parsed?.data ?? {};
  const str = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
  if (site.ssg === 'jekyll') {
    const permalink = str('permalink');
    const pretty = site.urls.kind === 'jekyll' && site.urls.permalink.endsWith('/');
    const stem = relPath.replace(/\.[^./]+$/, '');
    const own = permalink ?? (stem === 'index' || stem.endsWith('/index') ? `/${stem.replace(/index$/, '')}` : pretty ? `/${stem}/` : `/${stem}.html`);
    return new URL(own.replace(/^\//, ''), config.site.url.endsWith('/') ? config.site.url : `${config.site.url}/`).href;
  }
  const date = str('date');
  const parsedDate = date === undefined ? undefined : parseDate(date, config.site.timezone);
  const instant = parsedDate && !('error' in parsedDate) ? parsedDate : { instant: 0, offset: 0, precision: 'second' as const, zone: 'UTC' };
  const page = { source, title: str('title') ?? '', slug: str('slug'), permalink: str('url'), titleFromHeading: false } as unknown as Article;
  return articleUrl(page, { ...instant, approximate: false, source: { kind: 'published' } }, config.site.url, config.permalink, site.urls);
}
