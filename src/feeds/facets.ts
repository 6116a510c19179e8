/**
 * Facet feeds: the slices subscribers ask for, one feed per tag, per author
 * and per language, under tags/<slug>/, authors/<slug>/ and lang/<code>/.
 * Each takes the newest items of its slice, up to feeds.limit.
 */
import type { Config } from '../config/schema.js';
import { warning, type Diagnostic } from '../diagnostics.js';
import type { Plannable } from './plannable.js';
import { slugify } from './slug.js';

export type FacetKind = 'tags' | 'authors' | 'languages';

export interface Facet<T = Plannable> {
  kind: FacetKind;
  /** The tag, author name or language as written (the first spelling met). */
  label: string;
  /** Folder under the output folder, like tags/cafe. */
  dir: string;
  items: T[];
}

const FOLDER: Record<FacetKind, string> = { tags: 'tags', authors: 'authors', languages: 'lang' };

/** How many articles use a spelling, and the position (newest first) of the oldest that does. */
interface Spelling {
  count: number;
  oldest: number;
}

const NOUN: Record<FacetKind, string> = { tags: 'tag', authors: 'author', languages: 'language' };

/** `live` is every article that is neither draft nor scheduled, newest first. */
export function planFacets<T extends Plannable>(live: readonly T[], config: Config, displayDir: string, diagnostics: Diagnostic[]): Facet<T>[] {
  const facets: Facet<T>[] = [];
  // Thousands of articles share a few hundred tags: each is folded once.
  const slugs = new Map<string, string>();
  const slugOf = (label: string) => slugs.get(label) ?? slugs.set(label, slugify(label)).get(label)!;
  for (const kind of enabledKinds(config)) {
    const bySlug = new Map<string, { facet: Facet<T>; members: Set<T>; spellings: Map<string, Spelling> }>();
    for (const [at, c] of live.entries()) {
      for (const label of labelsOf(c, kind, config)) {
        const slug = slugIn(kind, label, slugOf);
        let entry = bySlug.get(slug);
        if (!entry) {
          entry = { facet: { kind, label, dir: `${FOLDER[kind]}/${slug}`, items: [] }, members: new Set(), spellings: new Map() };
          bySlug.set(slug, entry);
        }
        const spelling = entry.spellings.get(label);
        entry.spellings.set(label, { count: (spelling?.count ?? 0) + 1, oldest: at });
        if (!entry.members.has(c)) {
          entry.members.add(c);
          entry.facet.items.push(c);
        }
      }
    }
    for (const { facet, spellings } of bySlug.values()) {
      if (spellings.size > 1) {
        facet.label = titleSpelling(spellings);
        const others = [...spellings.keys()].filter((s) => s !== facet.label);
        const names = [facet.label, ...others].map((s) => `"${s}"`);
        diagnostics.push(
          warning(
            displayDir,
            'facet-shared',
            `${names.slice(0, -1).join(', ')} and ${names.at(-1)} fold to the same name, so they share the feed ${facet.dir}/ (titled "${facet.label}"); write them the same way if they are one ${NOUN[kind]}`,
          ),
        );
      }
      if (config.feeds.limit > 0) facet.items = facet.items.slice(0, config.feeds.limit);
      facets.push(facet);
    }
  }
  return facets.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/**
 * The spelling a shared feed is titled after: the one most articles use; on a tie, the one the
 * oldest of them uses (met last, the articles coming newest first), so that a new article spelled
 * another way does not rename the feed.
 */
function titleSpelling(spellings: ReadonlyMap<string, Spelling>): string {
  let best = '';
  let top: Spelling = { count: 0, oldest: -1 };
  for (const [spelling, use] of spellings) {
    if (use.count > top.count || (use.count === top.count && use.oldest > top.oldest)) [best, top] = [spelling, use];
  }
  return best;
}

function enabledKinds(config: Config): FacetKind[] {
  return (Object.keys(FOLDER) as FacetKind[]).filter((k) => config.feeds.facets[k]);
}

/** The slug a label is filed under: a language code as it is, in lower case; a tag or a name folded (slug.ts). */
function slugIn(kind: FacetKind, label: string, slugOf: (label: string) => string): string {
  return kind === 'languages' ? label.toLowerCase() : slugOf(label);
}

function labelsOf(c: Plannable, kind: FacetKind, config: Config): string[] {
  if (kind === 'tags') return [...c.article.tags];
  if (kind === 'authors') return c.article.authors.map((a) => a.name);
  const lang = c.article.lang ?? config.site.language;
  return lang ? [lang] : [];
}
