/**
 * Checks a feed the way a strict client would: XML well-formedness (saxes),
 * rss-parser as an independent reader, the JSON Feed 1.1 schema (ajv), and
 * the structural rules of RSS 2.0 and RFC 4287 that validators enforce.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Parser from 'rss-parser';
import { children, child, NS, parseXml, textOf, type XmlElement } from './xml.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: true, strictRequired: false }));
const jsonFeedSchema = JSON.parse(readFileSync(path.join(import.meta.dirname, '../schemas/jsonfeed-1.1.schema.json'), 'utf8'));
const validateJsonFeed = ajv.compile(jsonFeedSchema);

export function jsonFeedErrors(text: string): string[] {
  const doc = JSON.parse(text);
  return validateJsonFeed(doc) ? [] : validateJsonFeed.errors!.map((e) => `${e.instancePath} ${e.message}`);
}

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const isAbsoluteUrl = (s: string | undefined) => {
  try {
    return s !== undefined && new URL(s).href.length > 0 && /^[a-z][a-z0-9+.-]*:/i.test(s);
  } catch {
    return false;
  }
};

/** RSS 2.0 rules from the spec and the RSS Advisory Board profile; returns the broken ones. */
export function rssErrors(xml: string): string[] {
  const errors: string[] = [];
  const rss = parseXml(xml);
  if (rss.name !== 'rss' || rss.attrs.version !== '2.0') errors.push('root must be <rss version="2.0">');
  const channel = child(rss, 'channel');
  if (!channel) return [...errors, 'no channel'];
  for (const required of ['title', 'link', 'description']) if (textOf(channel, required) === undefined) errors.push(`channel lacks ${required}`);
  const self = children(channel, 'link', NS.atom).find((l) => l.attrs.rel === 'self');
  if (!self || !isAbsoluteUrl(self.attrs.href)) errors.push('channel lacks atom:link rel="self"');
  for (const date of ['pubDate', 'lastBuildDate']) {
    const value = textOf(channel, date);
    if (value !== undefined && !RFC822.test(value)) errors.push(`channel ${date} is not RFC 822: ${value}`);
  }
  for (const [i, item] of children(channel, 'item').entries()) {
    const at = `item ${i}`;
    if (textOf(item, 'title') === undefined && textOf(item, 'description') === undefined) errors.push(`${at} needs a title or description`);
    const guid = child(item, 'guid');
    if (!guid) errors.push(`${at} lacks guid`);
    else if (guid.attrs.isPermaLink !== 'false' && !isAbsoluteUrl(guid.text)) errors.push(`${at} guid is a permalink but not a URL`);
    const pub = textOf(item, 'pubDate');
    if (pub === undefined || !RFC822.test(pub)) errors.push(`${at} pubDate is not RFC 822: ${pub}`);
    if (!isAbsoluteUrl(textOf(item, 'link'))) errors.push(`${at} link is not an absolute URL`);
    const authors = children(item, 'author');
    if (authors.length > 1) errors.push(`${at} has more than one author`);
    for (const a of authors) if (!/^\S+@\S+ \(.+\)$/.test(a.text)) errors.push(`${at} author is not "email (name)": ${a.text}`);
    if (authors.length > 0 && children(item, 'creator', NS.dc).length > 0) errors.push(`${at} mixes author and dc:creator`);
    for (const e of children(item, 'enclosure')) {
      if (!isAbsoluteUrl(e.attrs.url)) errors.push(`${at} enclosure url is not absolute`);
      if (!/^[1-9]\d*$/.test(e.attrs.length ?? '')) errors.push(`${at} enclosure length must be a positive byte count: ${e.attrs.length}`);
      if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(e.attrs.type ?? '') || e.attrs.type === 'image/jpg') errors.push(`${at} enclosure type is not a registered MIME type: ${e.attrs.type}`);
    }
    if (children(item, 'enclosure').length > 1) errors.push(`${at} has more than one enclosure`);
  }
  return errors;
}

/** RFC 4287 rules: ids, titles, updated, authors, links, category terms. */
export function atomErrors(xml: string): string[] {
  const errors: string[] = [];
  const feed = parseXml(xml);
  if (feed.name !== 'feed' || feed.uri !== NS.atom) return ['root must be an Atom <feed>'];
  const check = (el: XmlElement, at: string, needsAuthor: boolean) => {
    for (const required of ['id', 'title', 'updated']) if (children(el, required, NS.atom).length !== 1) errors.push(`${at} must have exactly one ${required}`);
    if (!isAbsoluteUrl(textOf(el, 'id', NS.atom))) errors.push(`${at} id is not an absolute IRI`);
    for (const date of ['updated', 'published']) {
      const value = textOf(el, date, NS.atom);
      if (value !== undefined && !RFC3339.test(value)) errors.push(`${at} ${date} is not RFC 3339: ${value}`);
    }
    if (needsAuthor && children(el, 'author', NS.atom).length === 0) errors.push(`${at} has no author`);
    for (const a of children(el, 'author', NS.atom)) if (!textOf(a, 'name', NS.atom)) errors.push(`${at} author without name`);
    for (const c of children(el, 'category', NS.atom)) if (!c.attrs.term) errors.push(`${at} category without term`);
    for (const l of children(el, 'link', NS.atom)) if (!isAbsoluteUrl(l.attrs.href)) errors.push(`${at} link href is not absolute: ${l.attrs.href}`);
    const alternates = children(el, 'link', NS.atom).filter((l) => (l.attrs.rel ?? 'alternate') === 'alternate');
    const seen = new Set(alternates.map((l) => `${l.attrs.type}|${l.attrs.hreflang}`));
    if (seen.size !== alternates.length) errors.push(`${at} has two alternate links of the same type and language`);
  };
  const feedHasAuthor = children(feed, 'author', NS.atom).length > 0;
  check(feed, 'feed', false);
  if (!children(feed, 'link', NS.atom).some((l) => l.attrs.rel === 'self')) errors.push('feed lacks link rel="self"');
  const ids = new Set<string>();
  for (const [i, entry] of children(feed, 'entry', NS.atom).entries()) {
    check(entry, `entry ${i}`, !feedHasAuthor);
    const hasContent = children(entry, 'content', NS.atom).length > 0;
    const hasAlternate = children(entry, 'link', NS.atom).some((l) => (l.attrs.rel ?? 'alternate') === 'alternate');
    if (!hasContent && !hasAlternate) errors.push(`entry ${i} needs content or an alternate link`);
    const id = textOf(entry, 'id', NS.atom)!;
    if (ids.has(id)) errors.push(`entry ${i} repeats id ${id}`);
    ids.add(id);
  }
  return errors;
}

