/**
 * A rebuild from the last build's plan (src/rebuild/kept-plan.ts) gives what a whole build gives:
 * over seeded sequences of edits to a project, every build with the caches writes the same files
 * with the same bytes, reports the same outputs and diagnostics and succeeds or fails as a build
 * of the same articles from nothing; and the kept plan is used exactly when a build needs no
 * article it neither read again nor kept whole. The builds run in this process, through the
 * compiled library (buildHere), as the CLI runs them.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCorpus } from './support/corpus.js';
import { git, Repo } from './support/git.js';
import { BASE_CONFIG, buildHere, makeProject, runCli, type BuildReport } from './support/project.js';
import { seeded, type Seeded } from './support/random.js';

/**
 * An edit, whether the next build may start from the kept plan after it (true, false, or 'either'
 * where it depends on the articles around it, which the tests after this one pin down), and how
 * to undo it if it is an error.
 */
type Edit = (dir: string, pickFile: () => string, r: Seeded) => { what: string; reusable: boolean | 'either'; undo?: () => void };

/** Sets an article's updated date, or adds one. */
const setUpdated = (file: string, date: string) =>
  rewrite(file, (t) => (/^updated: .*$/m.test(t) ? t.replace(/^updated: .*$/m, `updated: ${date}`) : t.replace(/^---\n/, `---\nupdated: ${date}\n`)));

/** Writes a new article; `extra` is added to its frontmatter. */
function addArticle(dir: string, r: Seeded, { extra = '', date = `2024-0${1 + Math.floor(r.next() * 9)}-15`, tags = 'added' } = {}): string {
  const file = path.join(dir, 'articles', `added-${Math.floor(r.next() * 1e6)}.md`);
  writeFileSync(file, `---\ntitle: Added\ndate: ${date}\ntags: [${tags}]\n${extra}---\nAdded text.\n`);
  return file;
}

/** An article without a date, dated by its mtime; the edits that pick an article leave it alone. */
const UNDATED = 'undated.md';

const articles = (dir: string) =>
  readdirSync(path.join(dir, 'articles'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.md') && f !== UNDATED)
    .sort();

const rewrite = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));

