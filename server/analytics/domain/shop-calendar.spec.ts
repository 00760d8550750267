import {
  addDays, dayKeyOf, dayRange, daysBetween, daysOf, isValidTimeZone, parsePeriod, periodAt, periodOfDay, periodRange,
  previousPeriod, nextPeriod,
} from './shop-calendar';

// 2026-03-31 23:30 and 2026-04-01 00:30 in Shanghai (UTC+8) are 15:30 and 16:30 UTC of the SAME UTC day.
const LATE = Date.UTC(2026, 2, 31, 15, 30);
const EARLY = Date.UTC(2026, 2, 31, 16, 30);

describe('shop calendar', () => {
  it('puts an order at 23:30 and one at 00:30 shop time in their own days, months and quarters', () => {
    expect(new Date(LATE).toISOString().slice(0, 10)).toBe(new Date(EARLY).toISOString().slice(0, 10));
    expect(dayKeyOf(LATE)).toBe('2026-03-31');
    expect(dayKeyOf(EARLY)).toBe('2026-04-01');
    expect(periodAt('month', LATE).key).toBe('2026-03');
    expect(periodAt('month', EARLY).key).toBe('2026-04');
    expect(periodAt('quarter', LATE).key).toBe('2026-Q1');
    expect(periodAt('quarter', EARLY).key).toBe('2026-Q2');
    // Tuesday and Wednesday of the same Monday-started week
    expect(periodAt('week', LATE)).toEqual({ kind: 'week', key: '2026-W14', first: '2026-03-30', last: '2026-04-05' });
    expect(periodAt('week', EARLY).key).toBe('2026-W14');
  });

  it('splits weeks between Sunday 23:30 and Monday 00:30', () => {
    const sunday = Date.UTC(2026, 3, 5, 15, 30); // 2026-04-05 23:30 +08
    const monday = Date.UTC(2026, 3, 5, 16, 30); // 2026-04-06 00:30 +08
    expect(periodAt('week', sunday).key).toBe('2026-W14');
    expect(periodAt('week', monday)).toEqual({ kind: 'week', key: '2026-W15', first: '2026-04-06', last: '2026-04-12' });
  });

  it('uses another time zone when configured', () => {
    expect(dayKeyOf(EARLY, 'UTC')).toBe('2026-03-31');
    expect(dayKeyOf(EARLY, 'America/New_York')).toBe('2026-03-31');
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('gives a shop day its instants, 24 hours in Shanghai and 23 on a DST start day', () => {
    expect(dayRange('2026-04-01')).toEqual({ start: Date.UTC(2026, 2, 31, 16), end: Date.UTC(2026, 3, 1, 16) });
    const dst = dayRange('2026-03-08', 'America/New_York');
    expect(dst.end - dst.start).toBe(23 * 3_600_000);
    expect(periodRange(parsePeriod('quarter', '2026-Q2'))).toEqual({ start: Date.UTC(2026, 2, 31, 16), end: Date.UTC(2026, 5, 30, 16) });
  });

  it('names ISO weeks across year ends and parses keys back', () => {
    expect(periodOfDay('week', '2027-01-01')).toMatchObject({ key: '2026-W53', first: '2026-12-28', last: '2027-01-03' });
    expect(periodOfDay('week', '2025-12-29').key).toBe('2026-W01');
    expect(parsePeriod('week', '2026-W53').first).toBe('2026-12-28');
    expect(parsePeriod('week', '2026-W01').first).toBe('2025-12-29');
    expect(() => parsePeriod('week', '2025-W53')).toThrow(RangeError);
    expect(() => parsePeriod('month', '2026-13')).toThrow(RangeError);
    expect(() => parsePeriod('day', '2026-02-30')).toThrow(RangeError);
    expect(parsePeriod('month', '2024-02').last).toBe('2024-02-29');
  });

  it('steps periods and days', () => {
    expect(previousPeriod(parsePeriod('quarter', '2026-Q1')).key).toBe('2025-Q4');
    expect(nextPeriod(parsePeriod('month', '2026-12')).key).toBe('2027-01');
    expect(previousPeriod(parsePeriod('week', '2026-W01')).key).toBe('2025-W52');
    expect(previousPeriod(parsePeriod('day', '2026-03-01')).key).toBe('2026-02-28');
    expect(daysOf(parsePeriod('quarter', '2026-Q1'))).toHaveLength(90);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
  });
});
