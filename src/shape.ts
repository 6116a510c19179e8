/**
 * An article's shape: what the plan of a build (which feeds hold it, in which
 * order) and the other articles' feeds read of it, as one hash, then its id
 * and its URL hashed apart. A rebuild that
 * finds it the same for every changed article has the plan of the last build
 * (kept-plan.ts).
 */
import { hash } from 'node:crypto';
import type { Candidate } from './collect.js';
import type { Timestamp } from './time/timestamp.js';

/**
 * Of its dates, the published one, which places the item (the line a date was read from, say, is
 * not: it shows only in the article's own item and messages, which are made again). The updated
 * date is left out: it shows in the article's own item and in the dates of the feeds that hold it,
 * which are made again from their items, and it orders items only among articles published at the
 * same instant, which kept-plan.ts checks (an edit committed to git moves it, and it alone).
 * Worked out when its dates are, and kept with them in the article cache: for 10,000 articles,
 * working it out again took 45-60 ms of every whole build.
 */
export function shapeOf(c: Candidate): string {
  const { article } = c;
  const when = (t: Timestamp) => [t.instant, t.offset, t.precision];
  const authors = article.authors.map((a) => a.name);
  const whole = hash('sha1', JSON.stringify([c.draft, when(c.published), c.url, c.id, article.tags, authors, article.lang ?? null]), 'base64');
  return `${whole} ${nameHash(c.id)} ${nameHash(c.url)}`;
}

/**
 * The id and the URL hashed in a shape, short: for the kept plan's filter of the names every
 * article has, where a match only makes the build a whole one (which then tells a true duplicate
 * from a false match). Undefined for a shape without them.
 */
export function namesIn(shape: string): { id: string; url: string } | undefined {
  const [, id, url] = shape.split(' ');
  return id === undefined || url === undefined ? undefined : { id, url };
}

/** A name hashed short: kept for every article, where a match only means a closer look. */
export function nameHash(name: string): string {
  return hash('sha1', name, 'base64').slice(0, 11);
}
