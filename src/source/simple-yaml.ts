/**
 * A reader for the frontmatter most articles have: `key: value` lines at the
 * top level, whose values are one-line scalars, one-line flow lists of scalars
 * (`[a, "b"]`) or block lists of them (`- a` lines). It takes about 2 us a
 * frontmatter where the `yaml` package takes 100 to 200, which on a cold build
 * of 10,000 articles is about 1.7 s of CPU.
 *
 * It never decides anything `yaml` would decide differently: whatever is not
 * plainly inside that subset (nested mappings, anchors, tags, block scalars,
 * escapes, floats, multi-line scalars, duplicate keys, control characters...)
 * makes it answer `undefined`, and yaml.ts hands the text to `yaml`. The tests
 * compare the two on generated corpora and on random mixes of tricky scalars.
 */
import type { ParsedYaml } from './yaml.js';

const KEY_LINE = /^([A-Za-z][A-Za-z0-9_-]*):(?: +(.*))?$/;
const ITEM_LINE = /^( *)- +(.*)$/;
// Anything a plain reading could get wrong is left to `yaml`: C0 and C1 controls, DEL, BOM,
// surrogates and non-characters, tabs and CRs (indentation and line-break rules), and the Unicode
// line and paragraph separators.
const UNSURE_CHARACTER = /[\x00-\x09\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uD800-\uDFFF\uFFFE\uFFFF]/;
// Keys that the core schema reads as null or a boolean, which a JS object would turn back into text.
const NON_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

// The YAML 1.2 core schema's resolution of plain scalars (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:[Tt]rue|TRUE)$/;
const FALSE = /^(?:[Ff]alse|FALSE)$/;
const DECIMAL = /^[-+]?[0-9]+$/;
// Floats, octal and hexadecimal integers: rare in frontmatter, left to `yaml` with its exact rules.
const OTHER_NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0o[0-7]+|0x[0-9a-fA-F]+)$/;

// Values set aside when unsure; a sentinel, since null is a value.
const UNSURE = Symbol('unsure');
type Scalar = string | number | boolean | null;

/** The data and lines of `text` when it lies wholly inside the subset above; otherwise undefined. */
export function readSimpleYaml(text: string): ParsedYaml | undefined {
  if (UNSURE_CHARACTER.test(text)) return undefined;
  const lines = text.split('\n');
  const data: Record<string, unknown> = {};
  const keyLines = new Map<string, number>();
  const itemLines = new Map<string, number[]>();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlankOrComment(line)) {
      i++;
      continue;
    }
    const entry = KEY_LINE.exec(line);
    if (!entry) return undefined;
    const key = entry[1]!;
    if (NON_STRING_KEY.test(key) || keyLines.has(key)) return undefined;
    keyLines.set(key, i + 1);
    const rest = (entry[2] ?? '').trimEnd();
    i++;
    if (rest !== '') {
      const value = rest.startsWith('[') ? flowList(rest) : scalar(rest, false);
      if (value === UNSURE) return undefined;
      data[key] = value;
      continue;
    }
    // An empty value: a block list follows, or the value is null.
    const items: Scalar[] = [];
    const lineNumbers: number[] = [];
    let indent: string | undefined;
    for (; i < lines.length; i++) {
      const next = lines[i]!;
      if (isBlankOrComment(next)) continue;
      const item = ITEM_LINE.exec(next);
      if (!item) break;
      // Every item of one list at one indentation; anything else is nesting.
      if (indent !== undefined && item[1] !== indent) return undefined;
      indent = item[1]!;
      const value = scalar(item[2]!.trimEnd(), false);
      if (value === UNSURE) return undefined;
      items.push(value);
      lineNumbers.push(i + 1);
    }
    // A line that is neither an item nor a new key at the start of a line (an indented mapping, a
    // continued scalar) is left to `yaml`; the loop above refuses it as not a key line.
    data[key] = indent === undefined ? null : items;
    if (indent !== undefined) itemLines.set(key, lineNumbers);
  }
  // No key at all (an empty or comment-only text) is not a mapping: `yaml` says what it is.
  if (keyLines.size === 0) return undefined;
  return {
    data,
    lineOf(path) {
      const key = String(path[0]);
      const itemLine = path.length > 1 && typeof path[1] === 'number' ? itemLines.get(key)?.[path[1]] : undefined;
      // Items of a one-line flow list stand on their key's line.
      return itemLine ?? keyLines.get(key);
    },
  };
}

function isBlankOrComment(line: string): boolean {
  const start = line.trimStart();
  return start === '' || start.startsWith('#');
}

/** A one-line flow list of scalars, `[a, "b, c", 'd']`. */
function flowList(text: string): Scalar[] | typeof UNSURE {
  if (!text.endsWith(']')) return UNSURE;
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
      if (close === -1) return UNSURE;
      end = close + 1;
      while (end < inner.length && inner[end] === ' ') end++;
      if (end < inner.length && inner[end] !== ',') return UNSURE;
    } else {
      end = inner.indexOf(',', pos);
      if (end === -1) end = inner.length;
    }
    const value = scalar(inner.slice(pos, end).trim(), true);
    if (value === UNSURE) return UNSURE;
    out.push(value);
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
function scalar(text: string, inFlow: boolean): Scalar | typeof UNSURE {
  const first = text[0];
  if (first === '"') {
    // Escapes are left to `yaml`; so is anything after the closing quote.
    if (text.length < 2 || !text.endsWith('"') || text.slice(1, -1).includes('"') || text.includes('\\')) return UNSURE;
    return text.slice(1, -1);
  }
  if (first === "'") {
    if (text.length < 2 || closingQuote(text, 0, "'") !== text.length - 1) return UNSURE;
    return text.slice(1, -1).replaceAll("''", "'");
  }
  // Plain scalars: no indicator at the start, no comment, no mapping inside, no flow syntax in a list.
  if (text === '' || /^[-?:,[\]{}#&*!|>%@`]/.test(text)) {
    // `-x` and `:x` are plain scalars in YAML, but `- x` is an item: only a sign before a digit is taken.
    if (!/^-[0-9]/.test(text)) return UNSURE;
  }
  if (/: |:$| #/.test(text) || (inFlow && /[[\]{},]/.test(text))) return UNSURE;
  if (NULL.test(text)) return null;
  if (TRUE.test(text)) return true;
  if (FALSE.test(text)) return false;
  if (DECIMAL.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : UNSURE;
  }
  if (OTHER_NUMBER.test(text)) return UNSURE;
  return text;
}
