/** Small checks shared by the config schema and the frontmatter schema, and the wording of their problems. */
import * as v from 'valibot';

export function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function isBcp47(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

// Deliberately plain: one @, no spaces or angle brackets, a dot in the domain.
const EMAIL = /^[^\s@<>()"]+@[^\s@<>()"]+\.[^\s@<>()".]+$/;
export const isEmail = (value: string) => EMAIL.test(value);

export const httpUrl = v.pipe(v.string(), v.check(isAbsoluteHttpUrl, 'must be an absolute http(s) URL, like https://example.com/'));
export const language = v.pipe(v.string(), v.check(isBcp47, 'must be a BCP 47 language tag, like en, fr or pt-BR'));
export const email = v.pipe(v.string(), v.check(isEmail, 'must be an email address, like jane@example.com'));

/** An object that is not a list: valibot's object schemas take a list for a mapping. */
const aMapping = (message?: string) =>
  v.custom<Record<string, unknown>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    message ?? ((issue) => `must be a mapping, not ${describeValue(issue.input)}`),
  );

/**
 * A mapping of the keys in `entries`, and only those. valibot reports the first other key it
 * finds; the message names them all, so that two typos take one build to see.
 */
export function strictMapping<const E extends v.ObjectEntries>(entries: E, message?: string) {
  return v.pipe(
    aMapping(message),
    v.strictObject(entries, (issue) => {
      // The object's own problems besides unknown keys: a key of `entries` missing.
      if (issue.expected !== 'never') return 'is required';
      const written = Object.keys(issue.path!.at(-1)!.input as object);
      const unknown = written.filter((k) => !Object.hasOwn(entries, k));
      return `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')} (check the spelling)`;
    }),
  );
}

/** A mapping read for the keys in `entries`; others are left out. */
export function mapping<const E extends v.ObjectEntries>(entries: E, message?: string) {
  return v.pipe(aMapping(message), v.object(entries));
}

/** One of a few words, named in the message when it is not. */
export function oneOf<const T extends readonly string[]>(options: T) {
  return v.picklist(options, `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
}

/** The keys of a problem's path, outermost first. */
export function pathOf(issue: v.BaseIssue<unknown>): PropertyKey[] {
  return (issue.path ?? []).map((p) => p.key as PropertyKey);
}

/**
 * `site.url: must be an absolute http(s) URL` — the key path first, as users search for it.
 * `path` is where to say the problem is, when not the issue's own.
 */
export function describeIssue(issue: v.BaseIssue<unknown>, path: readonly PropertyKey[] = pathOf(issue)): string {
  // valibot's own wording starts with "Invalid"; a message the schema chose is kept as it is.
  const generic = /^Invalid (type|key|input)/.test(issue.message);
  // An unknown key is named in the message: the path's last key is the first of them, and the message is its parent's.
  if (issue.type === 'strict_object' && issue.expected === 'never') path = path.slice(0, -1);
  let message = issue.message;
  if (generic && issue.input === undefined) message = 'is required';
  else if (generic && issue.kind === 'schema') message = `must be ${expectedOf(issue.expected)}, not ${describeValue(issue.input)}`;
  const key = path.map(String).join('.');
  return key ? `${key}: ${message}` : message;
}

/** What a schema expected, in words. (Mappings say it themselves: see aMapping.) */
function expectedOf(expected: string | null): string {
  if (expected === 'Array') return 'a list';
  return expected === 'boolean' || expected === 'number' || expected === 'string' ? `a ${expected}` : (expected ?? 'something else');
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
