#!/usr/bin/python3 -P
"""newsboat on every feed named: one JSON document on stdout, {reader, version, feeds: [{path,
items} or {path, error}]}, from what newsboat stored in its SQLite cache. newsboat runs without
its interface (-x reload) on file:// URLs, one throwaway cache per feed: it finds items by guid
across its whole cache, and every feed of a build gives an item the same id."""
import json, os, pathlib, sqlite3, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor

VERSION = subprocess.run(['newsboat', '-v'], capture_output=True, text=True).stdout.split()[1]


def utc(seconds):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(seconds)) if seconds else None


def item(r):
    return {
        'id': r['guid'], 'title': r['title'], 'link': r['url'],
        'published': utc(r['pubDate']), 'updated': None,  # one date per item
        'authors': [r['author']] if r['author'] else [],  # one string per item
        'summary': None, 'content': r['content'],  # one text per item
        'categories': [],
        'enclosures': [{'url': r['enclosure_url'], 'type': r['enclosure_type'] or None, 'length': None}] if r['enclosure_url'] else [],
        'image': None,
    }


def read(path):
    url = pathlib.Path(path).resolve().as_uri()
    with tempfile.TemporaryDirectory() as tmp:
        urls, config, db, log = (os.path.join(tmp, n) for n in ('urls', 'config', 'cache.db', 'log'))
        pathlib.Path(urls).write_text('"%s"\n' % url)
        pathlib.Path(config).write_text('')
        env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp)
        subprocess.run(['newsboat', '-q', '-u', urls, '-c', db, '-C', config, '-l', '3', '-d', log, '-x', 'reload'],
                       env=env, cwd=tmp, timeout=60, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        con = sqlite3.connect(db)
        con.row_factory = sqlite3.Row
        if con.execute('SELECT 1 FROM rss_feed WHERE rssurl = ?', (url,)).fetchone() is None:
            # newsboat exits 0 when it cannot read a feed: its log says why
            return {'path': path, 'error': pathlib.Path(log).read_text(errors='replace').strip()[-500:]}
        rows = con.execute('SELECT * FROM rss_item WHERE feedurl = ? ORDER BY id', (url,)).fetchall()
        return {'path': path, 'items': [item(r) for r in rows]}


with ThreadPoolExecutor(2) as pool:
    feeds = list(pool.map(read, sys.argv[1:]))
print(json.dumps({'reader': 'newsboat', 'version': VERSION, 'feeds': feeds}, ensure_ascii=False))
