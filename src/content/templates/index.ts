/**
 * The template tags of a site generator's Markdown: read at parse time (scanTemplates: the links
 * to resolve, the tags to warn of) and rendered before the Markdown (renderTemplates), by the
 * same walk of the body, so the two always agree. Code in a known tag (highlight, raw) keeps its
 * text; no tag is ever left as text or made part of a URL.
 */
import { finish, type Dialect, type TemplateContext, type TemplateScan, type TemplateSite } from './context.js';
import { renderHugo, scanHugo } from './hugo.js';
import { renderLiquid, scanLiquid } from './liquid.js';

export type { Dialect, TemplateContext, TemplateScan, TemplateSite } from './context.js';

export function scanTemplates(body: string, site: TemplateSite): TemplateScan {
  return site.dialect === 'hugo' ? scanHugo(body) : scanLiquid(body, site.dialect, site.vars);
}

export function renderTemplates(body: string, ctx: TemplateContext): string {
  return finish(ctx.dialect === 'hugo' ? renderHugo(body, ctx) : renderLiquid(body, ctx.dialect, ctx));
}

/** Whether `dialect` is a template language (a site generator's), not syndicate's plain Markdown. */
export function isDialect(dialect: string): dialect is Dialect {
  return dialect === 'hugo' || dialect === 'liquid' || dialect === 'nunjucks';
}
