/**
 * Loading the configuration: `syndicate.config.json`, over what a site generator's own files say
 * (config/site/): a Hugo, Jekyll, Eleventy or Astro project needs no config file of its own. The
 * schema, its defaults and the types derived from it are in schema.ts. Every problem is reported
 * with the key and line it is on.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { error } from '../diagnostics.js';
import { isValidTimeZone } from '../util/names.js';
import { jsonErrorLine } from '../util/text.js';
import { isAbsoluteHttpUrl, isBcp47 } from '../util/validate.js';
import { ConfigError, DEFAULT_CONFIG_FILE } from './file.js';
import type { Config } from './schema.js';
import { siteOf, type SiteReading } from './site/index.js';

/**
 * Where a validated config may be kept between builds (rebuild/config-cache.ts), by the text it
 * was read from: a build whose config did not change neither loads the schema nor validates again.
 */
export interface ConfigStore {
  get(text: string): Config | undefined;
  keep(text: string, config: Config): void;
}

/**
 * The config at `configPath`, validated (or as `store` kept it from the same text), over the
 * site generator's settings: `site` as read already (siteOf), else read here; null for none.
 */
export async function loadConfig(configPath: string, cwd: string, store?: ConfigStore, site?: SiteReading | null): Promise<Config> {
  const display = path.relative(cwd, configPath) || configPath;
  const text = await readFile(configPath, 'utf8').catch(() => undefined);
  const reading = site === undefined ? siteOf(cwd, text) : (site ?? undefined);
  if (text === undefined && reading === undefined) {
    throw new ConfigError([
      error(display, 'config-missing', `no config file found; create ${DEFAULT_CONFIG_FILE} with at least {"site": {"url": "https://example.com/"}}, or pass --config FILE`),
    ]);
  }
  // A site's config is kept by both texts and what was read of the generator's files.
  const key = reading === undefined ? text! : JSON.stringify([text ?? null, reading.config, reading.settings]);
  const kept = store?.get(key);
  if (kept !== undefined) return kept;
  const config = await validated(text, display, reading);
  store?.keep(key, config);
  return config;
}

async function validated(text: string | undefined, display: string, reading: SiteReading | undefined): Promise<Config> {
  let data: unknown = {};
  try {
    if (text !== undefined) data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError([error(display, 'config-json', `invalid JSON: ${(e as Error).message}`, jsonErrorLine(text!, e))]);
  }
  const own = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  if (reading && own) {
    askForMissing(reading, own, display);
    data = merged(usable(reading.config), own);
  }
  const { parseConfig } = await import('./schema.js');
  let config: Config;
  try {
    config = parseConfig(data, display);
  } catch (e) {
    if (!(e instanceof ConfigError) || text === undefined) throw e;
    // Only a config with problems needs their lines: JSON is YAML, and the YAML reader tells where each key stands.
    const { parseYaml } = await import('../source/yaml.js');
    const located = parseYaml(text);
    config = parseConfig(data, display, located.ok ? located.value.lineOf : undefined);
  }
  return reading ? { ...config, generator: reading.settings } : config;
}

/** What the generator's files could not tell and the config file does not say either: one message per key, naming it. */
function askForMissing(reading: SiteReading, own: Record<string, unknown>, display: string): void {
  const given = (key: string) => key.split('.').reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined), own) !== undefined;
  const asked = reading.missing.filter((m) => !given(m.key));
  if (asked.length === 0) return;
  throw new ConfigError(
    asked.map((m) => error(display, 'config-site', `${m.why}; add "${m.key}" to ${path.basename(display)}${m.key === 'site.url' ? ', like {"site": {"url": "https://example.com/"}}' : ''}`)),
  );
}

/** The generator's values that are valid as syndicate reads them; the others are left to the defaults. */
function usable(config: Record<string, unknown>): Record<string, unknown> {
  const site = { ...(config.site as Record<string, unknown>) };
  if (typeof site.url === 'string' && !isAbsoluteHttpUrl(site.url)) delete site.url;
  if (typeof site.language === 'string') {
    const tag = site.language.replace(/_/g, '-');
    if (isBcp47(tag)) site.language = tag;
    else delete site.language;
  }
  if (typeof site.timezone === 'string' && !isValidTimeZone(site.timezone)) delete site.timezone;
  return { ...config, site };
}

/** `over` laid on `under`, mapping by mapping. */
function merged(under: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...under };
  for (const [k, v] of Object.entries(over)) {
    const u = out[k];
    const isMap = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
    out[k] = isMap(u) && isMap(v) ? merged(u as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}
