/**
 * An enclosure's true byte length. Podcast apps and aggregators trust the
 * length attribute to size downloads, so a file the site itself publishes is
 * measured rather than believed: a file beside the article (a page bundle),
 * or one under `site.files`, the folder the site's own assets are published
 * from at `site.url`. Only files inside those folders are looked at, after
 * symbolic links are resolved, so an article cannot probe the machine.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Candidate } from '../article/identify.js';
import { resolveUrl } from '../util/text.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { hasScheme } from '../util/text.js';
import type { FeedEnclosure } from './model.js';
import { isWithin } from '../util/paths.js';
import { toUri } from '../util/uri.js';

export interface SiteFiles {
  articlesDir: string;
  /** Absolute path of `site.files`, when configured. */
  filesDir?: string;
  /** `site.url`, whose paths map onto filesDir. */
  siteUrl: string;
  /** Every path looked at, found or not, is added here: the up-to-date check watches them. */
  looked?: Set<string>;
}

export async function measureEnclosure(c: Candidate, site: SiteFiles, diagnostics: Diagnostic[]): Promise<FeedEnclosure | undefined> {
  const e = c.article.enclosure!;
  const file = c.article.source.displayPath;
  const url = resolveUrl(e.url, c.url);
  // Readers download enclosures: only from the web (RSS 2.0 asks for an http URL), never javascript: or data:.
  if (url === undefined || !/^https?:/.test(url)) {
    diagnostics.push(error(file, 'enclosure-url', `enclosure: "${e.url}" is not an http or https URL (a path on the site, like /audio/ep1.mp3, is one)`, e.line));
    return undefined;
  }
  const measured = await sizeOfSiteFile(e.url, url, c.article.source.absPath, site);
  if (measured !== undefined && e.length !== undefined && e.length !== measured) {
    diagnostics.push(
      warning(file, 'enclosure-length', `enclosure "${e.url}" is declared as ${e.length} bytes but the file has ${measured}; the file's size is written`, e.line),
    );
  }
  const length = measured ?? e.length;
  if (length === undefined) {
    const onSite = new URL(url).origin === new URL(site.siteUrl).origin && site.filesDir === undefined;
    const hint = onSite ? ', or set site.files to the folder the site publishes it from' : '';
    diagnostics.push(
      warning(file, 'enclosure-length', `enclosure "${e.url}" has no known length, so RSS leaves it out; add "length:" with its size in bytes${hint}`, e.line),
    );
  }
  return { url: toUri(url), type: e.type!, length, duration: e.duration, title: e.title, episode: e.episode, season: e.season };
}

/** Size of the site's own file behind the URL, when there is one. */
async function sizeOfSiteFile(written: string, absolute: string, articlePath: string, site: SiteFiles): Promise<number | undefined> {
  const candidates: [string, string][] = [];
  // Written relative to the article: a file of its page bundle.
  if (!hasScheme(written) && !written.startsWith('/')) {
    const beside = decodedPath(written.replace(/[?#].*$/, ''));
    if (beside !== undefined) candidates.push([path.resolve(path.dirname(articlePath), beside), site.articlesDir]);
  }
  // Any URL under site.url: the same path under site.files.
  const base = new URL(site.siteUrl.endsWith('/') ? site.siteUrl : `${site.siteUrl}/`);
  const target = new URL(absolute);
  if (site.filesDir !== undefined && target.origin === base.origin && target.pathname.startsWith(base.pathname)) {
    const rest = decodedPath(target.pathname.slice(base.pathname.length));
    if (rest !== undefined) candidates.push([path.resolve(site.filesDir, rest), site.filesDir]);
  }
  for (const [candidate, root] of candidates) {
    site.looked?.add(candidate);
    const size = await sizeInside(candidate, root);
    if (size !== undefined) return size;
  }
  return undefined;
}

async function sizeInside(file: string, root: string): Promise<number | undefined> {
  try {
    const [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
    // The folder itself is no file: the check below says so.
    if (!isWithin(real, realRoot)) return undefined;
    const info = await stat(real);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

function decodedPath(urlPath: string): string | undefined {
  try {
    const decoded = decodeURIComponent(urlPath);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}
