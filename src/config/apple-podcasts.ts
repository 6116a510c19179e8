/**
 * What Apple Podcasts accepts in a show's settings: its categories, spelled as Apple spells them,
 * and its artwork. Plain data and functions (no schema library), so that the feeds stage can ask
 * the same questions without loading the config schema.
 */
import { closest } from '../util/closest.js';

/**
 * Apple Podcasts' categories and their subcategories, the only values Apple takes in
 * <itunes:category>: a category, or a category and one of its subcategories, spelled exactly so.
 *
 * Source: Apple's "Apple Podcasts categories" page (podcasters.apple.com/support/1691), the list
 * Apple introduced in 2019 and still current; written here on 2026-12-07 from copies of that page.
 * The W3C Feed Validation Service's itunes.py (commit 43dabeb, 2025-12-16) checks the same list,
 * but for "Religion" under "Religion & Spirituality", which Apple lists and the validator lacks.
 */
export const APPLE_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  Arts: ['Books', 'Design', 'Fashion & Beauty', 'Food', 'Performing Arts', 'Visual Arts'],
  Business: ['Careers', 'Entrepreneurship', 'Investing', 'Management', 'Marketing', 'Non-Profit'],
  Comedy: ['Comedy Interviews', 'Improv', 'Stand-Up'],
  Education: ['Courses', 'How To', 'Language Learning', 'Self-Improvement'],
  Fiction: ['Comedy Fiction', 'Drama', 'Science Fiction'],
  Government: [],
  History: [],
  'Health & Fitness': ['Alternative Health', 'Fitness', 'Medicine', 'Mental Health', 'Nutrition', 'Sexuality'],
  'Kids & Family': ['Education for Kids', 'Parenting', 'Pets & Animals', 'Stories for Kids'],
  Leisure: ['Animation & Manga', 'Automotive', 'Aviation', 'Crafts', 'Games', 'Hobbies', 'Home & Garden', 'Video Games'],
  Music: ['Music Commentary', 'Music History', 'Music Interviews'],
  News: ['Business News', 'Daily News', 'Entertainment News', 'News Commentary', 'Politics', 'Sports News', 'Tech News'],
  'Religion & Spirituality': ['Buddhism', 'Christianity', 'Hinduism', 'Islam', 'Judaism', 'Religion', 'Spirituality'],
  Science: ['Astronomy', 'Chemistry', 'Earth Sciences', 'Life Sciences', 'Mathematics', 'Natural Sciences', 'Nature', 'Physics', 'Social Sciences'],
  'Society & Culture': ['Documentary', 'Personal Journals', 'Philosophy', 'Places & Travel', 'Relationships'],
  Sports: [
    'Baseball', 'Basketball', 'Cricket', 'Fantasy Sports', 'Football', 'Golf', 'Hockey', 'Rugby',
    'Running', 'Soccer', 'Swimming', 'Tennis', 'Volleyball', 'Wilderness', 'Wrestling',
  ],
  Technology: [],
  'True Crime': [],
  'TV & Film': ['After Shows', 'Film History', 'Film Interviews', 'Film Reviews', 'TV Reviews'],
};

/**
 * Categories Apple no longer takes, with what replaced them where something did: the list of
 * 2006-2019 (which many podcast feeds and templates still carry) and the older names the W3C
 * validator also knows (its old_itunes_categories). A subcategory of an obsolete category not
 * named here is obsolete with it.
 */
