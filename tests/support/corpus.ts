/**
 * A deterministic folder of varied articles for tests that need many of them
 * (killed builds, worker threads): dates with and without offsets, tags,
 * authors, relative links and images, code, tables, French text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seeded } from './random.js';

const WORDS = 'feed reader update article story report city river market policy energy data model system network build release page people result garden music film travel food été matin rapport'.split(' ');
const TAGS = ['news', 'web', 'rss', 'climate', 'books', 'film', 'français', 'Q&A'];

export function writeCorpus(dir: string, count: number, seed = 1): void {
  const { next, pick } = seeded(seed);
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(next() * 3650) * 86_400_000);
    const date = day.toISOString().slice(0, 10);
    const folder = pick(['news', 'blog', 'notes/deep']);
    const dateLine = pick([`${date}`, `${date}T10:15:00+02:00`, `${date} 08:00`, `${date}T23:59:00Z`]);
    const paragraphs = Array.from({ length: 3 + Math.floor(next() * 8) }, () => `${sentence(40)} [link](../other/) and ![img](pic-${i}.jpg "caption").`);
    const body = [
      `Intro ${sentence(20)} & <b>bold</b>.`,
      '',
      `## ${sentence(4)}`,
      '',
      ...paragraphs.flatMap((p) => [p, '']),
      '```xml',
      '<![CDATA[ x ]]>',
      '```',
      '',
      '| a | b |',
      '|---|---|',
      `| ${i} | ${sentence(2)} |`,
    ].join('\n');
    const file = path.join(dir, folder, `${date}-article-${i}.md`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      `---\ntitle: "Article ${i}: ${sentence(5)}"\ndate: ${dateLine}\ntags: [${JSON.stringify(pick(TAGS))}, ${JSON.stringify(pick(TAGS))}]\nauthor: ${pick(['Ada', 'Jonas', 'Élodie Dupré'])}\n${next() < 0.3 ? `summary: ${sentence(12)}\n` : ''}---\n${body}\n`,
    );
  }
}
