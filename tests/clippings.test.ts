/**
 * Clippings: news articles as people save them (Markdown with no frontmatter, or with a web
 * clipper's), built into feeds. The byline block is metadata, not content; relative times never
 * reach the feed as text; the web page's residue goes; an article with frontmatter is left as
 * written.
 */
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_CONFIG, buildHere, buildHereCli, makeProject, readOut, runHere, tempDir } from './support/project.js';

// The top of the clipping this project was started from, exactly: two trailing spaces after the
// first two byline lines, and a comma. The rest is in its shape (caption and credit, bold lede,
// body, a "see also" video line), in words of our own.
const SEED_TOP = [
  '# En Syrie, soldats russes et américains partagent un rare moment de convivialité',
  '',
  'Par Le Figaro avec AFP  ',
  'Publié il y a 4 heures,  ',
  'Mis à jour il y a 4 heures',
  '',
  '[Écouter cet article](#)',
  '',
  '00:00/02:21',
].join('\n');
const LEDE = 'Des patrouilles des deux armées se sont croisées sur une route du nord-est du pays, et les soldats ont posé ensemble pour des photos.';
const SEED = `${SEED_TOP}\n\n\n\nDes soldats se saluent à un carrefour. *Jean DUPONT / AFP*\n\n**${LEDE}**\n\nLa scène a duré une dizaine de minutes, selon des correspondants sur place.\n\n**À VOIR AUSSI** - Une parade militaire dans une autre ville\n\nLes convois sont ensuite repartis chacun de leur côté.\n`;

// When the clipping was saved: its mtime, what "il y a 4 heures" counts back from without git or `captured:`.
const SAVED = Date.parse('2022-05-30T14:00:00Z');
const FR = { ...BASE_CONFIG, site: { ...BASE_CONFIG.site, language: 'fr' } };

type Item = { title: string; summary: string; content_html: string; date_published: string; date_modified: string; authors: { name: string }[]; external_url?: string; image?: string };

function project(files: Record<string, string>, config: unknown = FR): string {
  const dir = makeProject(files, config);
  for (const name of Object.keys(files)) utimesSync(path.join(dir, 'articles', name), SAVED / 1000, SAVED / 1000);
  return dir;
}

