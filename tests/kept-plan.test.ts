/**
 * A rebuild from the last build's plan (src/kept-plan.ts) gives what a whole
 * build gives: over random sequences of edits to a project, every build with
 * the caches writes the same files with the same bytes, prints the same
 * messages and exits the same way as a build of the same articles from
 * nothing; and the kept plan is used exactly when the edits left every
 * changed article in its place.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCorpus } from './support/corpus.js';
import { git, Repo } from './support/git.js';
import { BASE_CONFIG, buildCli, makeProject, runCli, type Run } from './support/project.js';
import { seeded, type Seeded } from './support/random.js';

/**
 * An edit, whether the next build may start from the kept plan after it (for every config, for
 * the configs `reusable` says, or 'either' where it depends on the articles around it, which the
 * tests after this one pin down), and how to undo it if it is an error.
 */
type Edit = (dir: string, pickFile: () => string, r: Seeded) => { what: string; reusable: boolean | 'either' | ((config: string) => boolean | 'either'); undo?: () => void };

/** Sets an article's updated date, or adds one. */
const setUpdated = (file: string, date: string) =>
  rewrite(file, (t) => (/^updated: .*$/m.test(t) ? t.replace(/^updated: .*$/m, `updated: ${date}`) : t.replace(/^---\n/, `---\nupdated: ${date}\n`)));

/** Articles added can be placed in a kept plan, but not where archive pages would move. */
const unlessArchived = (config: string) => config !== 'archive pages';

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
    // The updated date orders only articles published at one instant: the plan holds unless this one may tie with another.
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
  (dir, _, r) => ({ what: `${addArticle(dir, r)} added`, reusable: unlessArchived }),
  (dir, _, r) => ({ what: `${addArticle(dir, r, { extra: 'draft: true\n' })} added as a draft`, reusable: unlessArchived }),
  (dir, _, r) => ({ what: `${addArticle(dir, r, { date: '2031-02-03' })} added, scheduled`, reusable: unlessArchived }),
  (dir, _, r) => {
    // "NEWS" folds into the feed of "news": its name, and a warning, depend on every article
    // (unless the edits before left no live article of "news").
    const file = addArticle(dir, r, { tags: 'NEWS', date: '2029-12-31' });
    return { what: `${file} added with a tag spelled anew`, reusable: (config) => config === 'the main feeds' || 'either' };
  },
  (dir, _, r) => {
    // The id of an article already in the feeds: an error naming both.
    const id = (JSON.parse(readFileSync(path.join(dir, 'dist/feed.json'), 'utf8')) as { items: { id: string }[] }).items.at(-1)!.id;
    const file = addArticle(dir, r, { extra: `id: "${id}"\n` });
    return { what: `${file} added with the id of another article`, reusable: false, undo: () => rmSync(file) };
  },
  (_, pick) => {
    // Taken out of the feeds that held it, unless one of them was full (the next in line is not kept).
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

/** What a build said, with the output folder's name and the write statuses taken out. */
function told(run: Run, out: string): { code: number | null; stderr: string; json: Record<string, unknown> } {
  const json = JSON.parse(run.stdout) as Record<string, unknown> & { outputs: { path: string; status?: string }[] };
  const outputs = json.outputs.map(({ status: _status, ...o }) => ({ ...o, path: o.path.replace(`${out}/`, 'OUT/') }));
  const { planReused: _planReused, removed: _removed, ...rest } = json;
  return { code: run.code, stderr: run.stderr, json: { ...rest, outputs } };
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
 * report, say and write the same (`label` names the step in a failure). The first one's run, and
 * whether it started from the kept plan.
 */
function rebuiltAsWhole(dir: string, args: string[] = [], env: Record<string, string> = {}, label = ''): Run & { reused: boolean } {
  const run = buildCli(dir, ['--json', ...args], env);
  rmSync(path.join(dir, 'whole'), { recursive: true, force: true });
  const whole = buildCli(dir, ['--json', ...args, '--no-cache', '--out', 'whole'], env);
  expect(told(run, 'dist'), `${label}\n${run.stderr}`).toEqual(told(whole, 'whole'));
  if (run.code === 0) expect(files(path.join(dir, 'dist')), label).toEqual(files(path.join(dir, 'whole')));
  return { ...run, reused: (JSON.parse(run.stdout) as { planReused: boolean }).planReused };
}

/** A project of small articles (by name, the rest of their frontmatter) with a cache folder, built once. */
function builtProject(articles: Record<string, string>, feeds: unknown): string {
  const dir = makeProject(
    Object.fromEntries(Object.entries(articles).map(([name, front]) => [name, `---\ntitle: ${name}\n${front}\n---\nText of ${name}.\n`])),
    { ...BASE_CONFIG, feeds },
  );
  mkdirSync(path.join(dir, 'node_modules'));
  expect(buildCli(dir, ['--json']).code).toBe(0);
  return dir;
}

/** The titles of the main JSON feed's items, in order. */
const titlesIn = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'dist/feed.json'), 'utf8')).items as { title: string }[]).map((i) => i.title);

