/**
 * A content-addressed cache of rendered articles, in a pack store
 * (util/pack-store.ts) under node_modules/.cache/syndicate/render/ by default.
 * The key hashes everything the result depends on (the article file's bytes,
 * the title rule, the summary, the URL, the render options, and the tool
 * hash: its version, code and dependencies), so an entry can never be stale:
 * a change to any of them is a different key. A damaged entry is a miss.
 */
import { createHash } from 'node:crypto';
import { PackStore } from '../util/pack-store.js';
import { toolHash } from '../util/tool-hash.js';
import type { Rendered, RenderJob } from './render.js';

/** What the cache knows a render by: the job, with the hash of the article's file standing for its body. */
export type RenderKey = Omit<RenderJob, 'body'> & { sourceHash: string };

export class RenderCache {
  private readonly store: PackStore;

  constructor(readonly dir: string) {
    this.store = PackStore.open(dir);
  }

  private key(job: RenderKey): string {
    return createHash('sha256')
      .update(JSON.stringify([toolHash(), job.sourceHash, job.titleFromHeading, job.summary ?? null, job.url, job.options]))
      .digest('hex');
  }

  get(job: RenderKey): Rendered | undefined {
    try {
      const entry = JSON.parse(this.store.get(this.key(job)) ?? 'null') as Partial<Rendered> | null;
      return typeof entry?.html === 'string' && typeof entry.summary === 'string' ? { html: entry.html, summary: entry.summary, firstImage: entry.firstImage } : undefined;
    } catch {
      return undefined;
    }
  }

  set(job: RenderKey, rendered: Rendered): void {
    this.store.set(this.key(job), JSON.stringify(rendered));
  }

  /** Keeps the entries this build used (see PackStore.save); called once, when the build has rendered everything. */
  save(): void {
    this.store.save();
  }

  /** Lets go of the files without saving, for a build that stopped short. */
  close(): void {
    this.store.close();
  }
}
