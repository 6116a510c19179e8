/**
 * An article rendered from its file, on whichever thread runs it: the body is
 * read (and checked against the bytes the article was parsed from) where it is
 * rendered, so it never crosses between threads. Sending every body to the
 * render threads measured a second of the main thread's time on 10,000
 * articles, the busiest thread of a cold build.
 */
import type { SourceFile } from '../source/discover.js';
import { bodyOf } from '../source/read.js';
import { renderBody, type Rendered, type RenderJob } from './render.js';

export interface RenderFileJob extends Omit<RenderJob, 'body'> {
  /** The article's file, as it was read, and where its body starts in its text. */
  article: { source: SourceFile; bodyStart: number };
}

export async function renderFile(job: RenderFileJob): Promise<Rendered | { error: string; code: string }> {
  const { article, ...rest } = job;
  let body: string;
  try {
    body = await bodyOf(article);
  } catch (e) {
    return { error: (e as Error).message, code: 'article-changed' };
  }
  return renderBody({ ...rest, body });
}
