/**
 * `syndicate serve`: the output folder on a local HTTP server, with the
 * content types a host should use, and (with --watch) a rebuild after each
 * save of an article or the config (src/util/watch-folders.ts). Feeds are served as application/xml to
 * browsers, which then apply the XSL stylesheet, and with their own types to
 * everything else (feed readers).
 */
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { warning } from '../diagnostics.js';
import { isArticleFileName, isSiteFileName, walksInto } from '../source/discover.js';
import { describeFsError } from '../util/fs-error.js';
import { openWithin } from '../util/open-within.js';
import { isWithin, shownPath } from '../util/paths.js';
import { watchFolders, type WatchedFolder } from '../util/watch-folders.js';
import { ConfigError } from '../config/file.js';
import { buildRequest, projectOf, runBuild } from './build.js';
import { UsageError, text, type Command } from './command.js';
import { printDiagnostics, report } from './report.js';

export interface ServeOptions {
  outDir: string;
  host: string;
  port: number;
  /** Rebuilds after changes that matter in these folders. */
  watch?: { folders: WatchedFolder[]; rebuild: () => Promise<void> };
}

export interface Serving {
  url: string;
  close(): Promise<void>;
}

const BY_EXTENSION: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xsl': 'text/xsl; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.opml': 'text/x-opml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};

/** The type of a file, from its name and first bytes, for this request. */
export function contentType(name: string, head: string, accept: string): string {
  const ext = path.extname(name).toLowerCase();
  if (ext === '.xml') {
    if (/text\/html/.test(accept)) return 'application/xml; charset=utf-8';
    if (/<rss[\s>]/.test(head)) return 'application/rss+xml; charset=utf-8';
    if (/<feed[\s>]/.test(head)) return 'application/atom+xml; charset=utf-8';
    return 'application/xml; charset=utf-8';
  }
  if (ext === '.json') return head.includes('jsonfeed.org/version') ? 'application/feed+json; charset=utf-8' : 'application/json; charset=utf-8';
  return BY_EXTENSION[ext] ?? 'application/octet-stream';
}

export async function serve(options: ServeOptions): Promise<Serving> {
  const root = path.resolve(options.outDir);
  const server = createServer((req, res) => {
    handle(root, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end('internal error\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const watching = options.watch && watchFolders(options.watch.folders, { onChange: oneAtATime(options.watch.rebuild), onError: cannotWatch });
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/`,
    close: async () => {
      watching?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Browsers and fetch keep idle connections open for seconds: stopping should not wait for them.
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * `task` run now, or once more when the run under way ends: changes made while a build runs make
 * one build after it, not one each.
 */
function oneAtATime(task: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = async () => {
    running = true;
    do {
      again = false;
      await task();
    } while (again);
    running = false;
  };
  return () => {
    if (running) again = true;
    else void run();
  };
}

function cannotWatch(dir: string, e: NodeJS.ErrnoException): void {
  const why = e.code === 'ENOSPC' ? "the system's limit of watched folders is reached (fs.inotify.max_user_watches)" : describeFsError(e);
  printDiagnostics([warning(shownPath(process.cwd(), dir), 'watch-failed', `this folder cannot be watched (${why}); changes in it are not seen until serve starts again`)]);
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    res.writeHead(400).end('bad request\n');
    return;
  }
  let file = path.resolve(root, `.${pathname}`);
  // A path that leaves the output folder by its own words is refused before the disk is asked.
  if (!isWithin(file, root)) {
    res.writeHead(403).end('forbidden\n');
    return;
  }
  const realRoot = await realpath(root).catch(() => root);
  if ((await stat(file).catch(() => undefined))?.isDirectory()) file = path.join(file, 'index.html');
  // A file reached through a symbolic link out of the folder is not found, as a missing one: the
  // answer tells nothing of what exists outside.
  const opened = await openWithin(realRoot, file);
  if (!opened) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  const { handle, size } = opened;
  try {
    const head = Buffer.alloc(Math.min(512, size));
    await handle.read(head, 0, head.length, 0);
    res.writeHead(200, {
      'content-type': contentType(file, head.toString('utf8'), req.headers.accept ?? ''),
      'content-length': size,
      vary: 'Accept',
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    for await (const chunk of handle.createReadStream({ start: 0, autoClose: false })) res.write(chunk);
    res.end();
  } finally {
    await handle.close();
  }
}

export const command: Command = {
  usage: '[--out DIR] [--port 8080] [--host 127.0.0.1] [--watch] [--articles DIR] [--config FILE] [--now ISO-8601] [--quiet]',
  about:
    'Serves the output folder on a local HTTP server, with the content types a host should use (feeds as application/xml to browsers, so that they apply the stylesheet). Nothing outside the output folder is served, not even through a symbolic link. --watch builds first, then rebuilds once after each save of an article or the config, however the editor saves (atomic saves included; its scratch files are passed over).',
  flags: ['out', 'port', 'host', 'watch', 'articles', 'config', 'now', 'quiet'],
  positionals: 'none',
  example: 'syndicate serve --watch --port 0',
  async run({ values, cwd }) {
    const port = Number(text(values, 'port') ?? '8080');
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${text(values, 'port')}"`);
    const request = { ...buildRequest(values, cwd), previous: undefined, strict: false, keepGoing: false, progress: undefined };
    const rebuild = async () => {
      try {
        report('build', await runBuild({ ...request, write: true, cache: true, stamped: true }), { quiet: values.quiet === true });
      } catch (e) {
        // A broken config while watching is reported, and the server goes on.
        if (e instanceof ConfigError) printDiagnostics(e.diagnostics);
        else throw e;
      }
    };
    if (values.watch) await rebuild();
    const out = text(values, 'out') ?? 'dist';
    const serving = await serve({
      outDir: path.resolve(cwd, out),
      host: text(values, 'host') ?? '127.0.0.1',
      port,
      watch: values.watch ? { folders: watchedFolders(cwd, request.config, request.articles), rebuild } : undefined,
    });
    process.stdout.write(`serving ${out} at ${serving.url}${values.watch ? ', rebuilding on changes' : ''} (Ctrl-C to stop)\n`);
    await new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await serving.close();
    return 0;
  },
};

/**
 * What a build reads: the articles (by discover's own rules on names; a site generator's posts may
 * also be HTML) and the config file, and a generator's own config files (build.ts's projectOf).
 */
function watchedFolders(cwd: string, config: string, articles: string | undefined): WatchedFolder[] {
  const project = projectOf(cwd, config, articles);
  const files = [config, ...(project.site?.settings.files ?? [])].map((f) => path.resolve(cwd, f));
  const byFolder = new Map<string, Set<string>>();
  for (const file of files) byFolder.set(path.dirname(file), (byFolder.get(path.dirname(file)) ?? new Set()).add(path.basename(file)));
  return [
    { dir: path.resolve(cwd, project.articles), walksInto, matters: project.site ? isSiteFileName : isArticleFileName },
    ...[...byFolder].map(([dir, names]) => ({ dir, matters: (name: string) => names.has(name) })),
  ];
}
