/**
 * The readers of the reader matrix: how to run each one (one process per reader for a whole batch
 * of feeds), which formats it reads, and which fields it has at all. A field a reader does not
 * have is not compared, and `lacks` says why (the README's compatibility table is made of these
 * words); a field it has and gets wrong is a disagreement, which fails the matrix unless
 * reader-bugs.ts lists it as the reader's own bug.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export type Format = 'rss' | 'atom' | 'json';
export const FIELDS = ['id', 'title', 'link', 'published', 'updated', 'authors', 'summary', 'content', 'categories', 'enclosures', 'image'] as const;
export type Field = (typeof FIELDS)[number];

/** An item as every reader program prints it. */
export interface ReadItem {
  id: string | null;
  title: string | null;
  link: string | null;
  /** ISO 8601 in UTC, to the second. */
  published: string | null;
  updated: string | null;
  authors: string[];
  summary: string | null;
  content: string | null;
  categories: string[];
  enclosures: { url: string | null; type: string | null; length: string | number | null }[];
  image: string | null;
}

export interface ReadFeed {
  path: string;
  items?: Partial<ReadItem>[];
  error?: string;
}

export interface Reader {
  name: string;
  /** What it is, for the documentation. */
  what: string;
  formats: Format[];
  /** Fields it does not have, per format, and why. */
  lacks: Partial<Record<Format, Partial<Record<Field, string>>>>;
  /** Fields it gives as plain text rather than HTML (summary and content are HTML otherwise). */
  plain?: Partial<Record<Format, Field[]>>;
  /** It keeps one text per item: the body, or the summary when there is none. */
  oneText?: boolean;
  /** It keeps no enclosure length. */
  noEnclosureLength?: boolean;
  /** The command for a batch of feeds, or why it cannot run here. */
  command(): string[] | string;
}

const HERE = import.meta.dirname;
const ROOT = path.resolve(HERE, '../..');
export const CACHE = process.env.SYNDICATE_READERS ?? path.join(ROOT, 'node_modules/.cache/syndicate-readers');
const PYTHON = '/usr/bin/python3';

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => existsSync(path.join(dir, command)));
}

/** Debian's own python3 with a module of Debian's, never a virtual environment's python. */
function debianPython(script: string, needs: string): string[] | string {
  return existsSync(PYTHON) && existsSync(needs) ? [PYTHON, '-P', path.join(HERE, script)] : `${needs} is missing`;
}

const ALL_BUT_JSON: Format[] = ['rss', 'atom'];
const INSTALL = 'run tests/readers/install.sh as root';

