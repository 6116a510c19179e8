/** Small helpers over source text, shared by the config and frontmatter readers. */

/** 1-based line of the character at `offset`. */
export function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The line a JSON.parse error points at (V8 says "at position N"), if it says. */
export function jsonErrorLine(text: string, e: unknown): number | undefined {
  const position = /position (\d+)/.exec((e as Error).message);
  return position ? lineAtOffset(text, Number(position[1])) : undefined;
}

/** True for a URI with a scheme (`https:`, `urn:`, `tag:`, `mailto:`), false for a relative reference. */
export function hasScheme(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value);
}

/** An absolute URL for `value` seen on the page at `baseUrl`, or undefined when it is not a URL. */
export function resolveUrl(value: string, baseUrl: string): string | undefined {
  try {
    return new URL(value.trim(), baseUrl).href;
  } catch {
    return undefined;
  }
}
