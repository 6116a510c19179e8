/**
 * What a site generator's rules read in an article's text besides its frontmatter values: the
 * template tags of its body, its images relative to the file, and how a date was written.
 */
import { climbsAbove } from '../content/feed-url.js';
import { relativeMedia } from '../content/relative-media.js';
import { scanTemplates, type Dialect } from '../content/templates/index.js';
import { warning, type Diagnostic } from '../diagnostics.js';
import type { Draft } from '../source/frontmatter.js';
import { lineAtOffset } from '../util/text.js';
import type { Article } from './article.js';
import type { ReadRules } from './read-rules.js';

/** The body's template tags and relative images, as the site's rules read them. */
export function readSiteBody(draft: Draft, rules: ReadRules, article: Article, diagnostics: Diagnostic[]): void {
  if (rules.templates !== 'none') readTemplates(draft, rules, article, diagnostics);
  if (rules.relative === 'source-published' || rules.relative === 'source-processed') relativeImages(draft, rules.relative, diagnostics);
}

/**
 * The template tags of the body, read as the site's generator writes them: the link tags kept
 * for rendering, and one warning for each tag syndicate does not know, which rendering removes.
 */
function readTemplates(draft: Draft, rules: ReadRules, article: Article, diagnostics: Diagnostic[]): void {
  const scan = scanTemplates(draft.body, { dialect: rules.templates as Dialect, vars: rules.templateVars ?? {} });
  const lineAt = (at: number) => draft.bodyLine + lineAtOffset(draft.body, at) - 1;
  if (scan.links.length > 0) article.templateLinks = scan.links.map((l) => ({ tag: l.tag, line: lineAt(l.at) }));
  const file = draft.source.displayPath;
  for (const u of scan.unknown) {
    const shown = u.tag.length > 60 ? `${u.tag.slice(0, 57)}...` : u.tag;
    diagnostics.push(warning(file, 'template-tag', `${JSON.stringify(shown)} is a template tag syndicate cannot render; it is left out of the feed (what it encloses is kept)`, lineAt(u.at)));
  }
}

/**
 * The body's images relative to its file that the feed cannot show, warned of: where the
 * generator publishes them under names of its own (Astro), and any that climb above the site.
 */
function relativeImages(draft: Draft, rule: 'source-published' | 'source-processed', diagnostics: Diagnostic[]): void {
  const folder = draft.source.relPath.replace(/[^/]*$/, '');
  for (const { src, at } of relativeMedia(draft.body)) {
    const line = draft.bodyLine + lineAtOffset(draft.body, at) - 1;
    const file = draft.source.displayPath;
    if (rule === 'source-processed') {
      diagnostics.push(warning(file, 'image-processed', `image "${src}" is published by the site under a name of its own, which syndicate cannot know; it is left out of the feed (put it in public/ and write its path from there to keep it)`, line));
    } else if (climbsAbove(src, folder.split('/').length - 1)) {
      diagnostics.push(warning(file, 'image-outside', `image "${src}" climbs above the site's folder; it is left out of the feed`, line));
    }
  }
}

/** Whether the line of `key: value` holds an unquoted date with a time of day, which YAML reads as a timestamp. */
export function isPlainTimestamp(text: string, line: number | undefined, key: string): boolean {
  const written = line === undefined ? '' : (text.split('\n', line)[line - 1] ?? '');
  const value = written.slice(written.indexOf(':') + 1).trim();
  return written.trimStart().startsWith(key) && /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d{2}/.test(value);
}
