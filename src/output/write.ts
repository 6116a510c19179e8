/**
 * Atomic, deterministic output. Every changed file is first written into a
 * staging folder beside the output folder (same file system), and only when
 * all of them are written is each one renamed into place. A rename replaces a
 * file in one step, so a reader (or a build killed half-way) only ever sees
 * the old or the new version of a feed. Files whose bytes did not change are
 * not touched at all, so their mtimes stay and rsync/Pages see no change.
 *
 * If a rename fails half-way (a folder where a feed should go, a permission),
 * the files already replaced are put back from hard-linked copies, so a failed
 * build leaves the output folder as it was.
 */
import { randomBytes, type Hash } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { FLUSH_BYTES, MissingFolders, STAGING_PREFIX, WriteError, differs, guard, hashFor, keepOld, removeStaleStaging, restore, writePieces } from './staging.js';

export type WriteStatus = 'written' | 'unchanged';


// Whole files handed to the thread pool and not yet written, at most: past either bound, adding
// a file waits for earlier ones. The count bounds the open descriptors (thousands of small facet
// feeds opened ahead of their writes ran out of them under a limit of 100).
const MAX_BYTES_IN_FLIGHT = 16 << 20;
const MAX_FILES_IN_FLIGHT = 32;

interface Staged {
  name: string;
  /** Open while the file is written piece by piece; none for a file written whole. */
  handle?: FileHandle;
  /**
   * Of the bytes written, to tell an unchanged file; none where no file stood at the target
   * when this one was staged (an empty output folder, as in CI): hashing a large site's feeds
   * only to learn they are new took 0.24 s of a 10,000-article build with tag feeds, 0.43 s
   * of the full archive, on the busiest thread.
   */
  hash?: Hash;
  size: number;
  /**
   * Bytes not yet on disk. Each piece is encoded into it as it comes, so the piece's string
   * dies young: strings held until a flush outlived the young generation, and copying and
   * promoting them measured a third of a warm build's time.
   */
  buffer?: Buffer;
  used: number;
  /** The buffer being written while `buffer` fills. */
  spare?: Buffer;
  /** The file's writes so far, in order; settles when the last is done. */
  writing?: Promise<void>;
}

/**
 * Output files written piece by piece into the staging folder, then committed
 * (renamed into place, unchanged ones left alone) or aborted (nothing changes).
 */
export class OutputSession {
  /** Folders made (or being made) so far, in the staging and the output folder: hundreds of facet feeds share a few. */
  private readonly made = new Map<string, Promise<void>>();
  /** Whole files being written on the thread pool, and how many bytes they hold. */
  private readonly inFlight = new Set<Promise<void>>();
  private inFlightBytes = 0;
  /**
   * The first error in writing any file. Writes go on in the background, so none of them
   * throws: the commit reports it (and the build with it, as write-failed), an abort drops it.
   */
  private failure?: WriteError;

  private constructor(
    private readonly target: string,
    private readonly staging: string,
    private readonly files: Staged[],
  ) {}

  /** The names of the files staged so far, in order. */
  get names(): string[] {
    return this.files.map((f) => f.name);
  }

  /** Opens one staged file per name (POSIX paths relative to `outDir`). */
  static async open(outDir: string, names: readonly string[]): Promise<OutputSession> {
    const target = path.resolve(outDir);
    const parent = path.dirname(target);
    await removeStaleStaging(parent, path.basename(target));
    const staging = path.join(parent, `${STAGING_PREFIX}${path.basename(target)}-${process.pid}-${randomBytes(4).toString('hex')}`);
    await guard(staging, () => mkdir(path.join(staging, '.previous'), { recursive: true }));
    const files: Staged[] = [];
    try {
      for (const name of names) {
        const temp = path.join(staging, name);
        // Errors name the output file: that the bytes go through a staging folder is ours to know.
        const final = path.join(target, name);
        await guard(final, () => mkdir(path.dirname(temp), { recursive: true }));
        const handle = await guard(final, () => open(temp, 'w'));
        files.push({ name, handle, hash: hashFor(final), size: 0, buffer: Buffer.allocUnsafe(FLUSH_BYTES), used: 0 });
      }
    } catch (e) {
      await Promise.all(files.map((f) => f.handle?.close()));
      await rm(staging, { recursive: true, force: true });
      throw e;
    }
    return new OutputSession(target, staging, files);
  }

