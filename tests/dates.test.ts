/** Reading one written date, and writing it back with its own offset. */
import { describe, expect, it } from 'vitest';
import { formatRfc3339, formatRfc822 } from '../src/time/format.js';
import { parseDate, type ParsedDate } from '../src/time/parse-date.js';

function read(text: string, zone = 'Europe/Paris'): ParsedDate {
  const parsed = parseDate(text, zone);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

describe('parseDate', () => {
  it.each([
    // written, zone, RFC 3339 back, RFC 822 back, precision
    ['2022-05-30', 'Europe/Paris', '2022-05-30T00:00:00+02:00', 'Mon, 30 May 2022 00:00:00 +0200', 'day'],
    ['2022-01-15', 'Europe/Paris', '2022-01-15T00:00:00+01:00', 'Sat, 15 Jan 2022 00:00:00 +0100', 'day'],
    ['2022-05-30', 'America/Los_Angeles', '2022-05-30T00:00:00-07:00', 'Mon, 30 May 2022 00:00:00 -0700', 'day'],
    ['2022-05-30', 'UTC', '2022-05-30T00:00:00Z', 'Mon, 30 May 2022 00:00:00 +0000', 'day'],
    ['2022-05-30T10:15', 'Europe/Paris', '2022-05-30T10:15:00+02:00', 'Mon, 30 May 2022 10:15:00 +0200', 'minute'],
    ['2022-05-30 10:15:30', 'Asia/Tokyo', '2022-05-30T10:15:30+09:00', 'Mon, 30 May 2022 10:15:30 +0900', 'second'],
    ['2022-05-30T10:15:30.250Z', 'Europe/Paris', '2022-05-30T10:15:30.250Z', 'Mon, 30 May 2022 10:15:30 +0000', 'millisecond'],
    ['2022-05-30T10:15:00+02:00', 'UTC', '2022-05-30T10:15:00+02:00', 'Mon, 30 May 2022 10:15:00 +0200', 'second'],
    ['2022-05-30 10:15:00 +0200', 'UTC', '2022-05-30T10:15:00+02:00', 'Mon, 30 May 2022 10:15:00 +0200', 'second'],
    ['2022-05-30T10:15:00-0330', 'UTC', '2022-05-30T10:15:00-03:30', 'Mon, 30 May 2022 10:15:00 -0330', 'second'],
    ['2022-05-30T10:15:00+05:45', 'UTC', '2022-05-30T10:15:00+05:45', 'Mon, 30 May 2022 10:15:00 +0545', 'second'],
    ['2022-05-30T23:30:00-05', 'UTC', '2022-05-30T23:30:00-05:00', 'Mon, 30 May 2022 23:30:00 -0500', 'second'],
    ['2024-02-29', 'Asia/Kolkata', '2024-02-29T00:00:00+05:30', 'Thu, 29 Feb 2024 00:00:00 +0530', 'day'],
    ['2022-12-31T23:59:59Z', 'Pacific/Kiritimati', '2022-12-31T23:59:59Z', 'Sat, 31 Dec 2022 23:59:59 +0000', 'second'],
  ])('%s read in %s', (text, zone, rfc3339, rfc822, precision) => {
    const parsed = read(text, zone);
    expect(formatRfc3339(parsed)).toBe(rfc3339);
    expect(formatRfc822(parsed)).toBe(rfc822);
    expect(parsed.precision).toBe(precision);
  });

  it('keeps the instant: a date alone is midnight in the zone, never the previous day there', () => {
    const parsed = read('2022-05-30', 'Europe/Paris');
    expect(new Date(parsed.instant).toISOString()).toBe('2022-05-29T22:00:00.000Z');
    expect(formatRfc3339(parsed).slice(0, 10)).toBe('2022-05-30');
    expect(parsed.zone).toBe('Europe/Paris');
  });

  describe('daylight saving in Europe/Paris', () => {
    it('moves a time in the spring-forward gap (last Sunday of March) forward by the gap', () => {
      expect(formatRfc3339(read('2024-03-31T02:30'))).toBe('2024-03-31T03:30:00+02:00');
      expect(formatRfc3339(read('2024-03-31T01:59'))).toBe('2024-03-31T01:59:00+01:00');
      expect(formatRfc3339(read('2024-03-31T03:00'))).toBe('2024-03-31T03:00:00+02:00');
    });

    it('reads an ambiguous time in the autumn overlap (last Sunday of October) as the earlier instant', () => {
      const ambiguous = read('2024-10-27T02:30');
      expect(formatRfc3339(ambiguous)).toBe('2024-10-27T02:30:00+02:00');
      expect(new Date(ambiguous.instant).toISOString()).toBe('2024-10-27T00:30:00.000Z');
      expect(formatRfc3339(read('2024-10-27T03:00'))).toBe('2024-10-27T03:00:00+01:00');
      expect(formatRfc3339(read('2024-10-27T01:59'))).toBe('2024-10-27T01:59:00+02:00');
    });

    it('gives each side of the change its own offset for a date alone', () => {
      expect(formatRfc3339(read('2024-03-31'))).toBe('2024-03-31T00:00:00+01:00');
      expect(formatRfc3339(read('2024-04-01'))).toBe('2024-04-01T00:00:00+02:00');
      expect(formatRfc3339(read('2024-10-27'))).toBe('2024-10-27T00:00:00+02:00');
      expect(formatRfc3339(read('2024-10-28'))).toBe('2024-10-28T00:00:00+01:00');
    });
  });

  it.each([
    ['2022-13-45', '"2022-13-45" is not a real date (2022-13-45 does not exist)'],
    ['2023-02-29', '"2023-02-29" is not a real date (2023-02-29 does not exist)'],
    ['2022-04-31', '"2022-04-31" is not a real date (2022-04-31 does not exist)'],
    ['2022-05-30T24:00', '"2022-05-30T24:00" is not a real time of day'],
    ['2022-05-30T10:60', '"2022-05-30T10:60" is not a real time of day'],
    ['2022-05-30T10:00+19:00', '"2022-05-30T10:00+19:00" has a UTC offset out of range (at most ±18:00)'],
    ['30/05/22', '"30/05/22" is not a date I can read; write it as 2022-05-30, 2022-05-30T10:15, or 2022-05-30T10:15:00+02:00'],
    ['2022-05-30+02:00', '"2022-05-30+02:00" is not a date I can read; write it as 2022-05-30, 2022-05-30T10:15, or 2022-05-30T10:15:00+02:00'],
  ])('refuses %s', (text, message) => {
    expect(parseDate(text, 'UTC')).toEqual({ error: message });
  });
});

describe('the table of written dates (tests/fixtures/dates.json)', async () => {
  const { readFileSync } = await import('node:fs');
  const table = JSON.parse(readFileSync(new URL('./fixtures/dates.json', import.meta.url), 'utf8')) as {
    zone: string;
    anchor: string;
    cases: { text: string; zone?: string; expect?: string; error?: string; precision?: string; approximate?: boolean }[];
  };
  const anchor = Date.parse(table.anchor);

  it('holds at least 60 cases in English and French', () => {
    expect(table.cases.length).toBeGreaterThanOrEqual(60);
  });

  it('reads every case as expected', () => {
    const failures: string[] = [];
    for (const c of table.cases) {
      const parsed = parseDate(c.text, c.zone ?? table.zone, { anchor: () => anchor });
      const got = 'error' in parsed ? `error: ${parsed.error}` : formatRfc3339(parsed);
      const ok =
        c.error !== undefined
          ? 'error' in parsed && parsed.error.includes(c.error)
          : !('error' in parsed) &&
            got === c.expect &&
            (c.precision === undefined || parsed.precision === c.precision) &&
            Boolean(parsed.approximate) === Boolean(c.approximate);
      if (!ok) failures.push(`${JSON.stringify(c.text)}: got ${got}${'error' in parsed ? '' : ` (${parsed.precision}${parsed.approximate ? ', approximate' : ''})`}`);
    }
    expect(failures).toEqual([]);
  });
});
