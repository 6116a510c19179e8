/**
 * The configuration file (`syndicate.config.json`): its types and its loading.
 * The schema and its defaults are in config-schema.ts. Every problem is
 * reported with the key and line it is on.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as v from 'valibot';
import { DEFAULT_CONFIG_FILE } from './config-file.js';
import type { configSchema, person } from './config-schema.js';
import { error, type Diagnostic } from './diagnostics.js';
import { jsonErrorLine } from './util/text.js';
import { toolHash } from './util/tool-hash.js';
import { writeAlone } from './util/write-whole.js';

export type Config = v.InferOutput<typeof configSchema>;
export type Person = v.InferOutput<typeof person>;
export type FeedFormat = keyof Config['feeds']['formats'];

export { DEFAULT_CONFIG_FILE };

export class ConfigError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
  }
}

/**
 * The config at `configPath`, validated. With a cache folder, the validated config is kept
 * there, keyed by the file's text and the tool hash: a build whose config did not change
 * neither loads the schema nor validates again (with zod, that was a tenth of a warm build).
 */
export async function loadConfig(configPath: string, cwd: string, cacheDir?: string): Promise<Config> {
  const display = path.relative(cwd, configPath) || configPath;
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch {
    throw new ConfigError([
      error(display, 'config-missing', `no config file found; create ${DEFAULT_CONFIG_FILE} with at least {"site": {"url": "https://example.com/"}}, or pass --config FILE`),
    ]);
  }
  const kept = cacheDir === undefined ? undefined : keptConfig(cacheDir, text);
  const cached = kept === undefined ? undefined : readKept(kept);
  if (cached !== undefined) return cached;
  const config = await validated(text, display);
  if (kept) keep(kept, config);
  return config;
}

async function validated(text: string, display: string): Promise<Config> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError([error(display, 'config-json', `invalid JSON: ${(e as Error).message}`, jsonErrorLine(text, e))]);
  }
  const { parseConfig } = await import('./config-schema.js');
  try {
    return parseConfig(data, display);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // Only a config with problems needs their lines: JSON is YAML, and the YAML reader tells where each key stands.
    const { parseYaml } = await import('./source/yaml.js');
    const located = parseYaml(text);
    return parseConfig(data, display, located.ok ? located.value.lineOf : undefined);
  }
}

/** Where the validated config of `text` is kept: only a valid config is, and only the last one. */
function keptConfig(cacheDir: string, text: string): string {
  const key = createHash('sha256').update(JSON.stringify([toolHash(), text])).digest('hex').slice(0, 32);
  return path.join(cacheDir, 'config', `${key}.json`);
}

function readKept(file: string): Config | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Config;
  } catch {
    return undefined;
  }
}

/** Best effort, like every cache: without it, the next build validates the config again. */
function keep(file: string, config: Config): void {
  try {
    writeAlone(file, JSON.stringify(config));
  } catch {
    // ignored on purpose
  }
}
