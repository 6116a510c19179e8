#!/usr/bin/python3 -P
"""Universal Feed Parser (Debian's python3-feedparser) on every feed named: one JSON document on
stdout, {reader, version, feeds: [{path, items} or {path, error}]}. Run by Debian's own python3
with -P, so this folder (which holds no module of that name, but might) never shadows the library."""
import calendar, json, sys, time
from html import escape
import feedparser


def utc(parsed):  # feedparser's *_parsed values are UTC struct_time
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(calendar.timegm(parsed))) if parsed else None


def image(e):
    for key in ('media_content', 'media_thumbnail'):
        if e.get(key):
            return e[key][0].get('url')
    return e.get('image', {}).get('href')


def html(detail):  # feedparser gives an Atom text construct of type text as plain text
    if not detail:
        return None
    return escape(detail.value, quote=False) if detail.get('type') == 'text/plain' else detail.value


def item(e):
    return {
        'id': e.get('id'), 'title': e.get('title'), 'link': e.get('link'),
        'published': utc(e.get('published_parsed')),
        # feedparser answers `updated` with the publication date when an entry has none
        # (a deprecated fallback): only an update date the feed gives counts.
        'updated': utc(e.get('updated_parsed')) if 'updated' in e.keys() else None,
        'authors': [a.get('name') or a.get('email') for a in e.get('authors', []) if a],
        'summary': html(e.get('summary_detail')),
        'content': html(e.content[0]) if e.get('content') else None,
        'categories': [t.get('term') for t in e.get('tags', [])],
        'enclosures': [{'url': l.get('href'), 'type': l.get('type'), 'length': l.get('length')}
                       for l in e.get('links', []) if l.get('rel') == 'enclosure'],
        'image': image(e),
    }


def read(path):
    d = feedparser.parse(path)
    if d.get('bozo') and not d.entries:
        return {'path': path, 'error': str(d.get('bozo_exception'))}
    return {'path': path, 'items': [item(e) for e in d.entries]}


print(json.dumps({'reader': 'feedparser', 'version': feedparser.__version__,
                  'feeds': [read(p) for p in sys.argv[1:]]}, ensure_ascii=False))
