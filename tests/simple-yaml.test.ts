/**
 * The direct reader of plain frontmatter (simple-yaml.ts) against the `yaml`
 * package: wherever it answers, it must answer exactly what `yaml` reads, data
 * and lines; everything else it must leave to `yaml`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSimpleYaml } from '../src/source/simple-yaml.js';
import { parseYamlFully } from '../src/source/yaml.js';
import { writeCorpus } from './support/corpus.js';
import { tempDir } from './support/project.js';
import { seeded } from './support/random.js';

/** Every top-level key, and every item of a list value: the paths error messages ask lines for. */
function pathsOf(data: Record<string, unknown>): PropertyKey[][] {
  return Object.entries(data).flatMap(([key, value]) => [[key], ...(Array.isArray(value) ? value.map((_, i) => [key, i]) : [])]);
}

/** Asserts that the direct reader, when it answers, agrees with `yaml`; true when it answered. */
function agreesWithYaml(text: string): boolean {
  const simple = readSimpleYaml(text);
  if (!simple) return false;
  const full = parseYamlFully(text);
  expect(full.ok, `yaml refuses what the direct reader read:\n${text}`).toBe(true);
  if (!full.ok) return true;
  expect(simple.data, text).toStrictEqual(full.value.data);
  for (const p of pathsOf(simple.data as Record<string, unknown>)) {
    expect(simple.lineOf(p), `line of ${p.join('.')} in:\n${text}`).toBe(full.value.lineOf(p));
  }
  return true;
}

function frontmatterOf(file: string): string {
  const text = readFileSync(file, 'utf8');
  return text.slice(4, text.indexOf('\n---', 3) + 1);
}

const markdownFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(dir, f));

