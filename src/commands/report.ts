/** What the commands print: a build's report, and every diagnostic, for people, CI logs and GitHub. */
import { formatAnnotation, formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { BuildResult } from '../output/result.js';

/**
 * Diagnostics on standard error, and as annotations on the pull request when run in GitHub
 * Actions (which reads workflow commands from both streams). With --json, standard output holds
 * the JSON document alone, so the annotations go to standard error with the rest.
 */
export function printDiagnostics(diagnostics: readonly Diagnostic[], { json = false } = {}): void {
  const annotate = process.env.GITHUB_ACTIONS === 'true';
  for (const d of diagnostics) {
    process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (annotate) (json ? process.stderr : process.stdout).write(`${formatAnnotation(d)}\n`);
  }
}

/** Diagnostics that say the command was called wrong rather than that an article is wrong: exit 2, as for a mistyped flag. */
const USAGE_CODES = new Set(['articles-missing']);

/** The exit code of a command whose diagnostics these are: 2 for a usage error, 1 for other errors, else 0. */
export function exitCode(diagnostics: readonly Diagnostic[], ok: boolean): number {
  if (diagnostics.some((d) => d.severity === 'error' && USAGE_CODES.has(d.code))) return 2;
  return ok ? 0 : 1;
}

/** The report of a build or a check, and its exit code. */
export function report(command: 'build' | 'check', result: BuildResult, { json = false, quiet = false }): number {
  const code = exitCode(result.diagnostics, result.ok);
  if (json) {
    process.stdout.write(`${JSON.stringify({ command, ...result }, null, 2)}\n`);
    printDiagnostics(result.diagnostics, { json });
    return code;
  }
  if (!quiet) printOutputs(result);
  printDiagnostics(quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (!result.ok) {
    const wrote = result.outputs.some((o) => o.status !== 'not-written');
    const outcome = command === 'check' ? 'check failed' : `build failed: ${plural(errors, 'error')}; ${wrote ? 'the feeds were written without the articles in error' : 'nothing was written'}`;
    process.stderr.write(`${command === 'check' ? `${outcome}: ${plural(errors, 'error')}` : outcome}\n`);
    return code;
  }
  if (quiet) return 0;
  const left = [result.drafts && plural(result.drafts, 'draft'), result.scheduled && `${result.scheduled} scheduled`].filter(Boolean);
  const items = result.outputs[0]?.items ?? 0;
  process.stdout.write(
    command === 'check'
      ? `${plural(result.articles, 'article')} checked, ${plural(items, 'item')} in the feeds; no errors\n`
      : `${plural(result.articles, 'article')} read${left.length ? `, ${left.join(' and ')} left out` : ''}\n`,
  );
  return 0;
}

/** A line per file written or left unchanged; facet feeds and archive pages, which can be hundreds, a line per kind. */
function printOutputs(result: BuildResult): void {
  const described: Record<string, string> = { stylesheet: 'the page browsers show for the feeds', index: 'list of the feeds', opml: 'OPML list of the feeds' };
  for (const output of result.outputs) {
    if (output.status === 'not-written' || output.kind === 'facet' || output.kind === 'archive') continue;
    const what = output.items === undefined ? described[output.kind] : plural(output.items, 'item');
    process.stdout.write(`${output.status === 'written' ? 'wrote' : 'unchanged'} ${output.path} (${what})\n`);
  }
  for (const kind of ['facet', 'archive'] as const) {
    const files = result.outputs.filter((o) => o.kind === kind && o.status !== 'not-written');
    if (files.length === 0) continue;
    const written = files.filter((o) => o.status === 'written').length;
    process.stdout.write(`${kind} feeds: ${plural(written, 'file')} written, ${files.length - written} unchanged\n`);
  }
  for (const file of result.removed) process.stdout.write(`removed ${file} (no longer built)\n`);
}

/**
 * A progress line on a terminal, shown only once a build has taken a second;
 * never in CI logs or pipes, where it would only be noise.
 */
export function progressBar(enabled: boolean): ((done: number, total: number) => void) | undefined {
  if (!enabled) return undefined;
  const start = Date.now();
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - start < 1000 || (now - last < 100 && done < total)) return;
    last = now;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} items`);
  };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
