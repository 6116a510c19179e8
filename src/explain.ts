/**
 * `syndicate explain`: every resolved field of the named articles, and for
 * each timestamp where it came from, the zone it was read in, its precision
 * and whether it is approximate.
 */
import path from 'node:path';
import type { Candidate } from './collect.js';
import { formatRfc3339 } from './time/format.js';
import type { Timestamp, TimestampSource } from './time/timestamp.js';

export interface TimestampExplanation {
  value: string;
  source: string;
  detail: TimestampSource;
  zone: string;
  precision: Timestamp['precision'];
  approximate: boolean;
}

export interface Explanation {
  file: string;
  title: string;
  url: string;
  id: string;
  draft: boolean;
  authors: string[];
  tags: string[];
  language?: string;
  published: TimestampExplanation;
  updated: TimestampExplanation;
}

export function explainCandidate(c: Candidate): Explanation {
  const a = c.article;
  return {
    file: a.source.displayPath,
    title: a.title,
    url: c.url,
    id: c.id,
    draft: c.draft,
    authors: a.authors.map((p) => (p.email ? `${p.name} <${p.email}>` : p.name)),
    tags: a.tags,
    language: a.lang,
    published: explainTimestamp(c.published),
    updated: explainTimestamp(c.updated),
  };
}

function explainTimestamp(t: Timestamp): TimestampExplanation {
  return { value: formatRfc3339(t), source: describeSource(t.source), detail: t.source, zone: t.zone, precision: t.precision, approximate: t.approximate };
}

export function describeSource(s: TimestampSource): string {
  switch (s.kind) {
    case 'frontmatter':
      return `frontmatter "${s.key}"${s.line === undefined ? '' : ` (line ${s.line})`}`;
    case 'byline':
      return `byline "${s.text}" (line ${s.line})`;
    case 'filename':
      return `file name "${s.name}"`;
    case 'previous':
      return `previous feed, item ${s.id}`;
    case 'git':
      return `git commit ${s.commit.slice(0, 12)} (${s.event === 'added' ? 'first added the file' : 'last changed its content'})`;
    case 'mtime':
      return 'file modification time';
    case 'published':
      return 'same as published';
  }
}

/** The candidates for the files the user named, in the order named; the names not found. */
export function pickCandidates(candidates: readonly Candidate[], files: readonly string[], cwd: string): { found: Candidate[]; missing: string[] } {
  const byPath = new Map(candidates.map((c) => [c.article.source.absPath, c]));
  const found: Candidate[] = [];
  const missing: string[] = [];
  for (const f of files) {
    const c = byPath.get(path.resolve(cwd, f));
    if (c) found.push(c);
    else missing.push(f);
  }
  return { found, missing };
}

export function formatExplanation(e: Explanation): string {
  const ts = (label: string, t: TimestampExplanation) =>
    [
      `  ${label.padEnd(10)} ${t.value}`,
      `             from ${t.source}; read in ${t.zone}; precise to the ${t.precision}${t.approximate ? '; approximate' : ''}`,
    ].join('\n');
  return [
    e.file,
    `  title      ${e.title}`,
    `  url        ${e.url}`,
    `  id         ${e.id}`,
    `  authors    ${e.authors.join(', ') || '(site author)'}`,
    `  tags       ${e.tags.join(', ') || '(none)'}`,
    ...(e.language ? [`  language   ${e.language}`] : []),
    ...(e.draft ? ['  draft      yes: left out of every feed'] : []),
    ts('published', e.published),
    ts('updated', e.updated),
  ].join('\n');
}
