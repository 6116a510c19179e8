/** Real temporary project folders and real runs of the compiled CLI. */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'lib/cli.js');

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export const BASE_CONFIG = {
  site: {
    url: 'https://example.com/blog/',
    title: 'Example',
    description: 'An example site',
    language: 'en',
    timezone: 'Europe/Paris',
    author: { name: 'Site Author', email: 'author@example.com' },
  },
};

/** An empty temporary folder, removed after the test file. */
export function tempDir(prefix = 'syndicate-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A temporary folder with `articles/` filled from `files` and a config (none for null); removed after the test. */
export function makeProject(files: Record<string, string | Uint8Array>, config: unknown = BASE_CONFIG): string {
  const dir = tempDir();
  if (config !== null) writeFileSync(path.join(dir, 'syndicate.config.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  mkdirSync(path.join(dir, 'articles'), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, 'articles', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** What the CLI reads from its environment, unset so that tests behave alike in CI and out of it. */
const CLEAN_ENV = { SOURCE_DATE_EPOCH: undefined, CI: undefined, GITHUB_ACTIONS: undefined, SYNDICATE_THREADS_FROM: undefined };

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; with `openFiles`, under that limit of open files (`ulimit -n`), as a constrained machine has it. */
export function runCli(cwd: string, args: string[], env: Record<string, string | undefined> = {}, { openFiles }: { openFiles?: number } = {}): Run {
  const command = [process.execPath, CLI, ...args];
  const [file, ...rest] = openFiles === undefined ? command : ['bash', '-c', `ulimit -n ${openFiles} && exec "$0" "$@"`, ...command];
  const result = spawnSync(file!, rest, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...CLEAN_ENV, ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like runCli, without blocking this process: for tests that serve something the CLI fetches. */
export function runCliAsync(cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...CLEAN_ENV }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

/** The build command with a fixed reference time, so tests do not depend on the clock. */
export function buildCli(cwd: string, args: string[] = [], env: Record<string, string | undefined> = {}): Run {
  return runCli(cwd, ['build', '--now', '2030-01-01T00:00:00Z', ...args], env);
}

/**
 * Removes the plans kept by the last builds (src/rebuild/kept-records.ts), so that the next build reads its
 * articles through the caches under test instead of only those that changed.
 */
export function forgetKeptPlans(dir: string): void {
  const stamps = path.join(dir, 'node_modules/.cache/syndicate/stamps');
  for (const f of existsSync(stamps) ? readdirSync(stamps) : []) if (f.endsWith('.plan.json')) rmSync(path.join(stamps, f));
}

export function readOut(dir: string, name: string): string {
  return readFileSync(path.join(dir, 'dist', name), 'utf8');
}

/** Every file under `dir` with its bytes and mtime, to prove that nothing changed. */
export function snapshot(dir: string): Record<string, { bytes: string; mtimeMs: number }> {
  const out: Record<string, { bytes: string; mtimeMs: number }> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = { bytes: readFileSync(p).toString('base64'), mtimeMs: statSync(p).mtimeMs };
    }
  };
  walk(dir);
  return out;
}

/** What a build run in this process reports (the compiled library's BuildResult). */
export type BuildReport = import('../../src/output/result.js').BuildResult;

/**
 * A build run in this process by the compiled library, as `syndicate build --now 2030-01-01` runs
 * it with these options, without printing: for tests that build many times over, where starting a
 * process for each build was most of their time.
 */
export async function buildHere(
  cwd: string,
  { out = 'dist', cache = true, ci = false, previous, now = '2030-01-01T00:00:00Z', threadsFrom }: { out?: string; cache?: boolean; ci?: boolean; previous?: string; now?: string; threadsFrom?: number } = {},
): Promise<BuildReport> {
  const { runBuild } = (await import(path.join(ROOT, 'lib/commands/build.js'))) as typeof import('../../src/commands/build.js');
  return runBuild({ cwd, articles: 'articles', out, config: 'syndicate.config.json', now, previous, strict: false, keepGoing: false, ci, write: true, cache, stamped: cache, threadsFrom });
}

/**
 * The CLI run in this process, through the compiled library's main(): the same commands, flags,
 * output and exit code as runCli, without starting a process (a third of a second each). For
 * tests where the process itself does not matter; runCli where it does (signals, concurrent
 * processes, the environment of a real run).
 */
export async function runHere(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const { main } = (await import(path.join(ROOT, 'lib/cli.js'))) as typeof import('../../src/cli.js');
  const saved = { ...process.env };
  const out: string[] = [];
  const err: string[] = [];
  const [write, writeErr] = [process.stdout.write, process.stderr.write];
  for (const [key, value] of Object.entries({ ...CLEAN_ENV, ...env })) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const code = await main(args, cwd);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

/** The build command run in this process (runHere), with the fixed reference time of buildCli. */
export function buildHereCli(cwd: string, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<Run> {
  return runHere(cwd, ['build', '--now', '2030-01-01T00:00:00Z', ...args], env);
}