describe('a rebuild from the kept plan', () => {
  // Two seeded orders of the edits for each config: more of the states an edit can meet.
  for (const [name, config] of Object.entries(CONFIGS)) for (const seed of [7, 202]) {
    it(`gives what a whole build gives, with ${name} (seed ${seed})`, { timeout: 180_000 }, () => {
      const dir = makeProject({}, config);
      writeCorpus(path.join(dir, 'articles'), 40, name.length);
      writeFileSync(path.join(dir, 'articles', UNDATED), '---\ntitle: Undated\ntags: [news]\n---\nDated by its mtime.\n');
      utimesSync(path.join(dir, 'articles', UNDATED), new Date('2024-06-01'), new Date('2024-06-01'));
      mkdirSync(path.join(dir, 'node_modules'));
      const r = seeded(name.length * seed);
      const first = buildCli(dir, ['--json']);
      expect(first.code, first.stderr).toBe(0);
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
        const { what } = edit;
        const reusable = typeof edit.reusable === 'function' ? edit.reusable(name) : edit.reusable;
        undo = edit.undo;
        const label = `step ${step}: ${what}`;
        const run = rebuiltAsWhole(dir, [], {}, label);
        // The plan is kept by a build that succeeded, and used when the changed articles kept their place.
        const planReused = run.reused;
        if (reusable === 'either') expect(planReused && !stamped, label).toBe(false);
        else expect(planReused, label).toBe(stamped && reusable);
        if (planReused) reused++;
        stamped = run.code === 0;
      }
      // Six kinds of edit keep every article in its place, and more add one; two of them may follow an error.
      expect(reused).toBeGreaterThanOrEqual(4);
    });
  }
});

describe('the kept plan', () => {
  const reused = (run: Run) => (JSON.parse(run.stdout) as { planReused: boolean }).planReused;
  const planFile = (dir: string) => {
    const root = path.join(dir, 'node_modules/.cache/syndicate/stamps');
    return path.join(root, readdirSync(root).find((f) => f.endsWith('.plan.json'))!);
  };

  it('is used only with the stamp of the build that kept it, and a damaged one is not used at all', () => {
    const dir = makeProject({}, CONFIGS['the main feeds']);
    writeCorpus(path.join(dir, 'articles'), 12, 3);
    mkdirSync(path.join(dir, 'node_modules'));
    expect(buildCli(dir, ['--json']).code).toBe(0);
    const first = readFileSync(planFile(dir));
    const file = path.join(dir, 'articles', articles(dir)[0]!);
    appendFileSync(file, '\nOne edit.\n');
    const edited = buildCli(dir, ['--json']);
    expect(reused(edited)).toBe(true);
    // The plan of the build before, with the stamp of the last one: not used, though it names the same files.
    writeFileSync(planFile(dir), first);
    appendFileSync(file, '\nAnother edit.\n');
    expect(rebuiltAsWhole(dir).reused).toBe(false);
    // Cut short: a whole build, with the same feeds.
    writeFileSync(planFile(dir), readFileSync(planFile(dir), 'utf8').slice(0, 500));
    appendFileSync(file, '\nA third edit.\n');
    const damaged = rebuiltAsWhole(dir);
    expect(damaged.code).toBe(0);
    expect(damaged.reused).toBe(false);
  });
});

