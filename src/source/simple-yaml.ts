/**
 * A reader for the frontmatter most articles have: `key: value` lines at the
 * top level, whose values are one-line scalars, one-line flow lists of scalars
 * (`[a, "b"]`), block lists of them (`- a` lines), plain literal and folded
 * block scalars (`|`, `>-`), or one level of such `key: value` lines. It takes
 * about 10 us a frontmatter where the `yaml` package takes 100 to 200, which
 * on a cold build of 10,000 articles is more than 1.5 s of CPU.
 *
 * It never decides anything `yaml` would decide differently: whatever is not
 * plainly inside that subset (deeper nesting, anchors, tags, escapes, floats,
 * multi-line plain scalars, blank lines inside block scalars, duplicate keys,
 * control characters...) makes it answer `undefined`, and yaml.ts hands the
 * text to `yaml`. The tests compare the two on generated corpora and on random
 * mixes of tricky scalars.
 */
/** YAML read as plain data, and where each value was written. */
export interface ParsedYaml {
  data: unknown;
  /** 1-based line (inside the YAML text) of the value at `path`, or of its nearest parent. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** Keys written twice in their mapping (the last value kept), when the reader was told to keep the last (yaml.ts). */
  repeated?: { key: string; line: number }[];
}

const KEY_LINE = /^( *)([A-Za-z][A-Za-z0-9_-]*):(?: +(.*))?$/;
const ITEM_LINE = /^( *)- +(.*)$/;
const BLOCK_SCALAR = /^[|>]-?$/;
// Anything a plain reading could get wrong is left to `yaml`: C0 and C1 controls, DEL, BOM,
// surrogates and non-characters, tabs and CRs (indentation and line-break rules), and every other
// Unicode space or separator: YAML counts only the space as one, while JavaScript's trim() and
// trimStart(), used below, take them all.
const UNSURE_CHARACTER = /[\x00-\x09\x0B-\x1F\x7F-\x9F\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF\uD800-\uDFFF\uFFFE\uFFFF]/;
// Keys that the core schema reads as null or a boolean, which a JS object would turn back into text.
const NON_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

// The YAML 1.2 core schema's resolution of plain scalars (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:[Tt]rue|TRUE)$/;
const FALSE = /^(?:[Ff]alse|FALSE)$/;
const DECIMAL = /^[-+]?[0-9]+$/;
// Floats, octal and hexadecimal integers: rare in frontmatter, left to `yaml` with its exact rules.
const OTHER_NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0o[0-7]+|0x[0-9a-fA-F]+)$/;

// Thrown as soon as the text leaves the subset; readSimpleYaml() turns it into undefined.
const UNSURE = Symbol('unsure');
function unsure(): never {
  throw UNSURE;
}

type Scalar = string | number | boolean | null;

/** The data and lines of `text` when it lies wholly inside the subset above; otherwise undefined. */
export function readSimpleYaml(text: string): ParsedYaml | undefined {
  if (UNSURE_CHARACTER.test(text)) return undefined;
  const reader = new Reader(text.split('\n'));
  let data: Record<string, unknown>;
  try {
    data = reader.mapping('', '');
  } catch (e) {
    if (e === UNSURE) return undefined;
    throw e;
  }
  // No key at all (an empty or comment-only text) is not a mapping: `yaml` says what it is.
  if (Object.keys(data).length === 0) return undefined;
  const nodeLines = reader.nodeLines;
  return {
    data,
    // The line of the node at `path`, or of its nearest parent, as yaml.ts answers.
    lineOf(path) {
      for (let n = path.length; n > 0; n--) {
        const line = nodeLines.get(nodePath(path.slice(0, n)));
        if (line !== undefined) return line;
      }
      return undefined;
    },
  };
}

/** Keys joined by NUL; list indexes marked with \u0001, which no key can hold. */
function nodePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `\u0001${p}` : String(p))).join('\0');
}

class Reader {
  /** The line being read (0-based). */
  at = 0;
  /** 1-based line of every key and list item, by nodePath(). */
  readonly nodeLines = new Map<string, number>();

  constructor(readonly lines: string[]) {}

  /** `key: value` lines at `indent`: the top level (''), or one level below a key. */
  mapping(indent: string, parent: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (this.skipBlank(); this.at < this.lines.length; this.skipBlank()) {
      const line = this.lines[this.at]!;
      // A nested mapping ends at a line less indented; anything else out of step is unsure.
      if (indent !== '' && leadingSpaces(line) < indent.length) break;
      const entry = KEY_LINE.exec(line);
      if (!entry || entry[1] !== indent) unsure();
      const key = entry[2]!;
      if (NON_STRING_KEY.test(key) || Object.hasOwn(out, key)) unsure();
      const path = parent === '' ? key : `${parent}\0${key}`;
      this.nodeLines.set(path, this.at + 1);
      this.at++;
      out[key] = this.value((entry[3] ?? '').trimEnd(), indent, path);
    }
    return out;
  }

