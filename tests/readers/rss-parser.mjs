// rss-parser (the project's own dependency), with its default options as most programs use it, on
// every feed named: one JSON document on stdout, {reader, version, feeds: [{path, items} or {path, error}]}.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import Parser from 'rss-parser';

const { version } = createRequire(import.meta.url)('rss-parser/package.json');
const text = (v) => (v === undefined || v === '' ? null : typeof v === 'object' && v !== null && '_' in v ? v._ : v);

// In RSS, rss-parser's `content` is <description> and the body is `content:encoded`; its
// `creator` is the first dc:creator, or <author>. In Atom, `author` is the first author's name.
function item(it, atom) {
  const author = text(it.creator ?? it.author);
  return {
    id: text(atom ? it.id : it.guid),
    title: text(it.title),
    link: text(it.link),
    published: it.isoDate ? new Date(it.isoDate).toISOString().replace('.000Z', 'Z') : null,
    updated: null, // no item update date
    authors: author ? [author] : [],
    summary: text(atom ? it.summary : it.content),
    content: text(atom ? it.content : it['content:encoded']),
    categories: (it.categories ?? []).map(text),
    enclosures: it.enclosure ? [{ url: it.enclosure.url, type: it.enclosure.type ?? null, length: it.enclosure.length ?? null }] : [],
    image: text(it.itunes?.image),
  };
}

async function read(path) {
  try {
    const xml = await readFile(path, 'utf8');
    const atom = /<feed[\s>]/.test(xml) && !/<rss[\s>]/.test(xml);
    const feed = await new Parser().parseString(xml);
    return { path, items: feed.items.map((it) => item(it, atom)) };
  } catch (e) {
    return { path, error: String(e) };
  }
}

const feeds = [];
for (const path of process.argv.slice(2)) feeds.push(await read(path));
console.log(JSON.stringify({ reader: 'rss-parser', version, feeds }));
