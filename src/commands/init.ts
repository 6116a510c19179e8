/**
 * `syndicate init`: a config, a first article and the publish workflow, for a
 * new site. Asks for the site's URL, title, description and time zone in a
 * terminal (the zone proposed is this machine's); takes them from flags
 * otherwise. Never overwrites a file.
 */
import { createInterface } from 'node:readline/promises';
import { isTagAuthority, isValidTimeZone } from '../util/names.js';
import { isAbsoluteHttpUrl } from '../util/validate.js';
import { UsageError, text, type Command } from './command.js';
import { InitError, workflowFor, writeNew, type InitResult } from './init-files.js';
import { initSite } from './init-site.js';

export { InitError, type InitResult } from './init-files.js';

export interface InitOptions {
  cwd: string;
  url?: string;
  title?: string;
  description?: string;
  /** IANA zone of the dates written without an offset; this machine's when not given. */
  timezone?: string;
  /** Ask for what is missing (standard input is a terminal). */
  interactive: boolean;
  /** Today, for the sample article's date (YYYY-MM-DD). */
  today: string;
}


/** The zone this machine's clock is set to, as Node.js knows it (UTC where it cannot tell). */
export function systemTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

export async function init(options: InitOptions): Promise<InitResult> {
  // In a Hugo, Jekyll, Eleventy or Astro site, the site's own config is syndicate's (init-site.ts).
  const site = await initSite(options);
  if (site) return site;
  const answers = options.interactive ? await askFor(options) : options;
  const { url, title, description } = answers;
  const timezone = answers.timezone || systemTimeZone();
  if (!url) throw new InitError('--url is required (the address of the site, like https://example.com/)');
  if (!isAbsoluteHttpUrl(url)) throw new InitError(`--url must be an absolute http(s) URL, not "${url}"`);
  if (!isValidTimeZone(timezone)) throw new InitError(`--timezone must be an IANA time zone name, like Europe/Paris, not "${timezone}"`);

  // The id authority is written out, so that ids stay the same if site.url later moves to another domain.
  // An empty description is left out: the feeds then describe the site by its title.
  const host = new URL(url).hostname;
  const config = {
    site: {
      url,
      title: title || new URL(url).host,
      ...(description ? { description } : {}),
      language: 'en',
      timezone,
      ...(isTagAuthority(host) ? { idAuthority: host } : {}),
    },
    feeds: { limit: 50, content: 'full' },
  };
  const files: [string, string][] = [
    ['syndicate.config.json', `${JSON.stringify(config, null, 2)}\n`],
    [
      `articles/${options.today}-hello-world.md`,
      `---\ntitle: Hello, world\ndate: ${options.today}\ntags: [news]\n---\nThe first article of ${title || url}, published as RSS, Atom and JSON Feed by syndicate.\n`,
    ],
    ['.github/workflows/publish.yml', workflowFor(url)],
  ];
  return writeNew(options.cwd, files);
}

/** What the flags did not say, asked on the terminal; the time zone proposed is this machine's. */
async function askFor(options: InitOptions): Promise<Pick<InitOptions, 'url' | 'title' | 'description' | 'timezone'>> {
  const ask = prompter();
  try {
    const url = options.url ?? (await ask.question('Site URL (like https://example.com/): ')).trim();
    const title = options.title ?? (await ask.question('Site title: ')).trim();
    const description = options.description ?? (await ask.question('Description (optional): ')).trim();
    const zone = systemTimeZone();
    const timezone = options.timezone ?? ((await ask.question(`Time zone of dates written without one [${zone}]: `)).trim() || zone);
    return { url, title, description, timezone };
  } finally {
    ask.close();
  }
}

/**
 * Questions on the terminal. Lines are queued as they come, so answers typed
 * (or pasted) ahead of their question are not lost; the end of input answers "".
 */
function prompter() {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let closed = false;
  rl.on('line', (line) => (waiting.length > 0 ? waiting.shift()!(line) : lines.push(line)));
  rl.on('close', () => {
    closed = true;
    for (const resolve of waiting.splice(0)) resolve('');
  });
  return {
    question(prompt: string): Promise<string> {
      process.stdout.write(prompt);
      if (lines.length > 0) return Promise.resolve(lines.shift()!);
      if (closed) return Promise.resolve('');
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => rl.close(),
  };
}

export const command: Command = {
  usage: '[--url URL] [--title TITLE] [--description TEXT] [--timezone ZONE]',
  about:
    "Writes syndicate.config.json, a first article and .github/workflows/publish.yml. In a terminal it asks for the site's URL, title, description and time zone (this machine's is proposed) when the flags do not give them; elsewhere --url is required and the zone is this machine's. It never overwrites a file.",
  flags: ['url', 'title', 'description', 'timezone'],
  positionals: 'none',
  example: 'syndicate init --url https://example.com/blog/ --title "My blog"',
  async run({ values, cwd }) {
    try {
      const result = await init({
        cwd,
        url: text(values, 'url'),
        title: text(values, 'title'),
        description: text(values, 'description'),
        timezone: text(values, 'timezone'),
        interactive: Boolean(process.stdin.isTTY),
        today: new Date().toISOString().slice(0, 10),
      });
      for (const f of result.written) process.stdout.write(`wrote ${f}\n`);
      for (const f of result.kept) process.stdout.write(`kept ${f} (it exists; init never overwrites)\n`);
      process.stdout.write('next: npx syndicate build\n');
      return 0;
    } catch (e) {
      if (e instanceof InitError) throw new UsageError(e.message);
      throw e;
    }
  },
};
