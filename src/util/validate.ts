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
