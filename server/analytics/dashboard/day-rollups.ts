/**
 * The daily rollups a dashboard answer needs: stored `analytics_daily` documents read by a range on `_id` (the day
 * key; ⌈days / 1000⌉ requests, O(days), never the events), and for TODAY a live rollup computed from today's facts
 * (rollup/day-facts-reader.ts + domain/daily-rollup.ts), since tonight's rollup has not run yet. Future days have
 * none. The live rollup is kept for LIVE_TTL_MS in `analytics_live/<day>` so the several actions a dashboard page
 * calls on opening read today's facts once, not once each. Also the `analytics_periods` documents by id.
 */
import type { DailyRollup } from '../../../typings/shop/analytics';
import type { Database } from '../../lib/cloud';
import { readByIds, readEvery } from '../db-reads';
import { rollupDay } from '../domain/daily-rollup';
import type { PeriodStats } from '../domain/period-stats';
import { readDayFacts } from '../rollup/day-facts-reader';
import { PERIODS } from '../rollup/period-stats-store';
import { ROLLUPS } from '../rollup/rollup-job';
import type { DayKey } from '../domain/shop-calendar';

export interface DayRollups {
  /** day → rollup (stored, or live for today). */
  byDay: Map<DayKey, DailyRollup>;
  /** The rollups in day order. */
  list: DailyRollup[];
}

export const LIVE = 'analytics_live';
/** How long a live rollup of today is reused (the dashboard says "as of" its computedAt). */
export const LIVE_TTL_MS = 2 * 60_000;

/**
 * A live rollup of `day` from its facts (reads the day's visits, events, users and orders), or the one computed
 * less than LIVE_TTL_MS ago (one read).
 */
export async function liveRollup(db: Database, day: DayKey, tz: string, now: number): Promise<DailyRollup> {
  const [kept] = await readByIds<DailyRollup>(db, LIVE, [day]);
  if (kept && kept.timeZone === tz && Math.abs(now - kept.computedAt) < LIVE_TTL_MS) return { ...kept, _id: day, day };
  const rollup = rollupDay(day, await readDayFacts(db, day, tz), { timeZone: tz, now });
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
