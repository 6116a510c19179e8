/** A worker thread that renders batches of articles: see render-pool.ts. */
import { parentPort } from 'node:worker_threads';
import { renderBody, type RenderJob } from './render.js';

parentPort!.on('message', ({ id, jobs }: { id: number; jobs: RenderJob[] }) => {
  parentPort!.postMessage({ id, results: jobs.map(renderBody) });
});
