/**
 * A dependency loaded the first time it is needed, not when the module that
 * uses it is. sanitize-html and yaml take 40-90 ms each to load, and most
 * builds need neither: Markdown without raw HTML skips the sanitizer, plain
 * frontmatter skips yaml (see simple-yaml.ts), and a rebuild after one edit
 * may need neither for the one article it reads. Both are CommonJS
 * packages, so they load synchronously, from the code that needs them.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function onFirstUse<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
