/**
 * `syndicate init` in a Hugo, Jekyll, Eleventy or Astro site: the site's own config already says
 * most of what syndicate needs (config/site/), so syndicate.config.json gets only what could not be
 * read there (or what --url and --title say otherwise), no first article is written (the site has
 * its posts), and the workflow's --previous points at the feed under the site's own URL.
 */
import { ConfigError } from '../config/file.js';
import { readSite, type SiteReading } from '../config/site/index.js';
import { isAbsoluteHttpUrl } from '../util/validate.js';
import { InitError, workflowFor, writeNew, type InitResult } from './init-files.js';

/** The files init writes in a site generator's project, written; undefined where there is no such site. */
export async function initSite(options: { cwd: string; url?: string; title?: string }): Promise<InitResult | undefined> {
  let site: SiteReading | undefined;
  try {
    site = readSite(options.cwd);
  } catch (e) {
    if (e instanceof ConfigError) throw new InitError(e.diagnostics.map((d) => `${d.file}${d.line ? `:${d.line}` : ''}: ${d.message}`).join('\n'));
    throw e;
  }
  if (site === undefined) return undefined;
  const detected = site.config.site as { url?: string; title?: string };
  const url = options.url ?? detected.url;
  if (!url) throw new InitError(`${site.missing.map((m) => m.why).join('; ')}; pass --url (the address of the site, like https://example.com/)`);
  if (!isAbsoluteHttpUrl(url)) throw new InitError(`--url must be an absolute http(s) URL, not "${url}"`);
  const own: Record<string, string> = {};
  if (url !== detected.url) own.url = url;
  if (options.title && options.title !== detected.title) own.title = options.title;
  const files: [string, string][] = [];
  if (Object.keys(own).length > 0) files.push(['syndicate.config.json', `${JSON.stringify({ site: own }, null, 2)}\n`]);
  files.push(['.github/workflows/publish.yml', workflowFor(url)]);
  return writeNew(options.cwd, files);
}
