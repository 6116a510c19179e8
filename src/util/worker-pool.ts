/**
 * Worker threads for the CPU-heavy stages of a large build (reading and
 * parsing articles, rendering Markdown), one per core up to four, created
 * once per build and shared by the stages. Each task is a batch of jobs sent
 * to the threads in turn; results come back in order. The script the threads
 * run (src/worker.ts) is given by whoever starts the pool, so the stages that
 * use the threads need not know it.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** What a stage asks of the threads: run a named task on each job of a batch, results in order. */
export interface Threads {
  run<J, R>(task: string, jobs: readonly J[]): Promise<R[]>;
  readonly size: number;
}

/**
 * Each thread's old generation is capped, so it collects its garbage as it
 * goes rather than growing toward the machine's limit: on 100,000 articles the
 * build's peak went from 1.77 GB to 1.12 GB, no slower. An article at the size
 * limit (limits.maxArticleBytes, 10 MiB) still renders well within it.
 */
const WORKER_HEAP_MB = 512;

/** How many threads a pool has on this machine: one per core, up to four. */
export function poolSize(): number {
  return Math.min(availableParallelism(), 4);
}

export class WorkerPool implements Threads {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: unknown[]) => void; reject: (e: unknown) => void }>();
  private nextId = 0;

  private constructor(script: URL, threads: number) {
    this.workers = Array.from({ length: threads }, () => new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }));
    for (const w of this.workers) {
      w.on('message', ({ id, results }: { id: number; results: unknown[] }) => {
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

  /**
   * A pool running `script`, or undefined where threads cannot help: a single core, or the
   * TypeScript sources run by the tests (the compiled script exists only in lib/).
   */
  static create(script: URL): WorkerPool | undefined {
    const threads = poolSize();
    return threads >= 2 && existsSync(script) ? new WorkerPool(script, threads) : undefined;
  }

  get size(): number {
    return this.workers.length;
  }

  run<J, R>(task: string, jobs: readonly J[]): Promise<R[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (r: unknown[]) => void, reject });
      this.workers[id % this.workers.length]!.postMessage({ id, kind: task, jobs });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
