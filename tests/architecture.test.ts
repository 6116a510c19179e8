/**
 * The layout's promises, checked on src/ itself: the folders are the pipeline's stages, imports run
 * only from a later stage to an earlier one (never back up, never in a circle), and no file or
 * function grows past what a reader can take in at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.join(import.meta.dirname, '..', 'src');

/**
 * Each folder (or top-level file) and its place in the pipeline: a module may import only from its
 * own place or an earlier one. Reading files comes first; dates (time/) and Markdown (content/)
 * are what the article stage uses to make an item of a file; feeds plan and serialize items;
 * output writes them. `rebuild/` sits after every stage it makes cheaper, and before the build
 * that opens it; the commands drive the build.
 */
export const STAGES: Record<string, number> = {
  util: 0,
  'diagnostics.ts': 0,
  source: 1,
  config: 2,
  time: 3,
  content: 4,
  article: 5,
  feeds: 6,
  output: 7,
  rebuild: 8,
  'build.ts': 9,
  'worker.ts': 9,
  commands: 10,
  'cli.ts': 11,
  'index.ts': 11,
};

const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const files = sourceFiles();
const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
const stageOf = (file: string) => STAGES[rel(file).split('/')[0]!];

/** Every relative import of `file` (static, dynamic and type-only), as absolute .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specifiers.map((s) => path.join(path.dirname(file), s).replace(/\.js$/, '.ts'));
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** Strongly connected components of more than one module: the import circles. */
function circles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(rel(w));
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

/** Functions (declarations, methods, arrows) longer than the bound, as `file:line name (n lines)`. */
function longFunctions(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const long: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = node.name?.getText(source) ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(source) : '(anonymous)');
      if (last - first + 1 > MAX_FUNCTION_LINES) long.push(`${rel(file)}:${first + 1} ${name} (${last - first + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return long;
}

describe('the layout of src/', () => {
  it('places every module in a stage', () => {
    expect(files.filter((f) => stageOf(f) === undefined).map(rel)).toEqual([]);
  });

  it('has no import circle', () => {
    expect(circles()).toEqual([]);
  });

  it('has no import from an earlier stage back up to a later one', () => {
    const up = [...graph].flatMap(([from, tos]) => tos.filter((to) => graph.has(to) && stageOf(to)! > stageOf(from)!).map((to) => `${rel(from)} -> ${rel(to)}`));
    expect(up).toEqual([]);
  });

  it(`keeps every file within ${MAX_FILE_LINES} lines`, () => {
    const long = files.map((f) => [rel(f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > MAX_FILE_LINES);
    expect(long).toEqual([]);
  });

  it(`keeps every function within ${MAX_FUNCTION_LINES} lines`, () => {
    expect(files.flatMap(longFunctions)).toEqual([]);
  });
});