const EDITS: Edit[] = [
  (_, pick, r) => {
    const file = pick();
    appendFileSync(file, `\nA new paragraph, number ${Math.floor(r.next() * 1e6)}, with *emphasis*.\n`);
    return { what: `text added to ${file}`, reusable: true };
  },
  (_, pick, r) => {
    const file = pick();
    rewrite(file, (t) => t.replace(/^title: .*$/m, `title: "Retitled ${Math.floor(r.next() * 1e6)}"`));
    return { what: `${file} retitled`, reusable: true };
  },
  (_, pick) => {
    const file = pick();
    utimesSync(file, new Date('2031-01-01'), new Date('2031-01-01'));
    return { what: `${file} touched`, reusable: true };
  },
  (dir, pick, r) => {
    // As a fresh checkout in CI: every file has new times, one has new text.
    const at = new Date(Date.UTC(2032, 0, 1) + Math.floor(r.next() * 1e6) * 1000);
    for (const f of articles(dir)) utimesSync(path.join(dir, 'articles', f), at, at);
    const file = pick();
    appendFileSync(file, '\nEdited in a checkout.\n');
    return { what: `every article touched, ${file} edited`, reusable: true };
  },
  (dir, _, r) => {
    const file = path.join(dir, 'syndicate.config.json');
    rewrite(file, (t) => JSON.stringify({ ...JSON.parse(t), site: { ...JSON.parse(t).site, title: `Example ${Math.floor(r.next() * 1e6)}` } }));
    return { what: 'the site title changed', reusable: false };
  },
  (_, pick) => {
    const file = pick();
    rewrite(file, (t) => t.replace(/^---\n/, '---\nenclosure: {url: "https://cdn.example.com/a.mp3", type: audio/mp3, length: 1000}\n'));
    return { what: `enclosure with a corrected type (a new warning) in ${file}`, reusable: true };
  },
  (_, pick, r) => {
    const [a, b] = [pick(), pick()];
    appendFileSync(a, `\nEdited ${r.next()}.\n`);
    appendFileSync(b, `\nEdited too ${r.next()}.\n`);
    return { what: `two articles edited: ${a}, ${b}`, reusable: true };
  },
  (_, pick, r) => {
    const file = pick();
    rewrite(file, (t) => t.replace(/^tags: .*$/m, `tags: [${r.pick(['"news"', '"web"', '"Q&A"'])}, "tag ${Math.floor(r.next() * 1e6)}"]`));
    return { what: `tags of ${file} changed`, reusable: 'either' };
  },
  (_, pick, r) => {
    const file = pick();
    rewrite(file, (t) => t.replace(/^date: .*$/m, `date: 20${10 + Math.floor(r.next() * 15)}-0${1 + Math.floor(r.next() * 9)}-1${Math.floor(r.next() * 9)}`));
    return { what: `date of ${file} changed`, reusable: 'either' };
  },
  (_, pick, r) => {
    const file = pick();
    setUpdated(file, `2025-0${1 + Math.floor(r.next() * 9)}-1${Math.floor(r.next() * 9)}`);
    return { what: `updated date of ${file} set`, reusable: 'either' };
  },
  (dir, _, r) => {
    // Dated by its mtime: the same bytes with new times are another date.
    const file = path.join(dir, 'articles', UNDATED);
    const at = new Date(Date.UTC(2020, 0, 1) + Math.floor(r.next() * 1e6) * 60_000);
    utimesSync(file, at, at);
    return { what: `${file}, dated by its mtime, touched`, reusable: 'either' };
  },
  (_, pick) => {
    const file = pick();
    rewrite(file, (t) => t.replace(/^---\n/, '---\ndraft: true\n'));
    return { what: `${file} made a draft`, reusable: 'either' };
  },
  (dir, _, r) => ({ what: `${addArticle(dir, r)} added`, reusable: true }),
  (dir, _, r) => ({ what: `${addArticle(dir, r, { extra: 'draft: true\n' })} added as a draft`, reusable: true }),
  (dir, _, r) => ({ what: `${addArticle(dir, r, { date: '2031-02-03' })} added, scheduled`, reusable: true }),
  (dir, _, r) => {
    // "NEWS" folds into the feed of "news": its name, and a warning, depend on every article, which the plan has.
    const file = addArticle(dir, r, { tags: 'NEWS', date: '2029-12-31' });
    return { what: `${file} added with a tag spelled anew`, reusable: true };
  },
  (dir, _, r) => {
    // The id of an article already in the feeds: an error naming both.
    const id = (JSON.parse(readFileSync(path.join(dir, 'dist/feed.json'), 'utf8')) as { items: { id: string }[] }).items.at(-1)!.id;
    const file = addArticle(dir, r, { extra: `id: "${id}"\n` });
    return { what: `${file} added with the id of another article`, reusable: false, undo: () => rmSync(file) };
  },
  (_, pick) => {
    // Taken out of the feeds that held it; a full feed takes in the next in line, which may not be kept whole.
    const file = pick();
    rmSync(file);
    return { what: `${file} removed`, reusable: 'either' };
  },
  (_, pick) => {
    const file = pick();
    renameSync(file, file.replace(/\.md$/, '-renamed.md'));
    return { what: `${file} renamed`, reusable: 'either' };
  },
  (_, pick) => {
    const file = pick();
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^title: /m, 'title: [unclosed '));
    return { what: `${file} broken (an error)`, reusable: false, undo: () => writeFileSync(file, text) };
  },
];

const CONFIGS: Record<string, unknown> = {
  'the main feeds': { ...BASE_CONFIG, feeds: { limit: 8 } },
  'facet feeds': { ...BASE_CONFIG, feeds: { limit: 4, facets: { tags: true, authors: true, languages: true } } },
  'archive pages': { ...BASE_CONFIG, feeds: { history: 'archive', archivePageSize: 7 } },
};