  /**
   * Adds one more file, written whole (from one string or from pieces); returns its index.
   * The file is written on the thread pool while the build goes on: creating hundreds of
   * facet feeds one after the other kept the main thread waiting on the file system for a
   * fifth of a warm build with tag feeds.
   */
  async add(name: string, content: string | readonly (string | Buffer)[]): Promise<number> {
    const temp = path.join(this.staging, name);
    const final = path.join(this.target, name);
    const pieces = (typeof content === 'string' ? [content] : content).map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p));
    const hash = hashFor(final);
    let size = 0;
    for (const piece of pieces) {
      hash?.update(piece);
      size += piece.length;
    }
    const index = this.files.push({ name, hash, size, used: 0 }) - 1;
    // After a failure nothing more is written: the commit will refuse anyway.
    if (this.failure) return index;
    const written: Promise<void> = guard(final, async () => {
      await this.folder(path.dirname(temp));
      await writePieces(temp, pieces);
    })
      .catch((e: WriteError) => {
        this.failure ??= e;
      })
      .finally(() => {
        this.inFlightBytes -= size;
        this.inFlight.delete(written);
      });
    this.inFlight.add(written);
    this.inFlightBytes += size;
    // A turn of the event loop hands finished steps (open, write, close) back, so the next ones start.
    await new Promise(setImmediate);
    while (this.inFlightBytes > MAX_BYTES_IN_FLIGHT || this.inFlight.size > MAX_FILES_IN_FLIGHT) await Promise.race(this.inFlight);
    return index;
  }

  /** Waits for every write still going on, of whole files and of streamed ones. */
  private async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    await Promise.all(this.files.map((f) => f.writing));
  }

  /** Appends `text` (a string, or bytes of UTF-8) to file number `index`. */
  async write(index: number, text: string | Buffer): Promise<void> {
    const f = this.files[index]!;
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const most = typeof text === 'string' ? text.length * 3 : text.length;
    if (f.used + most > f.buffer!.length) await this.flush(f);
    if (most > f.buffer!.length) this.put(f, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
    else f.used += typeof text === 'string' ? f.buffer!.write(text, f.used, 'utf8') : text.copy(f.buffer!, f.used);
  }

  /**
   * Hands the buffer's bytes to the file and goes on filling a second buffer while they are
   * written: awaiting each write kept the main thread idle for a tenth of a warm archive build.
   */
  private async flush(f: Staged): Promise<void> {
    if (!f.buffer || f.used === 0) return;
    const full = f.buffer.subarray(0, f.used);
    // Every earlier write of this file is done, so the spare buffer is free again.
    await f.writing;
    [f.buffer, f.spare] = [f.spare ?? Buffer.allocUnsafe(FLUSH_BYTES), f.buffer];
    f.used = 0;
    this.put(f, full);
  }

  /** Queues `bytes` after the file's earlier writes. */
  private put(f: Staged, bytes: Buffer): void {
    f.hash?.update(bytes);
    f.size += bytes.length;
    const file = path.join(this.target, f.name);
    f.writing = (f.writing ?? Promise.resolve())
      .then(async () => {
        if (!this.failure) await guard(file, () => f.handle!.write(bytes));
      })
      .catch((e: WriteError) => {
        this.failure ??= e;
      });
  }

  /** Renames every changed file into place; files whose bytes are the same are not touched. */
  async commit(): Promise<WriteStatus[]> {
    const replaced: { final: string; backup?: string }[] = [];
    try {
      for (const f of this.files) await this.flush(f);
      await this.settled();
      for (const f of this.files) {
        f.buffer = f.spare = undefined;
        await f.handle?.close().catch(() => undefined);
      }
      if (this.failure) throw this.failure;
      const changed = await Promise.all(this.files.map((f) => !f.hash || differs(path.join(this.target, f.name), f.size, f.hash.digest('hex'))));
      const missing = new MissingFolders(this.target);
      const moved = new Set<string>();
      // Everything is on disk: now each file replaces its old version in one rename.
      for (const [i, f] of this.files.entries()) {
        if (!changed[i]) continue;
        await guard(this.target, () => this.folder(this.target));
        // A folder the output folder lacks holds only new files: it goes in whole, in one
        // rename. Hundreds of facet feeds in an empty output folder (as in CI) took as many
        // folders made and files renamed one by one: a tenth of a warm build with tag feeds.
        const folder = missing.topOf(f.name);
        if (folder !== undefined) {
          if (moved.has(folder)) continue;
          moved.add(folder);
          const final = path.join(this.target, folder);
          await guard(final, () => rename(path.join(this.staging, folder), final));
          replaced.push({ final });
          continue;
        }
        const final = path.join(this.target, f.name);
        await guard(final, () => this.folder(path.dirname(final)));
        // No file stood there when this one was staged (no hash): there is nothing to keep.
        const backup = f.hash ? await keepOld(final, path.join(this.staging, '.previous', `${i}`)) : undefined;
        await guard(final, () => rename(path.join(this.staging, f.name), final));
        replaced.push({ final, backup });
      }
      return changed.map((c) => (c ? 'written' : 'unchanged'));
    } catch (e) {
      await restore(replaced);
      throw e;
    } finally {
      await rm(this.staging, { recursive: true, force: true });
    }
  }

  private folder(folder: string): Promise<void> {
    let made = this.made.get(folder);
    if (made === undefined) this.made.set(folder, (made = mkdir(folder, { recursive: true }).then(() => undefined)));
    return made;
  }

  /** Drops everything staged; the output folder is not touched. */
  async abort(): Promise<void> {
    // Nothing may still be writing into the staging folder as it goes.
    await this.settled();
    await Promise.all(this.files.map((f) => f.handle?.close().catch(() => undefined)));
    await rm(this.staging, { recursive: true, force: true });
  }
}
