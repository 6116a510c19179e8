/**
 * `syndicate import FEED`: an existing RSS, RSS 1.0, Atom or JSON Feed (a file or a URL) turned
 * into articles, one file an item, so a site moves in without its subscribers seeing an item
 * twice: ids, addresses, dates with their offsets, authors, categories, enclosures, images and
 * content are kept (import/article-of.ts), the content as the HTML or text it was. What a feed
 * holds twice, and where an item lacks what an article needs, follows the rules of
 * import/plan.ts and import/article-of.ts, each said in a warning. All or nothing: a feed that
 * cannot be read, or a file that cannot be written, leaves the folder as it was.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { formatDiagnostic, warning, type Diagnostic } from '../diagnostics.js';
import { FeedLocationError, FeedReadError, feedLocation, readFeed } from '../source/read-feed.js';
import { siteOf } from '../config/site/index.js';
import { SITES, type SsgName } from '../source/sites/index.js';
import { articleOf } from './import/article-of.js';
import { planImport } from './import/plan.js';
import { siteBody, siteFrontmatter } from './import/site-keys.js';
import { ImportWriteError, writeAll } from './import/write-all.js';
import { text, UsageError, type Command } from './command.js';
import { plural } from './report.js';

export interface ImportResult {
  /** The articles written, as paths relative to the working folder. */
  written: string[];
  /** Items already imported: the article that holds each. */
  kept: string[];
  /** Warnings, on the feed's lines: what was not kept as it was, and the rule taken. */
  warnings: Diagnostic[];
}

/** Why an import did not happen, in one line naming the feed or the file. */
export class ImportError extends Error {}

export interface ImportOptions {
  /** The time of the import (the date of an undated item in an undated feed). */
  now?: number;
  /** How long a web server may take to send the feed. */
  timeoutMs?: number;
}

export async function importFeed(ref: string, articlesDir: string, cwd: string, { now = Date.now(), timeoutMs }: ImportOptions = {}): Promise<ImportResult> {
  const location = feedLocation(ref, cwd);
  let doc;
  try {
    doc = await readFeed(location, { timeoutMs });
  } catch (e) {
    if (e instanceof FeedReadError) throw new ImportError(`cannot read ${ref}: ${e.message}; nothing was imported`);
    throw e;
  }
  if (doc === undefined) throw new ImportError(`cannot read ${ref}: the server says there is nothing there (HTTP 404 or 410); check the address`);
  const feedUrl = 'url' in location ? location.url : undefined;
  const articles = doc.entries.map((entry) => articleOf(entry, { doc, feedUrl, now }));
  const ssg = generatorOf(cwd);
  if (ssg !== undefined) {
    for (const a of articles) {
      a.frontmatter = siteFrontmatter(a.frontmatter, ssg);
      a.body = siteBody(a.body, ssg);
    }
  }
  const plan = await planImport(articles, articlesDir);
  try {
    await mkdir(articlesDir, { recursive: true });
    await writeAll(articlesDir, plan.write);
  } catch (e) {
    if (e instanceof ImportWriteError) throw new ImportError(e.message);
    throw new ImportError(`cannot make the folder ${articlesDir} (${(e as Error).message}); nothing was imported`);
  }
  const shown = (name: string) => path.relative(cwd, path.join(articlesDir, name)).split(path.sep).join('/');
  const warnings: Diagnostic[] = [];
  const say = (a: (typeof articles)[number], message: string) =>
    warnings.push(warning(ref, 'import-item', `item ${a.entry.position}${a.entry.title ? ` ("${a.entry.title.slice(0, 60)}")` : ''}: ${message}`, a.entry.line));
  for (const { article, why } of plan.skipped) say(article, `${why}; it is not imported`);
  for (const { article, name } of plan.write) for (const note of article.notes) say(article, `${note} (${shown(name)})`);
  if (doc.entries.length === 0) warnings.push(warning(ref, 'import-empty', 'the feed holds no items; there is nothing to import'));
  if (ssg !== undefined && plan.write.length > 0) {
    const site = SITES[ssg].title;
    warnings.push(warning(ref, 'import-site', `this is a ${site} site: ${site} publishes the articles at addresses of its own, which their items link to; their old addresses are not written (each keeps its id)`));
  }
  return { written: plan.write.map((p) => shown(p.name)), kept: plan.kept.map((k) => shown(k.name)), warnings };
}

export const command: Command = {
  usage: 'FEED [--articles DIR]',
  about:
    "Turns an existing feed (RSS, RSS 1.0, Atom or JSON Feed; a file or a URL) into articles, one file an item, keeping each item's id, address, dates, authors, tags, enclosure, image and content (as the HTML or text it was), so subscribers see no item twice after the move. All or nothing; it never overwrites an article, and importing a feed again adds only its new items.",
  flags: ['articles'],
  positionals: 'one',
  positionalName: 'feed file or URL',
  example: 'syndicate import https://example.com/feed.xml --articles articles/imported',
  async run({ values, positionals, cwd }) {
    let result: ImportResult;
    try {
      result = await importFeed(positionals[0]!, path.resolve(cwd, text(values, 'articles') ?? 'articles'), cwd, { now: referenceTime() });
    } catch (e) {
      if (e instanceof FeedLocationError) throw new UsageError(e.message);
      if (!(e instanceof ImportError)) throw e;
      process.stderr.write(`syndicate import: ${e.message}\n`);
      return 1;
    }
    for (const f of result.written) process.stdout.write(`wrote ${f}\n`);
    for (const f of result.kept) process.stdout.write(`kept ${f} (it exists; import never overwrites)\n`);
    for (const d of result.warnings) process.stderr.write(`${formatDiagnostic(d)}\n`);
    process.stdout.write(`${plural(result.written.length, 'article')} imported${result.kept.length ? `, ${result.kept.length} already there` : ''}\n`);
    return 0;
  },
};

/** The site generator of the project in `cwd`, as builds detect it (syndicate.config.json's "ssg" first). */
function generatorOf(cwd: string): SsgName | undefined {
  let text: string | undefined;
  try {
    text = readFileSync(path.join(cwd, 'syndicate.config.json'), 'utf8');
  } catch {
    // no config file: the generator's files alone decide
  }
  try {
    return siteOf(cwd, text)?.settings.ssg;
  } catch {
    // a site config that cannot be read: the build says what is wrong with it
    return undefined;
  }
}

/** When an undated item in an undated feed is dated: SOURCE_DATE_EPOCH, as builds read it, else now. */
function referenceTime(): number {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch !== undefined && /^\d+$/.test(epoch) ? Number(epoch) * 1000 : Date.now();
}
