/**
 * Which site generator a project is for, from its files, and what its own config says: where no
 * syndicate.config.json says otherwise, that is the config (config/load.ts merges the two). The
 * generator's files are read as data (TOML, YAML, JSON) or, for JavaScript configs, as text for
 * plain literals: nothing of the site's runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SSG_NAMES, type SsgName } from '../../source/sites/rules.js';
import { ASTRO_FILES, readAstro } from './astro.js';
import { ELEVENTY_FILES, readEleventy } from './eleventy.js';
import { hugoFiles, readHugo } from './hugo.js';
import { JEKYLL_FILES, readJekyll } from './jekyll.js';
import type { SiteReading } from './settings.js';

export type { SiteReading, SiteSettings, UrlSettings } from './settings.js';

/** The generator whose files are in `cwd`, and the file that told (the first the tool reads). */
export function detectSite(cwd: string): { ssg: SsgName; file: string } | undefined {
  const first = (names: string[]) => names.find((f) => existsSync(path.join(cwd, f)));
  const hugo = hugoFiles(cwd)[0];
  if (hugo?.startsWith('hugo.')) return { ssg: 'hugo', file: hugo };
  const jekyll = first(JEKYLL_FILES);
  if (jekyll) return { ssg: 'jekyll', file: jekyll };
  const eleventy = first(ELEVENTY_FILES);
  if (eleventy) return { ssg: 'eleventy', file: eleventy };
  const astro = first(ASTRO_FILES);
  if (astro) return { ssg: 'astro', file: astro };
  // config.toml and its like are Hugo's older names, and common ones: only with Hugo's own signs.
  if (hugo && isHugoProject(cwd, hugo)) return { ssg: 'hugo', file: hugo };
  return undefined;
}

function isHugoProject(cwd: string, file: string): boolean {
  if (['layouts', 'archetypes', 'themes'].some((d) => existsSync(path.join(cwd, d)))) return true;
  return file.startsWith('config/') || /^\s*["']?baseurl["']?\s*[=:]/im.test(readFileSync(path.join(cwd, file), 'utf8'));
}

/**
 * The site in `cwd` as its generator's files describe it, or undefined when there is none (or
 * `ssg` is false). `ssg` names the generator when detection should not decide.
 */
export function readSite(cwd: string, ssg?: SsgName | false): SiteReading | undefined {
  if (ssg === false) return undefined;
  const found = detectSite(cwd);
  const name = ssg ?? found?.ssg;
  if (name === undefined) return undefined;
  const file = found?.ssg === name ? found.file : undefined;
  const named = (names: string[]) => file ?? names.find((f) => existsSync(path.join(cwd, f)));
  if (name === 'hugo') {
    const files = hugoFiles(cwd);
    return files.length > 0 ? readHugo(cwd, files) : undefined;
  }
  const own = named(name === 'jekyll' ? JEKYLL_FILES : name === 'eleventy' ? ELEVENTY_FILES : ASTRO_FILES);
  if (own === undefined) return undefined;
  return name === 'jekyll' ? readJekyll(cwd, own) : name === 'eleventy' ? readEleventy(cwd, own) : readAstro(cwd, own);
}

/** The site generator's reading for a project in `cwd` whose config file holds `text` (its `ssg` key names or turns off the generator). */
export function siteOf(cwd: string, text: string | undefined): SiteReading | undefined {
  let ssg: SsgName | false | undefined;
  try {
    const named = text === undefined ? undefined : (JSON.parse(text) as { ssg?: unknown } | null)?.ssg;
    if (named === false || SSG_NAMES.includes(named as SsgName)) ssg = named as SsgName | false;
  } catch {
    // validated() says what is wrong with the file
  }
  return readSite(cwd, ssg);
}
