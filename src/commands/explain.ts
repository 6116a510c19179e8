/**
 * `syndicate explain`: every resolved field of the named articles, and for
 * each timestamp where it came from, the zone it was read in, its precision
 * and whether it is approximate.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../article/article.js';
import type { Candidate } from '../article/identify.js';
import type { Config } from '../config/schema.js';
import { formatRfc3339 } from '../time/format.js';
import type { Timestamp, TimestampSource } from '../time/timestamp.js';
import { collect } from '../article/collect.js';
import { loadConfig } from '../config/load.js';
import type { Diagnostic } from '../diagnostics.js';
import { discover, isArticleFileName, isSiteFileName, whyNotListed, type ListedFile } from '../source/discover.js';
import { readSource } from '../source/read.js';
import { postsOf, SITES } from '../source/sites/index.js';
import { whyNoPost } from '../article/parse-article.js';
import { readRulesOf } from '../article/read-rules.js';
import { isWithin, shownPath } from '../util/paths.js';
import { text, type Command, type Values } from './command.js';
import { projectOf } from './build.js';
import { exitCode, printDiagnostics } from './report.js';

export interface TimestampExplanation {
  value: string;
  source: string;
  detail: TimestampSource;
  zone: string;
  precision: Timestamp['precision'];
  approximate: boolean;
}

export interface Explanation {
  file: string;
  title: string;
  url: string;
  id: string;
  draft: boolean;
  authors: string[];
  /** The line of the byline the authors were read from, when the frontmatter names none. */
  authorsFrom?: string;
  tags: string[];
  language?: string;
  published: TimestampExplanation;
  updated: TimestampExplanation;
}

export function explainCandidate(c: Candidate): Explanation {
  const a = c.article;
  return {
    file: a.source.displayPath,
    title: a.title,
    url: c.url,
    id: c.id,
    draft: c.draft,
    authors: a.authors.map((p) => (p.email ? `${p.name} <${p.email}>` : p.name)),
    authorsFrom: bylineAuthors(a),
    tags: a.tags,
    language: a.lang,
    published: explainTimestamp(c.published),
    updated: explainTimestamp(c.updated),
  };
}

/** Where the authors came from when the byline gave them: its lines. */
function bylineAuthors(a: Article): string | undefined {
  const lines = a.byline.authors;
  if (!lines || a.authors.length !== lines.length || a.authors.some((p, i) => p.name !== lines[i]!.text)) return undefined;
  return `byline (${lines.length === 1 ? 'line' : 'lines'} ${lines.map((l) => l.line).join(', ')})`;
}

function explainTimestamp(t: Timestamp): TimestampExplanation {
  return { value: formatRfc3339(t), source: describeSource(t.source), detail: t.source, zone: t.zone, precision: t.precision, approximate: t.approximate };
}

export function describeSource(s: TimestampSource): string {
  switch (s.kind) {
    case 'frontmatter':
      return `frontmatter "${s.key}"${s.line === undefined ? '' : ` (line ${s.line})`}`;
    case 'byline':
      return `byline "${s.text}" (line ${s.line})${s.from ? `, counted back from ${s.from}` : ''}`;
    case 'filename':
      return `file name "${s.name}"`;
    case 'previous':
      return `previous feed, item ${s.id}`;
    case 'git':
      return `git commit ${s.commit.slice(0, 12)} (${s.event === 'added' ? 'first added the file' : 'last changed its content'})`;
    case 'mtime':
      return 'file modification time';
    case 'published':
      return 'same as published';
  }
}

/** The candidates for the files the user named, in the order named; the names not found. */
export function pickCandidates(candidates: readonly Candidate[], files: readonly string[], cwd: string): { found: Candidate[]; missing: string[] } {
  const byPath = new Map(candidates.map((c) => [c.article.source.absPath, c]));
  const found: Candidate[] = [];
  const missing: string[] = [];
  for (const f of files) {
    const c = byPath.get(path.resolve(cwd, f));
    if (c) found.push(c);
    else missing.push(f);
  }
  return { found, missing };
}

export function formatExplanation(e: Explanation): string {
  const ts = (label: string, t: TimestampExplanation) =>
    [
      `  ${label.padEnd(10)} ${t.value}`,
      `             from ${t.source}; read in ${t.zone}; precise to the ${t.precision}${t.approximate ? '; approximate' : ''}`,
    ].join('\n');
  return [
    e.file,
    `  title      ${e.title}`,
    `  url        ${e.url}`,
    `  id         ${e.id}`,
    `  authors    ${e.authors.join(', ') || '(site author)'}${e.authorsFrom ? `, from the ${e.authorsFrom}` : ''}`,
    `  tags       ${e.tags.join(', ') || '(none)'}`,
    ...(e.language ? [`  language   ${e.language}`] : []),
    ...(e.draft ? ['  draft      yes: left out of every feed'] : []),
    ts('published', e.published),
    ts('updated', e.updated),
  ].join('\n');
}

