/**
 * Simple literal values read out of a JavaScript or TypeScript file's text, never by running it:
 * `site: "https://example.com"`, `dir: { input: "content" }`, `const BLOG_PATH = "src/data/blog"`.
 * A value that is not a plain string literal (a variable, a call, a template with something
 * inside it that is not a constant of the same file) is not read: the caller asks for the key.
 */

/** Comments taken out, so that a commented-out `site: "..."` is not read. */
export function withoutComments(text: string): string {
  // Strings are kept whole, so that "https://x" is not cut at its "//".
  return text.replace(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m, literal: string | undefined) => literal ?? ' ');
}

const STRING = String.raw`"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|\x60((?:[^\x60\\$]|\\.|\$\{\s*[A-Za-z_$][\w$]*\s*\})*)\x60`;

/**
 * The string literal written for `key` (as `key: "..."` or `key = "..."`), the first in the
 * text; undefined when there is none. A template literal's `${NAME}` is read from the string
 * constants of `scope` (the whole file).
 */
export function stringValue(text: string, key: string, scope = text): string | undefined {
  const m = new RegExp(String.raw`(?:^|[\s,{(])["']?${escape(key)}["']?\s*[:=]\s*(?:${STRING})`).exec(text);
  if (!m) return undefined;
  return unquote(m[1] ?? m[2] ?? substitute(scope, m[3]!));
}

/** The text of the `{...}` object literal written for `key`, or undefined. */
export function objectText(text: string, key: string): string | undefined {
  const m = new RegExp(String.raw`(?:^|[\s,{(])["']?${escape(key)}["']?\s*[:=]\s*(?:[A-Za-z_$.]+\s*\(\s*)?\{`).exec(text);
  return m ? balanced(text, m.index + m[0].length - 1) : undefined;
}

/** The text of the `{...}` object literal passed first to the call `name(...)`, or undefined. */
export function callObject(text: string, name: string): string | undefined {
  const m = new RegExp(String.raw`\b${escape(name)}\s*\(\s*\{`).exec(text);
  return m ? balanced(text, m.index + m[0].length - 1) : undefined;
}

/** The `{...}` that opens at `start`, braces counted. */
function balanced(text: string, start: number): string | undefined {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

/** The strings of the list literal written for `key` (`tags: ["posts", "notes"]`), or its one string; undefined when neither. */
export function stringList(text: string, key: string): string[] | undefined {
  const one = stringValue(text, key);
  if (one !== undefined) return [one];
  const m = new RegExp(String.raw`(?:^|[\s,{(])["']?${escape(key)}["']?\s*[:=]\s*\[([^\]]*)\]`).exec(text);
  if (!m) return undefined;
  const items = [...m[1]!.matchAll(new RegExp(STRING, 'g'))].map((i) => unquote(i[1] ?? i[2] ?? i[3]));
  return items.every((i) => i !== undefined) ? (items as string[]) : undefined;
}

/** `${NAME}` in a template literal, when NAME is a string constant of the same file; else the literal is not read. */
function substitute(text: string, template: string): string | undefined {
  let unknown = false;
  const out = template.replace(/\$\{\s*([A-Za-z_$][\w$]*)\s*\}/g, (_, name: string) => {
    const value = new RegExp(String.raw`(?:const|let|var)\s+${escape(name)}\s*(?::\s*\w+\s*)?=\s*(?:"([^"\\\n]*)"|'([^'\\\n]*)')`).exec(text);
    if (!value) unknown = true;
    return value?.[1] ?? value?.[2] ?? '';
  });
  return unknown ? undefined : out;
}

function unquote(raw: string | undefined): string | undefined {
  return raw?.replace(/\\(.)/g, '$1');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
