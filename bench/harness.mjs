// What the bench scripts share: their flags, measuring a whole CLI process, and site folders
// set up as a publisher has them.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * A script's flags, read as parseArgs reads them: --help prints the usage (exit 0), and an
 * unknown flag or a missing value one line and the usage (exit 2), not a stack trace.
 */
export function options(spec, usage) {
  let parsed;
  try {
    parsed = parseArgs({ options: { ...spec, help: { type: 'boolean' } } });
  } catch (error) {
    console.error(`${error.message}\n${usage}`);
    process.exit(2);
  }
  if (parsed.values.help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed.values;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The feeds settings of each scenario (see run.mjs). */
export const SCENARIO_FEEDS = {
  archive: { limit: 0, content: 'full' },
  typical: { limit: 50, content: 'full', facets: { tags: true } },
  rebuild: { limit: 50, content: 'full' },
};

/**
 * Runs one command as a whole Node process; returns wall ms, CPU ms and peak RSS in MB (read
 * inside the process by usage.cjs, so GNU time need not be installed). `usageFile` is scratch;
 * `env` is added to this process's environment.
 */
export function measure(args, cwd, usageFile, env = {}) {
  return new Promise((resolve, reject) => {
    writeFileSync(usageFile, '');
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--require', path.join(here, 'usage.cjs'), ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env, SYNDICATE_BENCH_USAGE: usageFile },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}\n${stderr}`));
      const usage = JSON.parse(readFileSync(usageFile, 'utf8').trim().split('\n').at(-1));
      resolve({ wallMs, cpuMs: usage.cpuMs, peakMb: usage.maxRssKb / 1024 });
    });
  });
}

/** Medians of samples from measure(). */
export function summary(samples) {
  return {
    wallMs: Math.round(median(samples.map((s) => s.wallMs))),
    cpuMs: Math.round(median(samples.map((s) => s.cpuMs))),
    peakMb: Math.round(median(samples.map((s) => s.peakMb))),
    runs: samples.length,
  };
}

/**
 * A site folder as a publisher has it, under `work`; with `cache`, it has node_modules/ and so
 * the caches. Returns it and the arguments that build `corpus` into its dist/ with `cli`.
 */
export function siteFolder(work, name, corpus, feeds, cache, cli) {
  const dir = path.join(work, name);
  mkdirSync(cache ? path.join(dir, 'node_modules') : dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'syndicate.config.json'),
    JSON.stringify({ site: { url: 'https://bench.example.org/', title: 'Bench', timezone: 'Europe/Paris' }, feeds }),
  );
  return { dir, args: [cli, 'build', '--articles', corpus, '--out', path.join(dir, 'dist'), '--now', '2026-01-01'] };
}

/**
 * A fresh checkout of the git repository `repo` in `dir`, as actions/checkout makes one for a CI
 * job: every file written anew, so with new times, and an index written by the checkout that knows
 * them. Its objects are those of `repo`: pack them once with packRepository, as a fetch packs them.
 */
export function freshCheckout(repo, dir) {
  rmSync(dir, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', repo, dir]);
}

/** Packs the objects of `repo` (the corpus generator leaves them loose, which git reads twice as slowly). */
export function packRepository(repo) {
  execFileSync('git', ['repack', '-adq'], { cwd: repo });
}

/**
 * A local server of the JSON feeds kept with keep(name, file), at `${url}/${name}.json` (404 before
 * any): the published feed a build with `--previous URL` reads, as the publish workflow runs it.
 */
export async function servePublished(dir) {
  mkdirSync(dir, { recursive: true });
  const server = createServer((req, res) => {
    const file = path.join(dir, path.basename(req.url ?? ''));
    if (!existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/feed+json' }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    keep: (name, file) => existsSync(file) && copyFileSync(file, path.join(dir, `${name}.json`)),
    close: () => server.close(),
  };
}
