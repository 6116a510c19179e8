/**
 * `syndicate serve`: nothing outside the output folder is served, symbolic links included (also
 * when one is swapped while requests come), and `--watch` sees every save of the editors people
 * use, however many times the same file is saved.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHere, makeProject, ROOT, tempDir } from './support/project.js';

type ServeModule = typeof import('../src/commands/serve.js');
type OpenModule = typeof import('../src/util/open-within.js');
const lib = <T>(file: string) => import(path.join(ROOT, 'lib', file)) as Promise<T>;

const article = (title: string) => `---\ntitle: "${title}"\ndate: 2024-01-02T10:00:00+01:00\n---\nBody of ${title}.\n`;
const SECRET = 'SECRET outside the output folder';

describe('serve: nothing outside the output folder', () => {
  let dir = '';
  let out = '';
  let outside = '';
  let url = '';
  let close = async () => {};
  const get = async (p: string, method = 'GET') => {
    const res = await fetch(url + p, { method });
    return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
  };

  beforeAll(async () => {
    dir = makeProject({ 'first.md': article('First') });
    await buildHere(dir);
    out = path.join(dir, 'dist');
    // A folder beside the project, as /etc is beside any project, with an index page of its own.
    outside = tempDir('syndicate-outside-');
    writeFileSync(path.join(outside, 'secret.txt'), SECRET);
    writeFileSync(path.join(outside, 'index.html'), `<p>${SECRET}</p>`);
    symlinkSync('/etc', path.join(out, 'etc'));
    symlinkSync(outside, path.join(out, 'elsewhere'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(out, 'secret.txt'));
    mkdirSync(path.join(out, 'sub'));
    symlinkSync(path.join(outside, 'index.html'), path.join(out, 'sub', 'index.html'));
    // Links that stay inside the folder: a file, a folder, and a link that leaves and comes back.
    symlinkSync('rss.xml', path.join(out, 'latest.xml'));
    mkdirSync(path.join(out, 'real'));
    writeFileSync(path.join(out, 'real', 'index.html'), '<p>inside</p>');
    symlinkSync('real', path.join(out, 'alias'));
    symlinkSync(path.join('..', 'dist', 'feed.json'), path.join(out, 'roundabout.json'));
    const { serve } = await lib<ServeModule>('commands/serve.js');
    const serving = await serve({ outDir: out, host: '127.0.0.1', port: 0 });
    url = serving.url;
    close = serving.close;
  });
  afterAll(() => close());

  it('answers 404 for a file, a folder or an index page reached through a symbolic link that leaves the folder', async () => {
    for (const p of ['etc/passwd', 'etc/hostname', 'etc/', 'etc', 'elsewhere/', 'elsewhere', 'elsewhere/secret.txt', 'elsewhere/index.html', 'secret.txt', 'sub/', 'sub/index.html']) {
      for (const method of ['GET', 'HEAD']) {
        const res = await get(p, method);
        expect([p, method, res.status]).toEqual([p, method, 404]);
        expect(res.body).not.toContain(SECRET);
      }
    }
  });

  it("answers 404 for the folder's own index page when it is a link out", async () => {
    const index = path.join(dir, 'dist-linked');
    mkdirSync(index);
    symlinkSync(path.join(outside, 'index.html'), path.join(index, 'index.html'));
    const { serve } = await lib<ServeModule>('commands/serve.js');
    const other = await serve({ outDir: index, host: '127.0.0.1', port: 0 });
    try {
      const res = await fetch(other.url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain(SECRET);
    } finally {
      await other.close();
    }
  });

  it('serves what a symbolic link reaches inside the folder, with the type its name gives', async () => {
    const latest = await get('latest.xml');
    expect([latest.status, latest.type]).toEqual([200, 'application/rss+xml; charset=utf-8']);
    expect(latest.body).toBe(readFileSync(path.join(out, 'rss.xml'), 'utf8'));
    expect(await get('alias/')).toMatchObject({ status: 200, body: '<p>inside</p>' });
    expect(await get('roundabout.json')).toMatchObject({ status: 200, type: 'application/feed+json; charset=utf-8' });
  });

  it('still refuses a path that leaves the folder by its own words (403), before the disk is asked', async () => {
    for (const p of ['..%2Fsyndicate.config.json', '..%2f..%2f..%2fetc%2fpasswd', '%2e%2e%2fsyndicate.config.json']) expect((await get(p)).status).toBe(403);
  });

  it('answers 404 at once for a named pipe in the folder, instead of waiting for a writer', async () => {
    expect(spawnSync('mkfifo', [path.join(out, 'pipe.xml')]).status).toBe(0);
    const res = await fetch(`${url}pipe.xml`, { signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(404);
  });

  /**
   * Another process swaps `link.txt` between a file inside and one outside as fast as it can while
   * requests come: a check of the path made before the open (realpath, then open) serves the
   * outside file to about one request in five here; the file is checked once open, so never.
   */
  describe('a link swapped between inside and outside while requests come', () => {
    let swapper: ReturnType<typeof spawn>;
    let swapOut = '';
    beforeAll(async () => {
      swapOut = path.join(realpathSync(tempDir()), 'dist');
      mkdirSync(swapOut);
      writeFileSync(path.join(swapOut, 'inside.txt'), 'inside');
      writeFileSync(path.join(swapOut, '..', 'secret.txt'), SECRET);
      symlinkSync('inside.txt', path.join(swapOut, 'link.txt'));
      // It says when it starts swapping, and stops by itself should this test die.
      const script = `const fs = require('fs'); const out = ${JSON.stringify(swapOut)}; const end = Date.now() + 20000;
        process.stdout.write('swapping\\n');
        for (let i = 0; Date.now() < end; i++) { const t = out + '/.swap' + (i % 2); try { fs.symlinkSync(i % 2 ? '../secret.txt' : 'inside.txt', t); fs.renameSync(t, out + '/link.txt'); } catch {} }`;
      swapper = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
      await new Promise((resolve) => swapper.stdout!.once('data', resolve));
    });
    afterAll(() => {
      swapper.kill();
    });

    /** What `ask` answered, by answer, over 150 tries (at most a second and a half). */
    const tally = async (ask: () => Promise<string>) => {
      const seen: Record<string, number> = {};
      for (let i = 0, end = Date.now() + 1500; i < 150 && Date.now() < end; i++) {
        const answer = await ask();
        seen[answer] = (seen[answer] ?? 0) + 1;
      }
      return seen;
    };

    it('is never served from outside', async () => {
      const { serve } = await lib<ServeModule>('commands/serve.js');
      const serving = await serve({ outDir: swapOut, host: '127.0.0.1', port: 0 });
      try {
        const seen = await tally(async () => {
          const res = await fetch(`${serving.url}link.txt`);
          return `${res.status} ${await res.text()}`;
        });
        expect(Object.keys(seen).sort()).toEqual(['200 inside', '404 not found\n']);
      } finally {
        await serving.close();
      }
    });

    it('is never opened from outside where the kernel cannot say where an open file is (the check other systems get)', async () => {
      const { openWithin } = await lib<OpenModule>('util/open-within.js');
      const seen = await tally(async () => {
        const opened = await openWithin(swapOut, path.join(swapOut, 'link.txt'), path.join(swapOut, 'no-proc'));
        const answer = opened ? await opened.handle.readFile('utf8') : 'refused';
        await opened?.handle.close();
        return answer;
      });
      expect(Object.keys(seen).sort()).toEqual(['inside', 'refused']);
    });
  });
});
