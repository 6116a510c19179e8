/**
 * The path a site generator publishes a post at, under the site's URL, by its own rules and the
 * site's settings (config/site/): Hugo's url > permalinks > path, sanitized and lowercased, with
 * bundles and ugly URLs; Jekyll's permalink patterns, their date in the site's zone; Eleventy's
 * permalink templates and folder rules; Astro's collections as the site's route names them.
 */
import type { UrlSettings } from '../config/site/index.js';
import { jekyllName } from '../source/sites/jekyll.js';
import type { Timestamp } from '../time/timestamp.js';
import type { Article } from './article.js';
import { astroPaperSlug, eleventySlug, githubSlug, hugoPath, jekyllSlug } from './slugs.js';
import { renderPermalink } from './permalink-template.js';

/** The post's path under the site's URL (without a leading `/`). */
export function sitePath(article: Article, published: Timestamp, urls: UrlSettings): string {
  const stem = article.source.relPath.replace(/\.[^./]+$/, '');
  switch (urls.kind) {
    case 'hugo':
      return hugo(article, stem, published, urls);
    case 'jekyll':
      return jekyll(article, published, urls.permalink);
    case 'eleventy':
      return eleventy(article, stem, published, urls);
    case 'astro':
      return astro(article, stem, urls);
  }
}

