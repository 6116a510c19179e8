/**
 * A content-addressed cache of rendered articles, under
 * node_modules/.cache/syndicate/ by default. The key hashes everything the
 * result depends on (the body, the title rule, the summary, the URL, the
 * render options, the tool's version and the renderer's own code), so an entry can never be stale:
 * a change to any of them is a different key. A damaged entry is a miss.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VERSION } from '../version.js';
import type { Rendered, RenderJob } from './render.js';

/**
 * The renderer's modules, hashed: a build from a changed renderer (a new
 * version, or a working copy under development) never reads an older entry.
 */
const RENDERER = createHash('sha256')
  .update(['render', 'markdown', 'html', 'summary'].map((m) => readFileSync(new URL(`./${m}${path.extname(import.meta.url)}`, import.meta.url), 'utf8')).join('\0'))
  .digest('hex');

export class RenderCache {
  private readonly made = new Set<string>();

  constructor(readonly dir: string) {}

  private file(job: RenderJob): string {
    const key = createHash('sha256')
      .update(JSON.stringify([VERSION, RENDERER, job.titleFromHeading, job.summary ?? null, job.url, job.options]))
      .update('\0')
      .update(job.body)
      .digest('hex');
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(job: RenderJob): Promise<Rendered | undefined> {
    try {
      const entry = JSON.parse(await readFile(this.file(job), 'utf8')) as Partial<Rendered>;
      return typeof entry.html === 'string' && typeof entry.summary === 'string' ? { html: entry.html, summary: entry.summary, firstImage: entry.firstImage } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Best effort: a cache that cannot be written only makes the next build slower. */
  async set(job: RenderJob, rendered: Rendered): Promise<void> {
    const file = this.file(job);
    try {
      const folder = path.dirname(file);
      if (!this.made.has(folder)) {
        await mkdir(folder, { recursive: true });
        this.made.add(folder);
      }
      // Written whole then renamed, so a killed build never leaves half an entry.
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(rendered));
      await rename(temp, file);
    } catch {
      // ignored on purpose
    }
  }
}

/** The default cache folder for a project in `cwd`: node_modules/.cache/syndicate, when node_modules exists. */
export function defaultCacheDir(cwd: string, exists: (p: string) => boolean): string | undefined {
  return exists(path.join(cwd, 'node_modules')) ? path.join(cwd, 'node_modules', '.cache', 'syndicate', 'render') : undefined;
}
