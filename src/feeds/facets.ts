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

/** `live` is every article that is neither draft nor scheduled, newest first. */
export function planFacets<T extends Plannable>(live: readonly T[], config: Config, displayDir: string, diagnostics: Diagnostic[]): Facet<T>[] {
  const enabled = enabledKinds(config);
  const facets: Facet<T>[] = [];
  // Thousands of articles share a few hundred tags: each is folded once.
  const slugs = new Map<string, string>();
  const slugOf = (label: string) => slugs.get(label) ?? slugs.set(label, slugify(label)).get(label)!;
  for (const kind of enabled) {
    const bySlug = new Map<string, { facet: Facet<T>; members: Set<T>; spellings: Set<string> }>();
    for (const c of live) {
      for (const label of labelsOf(c, kind, config)) {
        const slug = slugIn(kind, label, slugOf);
        let entry = bySlug.get(slug);
        if (!entry) {
          entry = { facet: { kind, label, dir: `${FOLDER[kind]}/${slug}`, items: [] }, members: new Set(), spellings: new Set([label]) };
          bySlug.set(slug, entry);
        } else if (!entry.spellings.has(label)) {
          entry.spellings.add(label);
          diagnostics.push(
            warning(
              displayDir,
              'facet-shared',
              `"${entry.facet.label}" and "${label}" fold to the same name, so they share the feed ${entry.facet.dir}/; write them the same way if they are one ${kind === 'tags' ? 'tag' : 'author'}`,
            ),
          );
        }
        if (!entry.members.has(c)) {
          entry.members.add(c);
          entry.facet.items.push(c);
        }
      }
    }
    for (const { facet } of bySlug.values()) {
      if (config.feeds.limit > 0) facet.items = facet.items.slice(0, config.feeds.limit);
      facets.push(facet);
    }
  }
  return facets.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
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
