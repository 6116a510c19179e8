/**
 * Liquid (Jekyll) and Nunjucks (Eleventy's default for Markdown) tags in a body: `{% tag %}`,
 * `{{ value | filter }}`, `{# comment #}` (Nunjucks), with `-` trimming whitespace. Rendered:
 * raw, comment, highlight, link, post_url, gist, tweet, youtube, vimeo, and values of the site
 * and the page with the URL filters. Every other tag is removed (a block keeps what it encloses,
 * but capture, macro and set); a value syndicate does not know is removed too.
 */
import { REMOVED, lookUp, type TemplateContext, type TemplateScan } from './context.js';
import { codeBlock, escapeHtml, link, video } from './embeds.js';

// Liquid's tags and outputs; Nunjucks adds {# comments #}.
const LIQUID_TAG = /\{%(-?)\s*([\s\S]*?)\s*(-?)%\}|\{\{(-?)\s*([\s\S]*?)\s*(-?)\}\}/g;
const NUNJUCKS_TAG = /\{%(-?)\s*([\s\S]*?)\s*(-?)%\}|\{\{(-?)\s*([\s\S]*?)\s*(-?)\}\}|\{#[\s\S]*?#\}/g;
// Blocks whose inside is not shown.
const HIDDEN_BLOCKS = new Set(['comment', 'capture', 'macro', 'set', 'call']);

type Vars = Record<string, unknown>;

interface Walk {
  dialect: 'liquid' | 'nunjucks';
  ctx?: TemplateContext;
  vars: Vars;
  scan: TemplateScan;
  offset: number;
}

/** The end tag `{% end<name> %}` of a block opened before `from`, nesting counted: its start and end, or undefined. */
function endOf(text: string, name: string, from: number): { start: number; end: number } | undefined {
  const re = new RegExp(String.raw`\{%-?\s*(end)?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\b[\s\S]*?-?%\}`, 'g');
  re.lastIndex = from;
  let depth = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!m[1]) depth++;
    else if (depth-- === 0) return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

function walk(text: string, w: Walk): string {
  let out = '';
  let at = 0;
  let trimNext = false;
  const re = new RegExp(w.dialect === 'nunjucks' ? NUNJUCKS_TAG.source : LIQUID_TAG.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let before = text.slice(at, m.index);
    if (trimNext) before = before.replace(/^\s+/, '');
    if (m[1] === '-' || m[4] === '-') before = before.replace(/\s+$/, '');
    out += before;
    at = m.index + m[0].length;
    trimNext = m[3] === '-' || m[6] === '-';
    if (m[0].startsWith('{#')) continue;
    if (m[5] !== undefined) {
      out += output(m[5], m[0], m.index, w);
      continue;
    }
    const [name = '', ...args] = m[2]!.split(/\s+/);
    const tagEnd = at;
    const block = INLINE.has(name) ? undefined : endOf(text, name, tagEnd);
    const inner = block && text.slice(tagEnd, block.start);
    if (block) at = re.lastIndex = block.end;
    out += tag(name, args, inner, m[0], m.index, tagEnd, w);
  }
  return out + (trimNext ? text.slice(at).replace(/^\s+/, '') : text.slice(at));
}

const INLINE = new Set(['link', 'post_url', 'gist', 'tweet', 'twitter', 'youtube', 'vimeo']);

/** A tag's output; `inner` is what its block encloses, when it is one. */
function tag(name: string, args: string[], inner: string | undefined, written: string, index: number, innerAt: number, w: Walk): string {
  const links = w.ctx?.links ?? {};
  switch (name) {
    case 'raw':
      return inner ?? '';
    case 'comment':
      return '';
    case 'highlight':
      return codeBlock(walk(inner ?? '', { ...w, offset: w.offset + innerAt }), args[0] ?? '');
    case 'link':
    case 'post_url': {
      const key = `${name} ${args.join(' ')}`;
      w.scan.links.push({ tag: key, at: w.offset + index });
      // Jekyll 4 writes the page's path with the baseurl (so `{{ site.baseurl }}{% post_url %}` doubles it, as on the site).
      const url = links[key];
      return url === undefined ? REMOVED : url.slice(new URL(url).origin.length);
    }
    case 'gist':
      return link(`https://gist.github.com/${args[0] ?? ''}`, `Gist ${args[0] ?? ''}`);
    case 'tweet':
    case 'twitter': {
      const url = args.find((a) => /^https?:\/\//.test(a)) ?? '';
      return url ? link(url, 'Post on X (Twitter)') : REMOVED;
    }
    case 'youtube':
    case 'vimeo':
      return w.ctx ? video(name, (args[0] ?? '').replace(/^["']|["']$/g, ''), w.ctx.iframeHosts) : '';
  }
  w.scan.unknown.push({ tag: written, at: w.offset + index });
  if (inner === undefined || HIDDEN_BLOCKS.has(name)) return REMOVED;
  return `${REMOVED}${walk(inner, { ...w, offset: w.offset + innerAt })}${REMOVED}`;
}

/** `{{ value | filter: arg }}`: the value, filtered; removed (and recorded) when it is not one syndicate knows. */
function output(expression: string, written: string, index: number, w: Walk): string {
  const [head = '', ...filters] = splitPipes(expression);
  let value = literal(head) ?? lookUp(w.vars, head);
  for (const f of filters) {
    if (value === undefined) break;
    value = filter(f, value, w);
  }
  if (value === undefined) {
    w.scan.unknown.push({ tag: written, at: w.offset + index });
    return REMOVED;
  }
  return escapeHtml(value);
}

function splitPipes(expression: string): string[] {
  return (expression.match(/(?:"[^"]*"|'[^']*'|[^|])+/g) ?? []).map((p) => p.trim());
}

function literal(text: string): string | undefined {
  const quoted = /^(["'])([\s\S]*)\1$/.exec(text);
  if (quoted) return quoted[2];
  return /^-?\d+(?:\.\d+)?$/.test(text) ? text : undefined;
}

/** The URL and text filters of Jekyll and Eleventy; undefined for another. */
function filter(written: string, value: string, w: Walk): string | undefined {
  const [name = '', arg] = written.split(/:\s*|\(/, 2).map((p) => p.trim());
  const site = w.ctx?.siteUrl ?? 'https://example.invalid/';
  const base = new URL(site).pathname.replace(/\/$/, '');
  const underBase = (path: string) => (/^[a-z][a-z0-9+.-]*:/i.test(path) ? path : `${base}/${path.replace(/^\//, '')}`);
  switch (name) {
    case 'relative_url':
    case 'url':
      return underBase(value);
    case 'absolute_url':
      return new URL(underBase(value), site).href;
    case 'downcase':
    case 'lower':
      return value.toLowerCase();
    case 'upcase':
    case 'upper':
      return value.toUpperCase();
    case 'strip':
    case 'trim':
      return value.trim();
    case 'escape':
    case 'xml_escape':
    case 'safe':
      return value;
    case 'default':
      return value === '' ? (literal(arg?.replace(/\)$/, '') ?? '') ?? '') : value;
    default:
      return undefined;
  }
}

function varsOf(vars: Readonly<Record<string, unknown>>, ctx: TemplateContext | undefined): Vars {
  const page = ctx?.page ?? { url: '', title: '', date: '', fileSlug: '' };
  return { ...vars, page, title: page.title };
}

export function scanLiquid(body: string, dialect: 'liquid' | 'nunjucks', vars: Readonly<Record<string, unknown>>): TemplateScan {
  const scan: TemplateScan = { links: [], unknown: [] };
  if (/\{[%{#]/.test(body)) walk(body, { dialect, vars: varsOf(vars, undefined), scan, offset: 0 });
  return scan;
}

export function renderLiquid(body: string, dialect: 'liquid' | 'nunjucks', ctx: TemplateContext): string {
  if (!/\{[%{#]/.test(body)) return body;
  return walk(body, { dialect, ctx, vars: varsOf(ctx.vars, ctx), scan: { links: [], unknown: [] }, offset: 0 });
}
