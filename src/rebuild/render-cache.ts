/**
 * A content-addressed cache of rendered articles, in a pack store
 * (pack-store.ts) under node_modules/.cache/syndicate/render/ by default.
 * The key hashes everything the result depends on (the article file's bytes,
 * the title rule, the summary, the URL, the render options, a site
 * generator's template values and the URLs its link tags name, and the tool
 * hash: its version, code and dependencies), so an entry can never be stale:
 * a change to any of them is a different key. A damaged entry is a miss.
 */
import { createHash } from 'node:crypto';
import { PackStore } from './pack-store.js';
import { toolHash } from './tool-hash.js';
import type { RenderRequest, RenderStore } from '../content/render-pool.js';
import type { Rendered } from '../content/render.js';

export class RenderCache implements RenderStore {
  private readonly store: PackStore;

  constructor(readonly dir: string) {
    this.store = PackStore.open(dir);
  }

  // Asked twice for an article the item cache lacks: once for the item's key, once to read.
  private readonly keys = new WeakMap<RenderRequest, string>();

  /** The entry's key: it names the render, whatever the cache holds, so the item cache builds on it (item-cache.ts). */
  keyOf(job: RenderRequest): string {
    let key = this.keys.get(job);
    if (key === undefined) {
      key = createHash('sha256')
        .update(JSON.stringify([toolHash(), job.article.source.hash, job.titleFromHeading, job.summary ?? null, job.url, job.options, ...(job.templates || job.relative || job.html ? [job.templates ?? null, job.relative ?? null, job.html ?? false] : [])]))
        .digest('hex');
      this.keys.set(job, key);
    }
    return key;
  }

  /** Keeps the entry of `job` for the next build, though this one did not read it (its item was in the item cache). */
  keep(job: RenderRequest): void {
    this.store.keep(this.keyOf(job));
  }

  /**
   * An entry is two lines: the HTML as a JSON string (which holds no line break), and the rest
   * as a JSON object. The first line is handed on as `htmlJson`, so the JSON Feed does not quote
   * the HTML again: that was a seventh of a warm build.
   */
  get(job: RenderRequest): Rendered | undefined {
    try {
      const text = this.store.get(this.keyOf(job));
      const cut = text?.indexOf('\n') ?? -1;
      if (text === undefined || cut === -1) return undefined;
      const htmlJson = text.slice(0, cut);
      const html = JSON.parse(htmlJson) as unknown;
      const rest = JSON.parse(text.slice(cut + 1)) as Partial<Rendered> | null;
      return typeof html === 'string' && typeof rest?.summary === 'string' ? { html, htmlJson, summary: rest.summary, firstImage: rest.firstImage } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps `rendered`; gives back its HTML as a JSON string, made for the entry anyway. */
  set(job: RenderRequest, rendered: Rendered): string {
    const htmlJson = JSON.stringify(rendered.html);
    this.store.set(this.keyOf(job), `${htmlJson}\n${JSON.stringify({ summary: rendered.summary, firstImage: rendered.firstImage })}`);
    return htmlJson;
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
