#!/usr/bin/env node
// Benchmark: resolving git dates for every article of a corpus, in one pass.
//
//   node bench/git-dates.mjs [--corpus DIR] [--count N] [--runs R] [--sample S]
//
// Without --corpus, generates a --git corpus of N articles (default 10,000) with
// ../shared/bench/make-corpus.mjs into a temporary folder. Measures, in this one process:
//   ours      readGitHistory() over the whole folder (one git rev-parse + one git log), median of R runs
//   cached    the same at a commit whose log the cache folder already holds (a rebuild after an
//             edit not yet committed): one git rev-parse, the log read from the cache
//   cloned    the same on a clone of the corpus: the generator leaves every object loose, a
//             clone (as CI checks out) has them packed, which git reads faster
//   next      on that clone, at a new commit (one article edited) whose parent's log the cache
//             folder holds, as in CI after a push with the caches restored: only the new commit
//             is read from git
//   baseline  what a per-file tool does: `git log -1 --format=%aI -- FILE` and
//             `git log --diff-filter=A --follow --format=%aI -- FILE` for S sampled files, timed and
//             scaled to every file
// and prints both, their ratio, and a JSON line for comparing commits.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, options } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const values = options(
  {
    corpus: { type: 'string' },
    count: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
    sample: { type: 'string', default: '100' },
  },
  'usage: node bench/git-dates.mjs [--corpus DIR] [--count 10000] [--runs 5] [--sample 100]',
);
const { readGitHistory } = await import(path.join(here, '../lib/time/git.js'));

let corpus = values.corpus;
let made;
if (!corpus) {
  made = mkdtempSync(path.join(tmpdir(), 'syndicate-bench-git-'));
  corpus = path.join(made, 'corpus');
  const generator = path.resolve(here, '../../shared/bench/make-corpus.mjs');
  console.error(`generating ${values.count} articles with git history in ${corpus} ...`);
  execFileSync(process.execPath, [generator, '--out', corpus, '--count', values.count, '--git'], { stdio: 'inherit' });
}

function listArticles(dir, rel = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('.')) return [];
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return listArticles(path.join(dir, e.name), r);
    return e.name.endsWith('.md') ? [r] : [];
  });
}

const files = listArticles(corpus).sort();

const ours = [];
let history;
for (let i = 0; i < Number(values.runs); i++) {
  const start = process.hrtime.bigint();
  history = await readGitHistory(corpus, files);
  ours.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const dated = [...history.files.values()].filter((d) => d.added).length;

const cacheDir = mkdtempSync(path.join(tmpdir(), 'syndicate-bench-git-cache-'));
await readGitHistory(corpus, files, cacheDir);
const cached = [];
for (let i = 0; i < Number(values.runs); i++) {
  const start = process.hrtime.bigint();
  const again = await readGitHistory(corpus, files, cacheDir);
  cached.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (JSON.stringify([...again.files]) !== JSON.stringify([...history.files])) throw new Error('the cached log gave other dates');
}
rmSync(cacheDir, { recursive: true, force: true });

const cloneParent = mkdtempSync(path.join(tmpdir(), 'syndicate-bench-git-clone-'));
const clone = path.join(cloneParent, 'corpus');
execFileSync('git', ['clone', '-q', '--no-local', corpus, clone]);
const cloned = [];
for (let i = 0; i < Number(values.runs); i++) {
  const start = process.hrtime.bigint();
  await readGitHistory(clone, files);
  cloned.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const nextCache = mkdtempSync(path.join(tmpdir(), 'syndicate-bench-git-cache-'));
await readGitHistory(clone, files, nextCache);
const next = [];
const gitIn = (args) => execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: clone });
for (let i = 0; i < Number(values.runs); i++) {
  appendFileSync(path.join(clone, files[(i * 7919) % files.length]), `\nA pushed edit, number ${i}.\n`);
  gitIn(['commit', '-q', '-am', `edit ${i}`]);
  const start = process.hrtime.bigint();
  const incremental = await readGitHistory(clone, files, nextCache);
  next.push(Number(process.hrtime.bigint() - start) / 1e6);
  const whole = await readGitHistory(clone, files);
  if (JSON.stringify([...incremental.files]) !== JSON.stringify([...whole.files])) throw new Error('the log read on top of the kept one gave other dates');
}
rmSync(nextCache, { recursive: true, force: true });
rmSync(cloneParent, { recursive: true, force: true });

const step = Math.max(1, Math.floor(files.length / Number(values.sample)));
const sample = files.filter((_, i) => i % step === 0).slice(0, Number(values.sample));
const start = process.hrtime.bigint();
for (const f of sample) {
  execFileSync('git', ['log', '-1', '--format=%aI', '--', f], { cwd: corpus });
  execFileSync('git', ['log', '--diff-filter=A', '--follow', '--format=%aI', '--', f], { cwd: corpus });
}
const perFileMs = Number(process.hrtime.bigint() - start) / 1e6 / sample.length;
const baselineMs = perFileMs * files.length;

const result = {
  benchmark: 'git-dates',
  articles: files.length,
  commits: history.commits,
  dated,
  oursMedianMs: Math.round(ours[0] === undefined ? 0 : median(ours)),
  runs: ours.length,
  oursCachedMedianMs: Math.round(median(cached)),
  oursClonedMedianMs: Math.round(median(cloned)),
  oursNextCommitMedianMs: Math.round(median(next)),
  baselinePerFileMs: Math.round(perFileMs * 10) / 10,
  baselineScaledMs: Math.round(baselineMs),
  speedup: Math.round((baselineMs / median(ours)) * 10) / 10,
};
console.log(`${files.length} articles, ${history.commits} commits, ${dated} dated by git`);
console.log(`one pass (ours):      median ${result.oursMedianMs} ms over ${ours.length} runs`);
console.log(`same commit, cached:  median ${result.oursCachedMedianMs} ms over ${cached.length} runs`);
console.log(`on a packed clone:    median ${result.oursClonedMedianMs} ms over ${cloned.length} runs`);
console.log(`next commit, cached:  median ${result.oursNextCommitMedianMs} ms over ${next.length} runs (the parent's log from the cache)`);
console.log(`per-file git calls:   ${result.baselinePerFileMs} ms a file (sample of ${sample.length}), ${(baselineMs / 1000).toFixed(1)} s for all`);
console.log(`ratio:                ${result.speedup}x faster`);
console.log(JSON.stringify(result));
if (made) rmSync(made, { recursive: true, force: true });