describe('an updated date moved', () => {
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
  const project = () => builtProject(ARTICLES, { limit: 4 });
  /** Rebuilds as a whole build would; whether the plan was used, and the feed's items by file name. */
  const rebuild = (dir: string) => ({ reused: rebuiltAsWhole(dir).reused, items: titlesIn(dir) });
  const file = (dir: string, name: string) => path.join(dir, 'articles', name);

  it('keeps the plan where no other article is published at the same instant', () => {
    const dir = project();
    setUpdated(file(dir, 'new.md'), '2024-07-01');
    expect(rebuild(dir)).toEqual({ reused: true, items: ['new.md', 'tie-1.md', 'tie-2.md', 'edge-b.md'] });
    // Left out of every feed, alone at its instant: it stays out.
    setUpdated(file(dir, 'old.md'), '2024-07-01');
    expect(rebuild(dir)).toEqual({ reused: true, items: ['new.md', 'tie-1.md', 'tie-2.md', 'edge-b.md'] });
  });

  it('makes a whole build where it may reorder articles published at the same instant', () => {
    const dir = project();
    // Ties with another article the feed holds: the two change places.
    setUpdated(file(dir, 'tie-2.md'), '2024-07-01');
    expect(rebuild(dir)).toEqual({ reused: false, items: ['new.md', 'tie-2.md', 'tie-1.md', 'edge-b.md'] });
    // Ends the full feed and ties with an article left out, which the plan does not hold: they change places.
    rewrite(file(dir, 'edge-b.md'), (t) => t.replace(/^updated: .*\n/m, ''));
    expect(rebuild(dir)).toEqual({ reused: false, items: ['new.md', 'tie-2.md', 'tie-1.md', 'edge-a.md'] });
    // Left out, and ties with the article that ends the feed: it comes back.
    setUpdated(file(dir, 'edge-b.md'), '2024-08-01');
    expect(rebuild(dir)).toEqual({ reused: false, items: ['new.md', 'tie-2.md', 'tie-1.md', 'edge-b.md'] });
  });
});

