#!/usr/bin/env node
/**
 * The command line: finds the command, checks its flags, and hands over. Each command lives in
 * commands/ and is loaded only when run, so that a build starts fast. Exit codes: 0 success,
 * 1 articles have errors, 2 usage or configuration errors, 70 a fault of syndicate itself.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FLAGS, UsageError, commandHelp, type Command, type Flag, type FlagName } from './commands/command.js';
import { ConfigError, OptionError } from './config/file.js';
import { formatDiagnostic, type Diagnostic } from './diagnostics.js';
import { closest } from './util/closest.js';
import { VERSION } from './util/version.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  build: { summary: 'build the feeds of the articles into the output folder', load: () => import('./commands/build.js') },
  check: { summary: 'run the whole build and write nothing: for pull requests', load: () => import('./commands/check.js') },
  explain: { summary: "show every resolved field of articles, and where each date came from", load: () => import('./commands/explain.js') },
  init: { summary: 'start a site: a config, a first article and the publish workflow', load: () => import('./commands/init.js') },
  import: { summary: 'turn an existing feed (a file or a URL) into articles', load: () => import('./commands/import.js') },
  serve: { summary: 'serve the output folder locally, and rebuild on changes with --watch', load: () => import('./commands/serve.js') },
  ping: { summary: 'tell the WebSub hub which feeds changed since the last ping', load: () => import('./commands/ping.js') },
};

const HELP = `syndicate ${VERSION}: Markdown articles to RSS 2.0, Atom 1.0 and JSON Feed 1.1

Usage: syndicate <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

Run "syndicate <command> --help" for a command's options; "syndicate --version" prints the version.
`;

export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(HELP);
    return 2;
  }
  if (name === '-h' || name === '--help' || name === 'help') return print(HELP);
  if (name === '-v' || name === '--version') return print(`${VERSION}\n`);
  // Asked for JSON, a script gets a JSON document even when the command line itself is wrong.
  const json = rest.includes('--json') ? name : undefined;
  const entry = COMMANDS[name];
  if (entry === undefined) {
    const like = closest(name, Object.keys(COMMANDS));
    return fail('syndicate', `unknown command "${name}"${like ? `; did you mean "${like}"?` : ''}`, 'syndicate --help', json);
  }
  const { command } = await entry.load();
  const where = `syndicate ${name}`;
  const parsed = parse(rest, command);
  if ('error' in parsed) return fail(where, parsed.error, `${where} --help`, json);
  if (parsed.values.help) return print(commandHelp(name, command));
  const problem = positionalProblem(command, parsed.positionals);
  if (problem) return fail(where, problem, `${where} --help`, json);
  try {
    return await command.run({ values: parsed.values, positionals: parsed.positionals, cwd });
  } catch (e) {
    if (e instanceof UsageError) return fail(where, e.message, `${where} --help`, json);
    if (e instanceof ConfigError) {
      for (const d of e.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
      if (json) printJson(json, e.diagnostics);
      return 2;
    }
    if (e instanceof OptionError) {
      process.stderr.write(`syndicate: ${e.message}\n`);
      if (json) printJson(json, [{ severity: 'error', code: 'usage', message: e.message }]);
      return 2;
    }
    throw e;
  }
}

/** What is wrong with the positional arguments, if anything. */
function positionalProblem(command: Command, positionals: readonly string[]): string | undefined {
  const count = positionals.length;
  if (command.positionals === 'none' && count > 0) return `unexpected argument "${positionals[0]}"`;
  if (command.positionals === 'one' && count !== 1) return count === 0 ? `needs a ${command.positionalName}` : `takes one ${command.positionalName}, not ${count}`;
  if (command.positionals === 'some' && count === 0) return `needs at least one ${command.positionalName}`;
  return undefined;
}

/** The command's flags and arguments, or what is wrong with them, in one line. */
function parse(args: string[], command: Command): { values: Record<string, string | boolean>; positionals: string[] } | { error: string } {
  const options = Object.fromEntries([...command.flags, 'help' as const].map((flag) => [flag, FLAGS[flag]]));
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean>, positionals };
  } catch (e) {
    const message = (e as Error).message;
    const unknown = /Unknown option '(-{1,2}[^']*)'/.exec(message)?.[1];
    if (unknown !== undefined) {
      const like = closest(unknown.replace(/^-+/, ''), [...command.flags, 'help']);
      return { error: `unknown option ${unknown}${like ? `; did you mean --${like}?` : ''}` };
    }
    const missing = /Option '(?:-\w, )?--([\w-]+) <value>' argument missing/.exec(message)?.[1];
    if (missing !== undefined) return { error: `--${missing} needs a value: ${(FLAGS[missing as FlagName] as Flag).value ?? 'a value'}` };
    const noValue = /Option '(?:-\w, )?--([\w-]+)' does not take an argument/.exec(message)?.[1];
    if (noValue !== undefined) return { error: `--${noValue} takes no value` };
    return { error: message };
  }
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

/**
 * One line saying what is wrong, and where to read more, as git and npm say it: exit 2. With
 * --json, the same as a JSON document on standard output.
 */
function fail(where: string, message: string, help: string, json?: string): number {
  process.stderr.write(`${where}: ${message} (see ${help})\n`);
  if (json) printJson(json, [{ severity: 'error', code: 'usage', message: `${message} (see ${help})` }]);
  return 2;
}

/** The JSON document of a command that could not run: the shape of a build's, with what stopped it as its diagnostics. */
function printJson(command: string, diagnostics: readonly (Omit<Diagnostic, 'file'> & { file?: string })[]): void {
  process.stdout.write(`${JSON.stringify({ command, ok: false, diagnostics }, null, 2)}\n`);
}

/** Whether this module is the program node runs (`node lib/cli.js`, or the `syndicate` link to it), not a module imported by another. */
function isProgram(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isProgram()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`syndicate: internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