const OBSOLETE: Readonly<Record<string, readonly string[]>> = {
  'Arts > Literature': ['Arts > Books'],
  'Arts > Spoken Word': ['Arts'],
  'Arts & Entertainment': ['Arts', 'TV & Film'],
  'Audio Blogs': [],
  'Business > Business News': ['News > Business News'],
  'Business > Finance': ['Business > Investing'],
  'Business > News': ['News > Business News'],
  'Business > Management & Marketing': ['Business > Management', 'Business > Marketing'],
  'Business > Shopping': ['Business'],
  'Education > Educational Technology': ['Education'],
  'Education > Education Technology': ['Education'],
  'Education > Higher Education': ['Education'],
  'Education > K-12': ['Education', 'Kids & Family > Education for Kids'],
  'Education > Language Courses': ['Education > Language Learning'],
  'Education > Training': ['Education > Courses'],
  Family: ['Kids & Family'],
  Food: ['Arts > Food'],
  'Games & Hobbies': ['Leisure'],
  'Games & Hobbies > Automotive': ['Leisure > Automotive'],
  'Games & Hobbies > Aviation': ['Leisure > Aviation'],
  'Games & Hobbies > Hobbies': ['Leisure > Hobbies'],
  'Games & Hobbies > Other Games': ['Leisure > Games'],
  'Games & Hobbies > Video Games': ['Leisure > Video Games'],
  'Government & Organizations': ['Government'],
  'Government & Organizations > Non-Profit': ['Business > Non-Profit'],
  Health: ['Health & Fitness'],
  'Health > Alternative Health': ['Health & Fitness > Alternative Health'],
  'Health > Diet & Nutrition': ['Health & Fitness > Nutrition'],
  'Health > Fitness': ['Health & Fitness > Fitness'],
  'Health > Fitness & Nutrition': ['Health & Fitness > Fitness', 'Health & Fitness > Nutrition'],
  'Health > Relationships': ['Society & Culture > Relationships'],
  'Health > Self-Help': ['Education > Self-Improvement'],
  'Health > Sexuality': ['Health & Fitness > Sexuality'],
  International: [],
  'Movies & Television': ['TV & Film'],
  'News & Politics': ['News', 'News > Politics'],
  Politics: ['News > Politics'],
  'Public Radio': [],
  'Religion & Spirituality > New Age': ['Religion & Spirituality > Spirituality'],
  'Religion & Spirituality > Other': ['Religion & Spirituality'],
  'Religion & Spirituality > Philosophy': ['Society & Culture > Philosophy'],
  'Science & Medicine': ['Science', 'Health & Fitness > Medicine'],
  'Science & Medicine > Medicine': ['Health & Fitness > Medicine'],
  'Science & Medicine > Natural Sciences': ['Science > Natural Sciences'],
  'Science & Medicine > Social Sciences': ['Science > Social Sciences'],
  'Society & Culture > History': ['History'],
  'Sports & Recreation': ['Sports'],
  'Sports & Recreation > Outdoor': ['Sports > Wilderness'],
  'Talk Radio': [],
  'Technology > Computers': ['Technology'],
  'Technology > Developers': ['Technology'],
  'Technology > Gadgets': ['Technology'],
  'Technology > Information Technology': ['Technology'],
  'Technology > Operating Systems': ['Technology'],
  'Technology > Smart Phones': ['Technology'],
  'Technology > Text/Speech': ['Technology'],
  'Technology > Podcasting': ['Technology'],
  'Technology > Software How-To': ['Technology'],
  'Technology > Tech News': ['News > Tech News'],
  'Technology > News': ['News > Tech News'],
  Transportation: ['Leisure > Automotive', 'Leisure > Aviation'],
  Travel: ['Society & Culture > Places & Travel'],
};

const TOPS = Object.keys(APPLE_CATEGORIES);

/** A record's own entry: "constructor" or "__proto__" written as a category is no category, nor a crash. */
const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

/** The category a subcategory belongs to, for a subcategory written alone or under another category. */
function parentOf(sub: string): string | undefined {
  return TOPS.find((top) => APPLE_CATEGORIES[top]!.includes(sub));
}

/**
 * Case, blanks, dashes, "and" or "&amp;" (copied from a feed template) for "&" set aside: "health and fitness" is
 * "Health & Fitness", "How-To" is "How To".
 */
