/**
 * `syndicate serve`: nothing outside the output folder is served, symbolic links included (also
 * when one is swapped while requests come), and `--watch` sees every save of the editors people
 * use, however many times the same file is saved.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_CONFIG, buildHere, CLI, makeProject, ROOT, tempDir } from './support/project.js';

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

  it('serves an output folder that is itself a symbolic link (public -> dist)', async () => {
    const linked = path.join(dir, 'public');
    symlinkSync(out, linked);
    const { serve } = await lib<ServeModule>('commands/serve.js');
    const other = await serve({ outDir: linked, host: '127.0.0.1', port: 0 });
    try {
      expect((await fetch(`${other.url}rss.xml`)).status).toBe(200);
      expect((await fetch(`${other.url}elsewhere/secret.txt`)).status).toBe(404);
    } finally {
      await other.close();
    }
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

/**
 * How editors and tools save `file` with new text, step by step as each one does it on Linux.
 * Each is applied several times in a row to the same file: a watch that loses the file after an
 * atomic save misses the second save, not the first.
 */
const SAVES: Record<string, (file: string, text: string) => void> = {
  // vim with backupcopy=no: a swap file, a test file named 4913, the file renamed to its backup, a new file written, the backup removed.
  vim(file, text) {
    const dir = path.dirname(file);
    const swap = path.join(dir, `.${path.basename(file)}.swp`);
    writeFileSync(swap, 'swap');
    writeFileSync(path.join(dir, '4913'), '');
    unlinkSync(path.join(dir, '4913'));
    renameSync(file, `${file}~`);
    writeFileSync(file, text);
    unlinkSync(`${file}~`);
    unlinkSync(swap);
  },
  // VS Code with atomic saves: a temporary file beside it, renamed over it.
  'VS Code': (file, text) => {
    writeFileSync(`${file}.vsctmp`, text);
    renameSync(`${file}.vsctmp`, file);
  },
  // JetBrains' safe write: a temporary file, the old one moved aside, the new one moved in, the old one removed.
  JetBrains(file, text) {
    writeFileSync(`${file}___jb_tmp___`, text);
    renameSync(file, `${file}___jb_old___`);
    renameSync(`${file}___jb_tmp___`, file);
    unlinkSync(`${file}___jb_old___`);
  },
  // emacs: an auto-save file and a lock link, the file renamed to its backup and written anew, then the auto-save and lock removed.
  emacs(file, text) {
    const dir = path.dirname(file);
    const name = path.basename(file);
    writeFileSync(path.join(dir, `#${name}#`), 'auto-save');
    symlinkSync('someone@host.1234:1', path.join(dir, `.#${name}`));
    rmSync(`${file}~`, { force: true });
    renameSync(file, `${file}~`);
    writeFileSync(file, text);
    unlinkSync(path.join(dir, `#${name}#`));
    unlinkSync(path.join(dir, `.#${name}`));
  },
  // sed -i, perl -i and most scripts: a temporary file in the same folder renamed over the file.
  'sed -i': (file, text) => {
    const temp = path.join(path.dirname(file), 'sedX4k2Qz');
    writeFileSync(temp, text);
    renameSync(temp, file);
  },
  // VS Code's default, nano and most editors: the file truncated and written in place.
  'in place': (file, text) => writeFileSync(file, text),
};

/** The editors' scratch files that come and go while editing, before any save. */
const SCRATCH = (name: string) => [`.${name}.swp`, `.${name}.swx`, `${name}~`, `#${name}#`, '4913', `${name}___jb_tmp___`, `${name}.vsctmp`];

