/**
 * The validated config, kept under the cache folder's config/, keyed by the config file's text and
 * the tool hash: only a valid one, and only the last one. The schema loads only when a config must
 * be validated: with zod, loading and validating took a tenth of a warm build.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConfigStore } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { writeAlone } from '../util/write-whole.js';
import { toolHash } from './tool-hash.js';

export function configCache(cacheDir: string): ConfigStore {
  const fileOf = (text: string) => path.join(cacheDir, 'config', `${createHash('sha256').update(JSON.stringify([toolHash(), text])).digest('hex').slice(0, 32)}.json`);
  return {
    get(text) {
      try {
        return JSON.parse(readFileSync(fileOf(text), 'utf8')) as Config;
      } catch {
        return undefined;
      }
    },
    keep(text, config) {
      try {
        writeAlone(fileOf(text), JSON.stringify(config));
      } catch {
        // best effort, like every cache: the next build validates the config again
      }
    },
  };
}
