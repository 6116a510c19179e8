/**
 * Feeds written whole, each as soon as the last of its items is rendered:
 * archive pages and facet feeds. Only unfinished ones are held in memory, and
 * writing the finished ones overlaps the rendering of the rest (written after
 * the last render, 633 facet files of a 10,000-article site kept the main
 * thread busy for 3 s while the render threads waited).
 */
import type { Candidate } from '../article/identify.js';
import type { FeedFormat } from '../config/schema.js';
import { newest, variantOf, type FeedMeta, type FeedSerializer, type ItemText, type Variant } from '../feeds/model.js';
import type { OutputSession } from './write.js';

export interface WholeFeed {
  /** The folder its files go to, relative to the output folder. */
  dir: string;
  meta: FeedMeta;
  members: readonly Candidate[];
}

/** A file written (or, without a session, only planned): its path in the output folder and its index in the session. */
export interface WholeFile {
  path: string;
  index?: number;
}

export class WholeFeeds {
  private readonly items: ItemText[][];
  /** Of each feed, one per format. */
  private readonly variants: Variant[][];
  private readonly left: number[];
  private readonly feedsOf = new Map<Candidate, number[]>();
  private readonly files: WholeFile[][];

  constructor(
    private readonly feeds: readonly WholeFeed[],
    private readonly formats: readonly [FeedFormat, string][],
    private readonly serializers: Record<FeedFormat, FeedSerializer>,
    private readonly session: OutputSession | undefined,
  ) {
    this.items = feeds.map(() => []);
    this.left = feeds.map((f) => f.members.length);
    this.files = feeds.map(() => []);
    this.variants = feeds.map((f) => formats.map(([format]) => variantOf(format, serializers[format], f.meta)));
    for (const [i, f] of feeds.entries()) for (const c of f.members) this.feedsOf.set(c, [...(this.feedsOf.get(c) ?? []), i]);
  }

  has(c: Candidate): boolean {
    return this.feedsOf.has(c);
  }

  /** The variants `c` is written in by these feeds. */
  variantsOf(c: Candidate): Variant[] {
    return (this.feedsOf.get(c) ?? []).flatMap((i) => this.variants[i]!);
  }

  /** Records that `c` is rendered (`item`) or failed (none); writes every feed it completes. */
  async settle(c: Candidate, item: ItemText | undefined): Promise<void> {
    for (const i of this.feedsOf.get(c) ?? []) {
      if (item) this.items[i]!.push(item);
      if (--this.left[i]! === 0) await this.write(i);
    }
  }

  /** Writes the feeds that hold no item (an archive page whose every article is gone since it was published): no render completes them. */
  async writeEmpty(): Promise<void> {
    for (const [i, feed] of this.feeds.entries()) if (feed.members.length === 0) await this.write(i);
  }

  private async write(i: number): Promise<void> {
    const items = this.items[i]!;
    const meta: FeedMeta = { ...this.feeds[i]!.meta, updated: newest(items, 'updated'), published: newest(items, 'published') };
    for (const [f, variant] of this.variants[i]!.entries()) {
      const { serializer } = variant;
      const pieces: (string | Buffer)[] = [serializer.head(meta)];
      for (const [n, it] of items.entries()) {
        if (n > 0) pieces.push(serializer.separator);
        pieces.push(it.texts.get(variant.key)!);
      }
      pieces.push(serializer.tail(meta, items.length));
      const path = `${this.feeds[i]!.dir}/${this.formats[f]![1]}`;
      const index = this.session ? await this.session.add(path, pieces) : undefined;
      this.files[i]!.push({ path, index });
    }
    this.items[i] = [];
  }

  /** Every file written, in the order of the feeds (not of their completion), so reports read the same way each time. */
  get written(): WholeFile[] {
    return this.files.flat();
  }
}