describe('the kept plan in a git repository', () => {
  /** Rebuilds; checks the output against a whole build; whether the plan was used, and each item's updated date by title. */
  const rebuild = (dir: string, env: Record<string, string> = {}) => {
    const { reused } = rebuiltAsWhole(dir, [], env);
    const feed = JSON.parse(readFileSync(path.join(dir, 'dist/feed.json'), 'utf8')) as { items: { title: string; date_modified: string }[] };
    return { reused, updated: Object.fromEntries(feed.items.map((i) => [i.title, i.date_modified])) };
  };

  it('takes in the commits made since, re-reading the articles they touched', () => {
    const dir = makeProject({}, CONFIGS['the main feeds']);
    writeCorpus(path.join(dir, 'articles'), 12, 5);
    writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\ndist/\nwhole/\n');
    mkdirSync(path.join(dir, 'node_modules'));
    const repo = new Repo(dir);
    repo.commit('first', '2025-01-01T10:00:00Z');
    expect(buildCli(dir, ['--json']).code).toBe(0);
    const feed = () => JSON.parse(readFileSync(path.join(dir, 'dist/feed.json'), 'utf8')) as { items: { title: string }[] };
    const inFeed = (n: number) => {
      const title = feed().items[n]!.title;
      const name = readdirSync(path.join(dir, 'articles'), { recursive: true })
        .map(String)
        .find((f) => f.endsWith('.md') && readFileSync(path.join(dir, 'articles', f), 'utf8').includes(`title: "${title}"`))!;
      return { title, file: path.join(dir, 'articles', name) };
    };

    // An edit committed: its git date of change moves, and the plan holds.
    const first = inFeed(2);
    appendFileSync(first.file, '\nAn edit.\n');
    repo.commit('edit', '2025-02-01T10:00:00Z');
    let step = rebuild(dir);
    expect(step.reused).toBe(true);
    expect(step.updated[first.title]).toBe('2025-02-01T10:00:00Z');

    // A commit that touches no article.
    writeFileSync(path.join(dir, 'README.md'), 'A site.\n');
    repo.commit('readme', '2025-03-01T10:00:00Z');
    expect(rebuild(dir).reused).toBe(true);

    // `check` first, as a CI job may run it before the build: the new commit's log is then kept
    // already, and the build asks git what the commits since its own touched.
    const checked = inFeed(5);
    appendFileSync(checked.file, '\nChecked first.\n');
    repo.commit('checked', '2025-03-15T10:00:00Z');
    expect(runCli(dir, ['check', '--now', '2030-01-01T00:00:00Z']).code).toBe(0);
    step = rebuild(dir);
    expect(step.reused).toBe(true);
    expect(step.updated[checked.title]).toBe('2025-03-15T10:00:00Z');

    // Built while the edit was not committed, then committed: the same bytes, a new git date.
    const second = inFeed(4);
    appendFileSync(second.file, '\nAnother edit.\n');
    expect(rebuild(dir).reused).toBe(true);
    repo.commit('another edit', '2025-04-01T10:00:00Z');
    step = rebuild(dir);
    expect(step.reused).toBe(true);
    expect(step.updated[second.title]).toBe('2025-04-01T10:00:00Z');

    // As CI builds a push: a fresh checkout (every file with new times), CI=true, the output
    // folder empty, and the caches of the last CI build (CI=true is part of what a stamp is for).
    expect(rebuild(dir, { CI: 'true' }).reused).toBe(false);
    const third = inFeed(6);
    appendFileSync(third.file, '\nEdited before a push.\n');
    repo.commit('pushed', '2025-05-01T10:00:00Z');
    for (const f of readdirSync(path.join(dir, 'articles'), { recursive: true }).map(String)) utimesSync(path.join(dir, 'articles', f), new Date(), new Date());
    rmSync(path.join(dir, 'dist'), { recursive: true });
    step = rebuild(dir, { CI: 'true' });
    expect(step.reused).toBe(true);
    expect(step.updated[third.title]).toBe('2025-05-01T10:00:00Z');
    expect(rebuild(dir).reused).toBe(false);

    // The last commit rewritten: the new history does not descend from the one the plan was made at.
    git(dir, ['commit', '-q', '--amend', '--date', '2025-06-01T10:00:00Z', '-m', 'pushed again'], '2025-06-01T10:00:00Z');
    step = rebuild(dir);
    expect(step.reused).toBe(false);
    expect(step.updated[third.title]).toBe('2025-06-01T10:00:00Z');

    // A merge: either side may hide the other's commits from the log.
    git(dir, ['checkout', '-q', '-b', 'side']);
    appendFileSync(inFeed(1).file, '\nOn a side branch.\n');
    repo.commit('side', '2025-07-01T10:00:00Z');
    git(dir, ['checkout', '-q', 'main']);
    expect(rebuild(dir).reused).toBe(true);
    git(dir, ['merge', '-q', '--no-ff', '-m', 'merge', 'side'], '2025-07-02T10:00:00Z');
    expect(rebuild(dir).reused).toBe(false);

    // An article of the full main feed renamed in a commit: a whole build (the next in line is not kept).
    const fourth = inFeed(3);
    renameSync(fourth.file, fourth.file.replace(/\.md$/, '-renamed.md'));
    repo.commit('rename', '2025-08-01T10:00:00Z');
    expect(rebuild(dir).reused).toBe(false);
  });
});

