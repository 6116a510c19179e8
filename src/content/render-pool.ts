/**
 * Renders many articles, handing results back in the order asked:
 * - from a store of earlier renders when it holds this one (rebuild/render-cache.ts: keyed by a
 *   content hash, so an edited article is always rendered again);
 * - else on the build's worker threads when there are many (Markdown and
 *   sanitizing are the bulk of a cold build), or on the main thread for a
 *   few, where starting workers costs more than it saves.
 */
import { poolSize, type Threads } from '../util/worker-pool.js';
import type { RenderFileJob } from './render-file.js';
import type { Rendered } from './render.js';

type Result = Rendered | { error: string; code: string };

/** A render to do; the article's body is read only when the store does not hold the result. */
export type RenderRequest = RenderFileJob;

/** Earlier renders, as this stage asks for them. */
export interface RenderStore {
  get(request: RenderRequest): Rendered | undefined;
  /** Keeps `rendered`; gives back its HTML as a JSON string, which the JSON Feed writes as it is. */
  set(request: RenderRequest, rendered: Rendered): string;
}

export interface RenderAllOptions {
  store?: RenderStore;
  threads?: () => Threads | undefined;
  /** Renders to do from which worker threads are used. */
  threadsFrom: number;
}

// Articles handled together, and how many such batches may be in flight per thread.
const BATCH = 16;
const AHEAD = 4;

/**
 * Results of `jobs`, in order, as an async iterator; at most a bounded window
 * of jobs is in flight, so memory stays flat however many there are.
 */
export async function* renderAll(jobs: readonly RenderRequest[], { store, threads, threadsFrom }: RenderAllOptions): AsyncGenerator<Result> {
  // The threads start with the first batch the store cannot answer: a warm build needs none.
  const pool = jobs.length >= threadsFrom ? threads : undefined;
  const batches = Math.ceil(jobs.length / BATCH);
  const window = pool ? poolSize() * AHEAD : 1;
  const pending: Promise<Result[]>[] = [];
  const start = (b: number) => {
    pending[b] = renderBatch(jobs.slice(b * BATCH, (b + 1) * BATCH), store, pool);
    // A rejection is handled when the batch is awaited, in order.
    pending[b].catch(() => undefined);
  };
  for (let b = 0; b < Math.min(batches, window); b++) start(b);
  for (let b = 0; b < batches; b++) {
    const results = await pending[b]!;
    delete pending[b];
    if (b + window < batches) start(b + window);
    yield* results;
  }
}

async function renderBatch(requests: RenderRequest[], store: RenderStore | undefined, pool: (() => Threads | undefined) | undefined): Promise<Result[]> {
  const stored = requests.map((r) => store?.get(r));
  const missing = requests.filter((_, i) => stored[i] === undefined);
  // Only what rendering needs of each article crosses to the threads.
  const jobs: RenderFileJob[] = missing.map((r) => ({ ...r, article: { source: r.article.source, bodyStart: r.article.bodyStart } }));
  const threads = jobs.length > 0 ? pool?.() : undefined;
  const fresh = jobs.length === 0 ? [] : threads ? await threads.run<RenderFileJob, Result>('render', jobs) : await renderInline(jobs);
  if (store) {
    for (const [i, r] of missing.entries()) {
      const result = fresh[i]!;
      if (!('error' in result)) fresh[i] = { ...result, htmlJson: store.set(r, result) };
    }
  }
  let next = 0;
  return stored.map((hit) => hit ?? fresh[next++]!);
}

/** The renderer (Markdown and sanitizer) is loaded only when something is not in the store. */
async function renderInline(jobs: RenderFileJob[]): Promise<Result[]> {
  const { renderFile } = await import('./render-file.js');
  const results: Result[] = [];
  for (const job of jobs) results.push(await renderFile(job));
  return results;
}
