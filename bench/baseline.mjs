#!/usr/bin/env node
// The baseline of the benchmark: what a publisher would otherwise write by hand. Reads every
// article with gray-matter, renders it with marked, and writes RSS, Atom and JSON Feed with the
// `feed` package. No validation, no sanitizing, no timestamps beyond `new Date(date)`.
//
//   node bench/baseline.mjs ARTICLES_DIR OUT_DIR [LIMIT]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Feed } from 'feed';
import matter from 'gray-matter';
import { marked } from 'marked';

const [articlesDir, outDir, limitArg = '0'] = process.argv.slice(2);
const limit = Number(limitArg);
const site = 'https://bench.example.org/';

function list(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.name.startsWith('.') ? [] : e.isDirectory() ? list(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : [],
  );
}

const posts = [];
for (const file of list(articlesDir)) {
  const { data, content } = matter(readFileSync(file, 'utf8'));
  if (data.draft) continue;
  const slug = path.relative(articlesDir, file).replace(/\.md$/, '');
  posts.push({ data, content, slug });
}
posts.sort((a, b) => new Date(b.data.date) - new Date(a.data.date));
const chosen = limit > 0 ? posts.slice(0, limit) : posts;

const feed = new Feed({
  title: 'Bench',
  id: site,
  link: site,
  description: 'Benchmark corpus',
  copyright: 'All rights reserved',
  updated: chosen[0] ? new Date(chosen[0].data.date) : new Date(0),
  feedLinks: { rss: `${site}rss.xml`, atom: `${site}atom.xml`, json: `${site}feed.json` },
  author: { name: 'Bench' },
});
for (const { data, content, slug } of chosen) {
  const url = `${site}${slug}/`;
  const authors = [].concat(data.authors ?? data.author ?? []).map((a) => ({ name: typeof a === 'string' ? a : a.name }));
  feed.addItem({
    title: String(data.title),
    id: url,
    link: url,
    date: new Date(data.updated ?? data.date),
    published: new Date(data.date),
    description: data.summary,
    content: marked.parse(content),
    author: authors,
    category: [].concat(data.tags ?? []).map((t) => ({ name: String(t) })),
  });
}
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'rss.xml'), feed.rss2());
writeFileSync(path.join(outDir, 'atom.xml'), feed.atom1());
writeFileSync(path.join(outDir, 'feed.json'), feed.json1());
