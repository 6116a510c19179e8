#!/usr/bin/python3 -P
"""The W3C Feed Validation Service's own rules (github.com/w3c/feedvalidator, run from a checkout
named by FEEDVALIDATOR: its src/ folder) on every feed named: one JSON document on stdout,
{version, feeds: [{path, events: [{level, type, line, column, message}]}]}. Each feed is validated
as if fetched from its own address (its rel="self" link), as the online service would, and with
the service's "AA" filter of events."""
import json, os, re, sys

sys.path.insert(0, os.path.join(os.environ['FEEDVALIDATOR'], 'src'))
import feedvalidator
from feedvalidator import compatibility
from feedvalidator.formatter.text_plain import Formatter
from feedvalidator.logging import Error, Warning


def self_link(data):
    m = re.search(rb'<(?:atom:)?link\b[^>]*\brel="self"[^>]*>', data)
    href = m and re.search(rb'href="([^"]*)"', m.group(0))
    return href.group(1).decode() if href else None


def validate(path):
    data = open(path, 'rb').read()
    base = self_link(data) or 'https://example.com/feed.json'
    try:
        events = feedvalidator.validateString(data, firstOccurrenceOnly=0, base=base)['loggedEvents']
    except feedvalidator.logging.ValidationFailure as failure:
        events = [failure.event]
    events = compatibility.AA(events)
    messages = Formatter(events)
    return {'path': path, 'events': [
        {'level': 'error' if isinstance(e, Error) else 'warning' if isinstance(e, Warning) else 'info',
         'type': type(e).__name__, 'line': e.params.get('line'), 'message': m}
        for e, m in zip(events, messages)]}


print(json.dumps({'feeds': [validate(p) for p in sys.argv[1:] if not p.endswith('.json')]}))