/** What a build reported, with the output folder's name and the write statuses taken out. */
function told(result: BuildReport, out: string): unknown {
  const { planReused: _planReused, removed: _removed, outputs, ...rest } = result;
  return { ...rest, outputs: outputs.map(({ status: _status, ...o }) => ({ ...o, path: o.path.replace(`${out}/`, 'OUT/') })) };
}

/** Every file under `dir`, by relative path, with its bytes. */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true }).map(String).sort()) {
    try {
      out[f] = readFileSync(path.join(dir, f), 'base64');
    } catch {
      // a folder
    }
  }
  return out;
}

/**
 * A build with the caches, then one of the same articles without them into whole/: the two must
 * report and write the same (`label` names the step in a failure). The first one's report.
 */
async function rebuiltAsWhole(dir: string, options: { ci?: boolean; previous?: string } = {}, label = ''): Promise<BuildReport> {
  const result = await buildHere(dir, options);
  rmSync(path.join(dir, 'whole'), { recursive: true, force: true });
  const whole = await buildHere(dir, { ...options, cache: false, out: 'whole' });
  expect(told(result, 'dist'), label).toEqual(told(whole, 'whole'));
  if (result.ok) expect(files(path.join(dir, 'dist')), label).toEqual(files(path.join(dir, 'whole')));
  return result;
}

/** A project of small articles (by name, the rest of their frontmatter) with a cache folder, built once. */
async function builtProject(articles: Record<string, string>, feeds: unknown): Promise<string> {
  const dir = makeProject(
    Object.fromEntries(Object.entries(articles).map(([name, front]) => [name, `---\ntitle: ${name}\n${front}\n---\nText of ${name}.\n`])),
    { ...BASE_CONFIG, feeds },
  );
  mkdirSync(path.join(dir, 'node_modules'));
  expect((await buildHere(dir)).ok).toBe(true);
  return dir;
}

/** The titles of the main JSON feed's items, in order. */
const titlesIn = (dir: string, feed = 'feed.json') => (JSON.parse(readFileSync(path.join(dir, 'dist', feed), 'utf8')).items as { title: string }[]).map((i) => i.title);

describe('a rebuild from the kept plan', () => {
  // Two seeded orders of the edits for each config: more of the states an edit can meet.
  for (const [name, config] of Object.entries(CONFIGS)) for (const seed of [7, 202]) {
    it(`gives what a whole build gives, with ${name} (seed ${seed})`, async () => {
      const dir = makeProject({}, config);
      writeCorpus(path.join(dir, 'articles'), 24, name.length);
      writeFileSync(path.join(dir, 'articles', UNDATED), '---\ntitle: Undated\ntags: [news]\n---\nDated by its mtime.\n');
      utimesSync(path.join(dir, 'articles', UNDATED), new Date('2024-06-01'), new Date('2024-06-01'));
      mkdirSync(path.join(dir, 'node_modules'));
      const r = seeded(name.length * seed);
      expect((await buildHere(dir)).ok).toBe(true);
      let stamped = true;
      let reused = 0;
      let undo: (() => void) | undefined;
      // Every kind of edit once, in a seeded order, then a few more.
      const order = EDITS.map((edit) => ({ edit, key: r.next() }))
        .sort((a, b) => a.key - b.key)
        .map((e) => e.edit);
      const sequence = [...order, ...Array.from({ length: 4 }, () => r.pick(EDITS))];
      for (const [step, next] of sequence.entries()) {
        // An error made by the step before is mended along with this step's edit.
        undo?.();
        const pickFile = () => path.join(dir, 'articles', r.pick(articles(dir)));
        const edit = next(dir, pickFile, r);
        undo = edit.undo;
        const label = `step ${step}: ${edit.what}`;
        const result = await rebuiltAsWhole(dir, {}, label);
        // The plan is kept by a build that succeeded, and used when the build needs no article it did not keep or read again.
        if (edit.reusable === 'either') expect(result.planReused && !stamped, label).toBe(false);
        else expect(result.planReused, label).toBe(stamped && edit.reusable);
        if (result.planReused) reused++;
        stamped = result.ok;
      }
      // Twelve kinds of edit always keep the plan; two of them may follow an error.
      expect(reused).toBeGreaterThanOrEqual(10);
    });
  }
});

