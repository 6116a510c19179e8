/**
 * What an import writes, decided before anything is written: one article per item, under a
 * file name of its own, with the rules for what a feed holds twice.
 * - Two items with one id are one item to every reader (they showed only one): the first, the
 *   newest in a feed written newest first, keeps the id; a later one that repeats it exactly is
 *   not imported, one that differs is imported as a draft without the id, to be looked at.
 * - Two items with one page (and two ids): the first keeps the address, the other gets one from
 *   its file name; RSS `<link>` stays what it was through `link:`.
 * - An item already imported (an article of the folder has its id) is left as it is: import
 *   never overwrites, and importing a feed again adds only its new items.
 * Every article is then read back by the build's own reader: whatever import writes, the build
 * accepts.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { parseArticle } from '../../article/parse-article.js';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../../config/schema.js';
import type { SourceText } from '../../source/discover.js';
import type { ImportedArticle } from './article-of.js';

export interface PlannedArticle {
  /** File name in the articles folder. */
  name: string;
  text: string;
  article: ImportedArticle;
}

export interface ImportPlan {
  write: PlannedArticle[];
  /** Items already in the folder: the file that holds each. */
  kept: { article: ImportedArticle; name: string }[];
  /** Items not imported, and why. */
  skipped: { article: ImportedArticle; why: string }[];
}

export async function planImport(articles: ImportedArticle[], articlesDir: string): Promise<ImportPlan> {
  const existing = await existingArticles(articlesDir);
  const plan: ImportPlan = { write: [], kept: [], skipped: [] };
  const byId = new Map<string, ImportedArticle>();
  const pages = new Set(existing.pages);
  const names = new Set(existing.names);
  for (const article of articles) {
    const { id } = article;
    const first = id === undefined ? undefined : byId.get(id);
    if (first !== undefined) {
      if (sameItem(first, article)) {
        plan.skipped.push({ article, why: `it repeats item ${first.entry.position} exactly` });
        continue;
      }
      article.notes.push(`it has the id of item ${first.entry.position} (${id}), which readers showed instead of it; it is imported as a draft without that id: publish it under an id of its own, or delete it`);
      delete article.frontmatter.id;
      article.frontmatter.draft = true;
    } else if (id !== undefined) {
      byId.set(id, article);
      const file = existing.ids.get(id);
      if (file !== undefined) {
        plan.kept.push({ article, name: file });
        continue;
      }
    }
    const page = article.frontmatter.permalink as string | undefined;
    if (page !== undefined && pages.has(page)) {
      article.notes.push(`it has the address of an item before it (${page}); it gets one from its file name`);
      article.frontmatter.link ??= page;
      delete article.frontmatter.permalink;
    } else if (page !== undefined) pages.add(page);
    const name = fileName(article, names);
    const text = articleText(article);
    const bytes = Buffer.byteLength(text);
    if (bytes > DEFAULT_MAX_ARTICLE_BYTES) {
      article.notes.push(`its article is ${(bytes / 1024 / 1024).toFixed(1)} MiB, over the ${DEFAULT_MAX_ARTICLE_BYTES / 1024 / 1024} MiB a build reads by default: set limits.maxArticleBytes to ${bytes} or more in the config`);
    }
    plan.write.push({ name, text, article });
  }
  for (const planned of plan.write) checkBuilds(planned, articlesDir);
  return plan;
}

/** The same item again: its title, dates, page and content all as before. */
function sameItem(a: ImportedArticle, b: ImportedArticle): boolean {
  return JSON.stringify([a.frontmatter, a.body]) === JSON.stringify([b.frontmatter, b.body]);
}

function articleText(article: ImportedArticle): string {
  const body = article.body;
  return `---\n${stringify(article.frontmatter, { lineWidth: 0 })}---\n${body}${body === '' || body.endsWith('\n') ? '' : '\n'}`;
}

/**
 * `2024-03-05-the-title.md`: the date keeps the files in order, a number keeps names apart, and
 * titles too: Eleventy's page slug leaves the date out, so two items titled alike on two days
 * would otherwise share one address in an Eleventy site.
 */
function fileName(article: ImportedArticle, used: Set<string>): string {
  const slug =
    article.title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'item';
  const base = `${article.date.slice(0, 10)}-${slug}`;
  let name = `${base}.md`;
  for (let n = 2; used.has(name.toLowerCase()) || used.has(undated(name)); n++) name = `${base}-${n}.md`;
  used.add(name.toLowerCase());
  used.add(undated(name));
  return name;
}

/** A file name without its leading date and extension, marked apart from the names themselves. */
function undated(name: string): string {
  return `undated:${name.toLowerCase().replace(/^\d{4}-\d{2}-\d{2}-/, '').replace(/\.[^.]*$/, '')}`;
}

interface Existing {
  /** Every name in the folder, lower-cased: some file systems ignore case. */
  names: Set<string>;
  /** The ids its articles have, and the file of each. */
  ids: Map<string, string>;
  /** The addresses its articles have. */
  pages: Set<string>;
}

async function existingArticles(dir: string): Promise<Existing> {
  const found: Existing = { names: new Set(), ids: new Map(), pages: new Set() };
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return found;
  }
  for (const name of entries) {
    found.names.add(name.toLowerCase());
    found.names.add(undated(name));
    if (!/\.(md|markdown)$/i.test(name)) continue;
    try {
      const text = await readFile(path.join(dir, name), 'utf8');
      const article = parseArticle(sourceOf(path.join(dir, name), name, text)).article;
      if (article?.id !== undefined && !found.ids.has(article.id)) found.ids.set(article.id, name);
      if (article?.permalink !== undefined) found.pages.add(article.permalink);
    } catch {
      // A file that cannot be read holds no id import could match: its name is still taken.
    }
  }
  return found;
}

function sourceOf(absPath: string, name: string, text: string): SourceText {
  return { absPath, relPath: name, displayPath: name, size: Buffer.byteLength(text), mtimeMs: 0, ctimeMs: 0, hash: '', text };
}

/** Import's promise: the build reads every article it writes without an error. */
function checkBuilds(planned: PlannedArticle, dir: string): void {
  const loaded = parseArticle(sourceOf(path.join(dir, planned.name), planned.name, planned.text));
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || loaded.article === undefined) {
    throw new Error(`import made an article the build refuses (${planned.name}: ${errors.map((e) => e.message).join('; ')})`);
  }
}
