/**
 * The nightly rollup: for each day asked, read its facts, compute its DailyRollup and REPLACE the day's document in
 * `analytics_daily` (`doc(day).set`, so re-running a day gives one document with the new numbers: idempotent, and a
 * late event is counted when its day is rolled up again). The shop's time zone comes from its settings.
 */
import type { DailyRollup } from '../../../typings/shop/analytics';
import type { ActionContext } from '../../lib/context';
import type { Database } from '../../lib/cloud';
import { loadShopSettings } from '../../shop/settings-store';
import { rollupDay } from '../domain/daily-rollup';
import { addDays, dayKeyOf, DEFAULT_SHOP_TIME_ZONE, isValidTimeZone, type DayKey } from '../domain/shop-calendar';
import { readDayFacts } from './day-facts-reader';

export const ROLLUPS = 'analytics_daily';

/**
 * Days re-rolled each night, ending yesterday. Events are accepted up to 2 days late (MAX_AGE_MS), so an event
 * received on day R is dated R−2 or later, and the run at 02:00 on R+1 re-rolls R−2 … R: it is counted.
 */
export const NIGHTLY_DAYS = 3;

export async function shopTimeZone(db: Database): Promise<string> {
  const tz = (await loadShopSettings(db)).timezone;
  return tz && isValidTimeZone(tz) ? tz : DEFAULT_SHOP_TIME_ZONE;
}

/** The days the nightly run rolls up at `now`: the NIGHTLY_DAYS shop days before today, oldest first. */
export function nightlyDays(now: number, timeZone: string): DayKey[] {
  const today = dayKeyOf(now, timeZone);
  return Array.from({ length: NIGHTLY_DAYS }, (_, i) => addDays(today, i - NIGHTLY_DAYS));
}

export async function writeRollup(db: Database, rollup: DailyRollup): Promise<void> {
  const { _id, ...data } = rollup;
  await db.collection(ROLLUPS).doc(_id).set({ data });
}

export interface RollupRunReport {
  timeZone: string;
  days: Array<{ day: DayKey; visitors: number; orders: number; gmvFen: number }>;
}

export async function rollupDays(ctx: Pick<ActionContext, 'db' | 'now'>, days: readonly DayKey[], timeZone?: string): Promise<RollupRunReport> {
  const tz = timeZone ?? (await shopTimeZone(ctx.db));
  const report: RollupRunReport = { timeZone: tz, days: [] };
  for (const day of days) {
    const facts = await readDayFacts(ctx.db, day, tz);
    const rollup = rollupDay(day, facts, { timeZone: tz, now: ctx.now() });
    await writeRollup(ctx.db, rollup);
    report.days.push({ day, visitors: rollup.totals.visitors, orders: rollup.totals.orders, gmvFen: rollup.totals.gmvFen });
  }
  return report;
}
