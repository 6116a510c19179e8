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
import type { RenderFileJob } from './render-file.js';
import type { Rendered } from './render.js';

export class RenderCache {
  private readonly store: PackStore;

  constructor(readonly dir: string) {
    this.store = PackStore.open(dir);
  }

  private key(job: RenderFileJob): string {
    return createHash('sha256')
      .update(JSON.stringify([toolHash(), job.article.source.hash, job.titleFromHeading, job.summary ?? null, job.url, job.options]))
      .digest('hex');
  }

  get(job: RenderFileJob): Rendered | undefined {
    try {
      const entry = JSON.parse(this.store.get(this.key(job)) ?? 'null') as Partial<Rendered> | null;
      return typeof entry?.html === 'string' && typeof entry.summary === 'string' ? { html: entry.html, summary: entry.summary, firstImage: entry.firstImage } : undefined;
    } catch {
      return undefined;
    }
  }

  set(job: RenderFileJob, rendered: Rendered): void {
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
