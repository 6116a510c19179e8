/**
 * Diagnostics travel beside the data: every stage returns the problems it found
 * instead of throwing, so one build reports all of them together.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Path as the user gave it (relative to the working folder where possible). */
  file: string;
  /** 1-based line, when the problem has one. */
  line?: number;
  severity: Severity;
  /** Stable machine-readable code, e.g. `frontmatter-type`. */
  code: string;
  message: string;
}

export function error(file: string, code: string, message: string, line?: number): Diagnostic {
  return { file, line, severity: 'error', code, message };
}

export function warning(file: string, code: string, message: string, line?: number): Diagnostic {
  return { file, line, severity: 'warning', code, message };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `file:line: error: message`, the form editors and CI logs link to. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}`;
  return `${where}: ${d.severity}: ${d.message}`;
}

/** Sorted by file, then line, so output order never depends on scheduling. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/**
 * A GitHub Actions workflow command, so the problem shows on the pull request's
 * line: `::error file=articles/a.md,line=3,title=syndicate::message`.
 */
export function formatAnnotation(d: Diagnostic): string {
  const property = (v: string) => v.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
  const data = d.message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const where = [`file=${property(d.file)}`, ...(d.line === undefined ? [] : [`line=${d.line}`]), 'title=syndicate'];
  return `::${d.severity} ${where.join(',')}::${data}`;
}
