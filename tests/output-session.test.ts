/**
 * The output writer on its own: a feed written piece by piece goes to disk through
 * a fixed buffer, so the pieces' sizes and characters must never change the bytes.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/project.js';
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
});