describe('the kept plan', () => {
  const planFile = (dir: string) => {
    const root = path.join(dir, 'node_modules/.cache/syndicate/stamps');
    return path.join(root, readdirSync(root).find((f) => f.endsWith('.plan.json'))!);
  };

  it('is used only with the stamp of the build that kept it, and a damaged one is not used at all', async () => {
    const dir = makeProject({}, CONFIGS['the main feeds']);
    writeCorpus(path.join(dir, 'articles'), 12, 3);
    mkdirSync(path.join(dir, 'node_modules'));
    expect((await buildHere(dir)).ok).toBe(true);
    const first = readFileSync(planFile(dir));
    const file = path.join(dir, 'articles', articles(dir)[0]!);
    appendFileSync(file, '\nOne edit.\n');
    expect((await buildHere(dir)).planReused).toBe(true);
    // The plan of the build before, with the stamp of the last one: not used, though it names the same files.
    writeFileSync(planFile(dir), first);
    appendFileSync(file, '\nAnother edit.\n');
    expect((await rebuiltAsWhole(dir)).planReused).toBe(false);
    // Cut short: a whole build, with the same feeds.
    writeFileSync(planFile(dir), readFileSync(planFile(dir), 'utf8').slice(0, 500));
    appendFileSync(file, '\nA third edit.\n');
    const damaged = await rebuiltAsWhole(dir);
    expect(damaged.ok).toBe(true);
    expect(damaged.planReused).toBe(false);
  });

  it('makes a whole build where more than 64 articles changed, or one read again has an error', async () => {
    const dir = makeProject({}, CONFIGS['the main feeds']);
    writeCorpus(path.join(dir, 'articles'), 70, 4);
    mkdirSync(path.join(dir, 'node_modules'));
    expect((await buildHere(dir)).ok).toBe(true);
    const all = articles(dir);
    for (const f of all.slice(0, 64)) appendFileSync(path.join(dir, 'articles', f), '\nEdited.\n');
    expect((await rebuiltAsWhole(dir)).planReused).toBe(true);
    for (const f of all.slice(0, 65)) appendFileSync(path.join(dir, 'articles', f), '\nEdited again.\n');
    expect((await rebuiltAsWhole(dir)).planReused).toBe(false);
    // An error among the articles read again: the whole build reports it, and every other problem with it.
    rewrite(path.join(dir, 'articles', all[0]!), (t) => t.replace(/^date: .*$/m, 'date: 2024-02-30'));
    const broken = await rebuiltAsWhole(dir);
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics.map((d) => d.code)).toContain('date-invalid');
  });
});

