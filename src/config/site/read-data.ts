/** A generator's config file read as plain data, by its extension: TOML, YAML or JSON; never code. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { error } from '../../diagnostics.js';
import { parseToml } from '../../source/toml.js';
import { parseYaml } from '../../source/yaml.js';
import { ConfigError } from '../file.js';

/** The data of `file` (relative to `cwd`), or a ConfigError naming its line. */
export function readDataFile(cwd: string, file: string): Record<string, unknown> {
  const text = readFileSync(path.join(cwd, file), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const ext = path.extname(file).toLowerCase();
  let data: unknown;
  if (ext === '.json') {
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new ConfigError([error(file, 'site-config', `invalid JSON: ${(e as Error).message}`)]);
    }
  } else {
    const parsed = ext === '.toml' ? parseToml(text) : parseYaml(text, { repeatedKeys: 'last-wins' });
    if (!parsed.ok) throw new ConfigError(parsed.problems.map((p) => error(file, 'site-config', p.message, p.line)));
    data = parsed.value.data ?? {};
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ConfigError([error(file, 'site-config', 'must be a mapping of keys to values')]);
  return data as Record<string, unknown>;
}

/** A mapping's keys lowercased (Hugo reads its config keys without case), one level down. */
export function lowerKeys(data: unknown): Record<string, unknown> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return {};
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Text, when the value is some. */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}
