/** The script of the build's worker threads (util/worker-pool.ts): runs batches of one kind of task. */
import { parentPort } from 'node:worker_threads';

/**
 * The tasks a worker runs, each on one job. Each is loaded on its first batch: a build that
 * only reads articles never loads the renderer (sanitize-html alone took 170 ms a thread).
 */
const TASKS: Record<string, () => Promise<(job: never) => unknown>> = {
  read: async () => (await import('./article/read-article.js')).readArticle,
  render: async () => (await import('./content/render-file.js')).renderFile,
};

type Batch = { id: number; kind: string; jobs: never[] };

async function run({ id, kind, jobs }: Batch): Promise<void> {
  const task = await TASKS[kind]!();
  const results = [];
  for (const job of jobs) results.push(await task(job));
  parentPort!.postMessage({ id, results });
}

// One batch at a time, in the order sent. Started as they arrived, every batch queued would
// advance a job at a time between awaits and none would finish until the end: on 100,000
// articles the threads held every parsed article at once, and the main thread got them all last.
let queue = Promise.resolve();
parentPort?.on('message', (batch: Batch) => {
  queue = queue
    .then(() => run(batch))
    .catch((e: unknown) => {
      // Thrown out of the chain, so the thread dies and the pool fails the build loudly
      // (util/worker-pool.ts) rather than leave later batches waiting behind a rejection.
      setImmediate(() => {
        throw e;
      });
    });
});