describe('an article that comes into a feed', () => {
  // Limit 4: new, then tie-1 and tie-2 published at one instant, then edge-b (which an updated
  // date puts before edge-a, published at the same instant) ends the feed; edge-a and old are left out.
  const ARTICLES: Record<string, string> = {
    'new.md': 'date: 2024-05-09',
    'tie-1.md': 'date: 2024-05-05',
    'tie-2.md': 'date: 2024-05-05',
    'edge-a.md': 'date: 2024-05-01',
    'edge-b.md': 'date: 2024-05-01\nupdated: 2024-06-01',
    'old.md': 'date: 2023-01-01',
  };
  /** Rebuilds as a whole build would; whether the plan was used, and the feed's items by file name. */
  const rebuild = async (dir: string) => ({ reused: (await rebuiltAsWhole(dir)).planReused, items: titlesIn(dir) });
  const file = (dir: string, name: string) => path.join(dir, 'articles', name);

  it('is placed from the plan when it was read again or kept whole; an updated date orders those published at one instant', async () => {
    const dir = await builtProject(ARTICLES, { limit: 4 });
    setUpdated(file(dir, 'new.md'), '2024-07-01');
    expect(await rebuild(dir)).toEqual({ reused: true, items: ['new.md', 'tie-1.md', 'tie-2.md', 'edge-b.md'] });
    // Left out of every feed: it stays out.
    setUpdated(file(dir, 'old.md'), '2024-07-01');
    expect(await rebuild(dir)).toEqual({ reused: true, items: ['new.md', 'tie-1.md', 'tie-2.md', 'edge-b.md'] });
    // Ties with another article the feed holds: the two change places.
    setUpdated(file(dir, 'tie-2.md'), '2024-07-01');
    expect(await rebuild(dir)).toEqual({ reused: true, items: ['new.md', 'tie-2.md', 'tie-1.md', 'edge-b.md'] });
    // Left out, and now ahead of the article that ends the feed: it was read again, so it comes in.
    setUpdated(file(dir, 'edge-a.md'), '2024-09-01');
    expect(await rebuild(dir)).toEqual({ reused: true, items: ['new.md', 'tie-2.md', 'tie-1.md', 'edge-a.md'] });
  });

  it('makes a whole build where it was neither read again nor kept whole', async () => {
    const dir = await builtProject(ARTICLES, { limit: 4 });
    // edge-b falls behind edge-a, which the plan did not keep whole: a whole build reads it.
    rewrite(file(dir, 'edge-b.md'), (t) => t.replace(/^updated: .*\n/m, ''));
    expect(await rebuild(dir)).toEqual({ reused: false, items: ['new.md', 'tie-1.md', 'tie-2.md', 'edge-a.md'] });
    // An article of the full feed removed: old comes in, and was not kept whole.
    rmSync(file(dir, 'tie-1.md'));
    expect(await rebuild(dir)).toEqual({ reused: false, items: ['new.md', 'tie-2.md', 'edge-a.md', 'edge-b.md'] });
    // Made a draft: the next in line (old) was not kept either.
    rewrite(file(dir, 'new.md'), (t) => t.replace(/^---\n/, '---\ndraft: true\n'));
    expect(await rebuild(dir)).toEqual({ reused: false, items: ['tie-2.md', 'edge-a.md', 'edge-b.md', 'old.md'] });
  });
});