async function built(dir: string): Promise<Item[]> {
  const run = await buildHereCli(dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(readOut(dir, 'feed.json')).items;
}

describe("the issue's clipping", () => {
  it('dates, credits and summarizes it from its byline, and leaves the byline and the page residue out of the content', async () => {
    const dir = project({ 'syrie.md': SEED });
    const [item] = await built(dir);
    expect(item!.title).toBe('En Syrie, soldats russes et américains partagent un rare moment de convivialité');
    // Four hours before it was saved, both of them, and no warning that the update is earlier.
    expect(item!.date_published).toBe('2022-05-30T12:00:00+02:00');
    expect(item!.date_modified).toBe('2022-05-30T12:00:00+02:00');
    expect(item!.authors).toEqual([{ name: 'Le Figaro avec AFP' }]);
    expect(item!.summary).toBe(LEDE);
    const html = item!.content_html;
    expect(html).not.toContain('Publié il y a');
    expect(html).not.toContain('Par Le Figaro');
    expect(html).not.toContain('href="https://example.com/blog/syrie/#"');
    expect(html).not.toContain('Écouter cet article');
    expect(html).not.toContain('00:00/02:21');
    expect(html).not.toContain('VOIR AUSSI');
    expect(html).not.toContain('<h1>');
    // The caption stays (its image was not copied), and the article's own words, all of them.
    expect(html).toContain('<p>Des soldats se saluent à un carrefour. <em>Jean DUPONT / AFP</em></p>');
    expect(html).toContain(`<p><strong>${LEDE}</strong></p>`);
    expect(html).toContain('Les convois sont ensuite repartis');
    const atom = readOut(dir, 'atom.xml');
    expect(atom).toContain('<published>2022-05-30T12:00:00+02:00</published>');
  });

  it('explains where each date came from, what it was counted back from, and that it is approximate', async () => {
    const dir = project({ 'syrie.md': SEED });
    const run = await runHere(dir, ['explain', 'articles/syrie.md']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('authors    Le Figaro avec AFP, from the byline (line 3)');
    expect(run.stdout).toContain(
      'from byline "il y a 4 heures" (line 4), counted back from the file\'s modification time; read in Europe/Paris; precise to the minute; approximate',
    );
    expect(run.stdout).toContain('from byline "il y a 4 heures" (line 5)');
  });

  it('is explained from outside the articles folder, as an article of the folder it is in', async () => {
    const dir = project({ 'a.md': '# A\n\nText.\n' });
    const downloads = path.join(dir, 'Downloads');
    mkdirSync(downloads);
    writeFileSync(path.join(downloads, 'syrie.md'), SEED);
    utimesSync(path.join(downloads, 'syrie.md'), SAVED / 1000, SAVED / 1000);
    const run = await runHere(dir, ['explain', 'Downloads/syrie.md']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Downloads/syrie.md\n  title      En Syrie, soldats russes');
    expect(run.stdout).toContain('published  2022-05-30T12:00:00+02:00');
    const other = await runHere(dir, ['explain', 'Downloads/notes.txt']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('Downloads/notes.txt: error: not an article: there is no such file');
    // Nor does it need an articles folder at all.
    rmSync(path.join(dir, 'articles'), { recursive: true });
    const alone = await runHere(dir, ['explain', 'Downloads/syrie.md']);
    expect(alone.stderr).toBe('');
    expect(alone.code).toBe(0);
  });
});

describe('clippings in a feed', () => {
  it('makes an image and the caption under it that ends in a credit a figure (caption and credit in its figcaption), the image the lead thumbnail', async () => {
    const body = '# Une route en Syrie\n\nPar Jean Dupont\n\nPublié le 30/05/2022 à 10h15\n\n![Un convoi](https://example.com/convoi.jpg)\n\nUn convoi sur la route de Hassaké. *Jean DUPONT / AFP*\n\nLe texte de l’article commence ici, avec assez de mots pour être un paragraphe.\n';
    const dir = project({ 'route.md': body });
    const [item] = await built(dir);
    expect(item!.content_html).toContain(
      '<figure><img src="https://example.com/convoi.jpg" alt="Un convoi" /><figcaption>Un convoi sur la route de Hassaké. <small>Jean DUPONT / AFP</small></figcaption></figure>',
    );
    expect(item!.summary).toBe('Le texte de l’article commence ici, avec assez de mots pour être un paragraphe.');
    expect(item!.date_published).toBe('2022-05-30T10:15:00+02:00');
    // The lead image is a thumbnail alone (feeds/media.ts: readers take a media:description for the content); caption and credit stay in the figure.
    expect(readOut(dir, 'rss.xml')).toContain('<media:thumbnail url="https://example.com/convoi.jpg"/>');
    expect(item!.image).toBe('https://example.com/convoi.jpg');
  });

  it('reads the byline under a standfirst, and keeps the standfirst as the summary and the byline in the content', async () => {
    const body = '# Il porto riapre dopo tre mesi di lavori\n\nLe navi da crociera tornano in banchina, ma i commercianti chiedono più parcheggi\n\ndi Giulia Ferri\n\n12 marzo 2026 - 08:35\n\nIl primo paragrafo dell’articolo, con abbastanza parole per essere prosa.\n';
    const [item] = await built(project({ 'porto.md': body }, { ...BASE_CONFIG, site: { ...BASE_CONFIG.site, language: 'it', timezone: 'Europe/Rome' } }));
    expect(item!.title).toBe('Il porto riapre dopo tre mesi di lavori');
    expect(item!.date_published).toBe('2026-03-12T08:35:00+01:00');
    expect(item!.authors).toEqual([{ name: 'Giulia Ferri' }]);
    expect(item!.summary).toBe('Le navi da crociera tornano in banchina, ma i commercianti chiedono più parcheggi');
    // Only a block that runs from the top can be cut: the lines under the standfirst stay, as printed.
    expect(item!.content_html).toContain('<p>di Giulia Ferri</p>');
    expect(item!.content_html).not.toContain('<h1>');
  });

  it('drops links to "#" and audio-player paragraphs further down the body, keeping the words around them', async () => {
    const body = '# Une carte\n\nPar Jean Dupont\n\nPublié le 30/05/2022\n\nLe premier paragraphe de l’article, avec assez de mots pour être de la prose.\n\nListen to this article · 5:12 min\n\n0:00 / 3:21\n\nVoir [la carte](#) et [la source](https://example.org/source) pour les détails.\n';
    const [item] = await built(project({ 'carte.md': body }));
    expect(item!.content_html).toBe(
      '<p>Le premier paragraphe de l’article, avec assez de mots pour être de la prose.</p>\n<p>Voir la carte et <a href="https://example.org/source">la source</a> pour les détails.</p>\n',
    );
  });

  it('leaves an article with frontmatter as written: its byline is read, and stays in its content', async () => {
    const dir = project({ 'note.md': `---\ntitle: Repris\n---\n${SEED_TOP.split('\n').slice(2).join('\n')}\n\nLe texte.\n` });
    const [item] = await built(dir);
    expect(item!.date_published).toBe('2022-05-30T12:00:00+02:00');
    expect(item!.authors).toEqual([{ name: 'Le Figaro avec AFP' }]);
    expect(item!.content_html).toContain('Publié il y a 4 heures');
    expect(item!.content_html).toContain('00:00/02:21');
    expect(item!.content_html).toContain('<a href="https://example.com/blog/note/#">Écouter cet article</a>');
  });

  it('takes the title from a heading only when the heading opens the body', async () => {
    const dir = project({ 'late.md': 'Par Jean Dupont\n\nUn premier paragraphe de texte, assez long pour être de la prose ordinaire.\n\n# Un intertitre\n\nSuite.\n' });
    const run = await buildHereCli(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('articles/late.md:1: error: the article has no title');
  });
});

describe('web clippers', () => {
  it("reads Obsidian Web Clipper's frontmatter: source as the page it came from, created as when, authors as wiki links", async () => {
    const clipped = [
      '---',
      'title: "Un rare moment de convivialité"',
      'source: "https://www.example.fr/international/convivialite-20220530"',
      'author:',
      '  - "[[Le Figaro avec AFP]]"',
      'published:',
      'created: 2022-05-30T16:00',
      'description: "Des soldats russes et américains ont sympathisé."',
      'tags:',
      '  - "clippings"',
      '---',
      'Publié il y a 4 heures',
      '',
      'Le texte.',
      '',
    ].join('\n');
    const dir = project({ 'clip.md': clipped });
    const [item] = await built(dir);
    expect(item!.authors).toEqual([{ name: 'Le Figaro avec AFP' }]);
    expect(item!.date_published).toBe('2022-05-30T12:00:00+02:00');
    expect(item!.summary).toBe('Des soldats russes et américains ont sympathisé.');
    expect(item!.external_url).toBe('https://www.example.fr/international/convivialite-20220530');
    expect(readOut(dir, 'atom.xml')).toContain('<link rel="via" type="text/html" href="https://www.example.fr/international/convivialite-20220530"/>');
  });

  it("reads MarkDownload's created time with its offset, and the name after a copied byline label", async () => {
    const clipped = '---\ncreated: 2022-05-30T18:00:00 (UTC +02:00)\ntags: []\nsource: https://news.example.com/story\nauthor: By Jane Doe\n---\n\n# A story\n\nUpdated 2 hours ago\n\nText.\n';
    const dir = project({ 'story.md': clipped });
    const run = await runHere(dir, ['explain', '--json', 'articles/story.md']);
    const [a] = JSON.parse(run.stdout).articles;
    expect(a.authors).toEqual(['Jane Doe']);
    expect(a.updated).toMatchObject({ value: '2022-05-30T16:00:00+02:00', approximate: true, source: 'byline "2 hours ago" (line 10), counted back from frontmatter "created"' });
  });

  it('passes over a source that is not an address, as any unknown key', async () => {
    const dir = project({ 'a.md': '---\ntitle: A\ndate: 2022-05-30\nsource: Reuters\n---\nText.\n' });
    const [item] = await built(dir);
    expect(item!.external_url).toBeUndefined();
  });

  it('gives a relative byline the day an anchor known only to the day names, and no finer', async () => {
    const dir = project({ 'a.md': '---\ntitle: A\ncreated: 2022-05-30\n---\nPublié il y a 4 heures\n\nTexte.\n' });
    const run = await runHere(dir, ['explain', '--json', 'articles/a.md']);
    expect(JSON.parse(run.stdout).articles[0].published).toMatchObject({ value: '2022-05-30T00:00:00+02:00', precision: 'day', approximate: true });
  });
});

describe('rebuilds of clippings', () => {
  it("give what a build without caches gives when the site's language changes how a byline's date reads", async () => {
    const config = (language: string) => ({ ...BASE_CONFIG, site: { ...BASE_CONFIG.site, language, timezone: 'America/New_York' } });
    const dir = project({ 'post.md': '# Town council\n\nBy Jane Doe\n\nPosted 05/06/2022\n\nThe council met on Tuesday night to vote on the new budget for the library.\n' }, config('en-GB'));
    // With node_modules/, a build keeps its caches there.
    mkdirSync(path.join(dir, 'node_modules'));
    await buildHere(dir);
    expect(JSON.parse(readOut(dir, 'feed.json')).items[0].date_published).toBe('2022-06-05T00:00:00-04:00');
    writeFileSync(path.join(dir, 'syndicate.config.json'), JSON.stringify(config('en-US')));
    await buildHere(dir);
    const cached = readOut(dir, 'feed.json');
    const fresh = tempDir();
    await buildHere(dir, { out: path.relative(dir, fresh), cache: false });
    expect(JSON.parse(cached).items[0].date_published).toBe('2022-05-06T00:00:00-04:00');
    expect(cached).toBe(readFileSync(path.join(fresh, 'feed.json'), 'utf8'));
  });
});
