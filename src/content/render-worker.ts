/** A worker thread that renders articles: see render-pool.ts. */
import { parentPort } from 'node:worker_threads';
import { renderBody, type RenderJob } from './render.js';

parentPort!.on('message', (jobs: { id: number; job: RenderJob }[]) => {
  parentPort!.postMessage(jobs.map(({ id, job }) => ({ id, result: renderBody(job) })));
});
