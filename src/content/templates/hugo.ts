/**
 * Hugo's shortcodes in a body (gohugo.io "Shortcodes"): `{{< name args >}}`, `{{% name args %}}`,
 * paired with `{{< /name >}}`, self-closed with `/>}}`, and the commented form (`{{</*` then
 * `*` + `/>}}`) for the literal text. The built-in ones whose output a reader sees are rendered (youtube, vimeo, figure, ref,
 * relref, highlight, param, gist, tweet/x, instagram, details); a site's own (layouts/shortcodes/)
 * are removed, keeping what they enclose.
 */
import { REMOVED, lookUp, type TemplateContext, type TemplateScan } from './context.js';
import { codeBlock, escapeHtml, figure, link, video } from './embeds.js';

interface Shortcode {
  start: number;
  end: number;
  closing: boolean;
  selfClosing: boolean;
  name: string;
  positional: string[];
  named: Record<string, string>;
  /** For the commented form: the text written instead. */
  literal?: string;
}

const NEVER_PAIRED = new Set(['youtube', 'vimeo', 'figure', 'ref', 'relref', 'param', 'gist', 'tweet', 'x', 'instagram', 'qr']);
const KNOWN = new Set([...NEVER_PAIRED, 'highlight', 'details']);

/** The next shortcode at or after `from`, or undefined. */
function next(text: string, from: number): Shortcode | undefined {
  const open = /\{\{([<%])/g;
  open.lastIndex = from;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    const delim = m[1]!;
    const close = `${delim === '<' ? '>' : '%'}}}`;
    const comment = /^\s*\/\*([\s\S]*?)\*\/\s*/.exec(text.slice(m.index + 3));
    if (comment && text.startsWith(close, m.index + 3 + comment[0].length)) {
      const end = m.index + 3 + comment[0].length + 3;
      return { start: m.index, end, closing: false, selfClosing: true, name: '', positional: [], named: {}, literal: `{{${delim}${comment[1]}${delim === '<' ? '>' : '%'}}}` };
    }
    // The shortcode's inside, quoted strings kept whole.
    const inside = /^((?:"(?:[^"\\]|\\.)*"|`[^`]*`|[^"`>%])*?)(\/?)\s*([>%])\}\}/.exec(text.slice(m.index + 3));
    if (!inside || inside[3] !== (delim === '<' ? '>' : '%')) continue;
    const words = [...inside[1]!.matchAll(/([\w-]+)=(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+))|"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+)/g)];
    const closing = words[0]?.[0].startsWith('/') ?? false;
    const first = words[0]?.[0].replace(/^\//, '') ?? '';
    const name = closing && first === '' ? (words[1]?.[0] ?? '') : first;
    const named: Record<string, string> = {};
    const positional: string[] = [];
    for (const w of words.slice(closing && first === '' ? 2 : 1)) {
      if (w[1] !== undefined) named[w[1]] = unescape(w[2] ?? w[3] ?? w[4] ?? '');
      else positional.push(unescape(w[5] ?? w[6] ?? w[7] ?? ''));
    }
    return { start: m.index, end: m.index + 3 + inside[0].length, closing, selfClosing: inside[2] === '/', name, positional, named };
  }
  return undefined;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** The closing tag of `open` (nesting counted), or undefined when it has none. */
function closingOf(text: string, open: Shortcode): Shortcode | undefined {
  if (open.selfClosing || NEVER_PAIRED.has(open.name)) return undefined;
  let depth = 0;
  for (let s = next(text, open.end); s; s = next(text, s.end)) {
    if (s.name !== open.name || s.literal !== undefined) continue;
    if (!s.closing && !s.selfClosing) depth++;
    else if (s.closing && depth-- === 0) return s;
  }
  return undefined;
}

/** The body with its shortcodes rendered; `ctx` undefined only scans (what `scan` records). */
function walk(text: string, offset: number, ctx: TemplateContext | undefined, scan: TemplateScan): string {
  let out = '';
  let at = 0;
  for (let s = next(text, 0); s; s = next(text, at)) {
    out += text.slice(at, s.start);
    at = s.end;
    if (s.literal !== undefined) {
      out += s.literal;
      continue;
    }
    if (s.closing) {
      // A closing tag without its opening one.
      scan.unknown.push({ tag: text.slice(s.start, s.end), at: offset + s.start });
      out += REMOVED;
      continue;
    }
    const close = closingOf(text, s);
    const inner = close ? text.slice(s.end, close.start) : undefined;
    if (close) at = close.end;
    if (s.name === 'ref' || s.name === 'relref') scan.links.push({ tag: `ref ${s.positional[0] ?? s.named.path ?? ''}`, at: offset + s.start });
    if (!KNOWN.has(s.name)) scan.unknown.push({ tag: text.slice(s.start, s.end), at: offset + s.start });
    const rendered = render(s, inner, ctx);
    // What an unknown paired shortcode encloses is kept, its own shortcodes rendered.
    out += rendered ?? (inner === undefined ? REMOVED : `${REMOVED}${walk(inner, offset + s.end, ctx, scan)}${REMOVED}`);
  }
  return out + text.slice(at);
}

/** A known shortcode's output; undefined for one syndicate does not know. */
function render(s: Shortcode, inner: string | undefined, ctx: TemplateContext | undefined): string | undefined {
  const arg = (key: string, index = 0) => s.named[key] ?? s.positional[index] ?? '';
  switch (s.name) {
    case 'youtube':
    case 'vimeo':
      return ctx && video(s.name, arg('id'), ctx.iframeHosts);
    case 'figure':
      return figure(s.named);
    case 'ref':
    case 'relref': {
      const url = ctx?.links[`ref ${arg('path')}`];
      if (url === undefined) return REMOVED;
      return s.name === 'ref' ? url : new URL(url).pathname;
    }
    case 'highlight':
      return codeBlock(inner ?? '', arg('lang'));
    case 'param':
      return ctx && escapeHtml(lookUp(ctx.vars, `site.params.${arg('name').toLowerCase()}`) ?? '');
    case 'gist':
      return link(`https://gist.github.com/${encodeURIComponent(arg('user'))}/${encodeURIComponent(arg('id', 1))}`, `Gist ${arg('id', 1)}`);
    case 'tweet':
    case 'x': {
      const user = s.named.user ?? 'i';
      const id = s.named.id ?? s.positional.at(-1) ?? '';
      return link(`https://twitter.com/${encodeURIComponent(user)}/status/${encodeURIComponent(id)}`, `Post ${id} on X (Twitter)`);
    }
    case 'instagram':
      return link(`https://www.instagram.com/p/${encodeURIComponent(arg('id'))}/`, 'Instagram post');
    case 'details':
      return `<details${s.named.open === 'true' ? ' open' : ''}><summary>${escapeHtml(s.named.summary ?? 'Details')}</summary>\n\n${inner ?? ''}\n\n</details>`;
    default:
      return undefined;
  }
}

export function scanHugo(body: string): TemplateScan {
  const scan: TemplateScan = { links: [], unknown: [] };
  if (body.includes('{{')) walk(body, 0, undefined, scan);
  return scan;
}

export function renderHugo(body: string, ctx: TemplateContext): string {
  return body.includes('{{') ? walk(body, 0, ctx, { links: [], unknown: [] }) : body;
}
