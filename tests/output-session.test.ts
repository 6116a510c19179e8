/**
 * The output writer on its own: a feed written piece by piece goes to disk through
 * a fixed buffer, so the pieces' sizes and characters must never change the bytes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/project.js';
import { WriteError } from '../src/output/staging.js';
import { OutputSession } from '../src/output/write.js';

function outDir(): string {
  return path.join(tempDir('syndicate-write-'), 'dist');
}

// Pieces around and over the writer's 1 MiB buffer, with 2-, 3- and 4-byte characters.
function pieces(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 400; i++) out.push(`<item n="${i}">é€😀 ${'x'.repeat((i * 7919) % 9000)}</item>`);
  out.push('€'.repeat(400_000)); // 1.2 MB of UTF-8 in one piece: larger than the buffer
  out.push('tail 😀');
  out.push('y'.repeat(349_000)); // just under a third of the buffer: fits only after a flush
  return out;
}

describe('OutputSession', () => {
  it('writes exactly the UTF-8 of the pieces joined, whatever their sizes', async () => {
    const out = outDir();
    const session = await OutputSession.open(out, ['feed.xml']);
    const all = pieces();
    for (const p of all) await session.write(0, p);
    const whole = await session.add('tags/x/feed.xml', all);
    expect(whole).toBe(1);
    expect(await session.commit()).toEqual(['written', 'written']);
    const expected = Buffer.from(all.join(''), 'utf8');
    expect(readFileSync(path.join(out, 'feed.xml')).equals(expected)).toBe(true);
    expect(readFileSync(path.join(out, 'tags/x/feed.xml')).equals(expected)).toBe(true);
  });

  it('writes a file of bytes and strings mixed, more pieces than one writev takes, and empty ones', async () => {
    const out = outDir();
    const session = await OutputSession.open(out, []);
    // 3,000 pieces (a writev takes 1,024), every third one bytes as the item cache gives them, some empty.
    const mixed = pieces().concat(pieces(), pieces(), pieces(), pieces(), pieces(), pieces(), pieces()).map((p, i) => (i % 3 === 0 ? Buffer.from(p, 'utf8') : i % 50 === 1 ? '' : p));
    expect(mixed.length).toBeGreaterThan(3000);
    await session.add('archive/1/feed.xml', mixed);
    expect(await session.commit()).toEqual(['written']);
    const expected = Buffer.concat(mixed.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    expect(readFileSync(path.join(out, 'archive/1/feed.xml')).equals(expected)).toBe(true);
  });

  it('leaves a file with the same bytes untouched, and replaces one that differs', async () => {
    const out = outDir();
    const first = await OutputSession.open(out, ['a.xml', 'b.xml']);
    await first.write(0, 'same');
    await first.write(1, 'before');
    await first.commit();
    const mtime = statSync(path.join(out, 'a.xml')).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    const second = await OutputSession.open(out, ['a.xml', 'b.xml']);
    await second.write(0, 'sa');
    await second.write(0, 'me');
    await second.write(1, 'after');
    expect(await second.commit()).toEqual(['unchanged', 'written']);
    expect(statSync(path.join(out, 'a.xml')).mtimeMs).toBe(mtime);
    expect(readFileSync(path.join(out, 'b.xml'), 'utf8')).toBe('after');
  });

  it('moves a folder the output folder lacks in whole, and takes it away again when a later rename fails', async () => {
    const out = outDir();
    mkdirSync(path.join(out, 'tags', 'old'), { recursive: true });
    writeFileSync(path.join(out, 'tags', 'old', 'feed.xml'), 'old');
    const first = await OutputSession.open(out, []);
    await first.add('tags/old/feed.xml', 'old, edited');
    await first.add('tags/new/a/feed.xml', 'a');
    await first.add('tags/new/b/feed.xml', 'b');
    await first.add('authors/x/feed.xml', 'x');
    expect(await first.commit()).toEqual(['written', 'written', 'written', 'written']);
    expect(readFileSync(path.join(out, 'tags/old/feed.xml'), 'utf8')).toBe('old, edited');
    expect(readFileSync(path.join(out, 'tags/new/b/feed.xml'), 'utf8')).toBe('b');
    expect(readFileSync(path.join(out, 'authors/x/feed.xml'), 'utf8')).toBe('x');
    // Nothing else came along with the folders (the staging's own files stay out).
    expect(readdirSync(out).sort()).toEqual(['authors', 'tags']);
    expect(readdirSync(path.join(out, 'tags')).sort()).toEqual(['new', 'old']);

    // A folder stands where the last file should go: its rename fails after the new folder
    // was moved in, and the output folder must be left as it was.
    mkdirSync(path.join(out, 'z.xml', 'inside'), { recursive: true });
    const second = await OutputSession.open(out, []);
    await second.add('topics/t/feed.xml', 't');
    await second.add('tags/old/feed.xml', 'old, edited twice');
    await second.add('z.xml', 'z');
    await expect(second.commit()).rejects.toBeInstanceOf(WriteError);
    expect(existsSync(path.join(out, 'topics'))).toBe(false);
    expect(readFileSync(path.join(out, 'tags/old/feed.xml'), 'utf8')).toBe('old, edited');
    expect(readdirSync(out).sort()).toEqual(['authors', 'tags', 'z.xml']);
  });

  it('reports a whole file that could not be written while the build went on, and leaves the output folder as it was', async () => {
    const out = outDir();
    // A file whose path fits the file system's limit (4,095 bytes) in the output folder but
    // not in the longer-named staging folder, where it is written first; the output folder
    // already holds the same bytes, so no rename would fail: only its write can tell.
    // Folders of 100 characters, the first one padded to the length wanted (at most 200 then,
    // under the 255 a name may have).
    const folders = Math.floor((4090 - out.length - 1 - 'feed.xml'.length) / 101);
    const deep = `${Array.from({ length: folders }, (_, i) => `${i}`.padEnd(100, 'd')).join('/')}/feed.xml`.padStart(4090 - out.length - 1, 'x');
    expect(out.length + 1 + deep.length).toBe(4090);
    mkdirSync(path.dirname(path.join(out, deep)), { recursive: true });
    writeFileSync(path.join(out, deep), 'same');
    const session = await OutputSession.open(out, ['feed.xml']);
    await session.write(0, 'new');
    await session.add('a.xml', 'a');
    await session.add(deep, 'same');
    const error = await session.commit().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(WriteError);
    expect((error as WriteError).path.endsWith(deep)).toBe(true);
    expect((error as WriteError).message).toContain('(the path is too long for the file system)');
    expect(readdirSync(out)).toEqual([deep.split('/')[0]]);
    // No staging folder is left beside the output folder.
    expect(readdirSync(path.dirname(out))).toEqual(['dist']);
  });
});