describe('the kept plan with a previous feed', () => {
  it('reads again the articles whose item in it changed, as CI builds each push against the feed it published last', () => {
    const dir = makeProject({}, CONFIGS['the main feeds']);
    writeCorpus(path.join(dir, 'articles'), 14, 9);
    mkdirSync(path.join(dir, 'node_modules'));
    const previous = path.join(dir, 'previous.json');
    writeFileSync(previous, '{"items": []}');
    const args = ['--previous', 'previous.json'];
    expect(buildCli(dir, args).code).toBe(0);
    const rebuild = () => rebuiltAsWhole(dir, args).reused;
    const publish = () => writeFileSync(previous, readFileSync(path.join(dir, 'dist/feed.json')));
    const r = seeded(3);
    const pick = () => path.join(dir, 'articles', r.pick(articles(dir)));

    // The feed published, then an edit: the feed's items are the ones the plan made.
    publish();
    appendFileSync(pick(), '\nAn edit.\n');
    expect(rebuild()).toBe(true);
    // An article published: it tops the feed, and the last item drops out of it.
    publish();
    addArticle(dir, r, { date: '2029-06-01' });
    expect(rebuild()).toBe(true);
    // That feed published: two items changed in it (the new one, the one gone), whose articles are read again and keep their place.
    publish();
    appendFileSync(pick(), '\nAnother edit.\n');
    expect(rebuild()).toBe(true);
    // The feed names an article of it by another id: the article takes it, in every feed (its
    // shape changes, and it is taken out and put in again).
    publish();
    const feed = JSON.parse(readFileSync(previous, 'utf8')) as { items: { id: string }[] };
    feed.items[3]!.id = 'urn:example:kept-id';
    writeFileSync(previous, JSON.stringify(feed));
    expect(rebuild()).toBe(true);
    expect(readFileSync(path.join(dir, 'dist/feed.json'), 'utf8')).toContain('urn:example:kept-id');
    // And drops it again: the article is read again, and goes back to its own id.
    publish();
    const again = JSON.parse(readFileSync(previous, 'utf8')) as { items: { id: string }[] };
    writeFileSync(previous, JSON.stringify({ ...again, items: again.items.filter((i) => i.id !== 'urn:example:kept-id') }));
    expect(rebuild()).toBe(true);
    expect(readFileSync(path.join(dir, 'dist/feed.json'), 'utf8')).not.toContain('urn:example:kept-id');
  });
});

describe('the kept plan after articles removed', () => {
  // Limit 3, tag feeds: new-1 .. new-3 fill the main feed; old is in no feed but its tag's; lone is
  // the only article of its tag; a draft; two scheduled articles (the first one bounds --now).
  const ARTICLES: Record<string, string> = {
    'new-1.md': 'date: 2024-05-09\ntags: [a]',
    'new-2.md': 'date: 2024-05-08\ntags: [a]',
    'new-3.md': 'date: 2024-05-07\ntags: [a]',
    'old.md': 'date: 2020-01-01\ntags: [b]',
    'older.md': 'date: 2019-01-01\ntags: [a]',
    'lone.md': 'date: 2019-06-01\ntags: [lone]',
    'draft.md': 'date: 2024-01-01\ndraft: true',
    'soon.md': 'date: 2031-01-01',
    'later.md': 'date: 2032-01-01',
  };
  const project = () => builtProject(ARTICLES, { limit: 3, facets: { tags: true } });
  /** Removes an article and rebuilds as a whole build would; whether the plan was used, and the counts. */
  const remove = (dir: string, name: string) => {
    rmSync(path.join(dir, 'articles', name));
    const run = rebuiltAsWhole(dir);
    const { articles, drafts, scheduled } = JSON.parse(run.stdout) as { articles: number; drafts: number; scheduled: number };
    return { planReused: run.reused, articles, drafts, scheduled };
  };

  it('takes them out of the counts and of the feeds that held them, where no feed must take in the next in line', () => {
    const dir = project();
    expect(remove(dir, 'old.md')).toEqual({ planReused: true, articles: 8, drafts: 1, scheduled: 2 });
    expect(remove(dir, 'draft.md')).toEqual({ planReused: true, articles: 7, drafts: 0, scheduled: 2 });
    expect(remove(dir, 'later.md')).toEqual({ planReused: true, articles: 6, drafts: 0, scheduled: 1 });
    // The only article of its tag: that tag's feed goes with it.
    expect(readdirSync(path.join(dir, 'dist/tags'))).toContain('lone');
    expect(remove(dir, 'lone.md')).toEqual({ planReused: true, articles: 5, drafts: 0, scheduled: 1 });
    expect(readdirSync(path.join(dir, 'dist/tags'))).not.toContain('lone');
  });

  it('makes a whole build where a full feed loses an article, or a tag was spelled two ways', () => {
    const dir = project();
    // The next scheduled article: the range of --now stays bounded by it.
    expect(remove(dir, 'soon.md')).toEqual({ planReused: true, articles: 8, drafts: 1, scheduled: 1 });
    // new-2 leaves the full main feed (old comes in) and the full feed of tag a (older comes in).
    expect(remove(dir, 'new-2.md').planReused).toBe(false);
    expect(titlesIn(dir)).toEqual(['new-1.md', 'new-3.md', 'old.md']);
    // In no feed, but its spelling of tag a ("A") is warned of: the warning goes with it.
    writeFileSync(path.join(dir, 'articles/shout.md'), '---\ntitle: shout.md\ndate: 2015-01-01\ntags: [A]\n---\nText.\n');
    expect(buildCli(dir, ['--json']).stdout).toContain('fold to the same name');
    expect(remove(dir, 'shout.md').planReused).toBe(false);
  });
});

