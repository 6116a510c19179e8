/**
 * The feeds of a plan, written item by item into every format at once, so a feed of any length
 * never sits in memory whole: the main feed streamed through the staging session, facet feeds
 * and archive pages each written whole once its last item is made (whole-feeds.ts). Nothing
 * reaches the output folder before the session commits.
 */
import type { Candidate } from '../article/identify.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { archiveDir } from '../feeds/archive.js';
import { atom } from '../feeds/atom.js';
import type { Facet } from '../feeds/facets.js';
import { feedItems, type ItemsInput } from '../feeds/items.js';
import { jsonFeed } from '../feeds/jsonfeed.js';
import type { FeedSet } from '../feeds/metas.js';
import { variantOf, type FeedSerializer, type Variant } from '../feeds/model.js';
import { rss } from '../feeds/rss.js';
import type { FeedFormat } from '../config/schema.js';
import { WholeFeeds, type WholeFile } from './whole-feeds.js';
import type { OutputSession } from './write.js';

const SERIALIZERS: Record<FeedFormat, FeedSerializer> = { rss, atom, json: jsonFeed };

export interface FeedsToWrite {
  /** The plan's feeds: the main one's items, facets and archive pages; `toRender` holds every article of them, each once, in order. */
  plan: { items: readonly Candidate[]; pages: readonly Candidate[][]; facets: readonly Facet<Candidate>[]; toRender: readonly Candidate[] };
  set: FeedSet;
  /** Undefined when nothing is written (`check`), or the output folder could not be opened. */
  session?: OutputSession;
  /** How items are made: everything but the feeds each goes into. */
  items: Omit<ItemsInput, 'variantsOf' | 'diagnostics'>;
  diagnostics: Diagnostic[];
  /** Told after each item is made: (done, total). */
  progress?: (done: number, total: number) => void;
}

export interface WrittenFeeds {
  /** Items in the main feed. */
  items: number;
  facets: WholeFile[];
  archives: WholeFile[];
}

export async function writeFeeds({ plan, set, session, items: how, diagnostics, progress }: FeedsToWrite): Promise<WrittenFeeds> {
  const { formats, meta } = set;
  // The main feed in each format is file i of the session; the files beside the feeds follow.
  const mainVariants = formats.map(([format]) => variantOf(format, SERIALIZERS[format], meta));
  for (const [i, [, text]] of set.extras.entries()) await session?.write(formats.length + i, text);
  const emit = async (pick: (v: Variant) => string | Buffer) => {
    if (session) for (const [i, v] of mainVariants.entries()) await session.write(i, pick(v));
  };
  await emit((v) => v.serializer.head(meta));
  const inMain = new Set(plan.items);
  const facetFeeds = new WholeFeeds(plan.facets.map((f, i) => ({ dir: f.dir, meta: set.facets[i]!, members: f.items })), formats, SERIALIZERS, session);
  const archivePages = new WholeFeeds(plan.pages.map((page, p) => ({ dir: archiveDir(p + 1), meta: set.archives[p]!, members: page })), formats, SERIALIZERS, session);
  await archivePages.writeEmpty();
  const made = feedItems(plan.toRender, {
    ...how,
    diagnostics,
    variantsOf: (c) => [...(inMain.has(c) ? mainVariants : []), ...facetFeeds.variantsOf(c), ...archivePages.variantsOf(c)],
  });
  let written = 0;
  let done = 0;
  // Every article that lands in some feed is made once, in order, whichever feeds it goes to.
  for await (const result of made) {
    const c = result.candidate;
    done++;
    const text = 'error' in result ? undefined : result.text;
    if ('error' in result) diagnostics.push(error(c.article.source.displayPath, result.code, result.error));
    await facetFeeds.settle(c, text);
    await archivePages.settle(c, text);
    if (!text) continue;
    progress?.(done, plan.toRender.length);
    if (!inMain.has(c)) continue;
    if (written > 0) await emit((v) => v.serializer.separator);
    await emit((v) => text.texts.get(v.key)!);
    written++;
  }
  await emit((v) => v.serializer.tail(meta, written));
  return { items: written, facets: facetFeeds.written, archives: archivePages.written };
}
