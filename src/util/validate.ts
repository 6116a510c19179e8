/** Small checks shared by the config schema and the frontmatter schema. */
import { z } from 'zod';

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

export const httpUrl = z.string().refine(isAbsoluteHttpUrl, { message: 'must be an absolute http(s) URL, like https://example.com/' });
export const language = z.string().refine(isBcp47, { message: 'must be a BCP 47 language tag, like en, fr or pt-BR' });
export const email = z.string().refine(isEmail, { message: 'must be an email address, like jane@example.com' });

/** `site.url: must be an absolute http(s) URL` — the key path first, as users search for it. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.map(String).join('.');
  let message = issue.message;
  // zod's own wording starts with "Invalid input"; a message the schema chose is kept as it is.
  const generic = /^Invalid (input|option)/.test(message);
  if (issue.code === 'invalid_type' && issue.input === undefined) message = 'is required';
  else if (issue.code === 'invalid_type' && generic) message = `must be ${issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, not ${describeValue(issue.input)}`;
  else if (issue.code === 'unrecognized_keys') return `${key ? `${key}: ` : ''}unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
  else if (issue.code === 'invalid_value' && generic) message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return key ? `${key}: ${message}` : message;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