describe('the kept plan with tag feeds', () => {
  // Limit 3: new-1 .. new-3 fill the main feed and the feed of tag a; old and older are in the
  // feed of tag b only; oldest, of tag a, in none; lone alone in its tag's; a draft; two scheduled.
  const ARTICLES: Record<string, string> = {
    'new-1.md': 'date: 2024-05-09\ntags: [a]',
    'new-2.md': 'date: 2024-05-08\ntags: [a]',
    'new-3.md': 'date: 2024-05-07\ntags: [a]',
    'old.md': 'date: 2020-01-01\ntags: [b]',
    'older.md': 'date: 2019-01-01\ntags: [b]',
    'oldest.md': 'date: 2017-01-01\ntags: [a]',
    'lone.md': 'date: 2016-06-01\ntags: [lone]',
    'draft.md': 'date: 2024-05-10\ntags: [a]\ndraft: true',
    'soon.md': 'date: 2031-01-01',
    'later.md': 'date: 2032-01-01',
  };
  const project = () => builtProject(ARTICLES, { limit: 3, facets: { tags: true } });
  const change = async (dir: string, name: string, edit: (text: string) => string) => {
    rewrite(path.join(dir, 'articles', name), edit);
    const result = await rebuiltAsWhole(dir);
    return { reused: result.planReused, titles: titlesIn(dir) };
  };
  const remove = async (dir: string, name: string) => {
    rmSync(path.join(dir, 'articles', name));
    const { planReused, articles, drafts, scheduled } = await rebuiltAsWhole(dir);
    return { planReused, articles, drafts, scheduled };
  };

  it('takes removed articles out of the counts and feeds, and a feed whose only article goes', async () => {
    const dir = await project();
    expect(await remove(dir, 'old.md')).toEqual({ planReused: true, articles: 9, drafts: 1, scheduled: 2 });
    expect(await remove(dir, 'draft.md')).toEqual({ planReused: true, articles: 8, drafts: 0, scheduled: 2 });
    // The next scheduled article: the range of --now moves to the one after.
    expect(await remove(dir, 'soon.md')).toEqual({ planReused: true, articles: 7, drafts: 0, scheduled: 1 });
    expect(readdirSync(path.join(dir, 'dist/tags'))).toContain('lone');
    expect(await remove(dir, 'lone.md')).toEqual({ planReused: true, articles: 6, drafts: 0, scheduled: 1 });
    expect(readdirSync(path.join(dir, 'dist/tags'))).not.toContain('lone');
  });

  it('places an article whose tags, date or draft state changed, as long as every article a feed takes in is kept whole', async () => {
    const dir = await project();
    // A draft published: it tops the main feed and the feed of tag a, whose last items drop out.
    expect(await change(dir, 'draft.md', (t) => t.replace(/^draft: true\n/m, ''))).toEqual({ reused: true, titles: ['draft.md', 'new-1.md', 'new-2.md'] });
    // From the feed of tag b to a new one: older stays in b's feed, which old and nothing else now holds.
    expect(await change(dir, 'old.md', (t) => t.replace(/^tags: .*$/m, 'tags: [c]'))).toMatchObject({ reused: true });
    expect(readdirSync(path.join(dir, 'dist/tags')).sort()).toEqual(['a', 'b', 'c', 'lone']);
    // A date moved within the main feed.
    expect(await change(dir, 'new-1.md', (t) => t.replace(/^date: .*$/m, 'date: 2024-05-11'))).toEqual({ reused: true, titles: ['new-1.md', 'draft.md', 'new-2.md'] });
    // Out of the full feed of tag a, where new-3 comes in again, which no feed held since the draft was published: a whole build.
    expect(await change(dir, 'draft.md', (t) => t.replace(/^tags: .*$/m, 'tags: [d]'))).toEqual({ reused: false, titles: ['new-1.md', 'draft.md', 'new-2.md'] });
    // Out of the full main feed, where new-3 comes in: the feed of tag a holds it whole now.
    expect(await change(dir, 'draft.md', (t) => t.replace(/^date: .*$/m, 'date: 2010-01-01'))).toEqual({ reused: true, titles: ['new-1.md', 'new-2.md', 'new-3.md'] });
    // Out of the full feed of tag a, where oldest comes in, which no feed held: a whole build.
    expect(await change(dir, 'new-2.md', (t) => t.replace(/^tags: .*$/m, 'tags: [b]'))).toEqual({ reused: false, titles: ['new-1.md', 'new-2.md', 'new-3.md'] });
    expect(titlesIn(dir, 'tags/a/feed.json')).toEqual(['new-1.md', 'new-3.md', 'oldest.md']);
  });

  it('warns of a tag spelled two ways, and stops warning when the second spelling goes, from the plan', async () => {
    const dir = await project();
    writeFileSync(path.join(dir, 'articles/shout.md'), '---\ntitle: shout.md\ndate: 2015-01-01\ntags: [A]\n---\nText.\n');
    const added = await rebuiltAsWhole(dir);
    expect(added.planReused).toBe(true);
    expect(added.diagnostics.map((d) => d.code)).toContain('facet-shared');
    const removed = await rebuiltAsWhole(dir, {}, (rmSync(path.join(dir, 'articles/shout.md')), 'shout.md removed'));
    expect(removed.planReused).toBe(true);
    expect(removed.diagnostics.map((d) => d.code)).not.toContain('facet-shared');
  });
});

