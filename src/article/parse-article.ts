/**
 * One article's text to its normalized article: frontmatter, validation,
 * normalizing. A module of its own so that a build the article cache answers
 * whole never loads the YAML, frontmatter and schema libraries.
 */
import type { SourceText } from '../source/discover.js';
import { parseFrontmatter } from '../source/frontmatter.js';
import type { Loaded } from './article.js';
import { normalize } from './normalize.js';
import { PLAIN_RULES, siteData, type ReadRules } from './read-rules.js';

export function parseArticle(source: SourceText, rules: ReadRules = PLAIN_RULES): Loaded {
  const parsed = parseFrontmatter(source, rules.frontmatter);
  if (!parsed.draft) return { diagnostics: parsed.diagnostics };
  const normalized = normalize(parsed.draft, rules);
  return { article: normalized.article, diagnostics: [...parsed.diagnostics, ...normalized.diagnostics] };
}

/** Why the site's generator publishes `source` as no post (a flag in its frontmatter), in the tool's words; undefined when it does. */
export function whyNoPost(source: SourceText, rules: ReadRules): string | undefined {
  const draft = parseFrontmatter(source, rules.frontmatter).draft;
  const unpublished = draft && siteData(draft.data, rules, source.relPath, draft.lineOf, source.displayPath).unpublished;
  return unpublished?.kind === 'page' ? unpublished.why : undefined;
}
