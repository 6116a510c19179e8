/**
 * A Jekyll site's settings, from _config.yml (or _config.yaml / _config.toml), read as data:
 * url and baseurl, title, description, lang, author, timezone, permalink (a built-in style or a
 * pattern; collections.posts.permalink wins), unpublished, source.
 */
import path from 'node:path';
import { NAME_BEFORE_BYLINE } from '../dates.js';
import { authorOf } from './hugo.js';
import { lowerKeys, readDataFile, textOf } from './read-data.js';
import type { SiteReading } from './settings.js';

export const JEKYLL_FILES = ['_config.yml', '_config.yaml', '_config.toml'];

// docs/_data/permalinks.yml: the built-in styles.
const STYLES: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

export function readJekyll(cwd: string, file: string): SiteReading {
  const data = readDataFile(cwd, file);
  const url = textOf(data.url);
  const baseurl = textOf(data.baseurl) ?? '';
  const siteUrl = url && `${url.replace(/\/+$/, '')}/${baseurl.replace(/^\/+|\/+$/g, '')}${baseurl.replace(/^\/+|\/+$/g, '') ? '/' : ''}`;
  const posts = lowerKeys(lowerKeys(data.collections).posts);
  const written = textOf(posts.permalink) ?? textOf(data.permalink) ?? 'date';
  const source = textOf(data.source) ?? '.';
  const author = authorOf(data.author);
  const language = textOf(data.lang) ?? textOf(data.locale);
  return {
    settings: {
      ssg: 'jekyll',
      files: [file],
      articlesDir: path.posix.join(source, '_posts'),
      listing: {},
      urls: { kind: 'jekyll', permalink: STYLES[written] ?? written },
      publishesDrafts: data.unpublished === true,
      // Liquid's `site` is the whole config, with the site's own values.
      vars: { site: { ...data, url: url ?? '', baseurl } },
    },
    config: {
      site: {
        ...(siteUrl && { url: siteUrl }),
        ...(textOf(data.title) && { title: textOf(data.title) }),
        ...(textOf(data.description) && { description: textOf(data.description) }),
        ...(language && { language: language.replace(/_/g, '-') }),
        // Unset, Jekyll uses the machine's zone; GitHub Pages builds in UTC.
        timezone: textOf(data.timezone) ?? 'UTC',
        ...(author && { author }),
        // Every file outside the _ folders is published as it is.
        files: source,
      },
      // Jekyll dates a post by its file name when its frontmatter has no date.
      dates: { published: NAME_BEFORE_BYLINE },
    },
    missing: url ? [] : [{ key: 'site.url', file, why: `${file} has no url` }],
  };
}