describe('the direct frontmatter reader', () => {
  it('reads nearly every frontmatter of a generated corpus, as yaml does', () => {
    const dir = tempDir();
    writeCorpus(dir, 400);
    const files = markdownFiles(dir);
    const read = files.filter((f) => agreesWithYaml(frontmatterOf(f))).length;
    expect(files.length).toBe(400);
    expect(read).toBe(400);
  });

  it('agrees with yaml on the articles of this repository', () => {
    const files = markdownFiles(path.resolve('articles'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) agreesWithYaml(frontmatterOf(f));
  });

  it('agrees with yaml on random mixes of tricky keys, scalars, lists and comments', () => {
    const keys = ['title', 'date', 'tags', 'x-y', 'a_b', 'Title', 'yes', 'on', 'True', 'null', 'NULL', 'title', '_hidden', 'o.k'];
    const scalars = [
      'plain words', 'It\'s here', 'say "hi"', 'a  b', 'trailing   ', 'C#', 'a#b', 'a #b', 'a: b', 'a:b', 'ends:', '12:30', '10:15:00',
      'yes', 'no', 'on', 'off', 'y', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE',
      '0', '007', '-0', '+12', '-12', '1_000', '0x1F', '0o17', '017', '1.5', '1.', '.5', '-.5', '1e3', '1E-3', '.inf', '-.inf', '+.INF', '.nan', '.NaN',
      '9007199254740991', '9007199254740993', '2024-01-01', '2024-01-01T10:00:00Z', '2024-01-01 08:00', '-x', '- x', '-', '--', ':x', '?x', '? x',
      "'it''s'", "'a' b", "''", "'a # b'", '"a"', '""', '"a\\"b"', '"a\\nb"', '"a # b"', '"x" # c', '"a: b"', "'[not, a list]'",
      '&x a', '*x', '!!str 1', '!!binary aGk=', '!tag x', '|', '>', '%x', '@x', '`x', '{a: b}', 'Ünïcödé ñ', '日本語のタイトル', 'emoji 🎉 ok', 'R&D', 'nbsp\u00A0end\u00A0', '\u00A0lead', 'ideographic\u3000space',
      '[a, b]', '[ a , b ]', '[]', '[ ]', '[a,]', '[a, , b]', '[a, [b]]', '[a, "b, c", \'d\']', '[a: b]', '["x", y]', '[1, 2, yes, null, ~]',
      '[a #b]', '["a" b]', '[a, b', 'a, b]', '[\'it\'\'s\', x]', '[2024-01-01, 12:30]', '[-1, +2, 0x3]',
    ];
    // Most frontmatter is ordinary: half the values are, so that many whole texts are read directly.
    const ordinary = ['A title', '"A quoted: title"', "'single'", '2024-03-01', '2024-03-01T10:00:00+02:00', '[news, web]', '["a", "b"]', 'Ada Lovelace', 'fr', '3', 'true'];
    const listItems = ['Ada', 'Grace Hopper', '"Q&A"', 'a', '"quoted"', "'single'", '1', 'yes', 'null', '~', '- nested', 'k: v', '[x]', 'x # note', '', '2024-01-01'];
    const { next, pick } = seeded(42);
    const entry = (): string => {
      const key = pick(keys);
      const r = next();
      if (r < 0.3) return `${key}: ${pick(ordinary)}`;
      if (r < 0.6) return `${key}: ${pick(scalars)}`;
      if (r < 0.65) return `${key}:`;
      if (r < 0.7) return `${key}:${pick(['', ' ', '  '])}${pick(scalars)}`;
      if (r < 0.78) {
        // One level of nesting, sometimes out of step, sometimes deeper.
        const indent = pick(['  ', '  ', '    ', ' ']);
        const subs = Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
          next() < 0.8 ? `${next() < 0.1 ? pick(['', ' ', '      ']) : indent}${pick(keys)}: ${pick(next() < 0.5 ? ordinary : scalars)}` : `${indent}${pick(keys)}:${pick(['', `\n${indent}  - a`, `\n${indent}- b`, `\n${indent}  deeper: x`])}`,
        );
        return [`${key}:`, ...subs].join('\n');
      }
      if (r < 0.86) {
        // Block scalars: plain ones, and the forms left to yaml (keep, explicit indentation, blank
        // lines inside, more-indented lines, trailing spaces, a comment on the header).
        const header = pick(['|', '|-', '>', '>-', '>', '>-', '|+', '>+', '>2', '|1-', '> # c', '>-  ']);
        const indent = pick(['  ', '  ', '    ', ' ']);
        const body = Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
          next() < 0.85 ? `${indent}${pick(ordinary)} ${pick(['', '# not a comment', 'x: y', '- z'])}`.trimEnd() : pick(['', `${indent}  more`, `${indent}trailing `, `${indent}`]),
        );
        if (next() < 0.1) body.unshift('');
        return [`${key}: ${header}`, ...body].join('\n');
      }
      const indent = pick(['', '  ', '    ']);
      const items = Array.from({ length: 1 + Math.floor(next() * 3) }, () => `${next() < 0.05 ? pick(['', ' ', '   ']) : indent}-${pick([' ', '  ', ''])}${pick(listItems)}`);
      if (next() < 0.15) items.splice(1, 0, pick(['', '# comment', `${indent}# comment`, `${indent}  continued`, '  nested: map']));
      return [`${key}:`, ...items].join('\n');
    };
    let read = 0;
    let leftToYaml = 0;
    let readBlockScalars = 0;
    let readNested = 0;
    for (let n = 0; n < 12000; n++) {
      const lines = Array.from({ length: 1 + Math.floor(next() * 3) }, entry);
      if (next() < 0.2) lines.splice(Math.floor(next() * lines.length), 0, pick(['', '# a comment', '  # indented comment', '---', '...', '\u00A0', '\u00A0\u00A0key: x']));
      const text = `${lines.join('\n')}${next() < 0.9 ? '\n' : ''}`;
      if (agreesWithYaml(text)) {
        read++;
        if (/: [|>]-?\n/.test(text)) readBlockScalars++;
        if (/:\n +[A-Za-z]/.test(text)) readNested++;
      } else leftToYaml++;
    }
    // Both ways are exercised: the comparison above ran on thousands of texts read directly.
    expect(read).toBeGreaterThan(1000);
    expect(leftToYaml).toBeGreaterThan(1000);
    expect(readBlockScalars).toBeGreaterThan(50);
    expect(readNested).toBeGreaterThan(50);
  });

  it('leaves to yaml what it would have to interpret', () => {
    for (const text of [
      'title: a\ntitle: b\n', // duplicate key: yaml reports it
      'a: &x 1\nb: *x\n', // anchors and aliases
      'data: !!binary aGk=\n', // tags are refused by yaml.ts
      'summary: |\n  text\n\n  more\n', // a blank line inside a block scalar
      'summary: >+\n  text\n', // keep chomping
      'image:\n  meta:\n    width: 3\n', // two levels
      'title: "tab\\tescape"\n',
      'title: one\n  two\n', // a plain scalar over two lines
      'ratio: 1.5\n',
      'title:\tx\n',
      '# only a comment\n',
      '',
    ]) {
      expect(readSimpleYaml(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('reads a block scalar at the end of the text as yaml does, with or without a last line break', () => {
    // gray-matter hands the frontmatter over without its last line break.
    for (const text of ['s: >\n  a\n  b', 's: >-\n  a\n  b', 's: |\n  a\n  b', 's: |-\n  a\n  b\n']) {
      expect(agreesWithYaml(text), text).toBe(true);
    }
    expect(readSimpleYaml('s: >\n  a\n  b')?.data).toStrictEqual({ s: 'a b\n' });
  });

  it('reads values as the YAML 1.2 core schema types them', () => {
    const read = readSimpleYaml(
      'title: 2024 review\ndraft: false\norder: 7\nnote: ~\nwhen: 2024-01-01\ntags: [a, "b, c", \'it\'\'s\']\nauthors:\n  - Ada\n  - "Grace"\n' +
        'summary: >-\n  Folded\n  lines\nimage:\n  src: a.jpg\n  alt: |\n    Two\n    lines\n',
    );
    expect(read?.data).toStrictEqual({
      title: '2024 review',
      draft: false,
      order: 7,
      note: null,
      when: '2024-01-01',
      tags: ['a', 'b, c', "it's"],
      authors: ['Ada', 'Grace'],
      summary: 'Folded lines',
      image: { src: 'a.jpg', alt: 'Two\nlines\n' },
    });
    expect(read?.lineOf(['image', 'alt'])).toBe(15);
    expect(read?.lineOf(['authors', 1])).toBe(9);
    expect(read?.lineOf(['tags', 2])).toBe(6);
  });
});
