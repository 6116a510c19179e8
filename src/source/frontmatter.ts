/**
 * Splits an article into frontmatter data and Markdown body with gray-matter,
 * with every engine that could evaluate code taken away: only YAML (parsed as
 * plain data, see yaml.ts) and JSON are read, and TOML (toml.ts) where the
 * site's generator reads it (Hugo's `+++` blocks and `{` JSON blocks:
 * FrontmatterRules, from source/sites/).
 */
import type matter from 'gray-matter';
import { error, type Diagnostic } from '../diagnostics.js';
import type { SourceText } from './discover.js';
import { jsonErrorLine, lineAtOffset } from '../util/text.js';
import type { ParsedYaml } from './simple-yaml.js';
import { parseYaml } from './yaml.js';
import { parseToml } from './toml.js';
import { warning } from '../diagnostics.js';
import { onFirstUse } from '../util/on-first-use.js';

const grayMatter = onFirstUse<typeof matter>('gray-matter');

export interface Draft {
  source: SourceText;
  data: Record<string, unknown>;
  body: string;
  /** Where the body starts in the text: the body is `source.text.slice(bodyStart)`. */
  bodyStart: number;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  /** 1-based line of the file holding the frontmatter value at `path`. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

class FrontmatterProblem extends Error {
  constructor(
    readonly problems: { line: number; message: string }[],
    readonly code: string,
  ) {
    super(problems[0]?.message);
  }
}

function refuse(language: string) {
  return () => {
    throw new FrontmatterProblem(
      [{ line: 1, message: `frontmatter in "${language}" is refused: it would run code; write YAML (---) or JSON (---json) instead` }],
      'frontmatter-engine',
    );
  };
}

/** How a site's generator reads frontmatter: the languages it takes, and what a key written twice means. */
export interface FrontmatterRules {
  /** `js-literals`: Eleventy's `---js`, read for its constants' plain values only, never run. */
  formats: readonly ('yaml' | 'json' | 'toml' | 'js-literals')[];
  repeatedKeys: 'refuse' | 'last-wins';
}

/** syndicate's own reading: YAML and JSON, and a key written twice is an error. */
export const PLAIN_FRONTMATTER: FrontmatterRules = { formats: ['yaml', 'json'], repeatedKeys: 'refuse' };

export function parseFrontmatter(file: SourceText, rules: FrontmatterRules = PLAIN_FRONTMATTER): { draft?: Draft; diagnostics: Diagnostic[] } {
  const text = file.text;
  const fail = (code: string, message: string, line?: number) => ({ diagnostics: [error(file.displayPath, code, message, line)] });
  const hugoBlock = rules.formats.includes('toml') ? tomlOrJsonBlock(file) : undefined;
  if (hugoBlock) return hugoBlock;

  const opens = text.startsWith('---') && text[3] !== '-';
  const close = opens ? text.indexOf('\n---', 3) : -1;
  if (opens && close === -1) {
    return fail('frontmatter-unclosed', 'the frontmatter opened on this line is never closed; add a line with --- after it', 1);
  }

  const found: { parsed?: ParsedYaml } = {};
  let file_: matter.GrayMatterFile<string>;
  try {
    // Passing options also keeps gray-matter from caching every input string.
    // gray-matter is handed the frontmatter alone: it looks every input up in a cache keyed by the
    // whole text, which costs as much as hashing every article. A text without frontmatter is not
    // handed to it at all; it would find none.
    file_ = grayMatter()(opens ? text.slice(0, close + 4) : '', {
      engines: engines(rules, found),
    });
  } catch (e) {
    if (e instanceof FrontmatterProblem) {
      return { diagnostics: e.problems.map((p) => error(file.displayPath, e.code, p.message, p.line)) };
    }
    const unknown = /engine "(.*)" is not registered/.exec((e as Error).message);
    if (unknown) return fail('frontmatter-engine', `frontmatter language "${unknown[1]}" is not supported; write YAML (---) or JSON (---json)`, 1);
    throw e;
  }

  const data = file_.data as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail('frontmatter-not-mapping', 'the frontmatter must be a mapping of keys to values (key: value lines), not a list or a single value', 2);
  }
  // The body is what follows the closing "---", less one line break: what gray-matter would give.
  const bodyStart = !opens ? 0 : text[close + 4] === '\n' ? close + 5 : close + 4;
  const body = text.slice(bodyStart);
  const bodyLine = lineAtOffset(text, bodyStart);
  const located = found.parsed;
  return {
    diagnostics: repeatedWarnings(file, located),
    draft: {
      source: file,
      data: data as Record<string, unknown>,
      body,
      bodyStart,
      bodyLine,
      // The YAML text starts right after the opening "---", on line 1 of the file.
      lineOf: (p) => located?.lineOf(p) ?? (opens ? 1 : undefined),
    },
  };
}

/**
 * The readers gray-matter is given, by language: YAML, JSON, TOML where the site's generator
 * reads it, and a refusal for every language that would run code. Each keeps what it parsed
 * (with where each key stands) in `found`.
 */
