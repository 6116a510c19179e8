/**
 * Loading the configuration file (`syndicate.config.json`). The schema, its defaults and the types
 * derived from it are in schema.ts. Every problem is reported with the key and line it is on.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { error } from '../diagnostics.js';
import { jsonErrorLine } from '../util/text.js';
import { ConfigError, DEFAULT_CONFIG_FILE } from './file.js';
import type { Config } from './schema.js';

/**
 * Where a validated config may be kept between builds (rebuild/config-cache.ts), by the text it
 * was read from: a build whose config did not change neither loads the schema nor validates again.
 */
export interface ConfigStore {
  get(text: string): Config | undefined;
  keep(text: string, config: Config): void;
}

/** The config at `configPath`, validated (or as `store` kept it from the same text). */
export async function loadConfig(configPath: string, cwd: string, store?: ConfigStore): Promise<Config> {
  const display = path.relative(cwd, configPath) || configPath;
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch {
    throw new ConfigError([
      error(display, 'config-missing', `no config file found; create ${DEFAULT_CONFIG_FILE} with at least {"site": {"url": "https://example.com/"}}, or pass --config FILE`),
    ]);
  }
  const kept = store?.get(text);
  if (kept !== undefined) return kept;
  const config = await validated(text, display);
  store?.keep(text, config);
  return config;
}

async function validated(text: string, display: string): Promise<Config> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError([error(display, 'config-json', `invalid JSON: ${(e as Error).message}`, jsonErrorLine(text, e))]);
  }
  const { parseConfig } = await import('./schema.js');
  try {
    return parseConfig(data, display);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // Only a config with problems needs their lines: JSON is YAML, and the YAML reader tells where each key stands.
    const { parseYaml } = await import('../source/yaml.js');
    const located = parseYaml(text);
    return parseConfig(data, display, located.ok ? located.value.lineOf : undefined);
  }
}
