/** The commands and files publishers use in CI: check, annotations, --json, --quiet, the workflows and the action. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCli, makeProject, readOut, ROOT, runCli } from './support/project.js';

const good = '---\ntitle: Good\ndate: 2024-01-01\n---\nText.\n';
const bad = '---\ntitle: Bad, really\ndate: 2024-13-01\n---\nText.\n';

describe('syndicate check', () => {
  it('runs the whole pipeline and writes nothing', () => {
    const dir = makeProject({ 'a.md': good });
    const run = runCli(dir, ['check', '--now', '2030-01-01']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('1 article checked, 1 item in the feeds; no errors\n');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('fails with every error, and annotates the pull request in GitHub Actions', () => {
    const dir = makeProject({ 'a.md': good, 'bad.md': bad });
    const plain = runCli(dir, ['check']);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe('articles/bad.md:3: error: date: "2024-13-01" is not a real date (2024-13-01 does not exist)\ncheck failed: 1 error\n');
    expect(plain.stdout).toBe('');
    const actions = runCli(dir, ['check'], { GITHUB_ACTIONS: 'true' });
    expect(actions.stdout).toBe('::error file=articles/bad.md,line=3,title=syndicate::date: "2024-13-01" is not a real date (2024-13-01 does not exist)\n');
  });

  it('escapes what would break an annotation', () => {
    const dir = makeProject({ 'odd, name: 100%.md': '---\ntitle: x\ndate: nope\n---\n' });
    const run = runCli(dir, ['check'], { GITHUB_ACTIONS: 'true' });
    expect(run.stdout).toBe('::error file=articles/odd%2C name%3A 100%25.md,line=3,title=syndicate::date: "nope" is not a date I can read; write it as 2022-05-30, 2022-05-30T10:15, or 2022-05-30T10:15:00+02:00\n');
  });
});

describe('--json and --quiet', () => {
  it('prints the build result as JSON', () => {
    const dir = makeProject({ 'a.md': good });
    const run = buildCli(dir, ['--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ command: 'build', ok: true, articles: 1, drafts: 0, scheduled: 0, diagnostics: [] });
    expect(result.outputs.map((o: { kind: string; path: string; status: string; items?: number }) => [o.kind, o.path, o.status, o.items])).toEqual([
      ['rss', 'dist/rss.xml', 'written', 1],
      ['atom', 'dist/atom.xml', 'written', 1],
      ['json', 'dist/feed.json', 'written', 1],
      ['stylesheet', 'dist/feed.js', 'written', undefined],
      ['index', 'dist/index.html', 'written', undefined],
      ['opml', 'dist/feeds.opml', 'written', undefined],
    ]);
    const failed = JSON.parse(runCli(makeProject({ 'bad.md': bad }), ['check', '--json']).stdout);
    expect(failed).toMatchObject({ command: 'check', ok: false });
    expect(failed.diagnostics[0]).toMatchObject({ file: 'articles/bad.md', line: 3, severity: 'error', code: 'date-invalid' });
  });

  it('keeps the keys the README lists, in its --json row', () => {
    const row = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').find((l) => l.startsWith('| `--json` |'))!;
    const shape = /`\{command, ([^`]*)\}`/.exec(row)![0].slice(2, -2);
    // Top-level names, and those inside outputs: [{...}].
    const outputs = /outputs: \[\{([^}]*)\}\]/.exec(shape)![1]!.split(', ');
    const top = shape.replace(/: \[\{[^}]*\}\]/, '').split(', ');
    const result = JSON.parse(buildCli(makeProject({ 'a.md': good }), ['--json']).stdout) as { outputs: Record<string, unknown>[] };
    expect(Object.keys(result).sort()).toEqual([...top].sort());
    expect([...new Set(result.outputs.flatMap((o) => Object.keys(o)))].sort()).toEqual([...outputs].sort());
  });

  it('with --json, prints the JSON alone on standard output and every problem on standard error, annotations too', () => {
    const dir = makeProject({ 'a.md': good, 'bad.md': bad });
    const run = runCli(dir, ['check', '--json'], { GITHUB_ACTIONS: 'true' });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ command: 'check', ok: false });
    expect(run.stderr.split('\n')).toEqual([
      'articles/bad.md:3: error: date: "2024-13-01" is not a real date (2024-13-01 does not exist)',
      '::error file=articles/bad.md,line=3,title=syndicate::date: "2024-13-01" is not a real date (2024-13-01 does not exist)',
      '',
    ]);
  });

  it('with --json, a usage or config error is a JSON document too, exit 2', () => {
    const dir = makeProject({ 'a.md': good });
    const typo = runCli(dir, ['build', '--json', '--artciles', 'x']);
    expect(typo.code).toBe(2);
    expect(JSON.parse(typo.stdout)).toEqual({
      command: 'build',
      ok: false,
      diagnostics: [{ severity: 'error', code: 'usage', message: 'unknown option --artciles; did you mean --articles? (see syndicate build --help)' }],
    });
    const badNow = runCli(dir, ['check', '--json', '--now', 'soon']);
    expect(badNow.code).toBe(2);
    expect(JSON.parse(badNow.stdout).diagnostics).toEqual([{ severity: 'error', code: 'usage', message: '--now: "soon" is not a date I can read; write it as 2022-05-30, 2022-05-30T10:15, or 2022-05-30T10:15:00+02:00 (see syndicate check --help)' }]);
    const config = runCli(makeProject({ 'a.md': good }, '{\n  "site": {\n    "url": "example.com"\n  }\n}\n'), ['build', '--json']);
    expect(config.code).toBe(2);
    expect(JSON.parse(config.stdout)).toMatchObject({ command: 'build', ok: false, diagnostics: [{ file: 'syndicate.config.json', line: 3, severity: 'error', code: 'config' }] });
  });

  it('a missing articles folder is a usage error: exit 2, with --json or without', () => {
    const dir = makeProject({ 'a.md': good });
    const plain = runCli(dir, ['build', '--articles', 'missing']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('missing: error: the articles folder does not exist or is not a folder (set it with --articles DIR)\n');
    const json = runCli(dir, ['build', '--json', '--articles', 'missing']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).diagnostics).toEqual([
      { file: 'missing', severity: 'error', code: 'articles-missing', message: 'the articles folder does not exist or is not a folder (set it with --articles DIR)' },
    ]);
  });

  it('explain --json says why a named file is not an article', () => {
    const dir = makeProject({ 'a.md': good, 'bad.md': bad, 'notes.txt': 'x', '.draft.md': good });
    const run = runCli(dir, ['explain', '--json', 'articles/a.md', 'articles/bad.md', 'articles/notes.txt', 'articles/.draft.md', 'syndicate.config.json', 'nowhere.md']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ command: 'explain', ok: false });
    expect(result.articles.map((a: { file: string }) => a.file)).toEqual(['articles/a.md']);
    expect(result.notArticles).toEqual([
      { file: 'articles/bad.md', reason: 'date: "2024-13-01" is not a real date (2024-13-01 does not exist)' },
      { file: 'articles/notes.txt', reason: 'only .md and .markdown files are articles' },
      { file: 'articles/.draft.md', reason: 'hidden files and folders (their names start with ".") are never articles' },
      // Outside the articles folder, a file is read as an article of its own folder: this one is not Markdown.
      { file: 'syndicate.config.json', reason: 'only .md and .markdown files are articles' },
      { file: 'nowhere.md', reason: 'there is no such file' },
    ]);
    expect(run.stderr).toContain('articles/notes.txt: error: not an article: only .md and .markdown files are articles\n');
  });

  it('prints only errors with --quiet', () => {
    const dir = makeProject({ 'a.md': good, 'e.md': '---\ntitle: E\ndate: 2024-01-01\naudio: https://cdn.example.com/e.mp3\n---\nx\n' });
    const quiet = buildCli(dir, ['--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toBe('');
    expect(readOut(dir, 'rss.xml')).toContain('<title>Good</title>');
    const failing = buildCli(makeProject({ 'bad.md': bad }), ['-q']);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('articles/bad.md:3: error:');
  });
});

describe('the workflows and the action', () => {
  it('publish.yml checks out full history, keeps the caches, builds strictly and deploys dist/ to Pages', () => {
    const workflow = parse(readFileSync(path.join(ROOT, '.github/workflows/publish.yml'), 'utf8'));
    const steps = workflow.jobs.build.steps as Record<string, unknown>[];
    expect(steps.find((s) => s.uses === 'actions/checkout@v4')).toMatchObject({ with: { 'fetch-depth': 0 } });
    expect(steps.some((s) => typeof s.run === 'string' && s.run.startsWith('npx syndicate build --strict'))).toBe(true);
    expect(steps.find((s) => s.uses === 'actions/upload-pages-artifact@v3')).toMatchObject({ with: { path: 'dist' } });
    // The caches are restored after npm ci, which would empty node_modules.
    const cache = steps.findIndex((s) => s.uses === 'actions/cache@v4');
    expect(steps[cache]).toMatchObject({ with: { path: 'node_modules/.cache/syndicate', 'restore-keys': 'syndicate-' } });
    expect(cache).toBeGreaterThan(steps.findIndex((s) => s.run === 'npm ci'));
    expect(workflow.jobs.deploy.steps[0].uses).toBe('actions/deploy-pages@v4');
    // The site builds on the current long-term-support line of Node.js, not one whose support ended.
    expect(steps.find((s) => s.uses === 'actions/setup-node@v4')).toMatchObject({ with: { 'node-version': 'lts/*' } });
  });

  it('ci.yml runs the type-check and the tests on every long-term-support line engines accepts', () => {
    const workflow = parse(readFileSync(path.join(ROOT, '.github/workflows/ci.yml'), 'utf8'));
    const engines = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe('>=20.19');
    // The LTS lines from the oldest engines accepts to 26, the current one (since 2026-10-28).
    expect(workflow.jobs.test.strategy.matrix.node).toEqual([20, 22, 24, 26]);
    expect(workflow.jobs.test.steps.map((s: { run?: string }) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm run typecheck', 'npm test']);
  });

  it('action.yml runs the CLI with its inputs', () => {
    const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
    expect(action.runs.steps.find((s: { uses?: string }) => s.uses === 'actions/setup-node@v4')).toMatchObject({ with: { 'node-version': 'lts/*' } });
    expect(Object.keys(action.inputs)).toEqual(['articles', 'out', 'config', 'strict', 'previous', 'command']);
    const script = action.runs.steps.find((s: { name?: string }) => s.name === 'Run syndicate').run as string;
    const dir = makeProject({ 'a.md': good });
    const env = { ...process.env, CI: undefined, GITHUB_ACTION_PATH: ROOT, INPUT_ARTICLES: 'articles', INPUT_OUT: 'public', INPUT_CONFIG: 'syndicate.config.json', INPUT_STRICT: 'true', INPUT_PREVIOUS: '', INPUT_COMMAND: 'build' };
    const run = spawnSync('bash', ['-c', script], { cwd: dir, env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(dir, 'public/atom.xml'), 'utf8')).toContain('<title type="text">Good</title>');
  });
});
