#!/usr/bin/env node
// The benchmark: `npm run bench`. Generates corpora with ../shared/bench/make-corpus.mjs into a
// temporary folder (or uses --corpus DIR), runs each scenario several times as a whole CLI
// process, and prints the median wall time, CPU time and peak memory, with the ratio to a
// baseline run in this same script (bench/baseline.mjs: gray-matter + marked + the `feed` package,
// run with each scenario's feeds; having no cache, it does the same work for a rebuild).
//
//   node bench/run.mjs [--sizes 1000,10000] [--large] [--runs 3] [--corpus DIR] [--only a,c,d,e]
//
// Scenarios:
//   a  archive: every item, full content, RSS + Atom + JSON (baseline: the same with `feed`)
//   b  a typical site: main feeds plus per-tag feeds of 50 items each, cold and warm (baseline:
//      the same feeds with `feed`)
//   c  rebuild with nothing changed: also checks that no file in the output was rewritten
//   d  rebuild after one article changed (also after one published, one changed as in CI, and,
//      with e, in a git repository, and a push of one edit built as in CI, without and with
//      --previous the URL of the feed published last)
//   e  resolving git dates for every article of a --git corpus, in one pass (baseline: one
//      `git log` per file, timed on a sample)
//   c and d have the script writing the main feeds of 50 items as their baseline.
// Results are also written as JSON to bench/results/latest.json.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIO_FEEDS, freshCheckout, measure as measureProcess, options, packRepository, servePublished, siteFolder as siteFolderIn, summary } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const values = options(
  {
    sizes: { type: 'string', default: '1000,10000' },
    large: { type: 'boolean' },
    runs: { type: 'string', default: '3' },
    corpus: { type: 'string' },
    only: { type: 'string', default: 'a,b,c,d,e' },
  },
  'usage: node bench/run.mjs [--sizes 1000,10000] [--large] [--runs 3] [--corpus DIR] [--only a,b,c,d,e]   (npm run bench)',
);
const runs = Number(values.runs);
const only = new Set(values.only.split(','));
const work = mkdtempSync(path.join(tmpdir(), 'syndicate-bench-'));
const usageFile = path.join(work, 'usage.jsonl');
const generator = path.resolve(root, '../shared/bench/make-corpus.mjs');
const cli = path.join(root, 'lib/cli.js');

const measure = (args, cwd, env) => measureProcess(args, cwd, usageFile, env);
const siteFolder = (name, corpus, feeds, cache) => siteFolderIn(work, name, corpus, feeds, cache, cli);

async function repeat(n, fn) {
  const samples = [];
  for (let i = 0; i < n; i++) samples.push(await fn(i));
  return summary(samples);
}

function makeCorpus(count, git) {
  const dir = path.join(work, `corpus-${count}${git ? '-git' : ''}`);
  console.error(`generating ${count} articles${git ? ' with git history' : ''} ...`);
  execFileSync(process.execPath, [generator, '--out', dir, '--count', String(count), ...(git ? ['--git'] : [])], { stdio: ['ignore', 'ignore', 'inherit'] });
  return dir;
}

function mtimes(dir) {
  return readdirSync(dir).map((f) => `${f}:${statSync(path.join(dir, f)).mtimeMs}`).join(',');
}

// The commit measured, so results can be compared between commits (none outside a git checkout).
let commit = null;
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
} catch {
  // not a git checkout
}
const results = { commit, date: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, corpora: [] };
// How many times faster than `base` a scenario's median `r` ran.
const speedup = (base, r) => base.wallMs / r.wallMs;
const print = (label, r, base) =>
  console.log(
    `  ${label.padEnd(34)} wall ${String(r.wallMs).padStart(6)} ms  cpu ${String(r.cpuMs).padStart(6)} ms  peak ${String(r.peakMb).padStart(5)} MB` +
      (base ? `   ${speedup(base, r).toFixed(2)}x faster, ${(r.peakMb / base.peakMb).toFixed(2)}x the memory` : ''),
  );

