/**
 * The store behind the render cache, on real files: values come back as they
 * went in across builds, unused entries go, packs stay few, and nothing but a
 * record that starts with its own key is ever returned.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/project.js';
import { PackStore } from '../src/rebuild/pack-store.js';

function storeDir(): string {
  return path.join(tempDir('syndicate-pack-'), 'render');
}

const packs = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.pack'));
const indexed = (dir: string) => Object.keys((JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as { entries: object }).entries).sort();

/** One build: opens the store, gets or sets each key, saves. */
function build(dir: string, values: Record<string, string>): { hits: string[] } {
  const store = PackStore.open(dir);
  const hits: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const found = store.get(key);
    if (found === undefined) store.set(key, value);
    else {
      expect(found).toBe(value);
      hits.push(key);
    }
  }
  store.save();
  return { hits };
}

describe('PackStore', () => {
  it('gives back what was set, in the same build and in the next, whatever its size and characters', () => {
    const dir = storeDir();
    const big = `<p>${'é😀'.repeat(600_000)}</p>`; // over the 1 MiB write buffer
    const values = { a: 'alpha', b: 'line one\nline two', c: big, d: '' };
    const store = PackStore.open(dir);
    for (const [k, v] of Object.entries(values)) store.set(k, v);
    // Read back before saving: records still in the write buffer are flushed first.
    expect(store.get('a')).toBe('alpha');
    expect(store.get('c')).toBe(big);
    store.save();
    expect(build(dir, values).hits.sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps only the entries the last build used, and writes nothing when nothing changed', () => {
    const dir = storeDir();
    build(dir, { a: '1', b: '2', c: '3' });
    build(dir, { a: '1', c: '3', d: '4' });
    expect(indexed(dir)).toEqual(['a', 'c', 'd']);
    const index = readFileSync(path.join(dir, 'index.json'));
    const files = readdirSync(dir).sort();
    expect(build(dir, { a: '1', c: '3', d: '4' }).hits).toEqual(['a', 'c', 'd']);
    expect(readFileSync(path.join(dir, 'index.json')).equals(index)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(files);
  });

  it('copies the used entries into one pack when most bytes are dropped ones, and keeps packs few', () => {
    const dir = storeDir();
    const value = 'x'.repeat(1000);
    build(dir, { a: value, b: value, c: value, d: value });
    // Three of four entries dropped and one added: the packs hold mostly unused bytes.
    build(dir, { a: value, e: value });
    expect(packs(dir)).toHaveLength(1);
    expect(build(dir, { a: value, e: value }).hits).toEqual(['a', 'e']);
    // A build that adds one entry each time: at most 16 packs plus the one it writes.
    const keys: Record<string, string> = {};
    for (let i = 0; i < 40; i++) {
      keys[`k${i}`] = value;
      build(dir, keys);
      expect(packs(dir).length).toBeLessThanOrEqual(17);
    }
    expect(build(dir, keys).hits).toHaveLength(40);
  });

  it('misses, never answers wrongly, when the index or a pack is damaged', () => {
    const dir = storeDir();
    build(dir, { a: 'alpha', b: 'beta' });
    const indexFile = path.join(dir, 'index.json');
    const good = JSON.parse(readFileSync(indexFile, 'utf8')) as { entries: Record<string, unknown> };
    // Two builds saving at once could leave an index naming another key's record: refused by the key check.
    writeFileSync(indexFile, JSON.stringify({ entries: { a: good.entries.b, b: good.entries.a } }));
    let store = PackStore.open(dir);
    expect(store.get('a')).toBeUndefined();
    expect(store.get('b')).toBeUndefined();
    store.close();
    // Places out of the file, other names, nonsense.
    writeFileSync(indexFile, JSON.stringify({ entries: { a: ['../../etc.pack', 0, 5], b: [packs(dir)[0], 1e9, 5], c: 'x' } }));
    store = PackStore.open(dir);
    for (const k of ['a', 'b', 'c']) expect(store.get(k)).toBeUndefined();
    store.close();
    writeFileSync(indexFile, '{"entries": ');
    expect(build(dir, { a: 'alpha' }).hits).toEqual([]);
    expect(build(dir, { a: 'alpha' }).hits).toEqual(['a']);
  });
});
