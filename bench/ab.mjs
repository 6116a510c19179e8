#!/usr/bin/env node
// A/B benchmark: this checkout's CLI against another build of syndicate (another checkout or
// worktree, built with `npm run build`), on one corpus, the two run alternately (A B, then B A,
// ...), so that the drift of the machine between time windows, 20-30% here, falls on both alike.
//
//   node bench/ab.mjs --other DIR --corpus DIR [--only a-cold,a-warm,b-cold,b-warm,c,d,d-ci,d-push,d-publish] [--runs 5]
//
// Scenarios as in run.mjs: a archive, b typical site (cold: no caches; warm: caches filled, output
// emptied before each run), c rebuild with nothing changed, d rebuild after one article changed
// (appends a line to an article of the corpus before each pair of runs), d-ci the same as in CI
// (every article given new times too, as a fresh checkout does; output emptied; CI=true), d-push
// a push as CI builds it (the corpus must be a git repository: the edit is committed, and both
// build a fresh clone of it, as in CI; its objects are packed first, as a fetch packs them; the
// dates come from git where the frontmatter has none), d-publish that push built as the
// publish workflow builds it, with --previous the URL of the feed the last build published
// (served here). Prints the medians of
// both and their ratio, and writes them to bench/results/ab-latest.json and to a file named for
// the two commits and the time.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIO_FEEDS, freshCheckout, measure, options, packRepository, servePublished, siteFolder, summary } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = 'usage: node bench/ab.mjs --other DIR --corpus DIR [--only a-cold,a-warm,b-cold,b-warm,c,d,d-ci,d-push,d-publish] [--runs 5]';
const values = options(
  {
    other: { type: 'string' },
    corpus: { type: 'string' },
    only: { type: 'string', default: 'a-cold,a-warm,b-warm,c,d' },
    runs: { type: 'string', default: '5' },
  },
  USAGE,
);
if (!values.other || !values.corpus) {
  console.error(USAGE);
  process.exit(2);
}
const corpus = path.resolve(values.corpus);
const builds = { this: path.resolve(here, '..'), other: path.resolve(values.other) };
const commitOf = (dir) => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};
const work = mkdtempSync(path.join(tmpdir(), 'syndicate-ab-'));
const usageFile = path.join(work, 'usage.jsonl');
const files = readdirSync(corpus, { recursive: true }).filter((f) => String(f).endsWith('.md')).sort();
const FEEDS = { a: SCENARIO_FEEDS.archive, b: SCENARIO_FEEDS.typical, c: SCENARIO_FEEDS.rebuild, d: SCENARIO_FEEDS.rebuild };

// The feeds as the last build of each site published them, served for d-publish (404 before any).
const published = await servePublished(path.join(work, 'published'));
const results = { date: new Date().toISOString(), corpus, articles: files.length, this: commitOf(builds.this), other: commitOf(builds.other), scenarios: {} };
for (const scenario of values.only.split(',')) {
  const [kind, temperature] = scenario.split('-');
  const cold = temperature === 'cold';
  // d-ci: as in CI, every file with new times, the caches restored, the output empty, CI=true.
  // d-push and d-publish build a fresh checkout of the corpus after each commit, as CI does.
  const pushed = scenario === 'd-push' || scenario === 'd-publish';
  const checkout = path.join(work, 'checkout');
  const sites = Object.fromEntries(
    Object.entries(builds).map(([name, dir]) => [name, siteFolder(work, `${scenario}-${name}`, pushed ? checkout : corpus, FEEDS[kind], !cold, path.join(dir, 'lib/cli.js'))]),
  );
  if (pushed) {
    packRepository(corpus);
    freshCheckout(corpus, checkout);
  }
  if (scenario === 'd-publish') for (const [name, site] of Object.entries(sites)) site.args.push('--previous', `${published.url}/${name}.json`);
  const inCi = scenario === 'd-ci' || pushed;
  const env = inCi ? { CI: 'true' } : {};
  const emptyOutput = kind === 'a' || kind === 'b' || inCi;
  // A first build of each: fills the caches (and, for c and d, the output and the stamp).
  for (const [name, site] of Object.entries(sites)) {
    await measure(site.args, site.dir, usageFile, env);
    published.keep(name, path.join(site.dir, 'dist', 'feed.json'));
  }
  const samples = { this: [], other: [] };
  for (let i = 0; i < Number(values.runs); i++) {
    if (inCi && !pushed) {
      const now = new Date();
      for (const f of files) utimesSync(path.join(corpus, String(f)), now, now);
    }
    if (kind === 'd') appendFileSync(path.join(corpus, String(files[(i * 7919) % files.length])), `\nAn A/B edit, number ${i}.\n`);
    if (pushed) {
      execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', 'commit', '-qam', `An A/B edit, number ${i}`], { cwd: corpus });
      freshCheckout(corpus, checkout);
    }
    for (const name of i % 2 === 0 ? ['other', 'this'] : ['this', 'other']) {
      if (emptyOutput) rmSync(path.join(sites[name].dir, 'dist'), { recursive: true, force: true });
      samples[name].push(await measure(sites[name].args, sites[name].dir, usageFile, env));
      published.keep(name, path.join(sites[name].dir, 'dist', 'feed.json'));
    }
  }
  const r = { this: summary(samples.this), other: summary(samples.other) };
  results.scenarios[scenario] = r;
  console.log(
    `${scenario.padEnd(7)} other ${String(r.other.wallMs).padStart(6)} ms (cpu ${String(r.other.cpuMs).padStart(6)}, ${String(r.other.peakMb).padStart(4)} MB)` +
      `   this ${String(r.this.wallMs).padStart(6)} ms (cpu ${String(r.this.cpuMs).padStart(6)}, ${String(r.this.peakMb).padStart(4)} MB)   ${(r.other.wallMs / r.this.wallMs).toFixed(2)}x`,
  );
}
mkdirSync(path.join(here, 'results'), { recursive: true });
const json = `${JSON.stringify(results, null, 2)}\n`;
writeFileSync(path.join(here, 'results', 'ab-latest.json'), json);
// Kept under its own name as well, so the next A/B run does not replace it.
const stamp = results.date.replace(/[:.]/g, '-');
writeFileSync(path.join(here, 'results', `ab-${results.other}-vs-${results.this}-${stamp}.json`), json);
published.close();
rmSync(work, { recursive: true, force: true });