const folded = (name: string) =>
  name
    .toLowerCase()
    .replace(/&amp;/g, '&')
    .replace(/\band\b/g, '&')
    .replace(/[^\p{L}\p{N}&]/gu, '');

/** The name of `known` that `name` was meant to be, when it is a different spelling or a typo of one. */
function respelled(name: string, known: readonly string[]): string | undefined {
  // A typo is looked for only in a name of a category's length: the edit distance grows with it.
  return known.find((k) => folded(k) === folded(name)) ?? (name.length <= 64 ? closest(name, known) : undefined);
}

const quoted = (names: readonly string[], and = ' or ') => names.map((n) => `"${n}"`).join(and);

/**
 * What is wrong with `text` as an Apple Podcasts category ("Technology", "Arts > Books"), in
 * words that say how to fix it, or undefined when Apple takes it as it is.
 */
export function categoryProblem(text: string): string | undefined {
  const parts = text.split('>').map((p) => p.trim());
  if (text.trim() === '') return 'must name an Apple Podcasts category, like "Technology" or "Arts > Books"';
  if (parts.some((p) => p === '')) return `"${text}" has an empty part; write a category, or a category and one of its subcategories, like "Arts > Books"`;
  const [top, sub, third] = parts as [string, string?, string?];
  if (third !== undefined) {
    const two = `${top} > ${sub}`;
    const advice = categoryProblem(two) === undefined ? `; write "${two}"` : '';
    return `"${text}" has a third level, "${third}": Apple Podcasts takes a category and one subcategory${advice}`;
  }
  const written = sub === undefined ? top : `${top} > ${sub}`;
  const named = own(OBSOLETE, written) ? written : own(OBSOLETE, top) ? top : undefined;
  if (named) {
    const replacements = own(OBSOLETE, named)!;
    const instead = replacements.length > 0 ? `use ${quoted(replacements)}` : 'nothing replaced it: choose another category';
    return `"${named}" is an obsolete Apple Podcasts category, no longer in Apple's list; ${instead}`;
  }
  const subs = own(APPLE_CATEGORIES, top);
  if (subs === undefined) return topProblem(top, sub);
  if (sub !== undefined && !subs.includes(sub)) return subProblem(top, sub);
  return undefined;
}

function topProblem(top: string, sub: string | undefined): string {
  const right = respelled(top, TOPS);
  if (right) {
    const fixed = sub === undefined ? right : `${right} > ${respelled(sub, APPLE_CATEGORIES[right]!) ?? sub}`;
    return `"${top}" is not an Apple Podcasts category, which are spelled exactly; did you mean "${fixed}"?`;
  }
  const parent = sub === undefined ? parentOf(top) : undefined;
  if (parent) return `"${top}" is a subcategory of "${parent}"; write "${parent} > ${top}"`;
  return `"${top}" is not an Apple Podcasts category; choose one of Apple's (podcasters.apple.com/support/1691), like "Technology" or "News > Tech News"`;
}

function subProblem(top: string, sub: string): string {
  const subs = APPLE_CATEGORIES[top]!;
  const right = respelled(sub, subs);
  if (right) return `"${sub}" is not a subcategory of "${top}", which are spelled exactly; did you mean "${top} > ${right}"?`;
  const parent = parentOf(sub);
  if (parent) return `"${sub}" is a subcategory of "${parent}", not of "${top}"; write "${parent} > ${sub}"`;
  if (subs.length === 0) return `"${top}" has no subcategories in Apple Podcasts; write "${top}" alone`;
  return `"${sub}" is not a subcategory of "${top}"; Apple's are ${quoted(subs, ', ')}`;
}

/** Artwork Apple Podcasts takes: a JPEG or PNG file, named with its extension (.jpg, .jpeg or .png). */
export function isArtworkUrl(url: string): boolean {
  try {
    return /\.(jpe?g|png)$/i.test(new URL(url).pathname);
  } catch {
    return false;
  }
}
