/**
 * YAML as plain data only. The core schema with `resolveKnownTags: false` turns
 * `!!binary`, `!!timestamp`, `!!set`, `!!js/function` and every custom tag into
 * errors instead of objects, and `maxAliasCount` stops alias bombs.
 */
import type { Document } from 'yaml';
import { onFirstUse } from '../util/on-first-use.js';
import { readSimpleYaml, type ParsedYaml } from './simple-yaml.js';

const yaml = onFirstUse<typeof import('yaml')>('yaml');

export interface YamlProblem {
  /** 1-based line inside the YAML text. */
  line: number;
  message: string;
}


export const MAX_ALIAS_COUNT = 100;

/**
 * A key written twice in one mapping: an error by default; with `repeatedKeys: 'last-wins'` the
 * last value is kept, as Hugo and Jekyll read it, and each repeat is reported in `repeated`.
 */
export interface YamlOptions {
  repeatedKeys?: 'refuse' | 'last-wins';
}

export function parseYaml(text: string, options: YamlOptions = {}): { ok: true; value: ParsedYaml } | { ok: false; problems: YamlProblem[] } {
  // Plain `key: value` frontmatter is read directly; anything else by `yaml` (see simple-yaml.ts),
  // which is also what reads a repeated key.
  const simple = readSimpleYaml(text);
  return simple ? { ok: true, value: simple } : parseYamlFully(text, options);
}

/** `text` read by the `yaml` package, whatever it holds. */
export function parseYamlFully(text: string, options: YamlOptions = {}): { ok: true; value: ParsedYaml } | { ok: false; problems: YamlProblem[] } {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    schema: 'core',
    resolveKnownTags: false,
    customTags: [],
    merge: false,
    uniqueKeys: options.repeatedKeys !== 'last-wins',
    prettyErrors: false,
    lineCounter,
  });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const problems: YamlProblem[] = doc.errors.map((e) => ({
    line: lineAt(e.pos[0]),
    message: /call stack/i.test(e.message)
      ? 'the frontmatter is nested too deeply to read; flatten it'
      : `invalid YAML: ${firstLine(e.message)} (check the quotes, brackets and indentation)`,
  }));
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED') {
      problems.push({
        line: lineAt(w.pos[0]),
        message: `${firstLine(w.message).replace('Unresolved tag: ', 'YAML tag ').replace('tag:yaml.org,2002:', '!!')} is not allowed; frontmatter holds plain values only (remove the tag)`,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return {
      ok: false,
      problems: [{ line: 1, message: `${(e as Error).message} (more than ${MAX_ALIAS_COUNT} alias expansions); write the values out instead of repeating aliases` }],
    };
  }
  const repeated = options.repeatedKeys === 'last-wins' ? repeatedKeys(doc.contents, [], lineAt) : [];
  return { ok: true, value: { data, lineOf: (path) => lineOfPath(doc, path, lineAt), ...(repeated.length > 0 ? { repeated } : {}) } };
}

/** Every key written again in its mapping, at any depth, with the line of the repeat. */
function repeatedKeys(node: unknown, path: string[], lineAt: (offset: number) => number): { key: string; line: number }[] {
  const { isMap, isScalar, isSeq } = yaml();
  if (isSeq(node)) return node.items.flatMap((item, i) => repeatedKeys(item, [...path, String(i)], lineAt));
  if (!isMap(node)) return [];
  const seen = new Set<string>();
  const found: { key: string; line: number }[] = [];
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) continue;
    if (seen.has(key)) found.push({ key: [...path, key].join('.'), line: lineAt((pair.key as { range?: [number] }).range?.[0] ?? 0) });
    seen.add(key);
    found.push(...repeatedKeys(pair.value, [...path, key], lineAt));
  }
  return found;
}

/** The line of the key (for a mapping entry) or of the item (for a list entry) at `path`. */
function lineOfPath(doc: Document, path: readonly PropertyKey[], lineAt: (offset: number) => number): number | undefined {
  const { isMap, isNode, isScalar, isSeq } = yaml();
  for (let n = path.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1) as unknown[], true);
    const last = path[n - 1];
    let node: unknown;
    if (isMap(parent)) node = parent.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(last))?.key;
    else if (isSeq(parent) && typeof last === 'number') node = parent.items[last];
    if (isNode(node) && node.range) return lineAt(node.range[0]);
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
