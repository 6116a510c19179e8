/**
 * `syndicate serve`: the output folder on a local HTTP server, with the
 * content types a host should use, and (with --watch) a rebuild whenever an
 * article or the config changes. Feeds are served as application/xml to
 * browsers, which then apply the XSL stylesheet, and with their own types to
 * everything else (feed readers).
 */
import { watch, type FSWatcher } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isWithin } from '../util/paths.js';
import { ConfigError } from '../config/file.js';
import { buildRequest, projectOf, runBuild } from './build.js';
import { UsageError, text, type Command } from './command.js';
import { printDiagnostics, report } from './report.js';

export interface ServeOptions {
  outDir: string;
  host: string;
  port: number;
  /** Rebuilds when something under these paths changes. */
  watch?: { paths: string[]; rebuild: () => Promise<void> };
}

export interface Serving {
  url: string;
  close(): Promise<void>;
}

const BY_EXTENSION: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xsl': 'text/xsl; charset=utf-8',
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
  const watchers: FSWatcher[] = [];
  if (options.watch) {
    const { rebuild } = options.watch;
    let timer: NodeJS.Timeout | undefined;
    let running = Promise.resolve();
    // Editors write a file in several steps: wait for a short quiet moment, then rebuild once.
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(rebuild, rebuild);
      }, 150);
    };
    for (const p of options.watch.paths) watchers.push(watch(p, { recursive: true }, schedule));
  }
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/`,
    close: async () => {
      for (const w of watchers) w.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
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
  // Nothing outside the output folder is served, whatever the path says.
  if (!isWithin(file, root)) {
    res.writeHead(403).end('forbidden\n');
    return;
  }
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    const handle = await open(file);
    try {
      const size = (await handle.stat()).size;
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
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  }
}

/** What --watch rebuilds on: the articles, the config, and a site generator's own config files. */
function watched(cwd: string, config: string, articles: string | undefined): string[] {
  const project = projectOf(cwd, config, articles);
  return [project.articles, config, ...(project.site?.settings.files ?? [])].map((p) => path.resolve(cwd, p));
}

export const command: Command = {
  usage: '[--out DIR] [--port 8080] [--host 127.0.0.1] [--watch] [--articles DIR] [--config FILE] [--now ISO-8601] [--quiet]',
  about:
    'Serves the output folder on a local HTTP server, with the content types a host should use (feeds as application/xml to browsers, so that they apply the stylesheet). Nothing outside the output folder is served. --watch builds first, then rebuilds whenever an article or the config changes.',
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
      watch: values.watch ? { paths: watched(cwd, request.config, request.articles), rebuild } : undefined,
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
