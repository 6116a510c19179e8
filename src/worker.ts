/** A worker thread of the pool (util/worker-pool.ts): runs batches of one kind of task. */
import { parentPort } from 'node:worker_threads';
import { readArticle } from './article/read-article.js';
import { renderFile } from './content/render-file.js';

/** The tasks a worker runs, each on one job. */
export const TASKS = { read: readArticle, render: renderFile };
export type Tasks = typeof TASKS;

parentPort?.on('message', async ({ id, kind, jobs }: { id: number; kind: keyof Tasks; jobs: never[] }) => {
  const task = TASKS[kind] as (job: never) => unknown;
  const results = [];
  for (const job of jobs) results.push(await task(job));
  parentPort!.postMessage({ id, results });
});
