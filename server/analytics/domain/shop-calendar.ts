/**
 * The shop's calendar. Every day, week, month and quarter is the SHOP's, in its IANA time zone (Asia/Shanghai by
 * default), while cloud functions run in UTC. Time is always passed in (epoch ms), never read here.
 *
 * Keys (strings, sortable):
 * - day      `2026-03-31`
 * - week     `2026-W14` (ISO week: starts on Monday; the week-year is the year of its Thursday)
 * - month    `2026-03`
 * - quarter  `2026-Q1`
 * A period is also described by its first and last day keys; a day's instants are [start, end) in epoch ms.
 * Day arithmetic works on the calendar date alone (no clock time), so it is immune to DST in zones that have it.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import type { EpochMs } from '../../../typings/shop/common';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DEFAULT_SHOP_TIME_ZONE = 'Asia/Shanghai';

export type PeriodKind = 'day' | 'week' | 'month' | 'quarter';
export const PERIOD_KINDS: readonly PeriodKind[] = ['day', 'week', 'month', 'quarter'];

/** A day key: `YYYY-MM-DD` in the shop's time zone. */
export type DayKey = string;

export interface Period {
  kind: PeriodKind;
  key: string;
  /** First day of the period. */
  first: DayKey;
  /** Last day of the period (inclusive). */
  last: DayKey;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Whether a time zone name is known to this runtime. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The shop day of an instant. (A cached Intl formatter: the rollup calls this for every event of a day.) */
export function dayKeyOf(at: EpochMs, tz: string = DEFAULT_SHOP_TIME_ZONE): DayKey {
  let fmt = dayFormatters.get(tz);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(tz, fmt);
  }
  let y = '';
  let m = '';
  let d = '';
  for (const part of fmt.formatToParts(at)) {
    if (part.type === 'year') y = part.value;
    else if (part.type === 'month') m = part.value;
    else if (part.type === 'day') d = part.value;
  }
  return `${y.padStart(4, '0')}-${m}-${d}`;
}

function parseDay(day: DayKey): { y: number; m: number; d: number } {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`"${day}" is not a day key (YYYY-MM-DD)`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`"${day}" is not a calendar date`);
  }
  return { y, m, d };
}

/** Day number since 1970-01-01 (calendar arithmetic only). */
function dayNumber(day: DayKey): number {
  const { y, m, d } = parseDay(day);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

function fromDayNumber(n: number): DayKey {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(day: DayKey, n: number): DayKey {
  return fromDayNumber(dayNumber(day) + n);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: DayKey, b: DayKey): number {
  return dayNumber(b) - dayNumber(a);
}

/** Every day from `first` to `last`, both included (empty when last < first). */
export function daysFrom(first: DayKey, last: DayKey): DayKey[] {
  const out: DayKey[] = [];
  for (let n = dayNumber(first), end = dayNumber(last); n <= end; n++) out.push(fromDayNumber(n));
  return out;
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: DayKey): number {
  const wd = new Date(dayNumber(day) * MS_PER_DAY).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** The instants of a shop day: [start, end) in epoch ms (end is the next day's start; 23 or 25 hours under DST). */
export function dayRange(day: DayKey, tz: string = DEFAULT_SHOP_TIME_ZONE): { start: EpochMs; end: EpochMs } {
  parseDay(day);
  const start = dayjs.tz(`${day} 00:00:00`, tz).valueOf();
  const end = dayjs.tz(`${addDays(day, 1)} 00:00:00`, tz).valueOf();
  return { start, end };
}

/** The instants of a period: [start of its first day, start of the day after its last). */
export function periodRange(period: Period, tz: string = DEFAULT_SHOP_TIME_ZONE): { start: EpochMs; end: EpochMs } {
  return { start: dayRange(period.first, tz).start, end: dayRange(period.last, tz).end };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The period of a kind containing a day. */
export function periodOfDay(kind: PeriodKind, day: DayKey): Period {
  const { y, m } = parseDay(day);
  switch (kind) {
    case 'day':
      return { kind, key: day, first: day, last: day };
    case 'week': {
      const first = addDays(day, 1 - isoWeekday(day));
      const thursday = addDays(first, 3);
      const weekYear = parseDay(thursday).y;
      const week = Math.floor(daysBetween(`${weekYear}-01-01`, thursday) / 7) + 1;
      return { kind, key: `${weekYear}-W${pad(week)}`, first, last: addDays(first, 6) };
    }
    case 'month': {
      const first = `${y}-${pad(m)}-01`;
      const next = m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
      return { kind, key: `${y}-${pad(m)}`, first, last: addDays(next, -1) };
    }
    case 'quarter': {
      const q = Math.floor((m - 1) / 3) + 1;
      const first = `${y}-${pad((q - 1) * 3 + 1)}-01`;
      const next = q === 4 ? `${y + 1}-01-01` : `${y}-${pad(q * 3 + 1)}-01`;
      return { kind, key: `${y}-Q${q}`, first, last: addDays(next, -1) };
    }
  }
}

/** The period of a kind containing an instant, in the shop's time zone. */
export function periodAt(kind: PeriodKind, at: EpochMs, tz: string = DEFAULT_SHOP_TIME_ZONE): Period {
  return periodOfDay(kind, dayKeyOf(at, tz));
}

/** The period just before. */
export function previousPeriod(period: Period): Period {
  return periodOfDay(period.kind, addDays(period.first, -1));
}

/** The period just after. */
export function nextPeriod(period: Period): Period {
  return periodOfDay(period.kind, addDays(period.last, 1));
}

const KEY_PATTERNS: Record<PeriodKind, RegExp> = {
  day: DAY_PATTERN,
  week: /^(\d{4})-W(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
};

/** The period named by a key (`2026-W14`, `2026-03`, …). Throws RangeError on a malformed or impossible key. */
export function parsePeriod(kind: PeriodKind, key: string): Period {
  const match = KEY_PATTERNS[kind].exec(key);
  if (!match) throw new RangeError(`"${key}" is not a ${kind} key`);
  const y = Number(match[1]);
  let period: Period;
  switch (kind) {
    case 'day':
      period = periodOfDay('day', key);
      break;
    case 'week': {
      // ISO week 1 is the week containing January 4th.
      const week1 = periodOfDay('week', `${y}-01-04`);
      period = periodOfDay('week', addDays(week1.first, (Number(match[2]) - 1) * 7));
      break;
    }
    case 'month':
      period = periodOfDay('month', `${y}-${match[2]}-01`);
      break;
    case 'quarter':
      period = periodOfDay('quarter', `${y}-${pad((Number(match[2]) - 1) * 3 + 1)}-01`);
      break;
  }
  if (period.key !== key) throw new RangeError(`"${key}" is not a ${kind} key`);
  return period;
}

/** The days of a period, in order. */
export function daysOf(period: Period): DayKey[] {
  return daysFrom(period.first, period.last);
}
