/**
 * Items as written, kept between builds: an article's bytes in each variant
 * of each format it was written in (see FeedSerializer.variant), in a pack
 * store under the cache folder's items/. A warm build copies these bytes into
 * the feeds instead of reading the rendered HTML back, escaping it, quoting it
 * and encoding it three times over: that was two thirds of a warm build's time
 * with 10,000 full-content articles.
 *
 * The key hashes everything an item's text is made of: the render cache's key
 * of the article (which names its bytes, URL, render options and the tool
 * hash, so the serializers' code too), every other field of the item as the
 * build made it, and the variants asked for. So an entry is never stale: any
 * change is another key, and an entry that does not read back whole is a miss.
 */
import { createHash } from 'node:crypto';
import type { RenderRequest } from '../content/render-pool.js';
import type { ItemStore } from '../feeds/items.js';
import { PackStore } from './pack-store.js';
import type { RenderCache } from './render-cache.js';

export class ItemCache implements ItemStore {
  private readonly store: PackStore;
  private readonly keys = new WeakMap<RenderRequest, string>();

  constructor(
    readonly dir: string,
    private readonly renders: RenderCache,
  ) {
    this.store = PackStore.open(dir);
  }

  /** The key of an item made from the render of `request` and `fields` (the rest of the item), in `variants`; worked out once per request. */
  private keyOf(request: RenderRequest, fields: object, variants: readonly string[]): string {
    let key = this.keys.get(request);
    if (key === undefined) {
      key = createHash('sha256').update(JSON.stringify([this.renders.keyOf(request), fields, variants])).digest('hex');
      this.keys.set(request, key);
    }
    return key;
  }

  has(request: RenderRequest, fields: object, variants: readonly string[]): boolean {
    return this.store.has(this.keyOf(request, fields, variants));
  }

  /**
   * The texts kept under `key`, by variant. An entry is a line of JSON, the variants and the
   * byte length of each, then the texts one after the other.
   */
  get(request: RenderRequest, fields: object, variants: readonly string[]): Map<string, Buffer> | undefined {
    const texts = this.read(this.keyOf(request, fields, variants));
    // Its render was not read, but it is what the item stands on: the next build may need it.
    if (texts) this.renders.keep(request);
    return texts;
  }

  private read(key: string): Map<string, Buffer> | undefined {
    const bytes = this.store.getBytes(key);
    const cut = bytes?.indexOf(10) ?? -1;
    if (!bytes || cut === -1) return undefined;
    try {
      const lengths = JSON.parse(bytes.toString('utf8', 0, cut)) as unknown;
      if (!Array.isArray(lengths)) return undefined;
      const texts = new Map<string, Buffer>();
      let at = cut + 1;
      for (const entry of lengths) {
        const [variant, length] = Array.isArray(entry) ? (entry as unknown[]) : [];
        if (typeof variant !== 'string' || !Number.isSafeInteger(length) || (length as number) < 0) return undefined;
        texts.set(variant, bytes.subarray(at, (at += length as number)));
      }
      return at === bytes.length ? texts : undefined;
    } catch {
      return undefined;
    }
  }

  set(request: RenderRequest, fields: object, variants: readonly string[], texts: ReadonlyMap<string, Buffer>): void {
    const key = this.keyOf(request, fields, variants);
    const head = Buffer.from(`${JSON.stringify([...texts].map(([variant, text]) => [variant, text.length]))}\n`, 'utf8');
    this.store.setBytes(key, [head, ...texts.values()]);
  }

  /** Keeps the entries this build used (see PackStore.save); called once, when every item is written. */
  save(): void {
    this.store.save();
  }

  close(): void {
    this.store.close();
  }
}
