/**
 * A content-addressed cache of rendered articles, under
 * node_modules/.cache/syndicate/render/ by default. The key hashes everything
 * the result depends on (the article file's bytes, the title rule, the
 * summary, the URL, the render options, and the tool hash: its version, code
 * and dependencies), so an entry can never be stale: a change to any of them
 * is a different key. A damaged entry is a miss.
 */
import { createHash } from 'node:crypto';
// Small files, read and written synchronously: measured faster than through the thread pool, by far.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toolHash } from '../util/tool-hash.js';
import { writeWhole } from '../util/write-whole.js';
import type { Rendered, RenderJob } from './render.js';

/** What the cache knows a render by: the job, with the hash of the article's file standing for its body. */
export type RenderKey = Omit<RenderJob, 'body'> & { sourceHash: string };

export class RenderCache {
  private readonly made = new Set<string>();

  constructor(readonly dir: string) {}

  private file(job: RenderKey): string {
    const key = createHash('sha256')
      .update(JSON.stringify([toolHash(), job.sourceHash, job.titleFromHeading, job.summary ?? null, job.url, job.options]))
      .digest('hex');
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(job: RenderKey): Promise<Rendered | undefined> {
    try {
      const entry = JSON.parse(readFileSync(this.file(job), 'utf8')) as Partial<Rendered>;
      return typeof entry.html === 'string' && typeof entry.summary === 'string' ? { html: entry.html, summary: entry.summary, firstImage: entry.firstImage } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Best effort: a cache that cannot be written only makes the next build slower. */
  async set(job: RenderKey, rendered: Rendered): Promise<void> {
    const file = this.file(job);
    try {
      writeWhole(file, JSON.stringify(rendered), this.made);
    } catch {
      // ignored on purpose
    }
  }
}
