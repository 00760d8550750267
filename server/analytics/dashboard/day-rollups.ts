/**
 * The daily rollups a dashboard answer needs: stored `analytics_daily` documents read by a range on `_id` (the day
 * key; ⌈days / 1000⌉ requests, O(days), never the events), and for TODAY a live rollup computed from today's facts
 * (rollup/day-facts-reader.ts + domain/daily-rollup.ts), since tonight's rollup has not run yet. Future days have
 * none. The live rollup is kept for LIVE_TTL_MS in `analytics_live/<day>` so the several actions a dashboard page
 * calls on opening read today's facts once, not once each. The overview also wants YESTERDAY UP TO THE SAME SHOP
 * TIME (a fair "today vs yesterday" in the morning): a rollup of yesterday's facts before the same time of day as the
 * live rollup's computedAt, cut off there (readDayFacts / rollupDay `until`), kept in the same `analytics_live/<today>`
 * document, so within one cache period yesterday's facts are read at most once too. Also the `analytics_periods`
 * documents by id.
 */
import type { DailyRollup, DayMetrics } from '../../../typings/shop/analytics';
import type { EpochMs } from '../../../typings/shop/common';
import type { Database } from '../../lib/cloud';
import { readByIds, readEvery } from '../db-reads';
import { rollupDay } from '../domain/daily-rollup';
import type { PeriodStats } from '../domain/period-stats';
import type { DayFacts } from '../domain/rollup-input';
import { readDayFacts } from '../rollup/day-facts-reader';
import { PERIODS } from '../rollup/period-stats-store';
import { ROLLUPS } from '../rollup/rollup-job';
import { addDays, dayRange, type DayKey } from '../domain/shop-calendar';

export interface DayRollups {
  /** day → rollup (stored, or live for today). */
  byDay: Map<DayKey, DailyRollup>;
  /** The rollups in day order. */
  list: DailyRollup[];
}

export const LIVE = 'analytics_live';
/** How long a live rollup of today is reused (the dashboard says "as of" its computedAt). */
export const LIVE_TTL_MS = 2 * 60_000;

/** Yesterday's totals up to the same shop time as a live rollup of today (`until` excluded). */
export interface SameTimeYesterday {
  day: DayKey;
  until: EpochMs;
  totals: DayMetrics;
}

/** Reads a day's facts before `until` (a reader may give more: the rollup cuts them off itself). */
export type FactsReader = (day: DayKey, until: EpochMs) => Promise<DayFacts>;

/** A live rollup, with yesterday up to the same time when asked for. */
export type LiveRollup = DailyRollup & { sameTimeYesterday?: SameTimeYesterday };

/**
 * The instant of `yesterday` at the same shop time as `asOf` on `today`: yesterday's start + the time elapsed since
 * today's start (= asOf − 24 h, except across a daylight-saving change), at most yesterday's end.
 */
export function sameShopTimeYesterday(today: DayKey, asOf: EpochMs, tz: string): EpochMs {
  const y = dayRange(addDays(today, -1), tz);
  return Math.min(y.end, y.start + Math.max(0, asOf - dayRange(today, tz).start));
}

async function sameTimeYesterdayOf(read: FactsReader, today: DayKey, tz: string, asOf: EpochMs): Promise<SameTimeYesterday> {
  const day = addDays(today, -1);
  const until = sameShopTimeYesterday(today, asOf, tz);
  const { totals } = rollupDay(day, await read(day, until), { timeZone: tz, now: asOf, until });
  return { day, until, totals };
}

/**
 * A live rollup of `day` from its facts up to `now` (reads the day's visits, events, users and orders), or the one computed
 * less than LIVE_TTL_MS ago (one read; for a past day, only one computed after the day ended). With
 * `sameTimeYesterday`, also the day before up to the same shop time as the rollup's computedAt (computed with it, or
 * added to the kept one: yesterday's facts are read once per kept rollup). `readFacts` (default: readDayFacts) lets
 * a caller share one read of a day's facts between rollups.
 */
export async function liveRollup(
  db: Database,
  day: DayKey,
  tz: string,
  now: number,
  opts: { sameTimeYesterday?: boolean; readFacts?: FactsReader } = {},
): Promise<LiveRollup> {
  const read: FactsReader = opts.readFacts ?? ((d, until) => readDayFacts(db, d, tz, { until }));
  const [kept] = await readByIds<LiveRollup>(db, LIVE, [day]);
  const dayEnd = dayRange(day, tz).end;
  const fresh = kept && kept.timeZone === tz && Math.abs(now - kept.computedAt) < LIVE_TTL_MS && (now < dayEnd || kept.computedAt >= dayEnd);
  if (fresh && (!opts.sameTimeYesterday || kept.sameTimeYesterday)) return { ...kept, _id: day, day };
  let rollup: LiveRollup;
  if (fresh) {
    rollup = { ...kept, _id: day, day, sameTimeYesterday: await sameTimeYesterdayOf(read, day, tz, kept.computedAt) };
  } else {
    // up to now (inclusive): nothing stamped later counts yet, as for the same time yesterday
    const until = now + 1;
    const [facts, sameTime] = await Promise.all([
      read(day, until),
      opts.sameTimeYesterday ? sameTimeYesterdayOf(read, day, tz, now) : undefined,
    ]);
    rollup = { ...rollupDay(day, facts, { timeZone: tz, now, until }), ...(sameTime ? { sameTimeYesterday: sameTime } : {}) };
  }
  const { _id, ...data } = rollup;
  await db.collection(LIVE).doc(_id).set({ data });
  return rollup;
}

/**
 * The rollups of the days from `first` to `last` (inclusive); today's is live when `today` is within them. With
 * `storedOnly`, no live rollup (and no stored one for today or later).
 */
export async function loadDayRollups(
  db: Database,
  first: DayKey,
  last: DayKey,
  live: { today: DayKey; tz: string; now: number; storedOnly?: boolean },
  /** Only these top-level fields of the stored documents (what the answer uses; the live one is whole). */
  fields?: ReadonlyArray<keyof DailyRollup>,
): Promise<DayRollups> {
  const _ = db.command;
  const storedUntil = last < live.today ? last : live.today;
  const stored = first <= storedUntil ? await readEvery<DailyRollup>(db, ROLLUPS, { _id: _.gte(first).and(_.lte(storedUntil)) }, fields) : [];
  const byDay = new Map(stored.filter((r) => r._id !== live.today).map((r) => [r._id, { ...r, day: r._id }]));
  if (!live.storedOnly && first <= live.today && live.today <= last) byDay.set(live.today, await liveRollup(db, live.today, live.tz, live.now));
  const list = [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
  return { byDay, list };
}

export async function loadPeriodStats(db: Database, ids: readonly string[]): Promise<Map<string, PeriodStats>> {
  return new Map((await readByIds<PeriodStats>(db, PERIODS, ids)).map((p) => [p._id, p]));
}
