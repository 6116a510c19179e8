/**
 * Golden output: the fixture in tests/fixtures/golden is built through the CLI
 * and every byte compared with the expected files. After a deliberate change
 * of output, regenerate with `UPDATE_GOLDEN=1 npm test` and review the diff.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCli, ROOT } from './support/project.js';

const FIXTURE = path.join(ROOT, 'tests/fixtures/golden');
const EXPECTED = path.join(FIXTURE, 'expected');
const work = mkdtempSync(path.join(tmpdir(), 'syndicate-golden-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('golden feeds', () => {
  cpSync(path.join(FIXTURE, 'articles'), path.join(work, 'articles'), { recursive: true });
  cpSync(path.join(FIXTURE, 'syndicate.config.json'), path.join(work, 'syndicate.config.json'));
  const run = buildCli(work);

  it('builds with the expected warnings only', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  for (const name of ['rss.xml', 'atom.xml', 'feed.json']) {
    it(`${name} matches the golden file byte for byte`, () => {
      const actual = readFileSync(path.join(work, 'dist', name), 'utf8');
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(EXPECTED, { recursive: true });
        writeFileSync(path.join(EXPECTED, name), actual);
      }
      expect(actual).toBe(readFileSync(path.join(EXPECTED, name), 'utf8'));
    });
  }
});
