/**
 * TOML as plain data: Hugo's `+++` frontmatter and its hugo.toml / config.toml. Parsed by
 * smol-toml (TOML 1.0, passes the toml-test suite; small and maintained, where @iarna/toml has
 * had no release since 2020). TOML has no tags, anchors or code, so nothing in it builds an
 * object. Dates come back as the text they were written as (their offset kept, a local date
 * left local), as YAML dates do (yaml.ts), so that one parser reads both.
 */
import type * as SmolToml from 'smol-toml';
import { onFirstUse } from '../util/on-first-use.js';
import type { ParsedYaml } from './simple-yaml.js';
import type { YamlProblem } from './yaml.js';

const toml = onFirstUse<typeof SmolToml>('smol-toml');

export function parseToml(text: string): { ok: true; value: ParsedYaml } | { ok: false; problems: YamlProblem[] } {
  let data: unknown;
  try {
    data = plain(toml().parse(text));
  } catch (e) {
    const line = (e as { line?: number }).line ?? 1;
    // smol-toml's message is a first line and a picture of the place: the first line says it.
    const first = (e as Error).message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
    const repeated = /redefine an already defined/.test(first);
    return {
      ok: false,
      problems: [{ line, message: repeated ? 'this key is written twice, which TOML forbids (Hugo refuses the page too); keep one' : `invalid TOML: ${first}` }],
    };
  }
  const lines = keyLines(text);
  return { ok: true, value: { data, lineOf: (path) => (path.length === 0 ? undefined : (lines.get(String(path[0])) ?? 1)) } };
}

/** Dates to the text they were written as; everything else as it is. */
function plain(value: unknown): unknown {
  if (value instanceof Date) {
    // A TomlDate prints itself as written, with milliseconds added: ".000" is dropped again.
    return value.toISOString().replace(/\.000(?=$|[Zz+-])/, '');
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** The line of each top-level key (before the first [table]), for messages; a table's keys are on its header's line. */
function keyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  text.split('\n').forEach((line, i) => {
    const m = /^\s*(?:\[+\s*)?(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))/.exec(line);
    const key = m && (m[1] ?? m[2] ?? m[3]);
    if (key && !lines.has(key)) lines.set(key, i + 1);
  });
  return lines;
}
