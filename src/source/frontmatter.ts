/**
 * Splits an article into frontmatter data and Markdown body with gray-matter,
 * with every engine that could evaluate code taken away: only YAML (parsed as
 * plain data, see yaml.ts) and JSON are read.
 */
import type matter from 'gray-matter';
import { error, type Diagnostic } from '../diagnostics.js';
import type { SourceText } from './discover.js';
import { jsonErrorLine, lineAtOffset } from '../util/text.js';
import type { ParsedYaml } from './simple-yaml.js';
import { parseYaml } from './yaml.js';
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

export function parseFrontmatter(file: SourceText): { draft?: Draft; diagnostics: Diagnostic[] } {
  const text = file.text;
  const fail = (code: string, message: string, line?: number) => ({ diagnostics: [error(file.displayPath, code, message, line)] });

  const opens = text.startsWith('---') && text[3] !== '-';
  const close = opens ? text.indexOf('\n---', 3) : -1;
  if (opens && close === -1) {
    return fail('frontmatter-unclosed', 'the frontmatter opened on this line is never closed; add a line with --- after it', 1);
  }

  let parsed: ParsedYaml | undefined;
  const readYaml = (yamlText: string): object => {
    const result = parseYaml(yamlText);
    if (!result.ok) throw new FrontmatterProblem(result.problems, 'frontmatter-yaml');
    parsed = result.value;
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
    if (located.ok) parsed = located.value;
    return data as object;
  };

  let file_: matter.GrayMatterFile<string>;
  try {
    // Passing options also keeps gray-matter from caching every input string.
    // gray-matter is handed the frontmatter alone: it looks every input up in a cache keyed by the
    // whole text, which costs as much as hashing every article. A text without frontmatter is not
    // handed to it at all; it would find none.
    file_ = grayMatter()(opens ? text.slice(0, close + 4) : '', {
      engines: {
        yaml: readYaml,
        json: readJson,
        javascript: refuse('javascript'),
        js: refuse('js'),
        coffee: refuse('coffee'),
      },
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
  const located = parsed;
  return {
    draft: {
      source: file,
      data: data as Record<string, unknown>,
      body,
      bodyStart,
      bodyLine,
      // The YAML text starts right after the opening "---", on line 1 of the file.
      lineOf: (p) => located?.lineOf(p) ?? (opens ? 1 : undefined),
    },
    diagnostics: [],
  };
}