/** A timestamp's wall-clock fields in its own offset. */
function wall(t: Timestamp): Date {
  return new Date(t.instant + t.offset * 60_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

function hugo(article: Article, stem: string, published: Timestamp, urls: Extract<UrlSettings, { kind: 'hugo' }>): string {
  // `url` is the page's whole path, as written.
  if (article.permalink !== undefined) return article.permalink.replace(/^\//, '');
  // A page named x.<lang>.md is that language's: under /<lang>/ unless it is the default language at the root.
  const language = /\.([a-z]{2,3}(?:-[a-z0-9]+)?)$/i.exec(stem)?.[1]?.toLowerCase();
  const lang = language !== undefined && urls.languages.includes(language) ? language : undefined;
  const parts = (lang ? stem.slice(0, -lang.length - 1) : stem).split('/');
  const langDir = (lang ?? urls.defaultLanguage) !== urls.defaultLanguage || (urls.defaultInSubdir && urls.languages.length > 0) ? `${lang ?? urls.defaultLanguage}/` : '';
  const bundle = parts.at(-1) === 'index' && parts.length > 1;
  const name = bundle ? parts.at(-2)! : parts.at(-1)!;
  const dirs = parts.slice(0, bundle ? -2 : -1);
  const section = parts.length > 1 ? parts[0]! : '';
  // Hugo never takes a title from the body: a page without one has an empty title.
  const title = article.titleFromHeading ? '' : article.title;
  const pattern = urls.permalinks[section];
  let path: string;
  if (pattern === undefined) path = `${[...dirs, article.slug ?? name].join('/')}/`;
  else {
    const d = wall(published);
    const tokens: Record<string, () => string> = {
      year: () => String(d.getUTCFullYear()),
      month: () => pad(d.getUTCMonth() + 1),
      monthname: () => MONTHS[d.getUTCMonth()]!,
      day: () => pad(d.getUTCDate()),
      weekday: () => String(d.getUTCDay()),
      weekdayname: () => DAYS[d.getUTCDay()]!,
      yearday: () => String(dayOfYear(d)),
      section: () => section,
      sections: () => dirs.join('/'),
      title: () => hugoPath(title, urls.lower),
      // pageToPermalinkSlugElseTitle: the slug, else the title, never the file name.
      slug: () => hugoPath(article.slug ?? title, urls.lower),
      slugorfilename: () => article.slug ?? name,
      slugorcontentbasename: () => article.slug ?? name,
      filename: () => name,
      contentbasename: () => name,
    };
    path = pattern.replace(/:([a-z]+)/g, (whole, token: string) => tokens[token]?.() ?? whole).replace(/^\//, '');
  }
  // Hugo keeps a %XX it finds; it is written here as the character, which the URL encodes again.
  path = langDir + hugoPath(safeDecode(path), urls.lower).replace(/\/{2,}/g, '/');
  const ugly = typeof urls.ugly === 'boolean' ? urls.ugly : urls.ugly[section] === true;
  return ugly && path.endsWith('/') && path !== '/' ? `${path.slice(0, -1)}.html` : path;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function jekyll(article: Article, published: Timestamp, sitePattern: string): string {
  const pattern = article.permalink ?? sitePattern;
  const named = jekyllName(article.source.relPath);
  const slug = article.slug ?? named?.title ?? article.source.relPath.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  const d = wall(published);
  const week = isoWeek(d);
  const tokens: Record<string, () => string> = {
    year: () => String(d.getUTCFullYear()),
    month: () => pad(d.getUTCMonth() + 1),
    day: () => pad(d.getUTCDate()),
    i_month: () => String(d.getUTCMonth() + 1),
    i_day: () => String(d.getUTCDate()),
    short_year: () => pad(d.getUTCFullYear() % 100),
    hour: () => pad(d.getUTCHours()),
    minute: () => pad(d.getUTCMinutes()),
    second: () => pad(d.getUTCSeconds()),
    y_day: () => pad(dayOfYear(d), 3),
    week: () => pad(week),
    short_day: () => DAYS[d.getUTCDay()]!.slice(0, 3),
    long_day: () => DAYS[d.getUTCDay()]!,
    short_month: () => MONTHS[d.getUTCMonth()]!.slice(0, 3),
    long_month: () => MONTHS[d.getUTCMonth()]!,
    // drops/url_drop.rb: :title keeps case and `.`; :slug and :name are the default slug.
    title: () => jekyllSlug(slug, 'pretty', true),
    slug: () => jekyllSlug(slug),
    name: () => jekyllSlug(slug),
    categories: () => [...new Set((article.site?.categories ?? []).map((c) => c.toLowerCase()))].join('/'),
    slugified_categories: () => [...new Set((article.site?.categories ?? []).map((c) => jekyllSlug(c)))].join('/'),
    collection: () => 'posts',
    output_ext: () => '.html',
  };
  const filled = pattern.replace(/:([a-z_]+)/g, (whole, token: string) => tokens[token]?.() ?? whole);
  return filled.replace(/\/{2,}/g, '/').replace(/^\//, '');
}

/** ISO 8601 week number, as Ruby's %W is not: Jekyll's :week is strftime("%V"). */
function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  t.setUTCDate(t.getUTCDate() + 4 - (t.getUTCDay() || 7));
  return Math.ceil(((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
}

function eleventy(article: Article, stem: string, published: Timestamp, urls: Extract<UrlSettings, { kind: 'eleventy' }>): string {
  const parts = stem.split('/');
  const last = parts.at(-1)!;
  const dirs = parts.slice(0, -1);
  // A leading date is the page's, not part of its slug; index.md and dir/dir.md are the folder's page.
  const fileSlug = last === 'index' ? (dirs.at(-1) ?? '') : last.replace(/^\d{4}-\d{2}-\d{2}-/, '');
  const folderOwn = last === 'index' || last === dirs.at(-1);
  let template = article.site?.permalinkTemplate;
  for (let n = dirs.length; template === undefined && n >= 0; n--) template = urls.folderPermalinks[dirs.slice(0, n).join('/')];
  if (template !== undefined) {
    const vars = { title: article.titleFromHeading ? '' : article.title, page: { fileSlug, filePathStem: `/${stem}`, date: new Date(published.instant).toISOString() } };
    const rendered = renderPermalink(template, vars, eleventySlug);
    if (rendered !== undefined) return rendered.replace(/^\/+/, '').replace(/\/{2,}/g, '/');
  }
  return folderOwn ? (dirs.length > 0 ? `${dirs.join('/')}/` : '') : `${[...dirs, fileSlug].join('/')}/`;
}

function astro(article: Article, stem: string, urls: Extract<UrlSettings, { kind: 'astro' }>): string {
  const collection = [...urls.collections].sort((a, b) => b.dir.length - a.dir.length).find((c) => c.dir === '' || stem.startsWith(`${c.dir}/`));
  const route = (collection?.route ?? '/').replace(/^\//, '');
  const inside = collection && collection.dir !== '' ? stem.slice(collection.dir.length + 1) : stem;
  // The glob loader's id: the frontmatter slug, else the path, each segment slugged; x/index is x.
  const segments = inside.split('/').map(githubSlug);
  if (segments.length > 1 && segments.at(-1) === 'index') segments.pop();
  const id = article.slug ?? segments.join('/');
  switch (collection?.name ?? 'id') {
    case 'astropaper': {
      // getPath: folders not starting with "_" (slugified), then the id's last segment.
      const dirs = inside.split('/').slice(0, -1).filter((s) => !s.startsWith('_')).map(astroPaperSlug);
      return `${route}${[...dirs, id.split('/').at(-1)!].join('/')}/`;
    }
    case 'title-slug':
      return `${route}${githubSlug(article.slug ?? article.title)}/`;
    default:
      return `${route}${id}/`;
  }
}