export const READERS: Reader[] = [
  {
    name: 'rss-parser',
    what: 'rss-parser (npm), the parser of many Node.js apps and bots, default options',
    formats: ALL_BUT_JSON,
    lacks: {
      rss: { updated: 'no item update date', image: 'item images only from itunes:image' },
      atom: {
        updated: 'no item update date',
        image: 'item images only from itunes:image',
        categories: 'Atom categories are not in its default fields',
        enclosures: 'Atom enclosure links are not in its default fields',
      },
    },
    plain: { atom: ['summary'] },
    command: () => [process.execPath, path.join(HERE, 'rss-parser.mjs')],
  },
  {
    name: 'feedparser',
    what: "Universal Feed Parser (Debian's python3-feedparser), the parser of Python aggregators",
    formats: ALL_BUT_JSON,
    lacks: {},
    command: () => debianPython('feedparser.py', '/usr/lib/python3/dist-packages/feedparser'),
  },
  {
    name: 'simplepie',
    what: "SimplePie as WordPress ships it (Debian's wordpress package), as in WordPress and FreshRSS",
    formats: ALL_BUT_JSON,
    lacks: {},
    command: () => {
      const wp = [process.env.WP_INCLUDES, '/usr/share/wordpress/wp-includes', path.join(CACHE, 'wordpress/usr/share/wordpress/wp-includes')].find(
        (dir) => dir && existsSync(path.join(dir, 'class-simplepie.php')),
      );
      if (!onPath('php')) return `php is missing (${INSTALL})`;
      return wp ? ['env', `WP_INCLUDES=${wp}`, 'php', path.join(HERE, 'simplepie.php')] : `WordPress's SimplePie is missing (${INSTALL})`;
    },
  },
  {
    name: 'gofeed',
    what: "gofeed (Debian's golang-github-mmcdole-gofeed-dev), the parser of Go readers",
    formats: ['rss', 'atom', 'json'],
    lacks: {
      rss: { updated: 'it never fills an RSS item update date', image: 'item images only from itunes:image' },
      atom: { image: 'no item image in Atom' },
    },
    plain: { atom: ['summary'], json: ['summary'] },
    command: () => (existsSync(path.join(CACHE, 'gofeed-reader')) ? [path.join(CACHE, 'gofeed-reader')] : `the gofeed program is not built (${INSTALL})`),
  },
  {
    name: 'newsboat',
    what: 'newsboat, the terminal reader (what it stores in its SQLite cache)',
    formats: ALL_BUT_JSON,
    lacks: Object.fromEntries(
      ALL_BUT_JSON.map((f) => [
        f,
        { summary: 'one text per item', updated: 'one date per item', categories: 'not stored', image: 'not stored' },
      ]),
    ),
    oneText: true,
    noEnclosureLength: true,
    command: () => (onPath('newsboat') ? debianPython('newsboat.py', PYTHON) : `newsboat is missing (${INSTALL})`),
  },
  {
    name: 'ruby-feedparser',
    what: "Ruby feedparser (Debian's ruby-feedparser), the parser of feed2imap",
    formats: ALL_BUT_JSON,
    lacks: Object.fromEntries(
      ALL_BUT_JSON.map((f) => [
        f,
        {
          id: 'no item id',
          summary: 'one text per item',
          updated: 'one date per item',
          image: 'not kept',
          ...(f === 'atom' ? { enclosures: 'Atom enclosure links are not kept' } : {}),
        },
      ]),
    ),
    oneText: true,
    command: () => {
      const lib = onPath('ruby') && spawnSync('ruby', ['-e', "require 'feedparser'"]).status === 0;
      return lib ? ['ruby', path.join(HERE, 'ruby-feedparser.rb')] : `ruby-feedparser is missing (${INSTALL})`;
    },
  },
  {
    name: 'feed-extractor',
    what: '@extractus/feed-extractor (npm), which reduces a feed to what an app lists',
    formats: ['rss', 'atom', 'json'],
    lacks: Object.fromEntries(
      (['rss', 'atom', 'json'] as Format[]).map((f) => [
        f,
        {
          updated: 'not kept',
          authors: 'not kept',
          categories: 'not kept',
          enclosures: 'not kept',
          image: 'not kept',
          ...(f === 'json' ? { summary: 'its one text is the body in JSON Feed' } : { content: 'its one text is the summary in RSS and Atom' }),
        },
      ]),
    ),
    plain: { rss: ['summary'], atom: ['summary'] },
    command: () => [process.execPath, path.join(HERE, 'feed-extractor.mjs')],
  },
];

export interface ReaderRun {
  reader: Reader;
  version: string;
  /** Wall time of its one process, in milliseconds. */
  ms: number;
  feeds: Map<string, ReadFeed>;
}

/** Runs one reader on every feed of a format it reads, in one process. */
export function runReader(reader: Reader, feeds: string[]): Promise<ReaderRun> {
  const command = reader.command();
  if (typeof command === 'string') return Promise.reject(new Error(command));
  const [file, ...args] = command;
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile(file!, [...args, ...feeds], { maxBuffer: 256 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${reader.name} failed: ${err.message}\n${stderr}`));
      const doc = JSON.parse(stdout) as { version: string; feeds: ReadFeed[] };
      resolve({ reader, version: doc.version, ms: Math.round(performance.now() - start), feeds: new Map(doc.feeds.map((f) => [f.path, f])) });
    });
  });
}
