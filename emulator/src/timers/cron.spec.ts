import { CronSchedule, CronSyntaxError, chinaToUtc, formatChinaTime } from './cron';

const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => chinaToUtc(y, mo, d, h, mi, s);

describe('CronSchedule (CloudBase 7-field cron, UTC+8)', () => {
  it('evaluates the wall clock in UTC+8', () => {
    const daily = CronSchedule.parse('0 30 2 * * * *');
    const next = daily.next(at(2024, 3, 1, 0, 0, 0))!;
    expect(formatChinaTime(next)).toBe('2024-03-01 02:30:00');
    // 02:30 in Beijing is 18:30 UTC on the previous day.
    expect(new Date(next).toISOString()).toBe('2024-02-29T18:30:00.000Z');
  });

  it('returns times strictly after the given instant', () => {
    const daily = CronSchedule.parse('0 30 2 * * * *');
    const t = at(2024, 3, 1, 2, 30, 0);
    expect(formatChinaTime(daily.next(t)!)).toBe('2024-03-02 02:30:00');
    expect(formatChinaTime(daily.next(t - 1)!)).toBe('2024-03-01 02:30:00');
  });

  it('supports lists, ranges, steps with a start, and names', () => {
    const s = CronSchedule.parse('0 1/20 9-10 * * MON-FRI *');
    const times = s.between(at(2024, 3, 1, 0, 0, 0), at(2024, 3, 4, 23, 59, 59)).map(formatChinaTime);
    // 2024-03-01 is a Friday, 03-02/03 the weekend, 03-04 a Monday.
    expect(times).toEqual([
      '2024-03-01 09:01:00', '2024-03-01 09:21:00', '2024-03-01 09:41:00',
      '2024-03-01 10:01:00', '2024-03-01 10:21:00', '2024-03-01 10:41:00',
      '2024-03-04 09:01:00', '2024-03-04 09:21:00', '2024-03-04 09:41:00',
      '2024-03-04 10:01:00', '2024-03-04 10:21:00', '2024-03-04 10:41:00',
    ]);
    expect(CronSchedule.parse('*/5 * * * * * *').between(at(2024, 1, 1), at(2024, 1, 1, 0, 0, 20)).length).toBe(4);
    expect(formatChinaTime(CronSchedule.parse('0 0 12 * JAN,jul 0 *').next(at(2024, 2, 1))!)).toBe('2024-07-07 12:00:00');
  });

  it('ORs day and weekday when both are given, ANDs them when one starts with *', () => {
    // The 15th, or any Sunday.
    const either = CronSchedule.parse('0 0 0 15 * 0 *');
    expect(either.between(at(2024, 3, 1), at(2024, 3, 31, 23)).map(formatChinaTime)).toEqual([
      '2024-03-03 00:00:00', '2024-03-10 00:00:00', '2024-03-15 00:00:00', '2024-03-17 00:00:00',
      '2024-03-24 00:00:00', '2024-03-31 00:00:00',
    ]);
    const onlyDay = CronSchedule.parse('0 0 0 15 * * *');
    expect(onlyDay.between(at(2024, 3, 1), at(2024, 3, 31, 23)).map(formatChinaTime)).toEqual(['2024-03-15 00:00:00']);
  });

  it('honours the year field and ends after the last year', () => {
    const once = CronSchedule.parse('0 0 8 1 1 * 2030');
    expect(formatChinaTime(once.next(at(2024, 1, 1))!)).toBe('2030-01-01 08:00:00');
    expect(once.next(at(2030, 1, 1, 8))).toBeNull();
  });

  it('skips days a month does not have', () => {
    const s = CronSchedule.parse('0 0 0 31 * * *');
    expect(s.between(at(2024, 1, 1), at(2024, 6, 1)).map(formatChinaTime)).toEqual([
      '2024-01-31 00:00:00', '2024-03-31 00:00:00', '2024-05-31 00:00:00',
    ]);
    expect(CronSchedule.parse('0 0 0 30 2 * *').next(at(2024, 1, 1))).toBeNull();
  });

  it.each([
    ['0 0 2 * * *', /7/],
    ['60 0 0 * * * *', /outside 0-59/],
    ['0 0 0 * * 7 *', /outside 0-6/],
    ['0 0 0 * * FOO *', /not a valid weekday/],
    ['0 0 0 5-1 * * *', /backwards/],
    ['0 */0 0 * * * *', /positive integer/],
    ['0 0 0 * * * 1969', /outside 1970-2099/],
  ])('rejects %s', (expr, msg) => {
    expect(() => CronSchedule.parse(expr)).toThrow(CronSyntaxError);
    expect(() => CronSchedule.parse(expr)).toThrow(msg);
  });
});
