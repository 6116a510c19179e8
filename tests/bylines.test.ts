/**
 * The byline table (tests/fixtures/bylines.json): blocks as French, English (GB, US, IN), German,
 * Spanish, Italian and Portuguese (PT, BR) news sites print them, copied as readers copy them, each
 * with the published and updated instants, zone, precision and author the reader must find, and
 * look-alikes that must give nothing. The table states its interpretation rules once (`rules`).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readByline } from '../src/time/byline.js';
import { midnightBefore, specInstant } from '../src/time/date-spec.js';
import { formatRfc3339 } from '../src/time/format.js';

interface Instant {
  instant: string;
  zone: string;
  precision: string;
  approximate: boolean;
}

interface Case {
  id: string;
  lang: string;
  kind: string;
  text: string;
  zone?: string;
  anchor?: string;
  expect: { published: Instant | null; updated: Instant | null; author: string | null };
}

const table = JSON.parse(readFileSync(new URL('./fixtures/bylines.json', import.meta.url), 'utf8')) as { anchor: string; zone: string; rules: Record<string, string>; cases: Case[] };

/** An RFC 3339 instant as what it means: the epoch milliseconds and the offset it is written with. */
function meaning(rfc3339: string): { ms: number; offset: number } {
  const m = /(Z|([+-])(\d{2}):(\d{2}))$/.exec(rfc3339)!;
  return { ms: Date.parse(rfc3339), offset: m[1] === 'Z' ? 0 : (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4])) };
}

/** What the reader finds in a case's text, in the table's terms. */
function read(c: Case) {
  const { byline } = readByline(c.text, 1);
  const anchor = Date.parse(c.anchor ?? table.anchor);
  const ctx = { zone: c.zone ?? table.zone, monthFirst: c.lang === 'en-US', anchor: () => ({ instant: anchor, precision: 'second' as const }) };
  const value = (v: (typeof byline)['published']) => {
    if (!v) return null;
    const p = specInstant(v.spec, ctx);
    if ('error' in p) return { error: p.error };
    return { ms: p.instant, offset: p.offset, zone: p.zone, precision: p.precision, approximate: p.approximate ?? false };
  };
  return { published: value(byline.published), updated: value(byline.updated), author: byline.authors?.map((a) => a.text).join(' | ') ?? null };
}

function expected(c: Case) {
  const value = (v: Instant | null) => v && { ...meaning(v.instant), zone: v.zone, precision: v.precision, approximate: v.approximate };
  return { published: value(c.expect.published), updated: value(c.expect.updated), author: c.expect.author };
}

describe('the byline table', () => {
  const bylines = table.cases.filter((c) => !c.kind.startsWith('lookalike:'));
  const lookalikes = table.cases.filter((c) => c.kind.startsWith('lookalike:'));

  it('holds at least 150 bylines and 30 look-alikes in the six languages, and the rules it reads them by', () => {
    expect(bylines.length).toBeGreaterThanOrEqual(150);
    expect(lookalikes.length).toBeGreaterThanOrEqual(30);
    expect(new Set(table.cases.map((c) => c.lang.slice(0, 2)))).toEqual(new Set(['fr', 'en', 'de', 'es', 'it', 'pt']));
    expect(Object.keys(table.rules).length).toBeGreaterThanOrEqual(30);
    expect(new Set(table.cases.map((c) => c.id)).size).toBe(table.cases.length);
  });

  it.each(bylines.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(read(c)).toEqual(expected(c));
  });

  it.each(lookalikes.map((c) => [c.id, c] as const))('%s is no byline', (_id, c) => {
    expect(read(c)).toEqual({ published: null, updated: null, author: null });
  });

  it('reads no look-alike as a byline when it follows a title and a standfirst either', () => {
    const standfirst = '# A title\n\nA first paragraph that could be a standfirst, long enough to be prose\n\n';
    const read = lookalikes.filter((c) => !c.text.startsWith('#')).map((c) => ({ id: c.id, ...readByline(standfirst + c.text, 1).byline })).filter((r) => Object.keys(r).length > 1);
    expect(read).toEqual([]);
  });
});

describe('counting back calendar days and months', () => {
  it('lands on midnight of the day in the zone, a missing day being the month\'s last', () => {
    const at = (iso: string, back: { days?: number; months?: number }, zone = 'Europe/Paris') => formatRfc3339(midnightBefore(Date.parse(iso), zone, back));
    expect(at('2026-03-31T10:00:00+02:00', { months: 1 })).toBe('2026-02-28T00:00:00+01:00');
    expect(at('2024-03-31T10:00:00+02:00', { months: 1 })).toBe('2024-02-29T00:00:00+01:00');
    expect(at('2024-02-29T10:00:00+01:00', { months: 12 })).toBe('2023-02-28T00:00:00+01:00');
    expect(at('2026-01-05T10:00:00+01:00', { days: 7 })).toBe('2025-12-29T00:00:00+01:00');
    // The day is the zone's: at 00:30 in Paris it is still the day before in New York.
    expect(at('2026-03-15T00:30:00+01:00', { days: 1 }, 'America/New_York')).toBe('2026-03-13T00:00:00-04:00');
  });
});

describe('the byline reader on hostile text', () => {
  const pieces = ['Publié le ', 'Updated', 'By ', 'Par ', ' ', '  \n', '\n\n', '12', '/', '.', ':', '2026', 'mars ', 'May ', '10h15', '4:17 pm', 'il y a ', 'ago', 'EDT', '(', ')', '·', '|', '*', '[a](#)', '# T\n', '![i](x.png)\n', 'é', '\u0000'];

  it('reads any mix of byline words without throwing, in bounded time, and only valid instants', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 80 }), (parts) => {
        const text = parts.join('');
        const started = performance.now();
        const { byline, end } = readByline(text, 1);
        expect(performance.now() - started).toBeLessThan(250);
        if (end !== undefined) expect(end).toBeLessThanOrEqual(text.length);
        for (const v of [byline.published, byline.updated]) {
          if (!v) continue;
          const p = specInstant(v.spec, { zone: 'Europe/Paris', monthFirst: false, anchor: () => ({ instant: 1_773_579_600_000, precision: 'second' }) });
          if (!('error' in p)) expect(Number.isFinite(p.instant)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reads a few lines only, however long the body or its lines', () => {
    const long = `Publié le 30 mai 2022 ${'x'.repeat(100_000)}\n`.repeat(50);
    const started = performance.now();
    expect(readByline(long, 1).byline).toEqual({});
    expect(readByline(`${'\n'.repeat(100_000)}Publié le 30 mai 2022`, 1).byline).toEqual({});
    expect(performance.now() - started).toBeLessThan(500);
  });
});