const sizes = values.corpus ? [0] : [...values.sizes.split(',').map(Number), ...(values.large ? [100000] : [])];
for (const size of sizes) {
  const corpus = values.corpus ?? makeCorpus(size, false);
  const count = size || readdirSync(corpus, { recursive: true }).filter((f) => String(f).endsWith('.md')).length;
  const entry = { articles: count, scenarios: {} };
  results.corpora.push(entry);
  console.log(`\n${count} articles (median of ${runs} runs each)`);
  // The floor of any CLI run on this machine in this time window: Node starting and exiting.
  entry.nodeStart = await repeat(runs, () => measure(['-e', '0'], work));
  print('node -e 0 (the floor of any run)', entry.nodeStart);

  // The hand-written script with a scenario's feeds, its output folder emptied before each run as ours is.
  const baselineOf = (name, limit, tags = false) => {
    const out = path.join(work, `baseline-${name}-${count}`);
    return repeat(runs, () => {
      rmSync(out, { recursive: true, force: true });
      return measure([path.join(here, 'baseline.mjs'), corpus, out, String(limit), ...(tags ? ['--tags'] : [])], work);
    });
  };
  // The baseline of (c) and (d): with no cache, a rebuild is the whole script again.
  const rebuildBaseline = only.has('c') || only.has('d') ? await baselineOf('rebuild', 50) : undefined;
  if (rebuildBaseline) print('c d  baseline (main feeds by hand)', rebuildBaseline);

  if (only.has('a')) {
    // Cold: no cache folder and an empty output folder at every run.
    const cold = siteFolder(`a-cold-${count}`, corpus, SCENARIO_FEEDS.archive, false);
    const ours = await repeat(runs, () => {
      rmSync(path.join(cold.dir, 'dist'), { recursive: true, force: true });
      return measure(cold.args, cold.dir);
    });
    // Warm: the render cache filled by one earlier build, the output folder emptied each run.
    const warm = siteFolder(`a-warm-${count}`, corpus, SCENARIO_FEEDS.archive, true);
    await measure(warm.args, warm.dir);
    const oursWarm = await repeat(runs, () => {
      rmSync(path.join(warm.dir, 'dist'), { recursive: true, force: true });
      return measure(warm.args, warm.dir);
    });
    const baseline = await baselineOf('archive', 0);
    print('a  baseline (gray-matter+marked+feed)', baseline);
    print('a  archive, cold', ours, baseline);
    print('a  archive, caches warm', oursWarm, baseline);
    entry.scenarios.a = {
      ours,
      oursWarm,
      baseline,
      speedup: speedup(baseline, ours),
      speedupWarm: speedup(baseline, oursWarm),
      memoryRatio: ours.peakMb / baseline.peakMb,
    };
  }
  if (only.has('b')) {
    const site = siteFolder(`b-${count}`, corpus, SCENARIO_FEEDS.typical, false);
    const ours = await repeat(runs, () => {
      rmSync(path.join(site.dir, 'dist'), { recursive: true, force: true });
      return measure(site.args, site.dir);
    });
    const tags = readdirSync(path.join(site.dir, 'dist', 'tags')).length;
    // Caches restored (as actions/cache does in CI), the output folder empty: no stamp can answer.
    const warm = siteFolder(`b-warm-${count}`, corpus, SCENARIO_FEEDS.typical, true);
    await measure(warm.args, warm.dir);
    const oursWarm = await repeat(runs, () => {
      rmSync(path.join(warm.dir, 'dist'), { recursive: true, force: true });
      return measure(warm.args, warm.dir);
    });
    const baseline = await baselineOf('typical', 50, true);
    print('b  baseline (the same, by hand)', baseline);
    print(`b  main + ${tags} tag feeds of 50, cold`, ours, baseline);
    print(`b  the same, caches warm, output empty`, oursWarm, baseline);
    entry.scenarios.b = { ours, oursWarm, baseline, speedup: speedup(baseline, ours), speedupWarm: speedup(baseline, oursWarm), tagFeeds: tags };
  }
  if (only.has('c') || only.has('d')) {
    const site = siteFolder(`cd-${count}`, corpus, SCENARIO_FEEDS.rebuild, true);
    await measure(site.args, site.dir);
    if (only.has('c')) {
      const before = mtimes(path.join(site.dir, 'dist'));
      const ours = await repeat(runs, () => measure(site.args, site.dir));
      const untouched = mtimes(path.join(site.dir, 'dist')) === before;
      print('c  rebuild, nothing changed', ours, rebuildBaseline);
      console.log(`     output files rewritten: ${untouched ? 'none' : 'SOME (a regression)'}`);
      entry.scenarios.c = { ours, baseline: rebuildBaseline, speedup: speedup(rebuildBaseline, ours), outputUntouched: untouched };
    }
    if (only.has('d')) {
      const files = readdirSync(corpus, { recursive: true }).filter((f) => String(f).endsWith('.md')).sort();
      const ours = await repeat(runs, (i) => {
        appendFileSync(path.join(corpus, String(files[(i * 7919) % files.length])), `\nAn edit, number ${i}.\n`);
        return measure(site.args, site.dir);
      });
      print('d  rebuild, one article changed', ours, rebuildBaseline);
      // An article published: a new file, newer than every other, so it tops the feeds (the last
      // build's plan takes it in, see src/rebuild/kept-plan.ts).
      const added = [];
      const published = await repeat(runs, (i) => {
        const file = path.join(corpus, `bench-published-${i}.md`);
        added.push(file);
        writeFileSync(file, `---\ntitle: Published number ${i}\ndate: 2025-12-31T12:${String(i).padStart(2, '0')}:00Z\ntags: [news]\n---\nA new article, number ${i}.\n`);
        return measure(site.args, site.dir);
      });
      for (const file of added) rmSync(file);
      print('d  rebuild, one article published', published, rebuildBaseline);
      // As in CI: a fresh checkout gives every file new times, the caches come back from
      // actions/cache, the output folder is empty, one article changed, and CI=true (as GitHub
      // Actions sets it).
      const inCi = await repeat(runs, (i) => {
        const now = new Date();
        for (const f of files) utimesSync(path.join(corpus, String(f)), now, now);
        appendFileSync(path.join(corpus, String(files[(i * 104729) % files.length])), `\nAn edit in CI, number ${i}.\n`);
        rmSync(path.join(site.dir, 'dist'), { recursive: true, force: true });
        return measure(site.args, site.dir, { CI: 'true' });
      });
      print('d  the same in CI: new checkout, caches', inCi, rebuildBaseline);
      entry.scenarios.d = {
        ours,
        published,
        inCi,
        baseline: rebuildBaseline,
        speedup: speedup(rebuildBaseline, ours),
        speedupPublished: speedup(rebuildBaseline, published),
        speedupInCi: speedup(rebuildBaseline, inCi),
      };
    }
  }
  if (only.has('e') && !values.corpus) {
    const gitCorpus = makeCorpus(size, true);
    const out = execFileSync(process.execPath, [path.join(here, 'git-dates.mjs'), '--corpus', gitCorpus, '--runs', String(runs), '--sample', '30'], { encoding: 'utf8' });
    const json = JSON.parse(out.trim().split('\n').at(-1));
    console.log(`  e  git dates, one pass              median ${json.oursMedianMs} ms for ${json.articles} files (${json.commits} commits); per-file git calls would take ${(json.baselineScaledMs / 1000).toFixed(0)} s (${json.speedup}x)`);
    console.log(`     on a packed clone (as CI checks out) ${json.oursClonedMedianMs} ms; at a commit already read, from the cache, ${json.oursCachedMedianMs} ms`);
    console.log(`     at a new commit on that clone, its parent's log in the cache (CI after a push) ${json.oursNextCommitMedianMs} ms`);
    entry.scenarios.e = json;
    if (only.has('d')) {
      // (d) where articles live in git, as most publishers' do: an article edited and not yet
      // committed, so the history is the one the last build read.
      const site = siteFolder(`d-git-${count}`, gitCorpus, SCENARIO_FEEDS.rebuild, true);
      await measure(site.args, site.dir);
      const files = readdirSync(gitCorpus, { recursive: true }).filter((f) => String(f).endsWith('.md')).sort();
      const ours = await repeat(runs, (i) => {
        appendFileSync(path.join(gitCorpus, String(files[(i * 7919) % files.length])), `\nAn edit, number ${i}.\n`);
        return measure(site.args, site.dir);
      });
      // Against the script on the corpus without git: the same generator, the same work.
      print('d  the same in a git repository', ours, rebuildBaseline);
      // A push as CI builds it: an article edited and committed (its git date of change moves), a
      // fresh checkout of the repository (every file with new times, and an index that knows
      // them), the caches of the last CI build restored, the output folder empty, CI=true.
      packRepository(gitCorpus);
      const checkout = path.join(work, `checkout-${count}`);
      const pushes = async (site, step, before = () => {}) => {
        freshCheckout(gitCorpus, checkout);
        await measure(site.args, site.dir, { CI: 'true' });
        return repeat(runs, (i) => {
          before();
          appendFileSync(path.join(gitCorpus, String(files[(i * step) % files.length])), `\nA pushed edit, number ${i}.\n`);
          execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', 'commit', '-qam', `A pushed edit, number ${i}`], { cwd: gitCorpus });
          freshCheckout(gitCorpus, checkout);
          rmSync(path.join(site.dir, 'dist'), { recursive: true, force: true });
          return measure(site.args, site.dir, { CI: 'true' });
        });
      };
      const pushed = await pushes(siteFolder(`d-push-${count}`, checkout, SCENARIO_FEEDS.rebuild, true), 104729);
      print('d  a push, built as in CI', pushed, rebuildBaseline);
      // The same push built as the publish workflow builds it: --previous, the URL of the feed the
      // last build published (served here from a copy of it).
      const served = await servePublished(path.join(work, 'published'));
      const pub = siteFolder(`d-publish-${count}`, checkout, SCENARIO_FEEDS.rebuild, true);
      pub.args.push('--previous', `${served.url}/feed.json`);
      const viaPublished = await pushes(pub, 15485863, () => served.keep('feed', path.join(pub.dir, 'dist', 'feed.json')));
      served.close();
      print('d  the same, with --previous URL', viaPublished, rebuildBaseline);
      entry.scenarios.dGit = {
        ours,
        pushed,
        viaPublished,
        speedup: speedup(rebuildBaseline, ours),
        speedupPushed: speedup(rebuildBaseline, pushed),
        speedupViaPublished: speedup(rebuildBaseline, viaPublished),
      };
    }
    rmSync(gitCorpus, { recursive: true, force: true });
  }
  if (!values.corpus) rmSync(corpus, { recursive: true, force: true });
}

mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nresults: ${path.relative(process.cwd(), path.join(here, 'results', 'latest.json'))}`);
rmSync(work, { recursive: true, force: true });
