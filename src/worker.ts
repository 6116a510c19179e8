/** A worker thread of the pool (util/worker-pool.ts): runs batches of one kind of task. */
import { parentPort } from 'node:worker_threads';
import type { readArticle } from './article/read-article.js';
import type { renderFile } from './content/render-file.js';

/**
 * The tasks a worker runs, each on one job. Each is loaded on its first batch: a build that
 * only reads articles never loads the renderer (sanitize-html alone took 170 ms a thread).
 */
const LOADERS = {
  read: async () => (await import('./article/read-article.js')).readArticle,
  render: async () => (await import('./content/render-file.js')).renderFile,
};
export interface Tasks {
  read: typeof readArticle;
  render: typeof renderFile;
}

parentPort?.on('message', async ({ id, kind, jobs }: { id: number; kind: keyof Tasks; jobs: never[] }) => {
  const task = (await LOADERS[kind]()) as (job: never) => unknown;
  const results = [];
  for (const job of jobs) results.push(await task(job));
  parentPort!.postMessage({ id, results });
});
