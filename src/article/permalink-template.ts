/**
 * Eleventy's permalinks are templates (`/posts/{{ title | slugify }}/`): rendered here for the
 * values a URL is made of. Only output tags with known variables and filters are rendered; a
 * template with anything else gives undefined, and the folder's default URL is used.
 */

type Vars = Record<string, unknown>;

export function renderPermalink(template: string, vars: Vars, slugify: (text: string) => string): string | undefined {
  let unknown = false;
  const filters: Record<string, (value: string) => string> = { slugify, slug: slugify, lower: (t) => t.toLowerCase(), downcase: (t) => t.toLowerCase(), url: (t) => t };
  const out = template.replace(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g, (_, expression: string) => {
    const [name, ...piped] = expression.split('|').map((p) => p.trim());
    let value = lookUp(vars, name ?? '');
    for (const filter of piped) {
      const f = filters[filter.replace(/\(.*$/, '').trim()];
      if (f === undefined || value === undefined) value = undefined;
      else value = f(value);
    }
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown || /\{%/.test(out) ? undefined : out;
}

function lookUp(vars: Vars, name: string): string | undefined {
  const quoted = /^(["'])(.*)\1$/.exec(name);
  if (quoted) return quoted[2];
  const value = name.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Vars)[key] : undefined), vars);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
