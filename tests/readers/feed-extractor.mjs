// @extractus/feed-extractor, which normalizes RSS, Atom and JSON Feed to the few fields an app
// shows, with its default options but descriptions kept whole, on every feed named: one JSON
// document on stdout, {reader, version, feeds: [{path, items} or {path, error}]}.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';

// The package does not export its package.json: read it beside its entry point.
const entry = fileURLToPath(import.meta.resolve('@extractus/feed-extractor'));
const { version } = JSON.parse(await readFile(entry.replace(/esm[\\/]mod\.js$/, 'package.json'), 'utf8'));
const options = { descriptionMaxLen: 0, useISODateFormat: true };

// Its one text, `description`, is an item's summary in RSS and Atom, and its body in JSON Feed.
function item(entry, json) {
  const text = entry.description || null;
  return {
    id: entry.id || null, title: entry.title || null, link: entry.link || null,
    published: entry.published ? new Date(entry.published).toISOString().replace('.000Z', 'Z') : null,
    summary: json ? null : text, content: json ? text : null,
  };
}

async function read(path) {
  try {
    const data = await readFile(path, 'utf8');
    const json = path.endsWith('.json');
    const feed = json ? extractFromJson(JSON.parse(data), options) : extractFromXml(data, options);
    return { path, items: feed.entries.map((e) => item(e, json)) };
  } catch (e) {
    return { path, error: String(e) };
  }
}

const feeds = [];
for (const path of process.argv.slice(2)) feeds.push(await read(path));
console.log(JSON.stringify({ reader: 'feed-extractor', version, feeds }));