describe('the kept plan in a git repository', () => {
  /** Rebuilds; checks the output against a whole build; whether the plan was used, and each item's updated date by title. */
  const rebuild = async (dir: string, ci = false) => {
    const { planReused } = await rebuiltAsWhole(dir, { ci });
    const feed = JSON.parse(readFileSync(path.join(dir, 'dist/feed.json'), 'utf8')) as { items: { title: string; date_modified: string }[] };
    return { reused: planReused, updated: Object.fromEntries(feed.items.map((i) => [i.title, i.date_modified])) };
  };

  it('takes in the commits made since, re-reading the articles they touched', async () => {
    const dir = makeProject({}, CONFIGS['the main feeds']);
    writeCorpus(path.join(dir, 'articles'), 12, 5);
    writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\ndist/\nwhole/\n');
    mkdirSync(path.join(dir, 'node_modules'));
    const repo = new Repo(dir);
    repo.commit('first', '2025-01-01T10:00:00Z');
    expect((await buildHere(dir)).ok).toBe(true);
    const feed = () => JSON.parse(readFileSync(path.join(dir, 'dist/feed.json'), 'utf8')) as { items: { title: string }[] };
    const inFeed = (n: number) => {
      const title = feed().items[n]!.title;
      const name = articles(dir).find((f) => readFileSync(path.join(dir, 'articles', f), 'utf8').includes(`title: "${title}"`))!;
      return { title, file: path.join(dir, 'articles', name) };
    };

    // An edit committed: its git date of change moves, and the plan holds.
    const first = inFeed(2);
    appendFileSync(first.file, '\nAn edit.\n');
    repo.commit('edit', '2025-02-01T10:00:00Z');
    let step = await rebuild(dir);
    expect(step.reused).toBe(true);
    expect(step.updated[first.title]).toBe('2025-02-01T10:00:00Z');

    // A commit that touches no article.
    writeFileSync(path.join(dir, 'README.md'), 'A site.\n');
    repo.commit('readme', '2025-03-01T10:00:00Z');
    expect((await rebuild(dir)).reused).toBe(true);

    // `check` first, as a CI job may run it before the build: the new commit's log is then kept
    // already, and the build asks git what the commits since its own touched.
    const checked = inFeed(5);
    appendFileSync(checked.file, '\nChecked first.\n');
    repo.commit('checked', '2025-03-15T10:00:00Z');
    expect(runCli(dir, ['check', '--now', '2030-01-01T00:00:00Z']).code).toBe(0);
    step = await rebuild(dir);
    expect(step.reused).toBe(true);
    expect(step.updated[checked.title]).toBe('2025-03-15T10:00:00Z');

    // Built while the edit was not committed, then committed: the same bytes, a new git date.
    const second = inFeed(4);
    appendFileSync(second.file, '\nAnother edit.\n');
    expect((await rebuild(dir)).reused).toBe(true);
    repo.commit('another edit', '2025-04-01T10:00:00Z');
    step = await rebuild(dir);
    expect(step.reused).toBe(true);
    expect(step.updated[second.title]).toBe('2025-04-01T10:00:00Z');

    // As CI builds a push: a fresh checkout (every file with new times), CI=true, the output
    // folder empty, and the caches of the last CI build (CI=true is part of what a stamp is for).
    expect((await rebuild(dir, true)).reused).toBe(false);
    const third = inFeed(6);
    appendFileSync(third.file, '\nEdited before a push.\n');
    repo.commit('pushed', '2025-05-01T10:00:00Z');
    for (const f of articles(dir)) utimesSync(path.join(dir, 'articles', f), new Date(), new Date());
    rmSync(path.join(dir, 'dist'), { recursive: true });
    step = await rebuild(dir, true);
    expect(step.reused).toBe(true);
    expect(step.updated[third.title]).toBe('2025-05-01T10:00:00Z');
    expect((await rebuild(dir)).reused).toBe(false);

    // The last commit rewritten: the new history does not descend from the one the plan was made at.
    git(dir, ['commit', '-q', '--amend', '--date', '2025-06-01T10:00:00Z', '-m', 'pushed again'], '2025-06-01T10:00:00Z');
    step = await rebuild(dir);
    expect(step.reused).toBe(false);
    expect(step.updated[third.title]).toBe('2025-06-01T10:00:00Z');

    // A merge: either side may hide the other's commits from the log.
    git(dir, ['checkout', '-q', '-b', 'side']);
    appendFileSync(inFeed(1).file, '\nOn a side branch.\n');
    repo.commit('side', '2025-07-01T10:00:00Z');
    git(dir, ['checkout', '-q', 'main']);
    expect((await rebuild(dir)).reused).toBe(true);
    git(dir, ['merge', '-q', '--no-ff', '-m', 'merge', 'side'], '2025-07-02T10:00:00Z');
    expect((await rebuild(dir)).reused).toBe(false);

    // An article of the full main feed renamed in a commit: read again under its new name, where
    // git follows it back to its first (its id stays), and placed as before.
    const fourth = inFeed(3);
    renameSync(fourth.file, fourth.file.replace(/\.md$/, '-renamed.md'));
    repo.commit('rename', '2025-08-01T10:00:00Z');
    expect((await rebuild(dir)).reused).toBe(true);
    expect(feed().items[3]!.title).toBe(fourth.title);
  });
});

