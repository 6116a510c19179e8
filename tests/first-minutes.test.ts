/**
 * What a new user meets first: the messages of a mistyped command line, each command's own help,
 * and the files `init` writes. Through the real CLI as a subprocess, since the exit code and what
 * goes to which stream are the point.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, makeProject, runCli, tempDir } from './support/project.js';

describe('a mistyped command line', () => {
  const dir = makeProject({});
  // [arguments, the one line on standard error]; each exits 2 and prints nothing on standard output.
  const cases: [string[], string][] = [
    [['build', '--artciles', 'x'], 'syndicate build: unknown option --artciles; did you mean --articles? (see syndicate build --help)'],
    [['build', '-x'], 'syndicate build: unknown option -x (see syndicate build --help)'],
    [['biuld'], 'syndicate: unknown command "biuld"; did you mean "build"? (see syndicate --help)'],
    [['publish'], 'syndicate: unknown command "publish" (see syndicate --help)'],
    [['build', '--out'], 'syndicate build: --out needs a value: DIR (see syndicate build --help)'],
    [['build', '--quiet=yes'], 'syndicate build: --quiet takes no value (see syndicate build --help)'],
    [['build', 'articles'], 'syndicate build: unexpected argument "articles" (see syndicate build --help)'],
    [['import'], 'syndicate import: needs a feed file or URL (see syndicate import --help)'],
    [['import', 'a.xml', 'b.xml'], 'syndicate import: takes one feed file or URL, not 2 (see syndicate import --help)'],
    [['explain'], 'syndicate explain: needs at least one article file (see syndicate explain --help)'],
    [['init', '--url', 'example.com'], 'syndicate init: --url must be an absolute http(s) URL, not "example.com" (see syndicate init --help)'],
    [
      ['init', '--url', 'https://example.com/', '--timezone', 'Paris'],
      'syndicate init: --timezone must be an IANA time zone name, like Europe/Paris, not "Paris" (see syndicate init --help)',
    ],
  ];
  for (const [args, message] of cases) {
    it(`syndicate ${args.join(' ')}: one line, exit 2`, () => {
      const run = runCli(dir, args);
      expect(run.stderr).toBe(`${message}\n`);
      expect(run.stdout).toBe('');
      expect(run.code).toBe(2);
    });
  }

  it('no command at all: the overview of commands on standard error, exit 2', () => {
    const run = runCli(dir, []);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^syndicate \S+: Markdown articles to RSS 2\.0, Atom 1\.0 and JSON Feed 1\.1\n\nUsage: syndicate <command> \[options\]\n/);
    expect(run.stderr).toContain('\n  build     build the feeds of the articles into the output folder\n');
    expect(run.stderr).toContain('Run "syndicate <command> --help" for a command\'s options');
  });
});

describe("each command's own help", () => {
  it('syndicate build --help: its usage, its flags and an example, on standard output, exit 0', () => {
    const run = runCli(tempDir(), ['build', '--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Usage: syndicate build \[/);
    expect(run.stdout).toContain('\nOptions:\n');
    expect(lines).toContain('      --articles DIR         folder of Markdown articles (default: articles)');
    expect(lines).toContain('  -q, --quiet                print only errors');
    expect(run.stdout).toMatch(/\nExample:\n {2}syndicate build .*\n$/);
    // Only its own flags: init's are not build's.
    expect(run.stdout).not.toContain('--timezone');
  });

  it('every command has one, naming only the flags it takes', () => {
    for (const name of ['build', 'check', 'explain', 'init', 'import', 'serve', 'ping']) {
      const run = runCli(tempDir(), [name, '-h']);
      expect(run.code, name).toBe(0);
      expect(run.stdout.split('\n')[0], name).toMatch(new RegExp(`^Usage: syndicate ${name}\\b`));
      expect(run.stdout, name).toContain(`Example:\n  syndicate ${name}`);
    }
    expect(runCli(tempDir(), ['init', '--help']).stdout).toContain('--timezone ZONE');
    expect(runCli(tempDir(), ['serve', '--help']).stdout).not.toContain('--timezone');
  });
});

describe('the files init writes', () => {
  const config = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'syndicate.config.json'), 'utf8')) as { site: Record<string, unknown> };

  it("writes this machine's time zone, and no empty description", () => {
    for (const zone of ['Asia/Tokyo', 'America/New_York']) {
      const dir = tempDir();
      const run = runCli(dir, ['init', '--url', 'https://example.com/'], { TZ: zone });
      expect(run.code, run.stderr).toBe(0);
      expect(config(dir).site).toEqual({ url: 'https://example.com/', title: 'example.com', language: 'en', timezone: zone, idAuthority: 'example.com' });
    }
  });

  it('takes the description and the zone from flags', () => {
    const dir = tempDir();
    const run = runCli(dir, ['init', '--url', 'https://example.com/', '--description', 'Notes on feeds', '--timezone', 'Europe/Paris'], { TZ: 'Asia/Tokyo' });
    expect(run.code, run.stderr).toBe(0);
    expect(config(dir).site).toMatchObject({ description: 'Notes on feeds', timezone: 'Europe/Paris' });
  });

  it('writes a workflow on the current long-term-support line of Node.js', () => {
    const dir = tempDir();
    expect(runCli(dir, ['init', '--url', 'https://example.com/']).code).toBe(0);
    const workflow = readFileSync(path.join(dir, '.github/workflows/publish.yml'), 'utf8');
    expect(workflow).toContain('node-version: lts/*');
    expect(workflow).not.toMatch(/node-version: 20\b/);
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)("asks in a terminal, proposing this machine's zone, which an empty answer takes", () => {
    for (const [typed, zone] of [
      ['', 'America/New_York'],
      ['Europe/Lisbon', 'Europe/Lisbon'],
    ] as const) {
      const dir = tempDir();
      // script(1) runs the CLI on a pseudo-terminal, so standard input is a TTY as for a person.
      const run = spawnSync('script', ['-qec', `${process.execPath} ${CLI} init`, '/dev/null'], {
        cwd: dir,
        input: `https://typed.example.org/\nTyped title\n\n${typed}\n`,
        encoding: 'utf8',
        env: { ...process.env, CI: undefined, TZ: 'America/New_York' },
      });
      expect(run.status, run.stdout).toBe(0);
      expect(run.stdout).toContain('Description (optional): ');
      expect(run.stdout).toContain('Time zone of dates written without one [America/New_York]: ');
      expect(config(dir).site).toEqual({ url: 'https://typed.example.org/', title: 'Typed title', language: 'en', timezone: zone, idAuthority: 'typed.example.org' });
    }
  });
});