/** Whether xmllint (libxml2-utils) is here to check Atom against RFC 4287's RELAX NG grammar. */
export const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
if (!hasXmllint) console.warn('RELAX NG checks skipped: no xmllint (apt-get install libxml2-utils)');

const ATOM_RNG = path.join(import.meta.dirname, '../schemas/atom.rng');

/** What xmllint says against the Atom grammar of RFC 4287 Appendix B; [] when the feed validates. */
export function atomRelaxNgErrors(xml: string): string[] {
  const run = spawnSync('xmllint', ['--noout', '--relaxng', ATOM_RNG, '-'], { input: xml, encoding: 'utf8' });
  return run.status === 0 ? [] : run.stderr.trim().split('\n');
}

export const rssParser = new Parser({ customFields: { item: [['dc:creator', 'creators', { keepArray: true }]] as never } });

const ITUNES = 'http://www.itunes.com/dtds/podcast-1.0.dtd';
const PODCAST = 'https://podcastindex.org/namespace/1.0';

/**
 * The tags Apple Podcasts and Podcast Index require of a show and its
 * episodes, with the value rules of the Podcast Namespace (podcast:guid a
 * UUIDv5, podcast:locked "yes" or "no", each once per channel).
 */
export function podcastErrors(xml: string): string[] {
  const errors: string[] = [];
  const channel = child(parseXml(xml), 'channel');
  if (!channel) return ['no channel'];
  const once = (el: XmlElement, name: string, uri: string, where: string): XmlElement | undefined => {
    const found = children(el, name, uri);
    if (found.length !== 1) errors.push(`${where}: ${found.length} <${name}> (${uri || 'RSS'}), expected 1`);
    return found[0];
  };
  for (const name of ['title', 'link', 'description', 'language']) if (!once(channel, name, '', 'channel')?.text.trim()) errors.push(`channel: empty <${name}>`);
  const image = once(channel, 'image', ITUNES, 'channel');
  if (image && !/^https?:\/\/\S+\.(jpe?g|png)$/i.test(image.attrs.href ?? '')) errors.push(`itunes:image href "${image.attrs.href}" is not a JPEG or PNG URL`);
  const categories = children(channel, 'category', ITUNES);
  if (categories.length === 0 || categories.some((c) => !c.attrs.text)) errors.push('itunes:category missing or without text');
  const explicit = once(channel, 'explicit', ITUNES, 'channel');
  if (explicit && !['true', 'false'].includes(explicit.text)) errors.push(`itunes:explicit "${explicit.text}" is not true or false`);
  const guid = once(channel, 'guid', PODCAST, 'channel');
  if (guid && !/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(guid.text)) errors.push(`podcast:guid "${guid.text}" is not a UUIDv5`);
  const locked = once(channel, 'locked', PODCAST, 'channel');
  if (locked && !['yes', 'no'].includes(locked.text)) errors.push(`podcast:locked "${locked.text}" is not yes or no`);
  if (locked?.attrs.owner !== undefined && !/^[^@\s]+@[^@\s]+$/.test(locked.attrs.owner)) errors.push(`podcast:locked owner "${locked.attrs.owner}" is not an email`);
  for (const [i, item] of children(channel, 'item').entries()) {
    const enclosure = child(item, 'enclosure');
    if (!enclosure) continue;
    const where = `episode ${i + 1}`;
    if (!once(item, 'title', '', where)?.text.trim()) errors.push(`${where}: empty title`);
    if (!once(item, 'guid', '', where)?.text.trim()) errors.push(`${where}: empty guid`);
    if (!/^https?:\/\//.test(enclosure.attrs.url ?? '')) errors.push(`${where}: enclosure url "${enclosure.attrs.url}"`);
    if (!/^[1-9]\d*$/.test(enclosure.attrs.length ?? '')) errors.push(`${where}: enclosure length "${enclosure.attrs.length}" is not a positive byte count`);
    if (!/^(audio|video)\/[a-z0-9.+-]+$/.test(enclosure.attrs.type ?? '')) errors.push(`${where}: enclosure type "${enclosure.attrs.type}"`);
    const duration = child(item, 'duration', ITUNES);
    if (duration && !/^(\d+|\d+:[0-5]\d(:[0-5]\d)?)$/.test(duration.text)) errors.push(`${where}: itunes:duration "${duration.text}"`);
  }
  return errors;
}
