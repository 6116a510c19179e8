/** The matrix's figures as Markdown: per reader and field, the disagreements left and the reader bugs met. */
import type { Disagreement } from './compare.js';
import { FIELDS, type ReaderRun } from './readers.js';

export function matrixReport(runs: ReaderRun[], feeds: number, found: Disagreement[], skipped: string[]): string {
  const fields = ['item', ...FIELDS] as const;
  const cell = (reader: string, field: string) => {
    const here = found.filter((d) => d.reader === reader && d.field === field);
    const left = here.filter((d) => !d.bug).length;
    const bugs = here.length - left;
    return here.length === 0 ? '' : bugs === 0 ? String(left) : `${left} (+${bugs} bug)`;
  };
  const lines = [
    `# Reader matrix: ${feeds} feeds, ${runs.length} readers`,
    '',
    'Items per reader and field where the reader does not see what the feed means; "(+n bug)" counts those a listed reader bug explains.',
    '',
    `| reader | version | feeds | ms | ${fields.join(' | ')} |`,
    `| --- | --- | --- | --- | ${fields.map(() => '---').join(' | ')} |`,
    ...runs.map((r) => `| ${r.reader.name} | ${r.version} | ${r.feeds.size} | ${r.ms} | ${fields.map((f) => cell(r.reader.name, f)).join(' | ')} |`),
    '',
    ...(skipped.length ? ['Skipped:', ...skipped.map((s) => `- ${s}`), ''] : []),
  ];
  return `${lines.join('\n')}\n`;
}
