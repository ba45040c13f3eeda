import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLocal } from '../../api/local-time.ts';

/** Intl's own answer, the slow way: what formatLocal's cached offsets must agree with. */
function byIntl(timeZone: string, at: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

describe('formatLocal', () => {
  const zones = [
    'Asia/Shanghai',
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
  ];

  it('agrees with Intl to the second, across daylight-saving changes and odd offsets', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        (zone, ms) => {
          expect(formatLocal(zone, new Date(ms))).toBe(byIntl(zone, new Date(ms)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is right on the second either side of a daylight-saving change', () => {
    const change = Date.UTC(2026, 2, 8, 7, 0, 0); // 02:00 EST on 8 March 2026 becomes 03:00 EDT
    for (const ms of [change - 1000, change, change + 1000]) {
      expect(formatLocal('America/New_York', new Date(ms))).toBe(byIntl('America/New_York', new Date(ms)));
    }
    expect(formatLocal('America/New_York', new Date(change - 1000))).toBe('2026-03-08 01:59:59');
    expect(formatLocal('America/New_York', new Date(change))).toBe('2026-03-08 03:00:00');
    expect(formatLocal('Asia/Shanghai', new Date('2026-10-31T16:00:00Z'))).toBe('2026-11-01 00:00:00');
  });
});
