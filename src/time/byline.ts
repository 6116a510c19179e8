/**
 * The byline of an article clipped from a news site: lines near the top such
 * as "Publié le 30/05/2022 à 10h15, mis à jour le 30/05/2022 à 12h00",
 * "Published May 30, 2022", "Updated 2 hours ago" or "Par Le Figaro avec AFP".
 * Only the first lines of the body are read, so a date quoted further down
 * never becomes the article's.
 */

export interface BylineValue {
  text: string;
  /** 1-based line in the file. */
  line: number;
}

export interface Byline {
  published?: BylineValue;
  updated?: BylineValue;
  author?: BylineValue;
}

const LINES_READ = 12;
// A byline is short; a longer line is prose (or hostile input) and is not matched at all.
const MAX_LINE = 300;

const PUBLISHED = /^(?:publié|publie|mis en ligne|paru|posted|published|first published)(?:\s+(?:le|on))?\s*:?\s*(.+)$/iu;
const UPDATED = /^(?:mis à jour|mis a jour|actualisé|modifié|updated|last updated|last modified|edited)(?:\s+(?:le|on))?\s*:?\s*(.+)$/iu;
const AUTHOR = /^(?:par|by)\s+(.+)$/iu;
// "Publié le ..., mis à jour le ..." and "Published ... | Updated ...": the two halves.
const SPLIT = /\s*(?:[,;|•·–—]|\s-\s)\s*(?=(?:mis à jour|mis a jour|actualisé|modifié|updated|last updated|last modified|edited)\b)/iu;

export function readByline(body: string, bodyLine: number): Byline {
  const byline: Byline = {};
  const lines = body.slice(0, LINES_READ * (MAX_LINE + 1) * 4).split('\n');
  let read = 0;
  for (let i = 0; i < lines.length && read < LINES_READ; i++) {
    const text = plain(lines[i]!);
    if (text === '') continue;
    read++;
    if (text.length > MAX_LINE) continue;
    const line = bodyLine + i;
    for (const part of text.split(SPLIT)) {
      const published = PUBLISHED.exec(part);
      const updated = UPDATED.exec(part);
      if (published && !byline.published) byline.published = { text: trimDate(published[1]!), line };
      else if (updated && !byline.updated) byline.updated = { text: trimDate(updated[1]!), line };
      else if (!byline.author && AUTHOR.test(part) && part.length <= 120) byline.author = { text: AUTHOR.exec(part)![1]!.trim(), line };
    }
  }
  return byline;
}

/** The line without Markdown decoration: emphasis, quote markers, list bullets, links. */
function plain(line: string): string {
  return line
    .replace(/^\s*(?:>\s*)*(?:[-*+]\s+)?/, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .trim();
}

function trimDate(text: string): string {
  return text.replace(/[.\s]+$/, '').trim();
}
