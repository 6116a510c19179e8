/** What a build reports: every file it wrote or left unchanged, and every problem it found. */
import type { FeedFormat } from '../config/schema.js';
import type { Diagnostic } from '../diagnostics.js';
import type { WriteStatus } from './write.js';

export interface BuildOutput {
  /** A feed format, one of the files written beside the feeds, or a file of a facet feed or an archive page. */
  kind: FeedFormat | 'stylesheet' | 'index' | 'opml' | 'facet' | 'archive';
  /** Path of the file, relative to cwd. */
  path: string;
  /** For feeds: how many items. */
  items?: number;
  status: WriteStatus | 'not-written';
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  outputs: BuildOutput[];
  articles: number;
  drafts: number;
  scheduled: number;
  /** Files an earlier build wrote and this one no longer does, removed (relative to cwd). */
  removed: string[];
  /** Whether this build started from the last build's plan, reading only the articles that changed (rebuild/kept-plan.ts). */
  planReused: boolean;
}
