/**
 * A dependency loaded the first time it is needed, not when the module that
 * uses it is. markdown-it, sanitize-html, gray-matter and yaml take 40-90 ms
 * each to load, and many builds need few of them: a build whose articles all
 * come from the caches parses no frontmatter and renders no Markdown, Markdown
 * without raw HTML skips the sanitizer, plain frontmatter skips yaml (see
 * source/simple-yaml.ts), and a rebuild after one edit reads one article. All
 * four ship CommonJS, so they load synchronously, from the code that needs them.
 * So do the few date-fns functions that only named time zones and relative dates
 * use: a --now date in UTC took 30-38 ms to parse with them loaded, 20 ms without.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function onFirstUse<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
