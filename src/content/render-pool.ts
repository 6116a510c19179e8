/**
 * Renders many articles on worker threads (Markdown and sanitizing are the
 * bulk of a cold build), handing results back in the order asked. Small
 * builds render on the main thread: starting workers costs more than it saves.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { renderBody, type Rendered, type RenderJob } from './render.js';

type Result = Rendered | { error: string };

/** Below this many articles, workers are not worth their start-up. */
export const WORKER_THRESHOLD = 200;
// Articles sent to a worker in one message, and how many messages may be in flight each.
const BATCH = 16;
const AHEAD = 4;

const WORKER_FILE = new URL('./render-worker.js', import.meta.url);

/**
 * Results of `jobs`, in order, as an async iterator; at most a bounded window
 * of jobs is in flight, so memory stays flat however many there are.
 */
export async function* renderAll(jobs: readonly RenderJob[]): AsyncGenerator<Result> {
  const threads = Math.min(availableParallelism(), 4);
  // The compiled worker exists only in lib/; tests that run the TypeScript sources render inline.
  if (jobs.length < WORKER_THRESHOLD || threads < 2 || !existsSync(WORKER_FILE)) {
    for (const job of jobs) yield renderBody(job);
    return;
  }
  const workers = Array.from({ length: threads }, () => new Worker(WORKER_FILE));
  const waiting = new Map<number, { resolve: (results: Result[]) => void; reject: (e: unknown) => void }>();
  for (const w of workers) {
    w.on('message', (msg: { id: number; result: Result }[]) => {
      const batchId = Math.floor(msg[0]!.id / BATCH);
      waiting.get(batchId)?.resolve(msg.map((m) => m.result));
      waiting.delete(batchId);
    });
    // A worker that dies fails the build loudly rather than leaving it waiting.
    w.on('error', (e) => {
      for (const { reject } of waiting.values()) reject(e);
      waiting.clear();
    });
  }
  const batches = Math.ceil(jobs.length / BATCH);
  const pending: Promise<Result[]>[] = [];
  const send = (b: number) => {
    pending[b] = new Promise<Result[]>((resolve, reject) => {
      waiting.set(b, { resolve, reject });
      const worker = workers[b % workers.length]!;
      worker.postMessage(jobs.slice(b * BATCH, (b + 1) * BATCH).map((job, i) => ({ id: b * BATCH + i, job })));
    });
  };
  try {
    for (let b = 0; b < Math.min(batches, threads * AHEAD); b++) send(b);
    for (let b = 0; b < batches; b++) {
      const results = await pending[b]!;
      delete pending[b];
      const next = b + threads * AHEAD;
      if (next < batches) send(next);
      yield* results;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