export const command: Command = {
  usage: 'FILE... [--articles DIR] [--config FILE] [--previous FILE|URL] [--json]',
  about:
    'Prints, for each named article, every resolved field and, for each timestamp, its value, where it came from (frontmatter key and line, byline, file name, git commit, previous feed, mtime), the zone it was read in, its precision and whether it is approximate. A file outside the articles folder is read as an article of the folder it is in.',
  flags: ['articles', 'config', 'previous', 'json'],
  positionals: 'some',
  positionalName: 'article file',
  example: 'syndicate explain articles/2022-05-30-hello.md',
  async run({ values, positionals: files, cwd }) {
    const configFile = text(values, 'config') ?? 'syndicate.config.json';
    // A site generator's project reads its content folder (build.ts's projectOf, one rule for both).
    const { site, articles: articlesDir } = projectOf(cwd, configFile, text(values, 'articles'));
    const config = await loadConfig(path.resolve(cwd, configFile), cwd, undefined, site ?? null);
    const collected = await collectNamed(config, files, path.resolve(cwd, articlesDir), values, cwd);
    const { found, missing } = pickCandidates(collected.candidates, files, cwd);
    const explanations = found.map(explainCandidate);
    const named = new Set(files.map((f) => shownPath(cwd, path.resolve(cwd, f))));
    // Problems of the named files are shown; those of other articles are not this command's business.
    const diagnostics = collected.diagnostics.filter((d) => named.has(d.file) || !d.file.endsWith('.md'));
    const notArticles = await Promise.all(missing.map(async (file) => ({ file, reason: await whyNotExplained(file, path.resolve(cwd, articlesDir), diagnostics, cwd, config) })));
    const code = exitCode(diagnostics, notArticles.length === 0);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ command: 'explain', ok: code === 0, articles: explanations, notArticles, diagnostics }, null, 2)}\n`);
    } else {
      process.stdout.write(explanations.map((e) => `${formatExplanation(e)}\n`).join('\n'));
    }
    printDiagnostics(diagnostics, { json: values.json === true });
    for (const { file, reason } of notArticles) process.stderr.write(`${file}: error: not an article: ${reason}\n`);
    return code;
  },
};

/**
 * Why a named file has no explanation: it is not listed as an article, it could not be read (its
 * errors), or the site's generator publishes it as no post (not among its posts, or a flag).
 */
async function whyNotExplained(file: string, articlesDir: string, diagnostics: readonly Diagnostic[], cwd: string, config: Config): Promise<string> {
  const abs = path.resolve(cwd, file);
  // A file outside the articles folder is read as an article of its own folder (collectNamed).
  const inFolder = isWithin(abs, articlesDir);
  const folder = inFolder ? articlesDir : path.dirname(abs);
  // In the content folder of a site generator's site, its pages may be HTML too.
  const site = inFolder ? config.generator : undefined;
  const unlisted = whyNotListed(abs, folder, shownPath(cwd, folder), site ? isSiteFileName : isArticleFileName);
  if (unlisted !== undefined) return unlisted;
  const own = diagnostics.filter((d) => d.file === shownPath(cwd, abs) && d.severity === 'error');
  if (own.length > 0) return own.map((d) => d.message).join('; ');
  if (site === undefined) return 'it could not be read';
  const tool = SITES[site.ssg];
  const real = realpathSync(abs);
  const listed = (await discover(articlesDir, cwd, postsOf(site))).files.find((f) => f.absPath === real);
  if (listed === undefined) return `${tool.title} takes as posts ${tool.postsAre}, and this is none`;
  const source = await readSource(listed);
  const why = 'text' in source ? whyNoPost(source, readRulesOf(config)) : undefined;
  return why === undefined ? 'it could not be read' : `${tool.title} publishes it as no post: ${why}`;
}

/**
 * The articles of the articles folder, and each named Markdown file outside it read as an article
 * of the folder it is in (a clipping saved in Downloads, say), with their diagnostics.
 */
async function collectNamed(config: Config, files: readonly string[], articlesDir: string, values: Values, cwd: string): Promise<{ candidates: Candidate[]; diagnostics: Diagnostic[] }> {
  const common = { config, previous: text(values, 'previous'), cwd, ci: process.env.CI === 'true' };
  const named = [...new Set(files.map((f) => path.resolve(cwd, f)))];
  const outside = named.filter((f) => !isWithin(f, articlesDir) && whyNotListed(f, path.dirname(f)) === undefined);
  // The articles folder is read only for the files named in it (or not read at all): a clipping explained from Downloads needs none.
  const inFolder = named.length > outside.length ? await collect({ ...common, articlesDir }) : { candidates: [], diagnostics: [] };
  const candidates = [...inFolder.candidates];
  const diagnostics = [...inFolder.diagnostics];
  for (const file of outside) {
    const one = await collect({ ...common, articlesDir: path.dirname(file), listed: { files: [listedFile(file, cwd)], diagnostics: [] } });
    candidates.push(...one.candidates);
    diagnostics.push(...one.diagnostics);
  }
  return { candidates, diagnostics };
}

function listedFile(absPath: string, cwd: string): ListedFile {
  const info = statSync(absPath);
  return { absPath, relPath: path.basename(absPath), displayPath: shownPath(cwd, absPath), size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
}
