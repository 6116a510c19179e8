/**
 * The podcast settings and what a podcast needs of the rest of the config: what Apple Podcasts
 * requires of a show (podcasters.apple.com/support/823 and Apple's "A Podcaster's Guide to RSS":
 * <title>, <description>, <itunes:image>, <language>, <itunes:category>, <itunes:explicit>) is an
 * error when the config cannot give it. What Apple recommends (<itunes:author>, <link>) every feed
 * has. <itunes:owner> is left to the publisher: Apple no longer reads it (technical updates of
 * 2022-08-22, podcasters.apple.com/4115).
 */
import * as v from 'valibot';
import { email, httpUrl, oneOf, strictMapping } from '../util/validate.js';
import { categoryProblem, isArtworkUrl } from './apple-podcasts.js';

export const podcastSchema = strictMapping({
  image: v.pipe(
    httpUrl,
    v.check(isArtworkUrl, 'must be the address of a JPEG or PNG file, ending in .jpg, .jpeg or .png: Apple Podcasts takes no other artwork'),
  ),
  category: v.pipe(
    v.string(),
    v.check((c) => categoryProblem(c) === undefined, (issue) => categoryProblem(issue.input as string)!),
  ),
  explicit: v.optional(v.boolean(), false),
  // A serial show needs <itunes:episode> on every episode (Apple's guide): each article's enclosure.episode (feeds/items.ts checks).
  type: v.optional(oneOf(['episodic', 'serial']), 'episodic'),
  owner: v.optional(strictMapping({ name: v.pipe(v.string(), v.minLength(1, 'must not be empty')), email })),
  guid: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a UUID'))),
  locked: v.optional(v.boolean(), false),
});

/** A setting a podcast needs elsewhere in the config: its key path, whether the value written will do, and the message when not. */
const NEEDS: [path: string[], fine: (value: unknown) => boolean, message: string][] = [
  [['site', 'title'], (t) => t !== undefined, "is required for a podcast: Apple Podcasts shows it as the show's name (without it, the site's host would stand in)"],
  [
    ['site', 'description'],
    // A description of another type is the schema's to report.
    (d) => d !== undefined && (typeof d !== 'string' || d.trim() !== ''),
    "is required for a podcast: Apple Podcasts requires the show's description (without it, the title would stand in)",
  ],
  [['site', 'language'], (l) => l !== undefined, 'is required for a podcast: Apple Podcasts requires the language spoken on the show (<language>), like "en" or "fr-CA"'],
  [['feeds', 'formats', 'rss'], (r) => r !== false, 'cannot be false for a podcast: a podcast is an RSS feed, the only format Apple Podcasts reads'],
];

/**
 * The settings a podcast needs besides its own, each missing one an error at its key path (on the
 * line of the nearest key written). Checked on the raw input, so that they come with every other
 * problem of the file.
 */
export const podcastNeeds = <T>() =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    const config: unknown = dataset.value;
    if (!isMapping(config) || !isMapping(config.podcast)) return;
    for (const [path, fine, message] of NEEDS) {
      const value = path.reduce<unknown>((at, key) => (isMapping(at) ? at[key] : undefined), config);
      const [first, ...rest] = path.map((key): v.ObjectPathItem => ({ type: 'object', origin: 'value', input: config, key, value: undefined }));
      if (!fine(value)) addIssue({ message, path: [first!, ...rest] });
    }
  });

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
