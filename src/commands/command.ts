/**
 * What a command is to the command line (cli.ts): its flags, its usage, and what it does. The
 * flags are defined once here, with their help, and each command names those it takes.
 */
import { DEFAULT_CONFIG_FILE } from '../config/file.js';

export interface Flag {
  type: 'string' | 'boolean';
  short?: string;
  /** Shown in the usage: the value's name, like DIR. */
  value?: string;
  help: string;
}

export const FLAGS = {
  articles: { type: 'string', value: 'DIR', help: 'folder of Markdown articles (default: articles)' },
  out: { type: 'string', value: 'DIR', help: 'output folder (default: dist)' },
  config: { type: 'string', value: 'FILE', help: `configuration file (default: ${DEFAULT_CONFIG_FILE})` },
  now: { type: 'string', value: 'ISO-8601', help: 'reference time for drafts and scheduled articles (default: SOURCE_DATE_EPOCH if set, else the clock)' },
  previous: { type: 'string', value: 'FILE|URL', help: 'the feed as last published: items it holds keep their id and first-published date' },
  strict: { type: 'boolean', help: 'warnings fail the build (exit 1), e.g. a shallow git clone' },
  'keep-going': { type: 'boolean', help: 'write the feeds of the good articles even when others have errors (exit 1 all the same)' },
  'no-cache': { type: 'boolean', help: 'do all the work again, without the caches in node_modules/.cache/syndicate' },
  json: { type: 'boolean', help: 'print the result as one JSON document, for machines' },
  quiet: { type: 'boolean', short: 'q', help: 'print only errors' },
  url: { type: 'string', value: 'URL', help: "the site's address (asked for in a terminal)" },
  title: { type: 'string', value: 'TITLE', help: "the site's title (asked for in a terminal)" },
  description: { type: 'string', value: 'TEXT', help: "what the site is about (asked for in a terminal; left out when empty)" },
  timezone: { type: 'string', value: 'ZONE', help: "IANA zone of dates written without one (default: this machine's, proposed in a terminal)" },
  state: { type: 'string', value: 'FILE', help: 'what was last pinged (default: .syndicate-ping.json)' },
  port: { type: 'string', value: 'N', help: 'the port (default: 8080; 0 picks a free one)' },
  host: { type: 'string', value: 'HOST', help: 'the address to listen on (default: 127.0.0.1)' },
  watch: { type: 'boolean', help: 'build first, then rebuild when articles or the config change' },
  help: { type: 'boolean', short: 'h', help: 'this help' },
} satisfies Record<string, Flag>;

export type FlagName = keyof typeof FLAGS;

/** The flags given, by name: text for a flag that takes a value, true for one that does not. */
export type Values = Partial<Record<FlagName, string | boolean>>;

/** A mistake in the command line: exit 2, with the message and where to read more. */
export class UsageError extends Error {}

export interface Command {
  /** The synopsis after `syndicate <name>`, like `FEED [--articles DIR]`. */
  usage: string;
  /** What the command does, in a sentence or two. */
  about: string;
  flags: readonly FlagName[];
  /** The positional arguments it takes: none, exactly one, or one or more. */
  positionals: 'none' | 'one' | 'some';
  /** What one of them is, for the message when they are missing (`feed (a file or a URL)`). */
  positionalName?: string;
  example: string;
  run(args: { values: Values; positionals: string[]; cwd: string }): Promise<number>;
}

/** A string flag's value, when given. */
export function text(values: Values, name: FlagName): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A command's own help: usage, what it does, its flags and an example. */
export function commandHelp(name: string, command: Command): string {
  const rows = [...command.flags, 'help' as const].map((flag) => {
    const spec: Flag = FLAGS[flag];
    const left = `${spec.short ? `-${spec.short}, ` : '    '}--${flag}${spec.value ? ` ${spec.value}` : ''}`;
    return `  ${left.padEnd(26)} ${spec.help}`;
  });
  return `Usage: syndicate ${name} ${command.usage}\n\n${command.about}\n\nOptions:\n${rows.join('\n')}\n\nExample:\n  ${command.example}\n`;
}
