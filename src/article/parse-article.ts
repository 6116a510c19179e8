/**
 * One article's text to its normalized article: frontmatter, validation,
 * normalizing. A module of its own so that a build the article cache answers
 * whole never loads the YAML, frontmatter and schema libraries.
 */
import type { SourceText } from '../source/discover.js';
import { parseFrontmatter } from '../source/frontmatter.js';
import type { Loaded } from './article.js';
import { normalize } from './normalize.js';
import { PLAIN_RULES, type ReadRules } from './read-rules.js';

export function parseArticle(source: SourceText, rules: ReadRules = PLAIN_RULES): Loaded {
  const parsed = parseFrontmatter(source, rules.frontmatter);
  if (!parsed.draft) return { diagnostics: parsed.diagnostics };
  const normalized = normalize(parsed.draft, rules);
  return { article: normalized.article, diagnostics: [...parsed.diagnostics, ...normalized.diagnostics] };
}