describe('the kept plan with a previous feed', () => {
  it('reads again the articles whose item in it changed, as CI builds each push against the feed it published last', async () => {
    const dir = makeProject({}, CONFIGS['the main feeds']);
    writeCorpus(path.join(dir, 'articles'), 14, 9);
    mkdirSync(path.join(dir, 'node_modules'));
    const previous = path.join(dir, 'previous.json');
    writeFileSync(previous, '{"items": []}');
    expect((await buildHere(dir, { previous: 'previous.json' })).ok).toBe(true);
    const rebuild = async () => (await rebuiltAsWhole(dir, { previous: 'previous.json' })).planReused;
    const publish = () => writeFileSync(previous, readFileSync(path.join(dir, 'dist/feed.json')));
    const r = seeded(3);
    const pick = () => path.join(dir, 'articles', r.pick(articles(dir)));

    // The feed published, then an edit: the feed's items are the ones the plan made.
    publish();
    appendFileSync(pick(), '\nAn edit.\n');
    expect(await rebuild()).toBe(true);
    // An article published: it tops the feed, and the last item drops out of it.
    publish();
    addArticle(dir, r, { date: '2029-06-01' });
    expect(await rebuild()).toBe(true);
    // That feed published: two items changed in it (the new one, the one gone), whose articles are read again and keep their place.
    publish();
    appendFileSync(pick(), '\nAnother edit.\n');
    expect(await rebuild()).toBe(true);
    // The feed names an article of it by another id: the article takes it, in every feed.
    publish();
    const feed = JSON.parse(readFileSync(previous, 'utf8')) as { items: { id: string }[] };
    feed.items[3]!.id = 'urn:example:kept-id';
    writeFileSync(previous, JSON.stringify(feed));
    expect(await rebuild()).toBe(true);
    expect(readFileSync(path.join(dir, 'dist/feed.json'), 'utf8')).toContain('urn:example:kept-id');
    // And drops it again: the article is read again, and goes back to its own id.
    publish();
    const again = JSON.parse(readFileSync(previous, 'utf8')) as { items: { id: string }[] };
    writeFileSync(previous, JSON.stringify({ ...again, items: again.items.filter((i) => i.id !== 'urn:example:kept-id') }));
    expect(await rebuild()).toBe(true);
    expect(readFileSync(path.join(dir, 'dist/feed.json'), 'utf8')).not.toContain('urn:example:kept-id');
  });
});