/** `serve --watch` started in `dir`: what it has printed so far, and a wait for each rebuild. */
async function watching(dir: string, now: string) {
  const w = { stdout: '', stderr: '', url: '', changes: 0, server: spawn(process.execPath, [CLI, 'serve', '--watch', '--port', '0', '--now', now], { cwd: dir, env: { ...process.env, CI: undefined, GITHUB_ACTIONS: undefined } }) };
  w.server.stderr!.on('data', (d) => (w.stderr += d));
  w.url = await new Promise<string>((resolve, reject) => {
    w.server.stdout!.on('data', (d) => {
      w.stdout += d;
      const m = /serving dist at (http:\/\/\S+?),/.exec(w.stdout);
      if (m) resolve(m[1]!);
    });
    w.server.on('exit', () => reject(new Error(`serve exited: ${w.stdout}${w.stderr}`)));
  });
  /** The builds the server has reported, each ended by its "N articles read" line. */
  const builds = () => w.stdout.match(/^\d+ articles? read/gm)?.length ?? 0;
  const rss = async () => (await fetch(`${w.url}rss.xml`)).text();
  /** Waits until the feed satisfies `ready` once the change just made is built; that change must make one build. */
  const rebuilt = async (what: string, ready: (feed: string) => boolean) => {
    const before = builds();
    w.changes++;
    for (const end = Date.now() + 5000; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
      if (builds() > before && ready(await rss())) return expect(builds() - before, `builds after ${what}`).toBe(1);
    }
    throw new Error(`no rebuild after ${what}\n${w.stdout.slice(-400)}\n${w.stderr}`);
  };
  return Object.assign(w, { builds, rss, rebuilt });
}
const titled = (title: string) => (feed: string) => feed.includes(`<title>${title}</title>`);

describe('serve --watch', () => {
  let dir = '';
  let w: Awaited<ReturnType<typeof watching>>;
  const builds = () => w.builds();
  const rebuilt = (what: string, ready: (feed: string) => boolean) => w.rebuilt(what, ready);

  beforeAll(async () => {
    dir = makeProject({ 'posts/saved.md': article('Saved 0'), 'other.md': article('Other') });
    w = await watching(dir, '2030-01-01');
  });
  afterAll(() => {
    w?.server.kill('SIGTERM');
  });

  it("does not build for an editor's scratch files, coming or going", async () => {
    const posts = path.join(dir, 'articles/posts');
    const before = builds();
    for (const name of SCRATCH('saved.md')) writeFileSync(path.join(posts, name), 'scratch');
    symlinkSync('someone@host.1234:1', path.join(posts, '.#saved.md'));
    await new Promise((r) => setTimeout(r, 300));
    for (const name of [...SCRATCH('saved.md'), '.#saved.md']) unlinkSync(path.join(posts, name));
    await new Promise((r) => setTimeout(r, 300));
    expect(builds()).toBe(before);
  });

  for (const [editor, save] of Object.entries(SAVES)) {
    it(`rebuilds once for each of three saves in a row by ${editor}`, async () => {
      const file = path.join(dir, 'articles/posts/saved.md');
      for (let i = 1; i <= 3; i++) {
        save(file, article(`${editor} ${i}`));
        await rebuilt(`save ${i} by ${editor}`, titled(`${editor} ${i}`));
      }
    });
  }

  it('rebuilds once for each of two saves with the real sed -i, and with the real vim where there is one', async () => {
    const file = path.join(dir, 'articles/posts/saved.md');
    writeFileSync(file, article('Tool 0'));
    await rebuilt('a write', titled('Tool 0'));
    for (let i = 1; i <= 2; i++) {
      expect(spawnSync('sed', ['-i', `s/Tool ${i - 1}/Tool ${i}/`, file]).status).toBe(0);
      await rebuilt(`sed -i, ${i}`, titled(`Tool ${i}`));
    }
    if (!existsSync('/usr/bin/vim')) return console.warn('the real vim was not tried: no /usr/bin/vim');
    for (let i = 3; i <= 4; i++) {
      const vim = spawnSync('/usr/bin/vim', ['-u', 'NONE', '-N', '-es', '-c', 'set backupcopy=no', '-c', `%s/Tool ${i - 1}/Tool ${i}/`, '-c', 'wq', file]);
      expect(vim.status).toBe(0);
      await rebuilt(`vim, ${i}`, titled(`Tool ${i}`));
    }
  });

  it('rebuilds once for each of two atomic saves of the config', async () => {
    const config = path.join(dir, 'syndicate.config.json');
    for (let i = 1; i <= 2; i++) {
      SAVES['VS Code']!(config, JSON.stringify({ ...BASE_CONFIG, site: { ...BASE_CONFIG.site, title: `Site ${i}` } }));
      await rebuilt(`config save ${i}`, titled(`Site ${i}`));
    }
  });

  it('rebuilds for a new file in a new subfolder, and for its next save, and when the folder goes', async () => {
    const file = path.join(dir, 'articles/new/deeper/fresh.md');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, article('Fresh 1'));
    await rebuilt('a new file in a new subfolder', titled('Fresh 1'));
    writeFileSync(file, article('Fresh 2'));
    await rebuilt('a save in the new subfolder', titled('Fresh 2'));
    rmSync(path.join(dir, 'articles/new'), { recursive: true });
    await rebuilt('the subfolder removed', (feed) => !feed.includes('Fresh 2'));
  });

  it('rebuilds for saves in a folder replaced by another of the same name, as a sync tool or a checkout may do', async () => {
    const posts = path.join(dir, 'articles/posts');
    renameSync(posts, path.join(dir, 'posts-away'));
    mkdirSync(posts);
    writeFileSync(path.join(posts, 'saved.md'), article('Replaced 1'));
    await rebuilt('a folder replaced', titled('Replaced 1'));
    writeFileSync(path.join(posts, 'saved.md'), article('Replaced 2'));
    await rebuilt('a save in the folder that replaced it', titled('Replaced 2'));
  });

  it('rebuilds when the file is deleted, and no build ever failed', async () => {
    rmSync(path.join(dir, 'articles/posts/saved.md'));
    await rebuilt('a deletion', (feed) => !feed.includes('Replaced 2') && feed.includes('<title>Other</title>'));
    // Every change made one build (the first build is serve's own), none made a second one late.
    await new Promise((r) => setTimeout(r, 300));
    expect(builds()).toBe(1 + w.changes);
    expect(w.stderr).toBe('');
  });
});