describe('the kept plan after an article changed its shape', () => {
  // Limit 3, tag feeds: new-1 .. new-3 fill the main feed and the feed of tag a; old and older
  // are in no feed but the feed of tag b; oldest, of tag a, in none; a draft.
  const ARTICLES: Record<string, string> = {
    'new-1.md': 'date: 2024-05-09\ntags: [a]',
    'new-2.md': 'date: 2024-05-08\ntags: [a]',
    'new-3.md': 'date: 2024-05-07\ntags: [a]',
    'old.md': 'date: 2020-01-01\ntags: [b]',
    'older.md': 'date: 2019-01-01\ntags: [b]',
    'oldest.md': 'date: 2017-01-01\ntags: [a]',
    'draft.md': 'date: 2024-05-10\ntags: [a]\ndraft: true',
  };
  const project = () => builtProject(ARTICLES, { limit: 3, facets: { tags: true } });
  /** Rewrites an article's frontmatter and rebuilds as a whole build would; whether the plan was used, and the main feed's titles. */
  const change = (dir: string, name: string, from: RegExp, to: string) => {
    rewrite(path.join(dir, 'articles', name), (t) => t.replace(from, to));
    return { reused: rebuiltAsWhole(dir).reused, titles: titlesIn(dir) };
  };

  it('takes it out and puts it in again where no full feed must take in the next in line', () => {
    const dir = project();
    // A draft published: it tops the main feed and the feed of tag a, whose last items drop out.
    expect(change(dir, 'draft.md', /^draft: true\n/m, '')).toEqual({ reused: true, titles: ['draft.md', 'new-1.md', 'new-2.md'] });
    // Tags of an article in no main feed: from the feed of tag b to a new one.
    expect(change(dir, 'older.md', /^tags: .*$/m, 'tags: [c]')).toMatchObject({ reused: true });
    expect(readdirSync(path.join(dir, 'dist/tags')).sort()).toEqual(['a', 'b', 'c']);
    // A date moved within the main feed, before its last item.
    expect(change(dir, 'new-1.md', /^date: .*$/m, 'date: 2024-05-11')).toEqual({ reused: true, titles: ['new-1.md', 'draft.md', 'new-2.md'] });
    // A tag added to an article the feeds hold, before their last items.
    expect(change(dir, 'draft.md', /^tags: .*$/m, 'tags: [a, d]')).toMatchObject({ reused: true });
    expect(readdirSync(path.join(dir, 'dist/tags')).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('makes a whole build where a full feed loses it', () => {
    const dir = project();
    // Out of the full feed of tag a, where oldest comes in.
    expect(change(dir, 'new-2.md', /^tags: .*$/m, 'tags: [b]')).toEqual({ reused: false, titles: ['new-1.md', 'new-2.md', 'new-3.md'] });
    expect(readFileSync(path.join(dir, 'dist/tags/a/feed.json'), 'utf8')).toContain('oldest.md');
    // Moved back out of the full main feed: new-3 is not kept... nor is old, which comes in.
    expect(change(dir, 'new-1.md', /^date: .*$/m, 'date: 2018-01-01')).toEqual({ reused: false, titles: ['new-2.md', 'new-3.md', 'old.md'] });
    // Made a draft while the feeds hold it.
    expect(change(dir, 'new-2.md', /^---\n/, '---\ndraft: true\n')).toEqual({ reused: false, titles: ['new-3.md', 'old.md', 'older.md'] });
    // A tag added to the last item of the full main feed: its place against the articles left out is not known.
    expect(change(dir, 'older.md', /^tags: .*$/m, 'tags: [b, e]')).toMatchObject({ reused: false });
  });
});
