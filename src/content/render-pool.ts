/**
 * Renders many articles, handing results back in the order asked:
 * - from the render cache when the same body was rendered for the same URL
 *   with the same options and tool version (a content hash, so an edited
 *   article is always rendered again);
 * - else on worker threads when the build is large (Markdown and sanitizing
 *   are the bulk of a cold build), or on the main thread for small builds,
 *   where starting workers costs more than it saves.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RenderCache, RenderKey } from './render-cache.js';
import type { Rendered, RenderJob } from './render.js';

type Result = Rendered | { error: string; code: string };

/** A render to do: its key, and its body, read only when the cache does not hold the result. */
export interface RenderRequest extends RenderKey {
  body(): Promise<string>;
}

/** Below this many articles to render, workers are not worth their start-up. */
export const WORKER_THRESHOLD = 200;
// Articles handled together, and how many such batches may be in flight per thread.
const BATCH = 16;
const AHEAD = 4;

const WORKER_FILE = new URL('./render-worker.js', import.meta.url);

/**
 * Results of `jobs`, in order, as an async iterator; at most a bounded window
 * of jobs is in flight, so memory stays flat however many there are.
 */
export async function* renderAll(jobs: readonly RenderRequest[], cache?: RenderCache): AsyncGenerator<Result> {
  const threads = Math.min(availableParallelism(), 4);
  // The compiled worker exists only in lib/; tests that run the TypeScript sources render inline.
  const pool = jobs.length >= WORKER_THRESHOLD && threads >= 2 && existsSync(WORKER_FILE) ? new Pool(threads) : undefined;
  const batches = Math.ceil(jobs.length / BATCH);
  const window = pool ? threads * AHEAD : 1;
  const pending: Promise<Result[]>[] = [];
  const start = (b: number) => {
    pending[b] = renderBatch(jobs.slice(b * BATCH, (b + 1) * BATCH), cache, pool);
    // A rejection is handled when the batch is awaited, in order.
    pending[b].catch(() => undefined);
  };
  try {
    for (let b = 0; b < Math.min(batches, window); b++) start(b);
    for (let b = 0; b < batches; b++) {
      const results = await pending[b]!;
      delete pending[b];
      if (b + window < batches) start(b + window);
      yield* results;
    }
  } finally {
    await pool?.close();
  }
}

async function renderBatch(requests: RenderRequest[], cache: RenderCache | undefined, pool: Pool | undefined): Promise<Result[]> {
  const cached = cache ? await Promise.all(requests.map((r) => cache.get(r))) : requests.map(() => undefined);
  const missing = requests.filter((_, i) => cached[i] === undefined);
  const bodies = await Promise.all(missing.map((r) => r.body().then((body) => ({ body }), (e: Error) => ({ error: e.message }))));
  const jobs: RenderJob[] = [];
  for (const [i, r] of missing.entries()) {
    const b = bodies[i]!;
    if ('body' in b) jobs.push({ body: b.body, titleFromHeading: r.titleFromHeading, summary: r.summary, url: r.url, options: r.options });
  }
  // The renderer (Markdown and sanitizer) is loaded only when something is not in the cache.
  const rendered = jobs.length === 0 ? [] : pool ? await pool.render(jobs) : await renderInline(jobs);
  let next = 0;
  const fresh: Result[] = bodies.map((b) => ('error' in b ? { error: b.error, code: 'article-changed' } : rendered[next++]!));
  if (cache) await Promise.all(missing.map((r, i) => ('error' in fresh[i]! ? undefined : cache.set(r, fresh[i] as Rendered))));
  next = 0;
  return cached.map((hit) => hit ?? fresh[next++]!);
}

async function renderInline(jobs: RenderJob[]): Promise<Result[]> {
  const { renderBody } = await import('./render.js');
  return jobs.map(renderBody);
}

/** Worker threads, each rendering one batch at a time, handed out in turn. */
class Pool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: Result[]) => void; reject: (e: unknown) => void }>();
  private nextId = 0;

  constructor(threads: number) {
    this.workers = Array.from({ length: threads }, () => new Worker(WORKER_FILE));
    for (const w of this.workers) {
      w.on('message', ({ id, results }: { id: number; results: Result[] }) => {
        this.waiting.get(id)?.resolve(results);
        this.waiting.delete(id);
      });
      // A worker that dies fails the build loudly rather than leaving it waiting.
      w.on('error', (e) => {
        for (const { reject } of this.waiting.values()) reject(e);
        this.waiting.clear();
      });
    }
  }

  render(jobs: RenderJob[]): Promise<Result[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.workers[id % this.workers.length]!.postMessage({ id, jobs });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
