#!/usr/bin/env node
// Other feed generators on one corpus, in one run: syndicate's scenario (a) cold (every item with
// full content, RSS + Atom + JSON Feed, no cache), Hugo (an RSS feed of every page with its full
// content), Eleventy 3 with its feed plugin (an Atom feed of every page; Eleventy also writes each
// page, as it cannot give a page a URL without writing it) and bench/baseline.mjs, the script by
// hand, each as a whole process, alternated run after run so that the machine's drift falls on all
// alike. Drafts are left out by all four.
//
//   node bench/others.mjs --corpus DIR [--runs 3]
//
// Hugo comes from the system (`apt-get install hugo`: Debian 12 has 0.111.3); without it, it is
// left out. Eleventy is installed with npm into a temporary folder, at the versions pinned below.
// Peak memory is read with GNU time (`apt-get install time`); without it, only times are given.
// Results are printed and written to bench/results/others-latest.json.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIO_FEEDS, median, options, siteFolder } from './harness.mjs';

const ELEVENTY = ['@11ty/eleventy@3.1.8', '@11ty/eleventy-plugin-rss@2.0.4'];

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = 'usage: node bench/others.mjs --corpus DIR [--runs 3]';
const values = options({ corpus: { type: 'string' }, runs: { type: 'string', default: '3' } }, USAGE);
if (!values.corpus) {
  console.error(USAGE);
  process.exit(2);
}
const corpus = path.resolve(values.corpus);
const work = mkdtempSync(path.join(tmpdir(), 'syndicate-others-'));
const has = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs `command` in `cwd` with its output folder `out` emptied first; wall ms, and peak MB when GNU time is there. */
function measure(command, args, cwd, out) {
  rmSync(out, { recursive: true, force: true });
  const usage = path.join(work, 'usage.txt');
  const [file, rest] = gnuTime ? [gnuTime, ['-f', '%M', '-o', usage, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(file, rest, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${stderr}`));
      resolve({ wallMs, peakMb: gnuTime ? Number(readFileSync(usage, 'utf8').trim().split('\n').at(-1)) / 1024 : undefined });
    });
  });
}

const tools = {};
const cli = path.join(here, '..', 'lib', 'cli.js');
const site = siteFolder(work, 'syndicate', corpus, SCENARIO_FEEDS.archive, false, cli);
tools['syndicate (a) cold: RSS + Atom + JSON Feed'] = () => measure(process.execPath, site.args, site.dir, path.join(site.dir, 'dist'));
const baselineOut = path.join(work, 'baseline-out');
tools['script by hand: RSS + Atom + JSON Feed'] = () => measure(process.execPath, [path.join(here, 'baseline.mjs'), corpus, baselineOut, '0'], work, baselineOut);

if (has('hugo')) {
  const dir = path.join(work, 'hugo');
  mkdirSync(path.join(dir, 'layouts', '_default'), { recursive: true });
  // Pages are listed but not rendered to HTML of their own: only the home page's RSS is written.
  writeFileSync(
    path.join(dir, 'config.toml'),
    `baseURL = "https://bench.example.org/"\ntitle = "Bench"\ncontentDir = ${JSON.stringify(corpus)}\n` +
      'disableKinds = ["taxonomy", "term", "section", "sitemap", "robotsTXT", "404"]\n[outputs]\nhome = ["RSS"]\n[services.rss]\nlimit = -1\n' +
      '[markup.goldmark.renderer]\nunsafe = true\n[[cascade]]\n[cascade._build]\nrender = "never"\nlist = "always"\n[cascade._target]\nkind = "page"\n',
  );
  writeFileSync(
    path.join(dir, 'layouts', '_default', 'rss.xml'),
    '<rss version="2.0"><channel><title>{{ .Site.Title }}</title><link>{{ .Permalink }}</link><description>Bench</description>\n' +
      '{{ range .Site.RegularPages }}<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link><pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate><guid>{{ .Permalink }}</guid><description>{{ .Content | html }}</description></item>\n' +
      '{{ end }}</channel></rss>\n',
  );
  const version = execFileSync('hugo', ['version'], { encoding: 'utf8' }).split(' ')[1];
  tools[`Hugo ${version}: RSS`] = () => measure('hugo', ['--quiet', '--destination', 'public'], dir, path.join(dir, 'public'));
} else console.error('hugo is not installed (apt-get install hugo): left out');

const eleventy = path.join(work, 'eleventy');
mkdirSync(eleventy, { recursive: true });
writeFileSync(path.join(eleventy, 'package.json'), '{"private": true}\n');
console.error(`installing ${ELEVENTY.join(' ')} ...`);
execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', ...ELEVENTY], { cwd: eleventy, stdio: ['ignore', 'ignore', 'inherit'] });
writeFileSync(
  path.join(eleventy, 'eleventy.config.mjs'),
  `import { feedPlugin } from '@11ty/eleventy-plugin-rss';
export default function (config) {
  // The corpus writes dates in several forms: JavaScript's Date reads those Eleventy's own parser does not.
  config.addDateParsing((value) => (typeof value === 'string' ? new Date(value) : value));
  config.addPreprocessor('drafts', 'md', (data) => (data.draft ? false : undefined));
  config.addPlugin(feedPlugin, {
    type: 'atom',
    outputPath: '/feed.xml',
    collection: { name: 'all', limit: 0 },
    metadata: { language: 'en', title: 'Bench', subtitle: 'Bench', base: 'https://bench.example.org/', author: { name: 'Bench' } },
  });
}
`,
);
const eleventyBin = path.join(eleventy, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
const eleventyOut = path.join(eleventy, '_site');
tools['Eleventy 3.1.8 + feed plugin: Atom (and every page)'] = () =>
  measure(process.execPath, [eleventyBin, '--config=eleventy.config.mjs', `--input=${corpus}`, `--output=${eleventyOut}`, '--quiet'], eleventy, eleventyOut);

const samples = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
const names = Object.keys(tools);
for (let i = 0; i < Number(values.runs); i++) {
  // Each run in another order.
  const order = names.map((_, k) => names[(k + i) % names.length]);
  for (const name of order) samples[name].push(await tools[name]());
}
const results = { date: new Date().toISOString(), corpus, runs: Number(values.runs), tools: {} };
const ours = median(samples[names[0]].map((s) => s.wallMs));
console.log(`\n${corpus} (median of ${values.runs} runs each)`);
for (const name of names) {
  const wallMs = Math.round(median(samples[name].map((s) => s.wallMs)));
  const peaks = samples[name].map((s) => s.peakMb).filter((m) => m !== undefined);
  const peakMb = peaks.length > 0 ? Math.round(median(peaks)) : undefined;
  results.tools[name] = { wallMs, peakMb };
  console.log(`  ${name.padEnd(52)} wall ${String(wallMs).padStart(6)} ms${peakMb === undefined ? '' : `  peak ${String(peakMb).padStart(5)} MB`}   ${(wallMs / ours).toFixed(2)}x syndicate's time`);
}
mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results', 'others-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