  /** The value after `key:` (`rest` on the key's line), and the lines it takes below. */
  private value(rest: string, indent: string, path: string): unknown {
    if (BLOCK_SCALAR.test(rest)) return this.blockScalar(rest, indent);
    if (rest.startsWith('[')) {
      const items = flowList(rest);
      // Items of a one-line flow list stand on their key's line.
      items.forEach((_, n) => this.nodeLines.set(`${path}\0\u0001${n}`, this.at));
      return items;
    }
    if (rest !== '') return scalar(rest, false);
    // An empty value: a block list or (at the top level only) a nested mapping follows, or it is null.
    this.skipBlank();
    const next = this.lines[this.at];
    if (next === undefined) return null;
    const nextIndent = leadingSpaces(next);
    if (ITEM_LINE.test(next) && nextIndent >= indent.length) return this.list(path);
    if (indent === '' && nextIndent > 0 && KEY_LINE.test(next)) return this.mapping(' '.repeat(nextIndent), path);
    return null;
  }

  /** `- item` lines, all at one indentation. */
  private list(path: string): Scalar[] {
    const items: Scalar[] = [];
    let indent: string | undefined;
    for (this.skipBlank(); this.at < this.lines.length; this.skipBlank()) {
      const item = ITEM_LINE.exec(this.lines[this.at]!);
      if (!item) break;
      if (indent !== undefined && item[1] !== indent) unsure();
      indent = item[1]!;
      this.nodeLines.set(`${path}\0\u0001${items.length}`, this.at + 1);
      items.push(scalar(item[2]!.trimEnd(), false));
      this.at++;
    }
    return items;
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar, clipped or stripped (`-`), whose lines all
   * stand at one indentation with nothing trailing and no blank line between them: then
   * folding is joining with spaces, and a literal joins with line breaks.
   */
  private blockScalar(header: string, indent: string): string {
    const lines = this.lines;
    const first = lines[this.at];
    const depth = first === undefined ? 0 : leadingSpaces(first);
    if (first === undefined || first.trim() === '' || depth <= indent.length) unsure();
    const content: string[] = [];
    for (; this.at < lines.length; this.at++) {
      const line = lines[this.at]!;
      if (line.trim() === '' || leadingSpaces(line) < depth) break;
      if (leadingSpaces(line) > depth || line.endsWith(' ')) unsure();
      content.push(line.slice(depth));
    }
    // A blank line inside the scalar is left to `yaml`. (The end of the text counts as a line
    // break, as `yaml` reads it: gray-matter hands the frontmatter over without its last one.)
    let after = this.at;
    while (after < lines.length && lines[after]!.trim() === '') after++;
    if (after < lines.length && leadingSpaces(lines[after]!) >= depth) unsure();
    const joined = content.join(header.startsWith('>') ? ' ' : '\n');
    return header.endsWith('-') ? joined : `${joined}\n`;
  }

  private skipBlank(): void {
    while (this.at < this.lines.length && isBlankOrComment(this.lines[this.at]!)) this.at++;
  }
}

function leadingSpaces(line: string): number {
  return line.length - line.trimStart().length;
}

function isBlankOrComment(line: string): boolean {
  const start = line.trimStart();
  return start === '' || start.startsWith('#');
}

/** A one-line flow list of scalars, `[a, "b, c", 'd']`. */
function flowList(text: string): Scalar[] {
  if (!text.endsWith(']')) return unsure();
  const inner = text.slice(1, -1);
  if (inner.trim() === '') return [];
  const out: Scalar[] = [];
  let pos = 0;
  while (pos <= inner.length) {
    // One item runs to the next comma outside quotes.
    let end = pos;
    const first = inner.slice(pos).trimStart()[0];
    if (first === '"' || first === "'") {
      const open = inner.indexOf(first, pos);
      const close = closingQuote(inner, open, first);
      if (close === -1) return unsure();
      end = close + 1;
      while (end < inner.length && inner[end] === ' ') end++;
      if (end < inner.length && inner[end] !== ',') return unsure();
    } else {
      end = inner.indexOf(',', pos);
      if (end === -1) end = inner.length;
    }
    out.push(scalar(inner.slice(pos, end).trim(), true));
    pos = end + 1;
  }
  return out;
}

function closingQuote(text: string, open: number, quote: string): number {
  for (let k = open + 1; k < text.length; k++) {
    if (text[k] !== quote) continue;
    // '' inside single quotes is an escaped quote.
    if (quote === "'" && text[k + 1] === "'") {
      k++;
      continue;
    }
    return k;
  }
  return -1;
}

/** One scalar, trimmed, in block context or (`inFlow`) inside a flow list. */
function scalar(text: string, inFlow: boolean): Scalar {
  const first = text[0];
  if (first === '"') {
    // Escapes are left to `yaml`; so is anything after the closing quote.
    if (text.length < 2 || !text.endsWith('"') || text.slice(1, -1).includes('"') || text.includes('\\')) return unsure();
    return text.slice(1, -1);
  }
  if (first === "'") {
    if (text.length < 2 || closingQuote(text, 0, "'") !== text.length - 1) return unsure();
    return text.slice(1, -1).replaceAll("''", "'");
  }
  // Plain scalars: no indicator at the start, no comment, no mapping inside, no flow syntax in a list.
  if (text === '' || /^[-?:,[\]{}#&*!|>%@`]/.test(text)) {
    // `-x` and `:x` are plain scalars in YAML, but `- x` is an item: only a sign before a digit is taken.
    if (!/^-[0-9]/.test(text)) return unsure();
  }
  if (/: |:$| #/.test(text) || (inFlow && /[[\]{},]/.test(text))) return unsure();
  if (NULL.test(text)) return null;
  if (TRUE.test(text)) return true;
  if (FALSE.test(text)) return false;
  if (DECIMAL.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : unsure();
  }
  if (OTHER_NUMBER.test(text)) return unsure();
  return text;
}
