/**
 * An item's id as each format writes it. RSS `guid` and JSON Feed `id` are any string, and carry
 * the id verbatim: an imported podcast's `1600-2823` stays `1600-2823`, or every subscriber would
 * see every episode again. Atom's `id` must be an IRI (RFC 4287 4.2.6), so an id that is not one
 * is written in Atom as a path under the site's address:
 *
 *   1600-2823  ->  https://example.com/blog/1600-2823
 *   a b/c?      ->  https://example.com/blog/a%20b/c%3F
 *
 * Each `/`-separated segment is percent-encoded as encodeURIComponent does (and a `.` or `..`
 * segment as %2E), so two different ids never map to one IRI unless one of them is that IRI
 * itself; the plan (feeds/plan.ts) refuses that case by name. The mapping depends only on the id
 * and `site.url`, so it holds from build to build.
 */
import { hasScheme } from '../util/text.js';
import { siteBase } from './permalink.js';

// Characters no IRI holds (RFC 3987 2.2: controls, space, and the delimiters it excludes).
const NOT_IN_IRI = /[\u0000-\u0020\u007f-\u009f<>"{}|\\^`]|%(?![0-9a-fA-F]{2})/;

/** Whether `id` can be an Atom id as it is: an absolute IRI. */
export function isIri(id: string): boolean {
  return hasScheme(id) && !NOT_IN_IRI.test(id);
}

export function atomId(id: string, siteUrl: string): string {
  if (isIri(id)) return id;
  const path = id
    .split('/')
    .map((segment) => (segment === '.' ? '%2E' : segment === '..' ? '%2E%2E' : encodeURIComponent(segment)))
    .join('/');
  return siteBase(siteUrl) + path;
}
