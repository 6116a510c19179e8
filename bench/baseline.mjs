#!/usr/bin/env node
// The baseline of the benchmark: what a publisher would otherwise write by hand. Reads every
// article with gray-matter, renders it with marked, and writes RSS, Atom and JSON Feed with the
// `feed` package. No validation, no sanitizing, no timestamps beyond `new Date(date)`, no cache:
// it does the same work on every run, so it is also the baseline of the rebuild scenarios.
//
//   node bench/baseline.mjs ARTICLES_DIR OUT_DIR [LIMIT] [--tags]
//
// LIMIT: the newest items in each feed (0: all). --tags: also a feed of the newest LIMIT items
// of each tag, in tags/<slug>/, as scenario (b) has them; each article is rendered once however
// many feeds it is in.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Feed } from 'feed';
import matter from 'gray-matter';
import { marked } from 'marked';

const args = process.argv.slice(2);
const withTags = args.includes('--tags');
const [articlesDir, outDir, limitArg = '0'] = args.filter((a) => a !== '--tags');
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
const newest = (sorted) => (limit > 0 ? sorted.slice(0, limit) : sorted);

const rendered = new Map();
const html = (post) => {
  if (!rendered.has(post)) rendered.set(post, marked.parse(post.content));
  return rendered.get(post);
};

function writeFeeds(dir, title, chosen) {
  const base = `${site}${dir ? `${dir}/` : ''}`;
  const feed = new Feed({
    title,
    id: base,
    link: site,
    description: 'Benchmark corpus',
    copyright: 'All rights reserved',
    updated: chosen[0] ? new Date(chosen[0].data.date) : new Date(0),
    feedLinks: { rss: `${base}rss.xml`, atom: `${base}atom.xml`, json: `${base}feed.json` },
    author: { name: 'Bench' },
  });
  for (const post of chosen) {
    const { data, slug } = post;
    const url = `${site}${slug}/`;
    const authors = [].concat(data.authors ?? data.author ?? []).map((a) => ({ name: typeof a === 'string' ? a : a.name }));
    feed.addItem({
      title: String(data.title),
      id: url,
      link: url,
      date: new Date(data.updated ?? data.date),
      published: new Date(data.date),
      description: data.summary,
      content: html(post),
      author: authors,
      category: [].concat(data.tags ?? []).map((t) => ({ name: String(t) })),
    });
  }
  const folder = path.join(outDir, dir);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'rss.xml'), feed.rss2());
  writeFileSync(path.join(folder, 'atom.xml'), feed.atom1());
  writeFileSync(path.join(folder, 'feed.json'), feed.json1());
}

writeFeeds('', 'Bench', newest(posts));
if (withTags) {
  const byTag = new Map();
  for (const post of posts) {
    for (const tag of [].concat(post.data.tags ?? [])) {
      const slug = String(tag).toLowerCase().replace(/[^a-z0-9]+/g, '-');
      if (!byTag.has(slug)) byTag.set(slug, []);
      byTag.get(slug).push(post);
    }
  }
  for (const [slug, tagged] of byTag) writeFeeds(`tags/${slug}`, `Bench: ${slug}`, newest(tagged));
}
