/**
 * Item ids as `tag:` URIs (RFC 4151), minted from an authority (the site's
 * host, or `site.idAuthority`), the first-published date and the article's
 * first path under articles/:
 *
 *   tag:example.com,2024-03-05:posts/hello
 *
 * Unlike the URL, this id survives a change of permalink pattern, and (with
 * `site.idAuthority` kept) a move to another domain. The path is the one the
 * file was first committed under, so a rename keeps the id too.
 */
import type { Timestamp } from '../time/timestamp.js';
import { isTagAuthority } from '../util/names.js';

/** The authority ids are minted under: the configured one, else the site's host (undefined for an IP literal like [::1]). */
export function tagAuthority(siteUrl: string, configured?: string): string | undefined {
  if (configured !== undefined) return configured.toLowerCase();
  const host = new URL(siteUrl).hostname.toLowerCase();
  return isTagAuthority(host) ? host : undefined;
}

/**
 * The id for an article first committed at `sourcePath` (POSIX, relative to
 * articles/) and first published at `published` (its date as written, in its
 * own offset, like the permalink's :year/:month/:day).
 */
export function tagId(authority: string, published: Timestamp, sourcePath: string): string {
  const wall = new Date(published.instant + published.offset * 60_000);
  const date = wall.toISOString().slice(0, 10);
  let rel = sourcePath.replace(/\.[^./]+$/, '');
  // A page bundle (dir/index.md) is named by its folder, as in its URL.
  if (rel === 'index' || rel.endsWith('/index')) rel = rel.slice(0, -'index'.length).replace(/\/$/, '');
  // encodeURIComponent leaves only unreserved characters and ! ' ( ) *, all allowed in the tag's specific part.
  const specific = rel.split('/').map(encodeURIComponent).join('/');
  return `tag:${authority},${date}:${specific}`;
}