function engines(rules: FrontmatterRules, found: { parsed?: ParsedYaml }) {
  const readYaml = (yamlText: string): object => {
    const result = parseYaml(yamlText, { repeatedKeys: rules.repeatedKeys });
    if (!result.ok) throw new FrontmatterProblem(result.problems, 'frontmatter-yaml');
    found.parsed = result.value;
    return result.value.data as object;
  };
  const readToml = (tomlText: string): object => {
    const result = parseToml(tomlText);
    if (!result.ok) throw new FrontmatterProblem(result.problems, 'frontmatter-toml');
    found.parsed = result.value;
    return result.value.data as object;
  };
  const readJson = (jsonText: string): object => {
    let data: unknown;
    try {
      data = JSON.parse(jsonText);
    } catch (e) {
      const line = jsonErrorLine(jsonText, e) ?? 1;
      throw new FrontmatterProblem([{ line, message: `invalid JSON frontmatter: ${(e as Error).message}` }], 'frontmatter-json');
    }
    // JSON is YAML 1.2, so the YAML reader can still tell where each key stands.
    const located = parseYaml(jsonText);
    if (located.ok) found.parsed = located.value;
    return data as object;
  };
  return {
    yaml: readYaml,
    json: readJson,
    ...(rules.formats.includes('toml') ? { toml: readToml } : {}),
    javascript: rules.formats.includes('js-literals') ? readJsLiterals : refuse('javascript'),
    js: rules.formats.includes('js-literals') ? readJsLiterals : refuse('js'),
    coffee: refuse('coffee'),
  };
}

/**
 * Eleventy's JavaScript frontmatter, read without running it: each `const name = value;` whose
 * value is a plain string, number or boolean literal is that key; everything else is not read
 * (an object, a function, a computation), as if not written.
 */
function readJsLiterals(text: string): object {
  const data: Record<string, unknown> = {};
  const LITERAL = /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|(-?\d+(?:\.\d+)?)|(true|false))\s*;?\s*$/gm;
  for (const m of text.matchAll(LITERAL)) {
    const [, name, double, single, number, bool] = m;
    data[name!] = double ?? single ?? (number !== undefined ? Number(number) : bool === 'true');
    if (double !== undefined || single !== undefined) data[name!] = (data[name!] as string).replace(/\\(.)/g, '$1');
  }
  return data;
}

/** A warning for each key written twice, where the generator keeps the last value. */
function repeatedWarnings(file: SourceText, parsed: ParsedYaml | undefined): Diagnostic[] {
  return (parsed?.repeated ?? []).map(({ key, line }) =>
    warning(file.displayPath, 'frontmatter-repeated-key', `"${key}" is written twice in the frontmatter; the last value is read, as the site's generator reads it (remove one)`, line),
  );
}

/**
 * Hugo's other two frontmatter forms: TOML between `+++` lines, and a JSON object opening the
 * file (`{` on the first line, ending at a line holding only `}`). Undefined when the text opens
 * with neither.
 */
function tomlOrJsonBlock(file: SourceText): { draft?: Draft; diagnostics: Diagnostic[] } | undefined {
  const { text } = file;
  let dataText: string;
  let end: number;
  let parsed: ReturnType<typeof parseToml>;
  if (/^\+\+\+[ \t]*\n/.test(text)) {
    const close = /\n\+\+\+[ \t]*(?:\n|$)/.exec(text.slice(3));
    if (!close) return { diagnostics: [error(file.displayPath, 'frontmatter-unclosed', 'the frontmatter opened on this line is never closed; add a line with +++ after it', 1)] };
    dataText = text.slice(text.indexOf('\n') + 1, 3 + close.index + 1);
    end = 3 + close.index + close[0].length;
    parsed = parseToml(dataText);
    if (!parsed.ok) return { diagnostics: parsed.problems.map((p) => error(file.displayPath, 'frontmatter-toml', p.message, p.line + 1)) };
    const value = parsed.value;
    return { diagnostics: [], draft: hugoDraft(file, value.data as Record<string, unknown>, end, (p) => { const l = value.lineOf(p); return l === undefined ? 1 : l + 1; }) };
  }
  if (!text.startsWith('{')) return undefined;
  // The first line holding only "}" after which the text so far is a JSON object.
  for (let at = text.indexOf('\n}'); at !== -1; at = text.indexOf('\n}', at + 1)) {
    const after = at + 2;
    if (after < text.length && text[after] !== '\n') continue;
    try {
      const data = JSON.parse(text.slice(0, after)) as unknown;
      if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
      const located = parseYaml(text.slice(0, after));
      return { diagnostics: [], draft: hugoDraft(file, data as Record<string, unknown>, after + (text[after] === '\n' ? 1 : 0), (p) => (located.ok ? located.value.lineOf(p) : 1) ?? 1) };
    } catch {
      // not yet the end of the object
    }
  }
  return undefined;
}

function hugoDraft(file: SourceText, data: Record<string, unknown>, bodyStart: number, lineOf: Draft['lineOf']): Draft {
  return { source: file, data, body: file.text.slice(bodyStart), bodyStart, bodyLine: lineAtOffset(file.text, bodyStart), lineOf };
}