describe('serve --watch in a Hugo site', () => {
  let dir = '';
  let w: Awaited<ReturnType<typeof watching>>;
  beforeAll(async () => {
    // The site as its repository has it: hugo.toml, content/posts/, no syndicate.config.json.
    dir = path.join(tempDir(), 'hugo-toml');
    cpSync(path.join(ROOT, 'tests/fixtures/sites/hugo-toml'), dir, { recursive: true });
    w = await watching(dir, '2026-01-01T00:00:00Z');
  });
  afterAll(() => {
    w?.server.kill('SIGTERM');
  });

  it("rebuilds after a save of the site's own config, and of a new post in its content folder", async () => {
    const config = path.join(dir, 'hugo.toml');
    SAVES['VS Code']!(config, readFileSync(config, 'utf8').replace('title = "Field Notes"', 'title = "Field Notes, again"'));
    await w.rebuilt('a save of hugo.toml', titled('Field Notes, again'));
    const post = path.join(dir, 'content/posts/watched.md');
    writeFileSync(post, '+++\ntitle = "Watched post"\ndate = 2025-06-01T10:00:00+02:00\n+++\nA new post.\n');
    await w.rebuilt('a new post', titled('Watched post'));
    SAVES['vim']!(post, '+++\ntitle = "Watched post, saved again"\ndate = 2025-06-01T10:00:00+02:00\n+++\nA new post.\n');
    await w.rebuilt('an atomic save of the post', titled('Watched post, saved again'));
    expect(w.builds()).toBe(1 + w.changes);
  });
});
