/**
 * The nightly rollup: for each day asked, read its facts, compute its DailyRollup and REPLACE the day's document in
 * `analytics_daily` (`doc(day).set`, so re-running a day gives one document with the new numbers: idempotent, and a
 * late event is counted when its day is rolled up again). The shop's time zone comes from its settings.
 * Then it keeps what the segments and the period reports read: each day's entries of `customer_facts`
 * (rollup/customer-facts-store.ts), each day's segment counts (`segments` in the day's document, from the customer
 * facts up to that day), and the distinct counts of the weeks / months / quarters of the days (`analytics_periods`).
 */
import type { DailyRollup } from '../../../typings/shop/analytics';
import type { ActionContext } from '../../lib/context';
import type { Database } from '../../lib/cloud';
import { loadAnalyticsSettings } from '../analytics-settings';
import { segmentCountsAsOf } from '../domain/customer-facts';
import { rollupDay } from '../domain/daily-rollup';
import { addDays, dayKeyOf, type DayKey } from '../domain/shop-calendar';
import { mergeCustomerDay, readAllCustomerDays } from './customer-facts-store';
import { readDayFacts } from './day-facts-reader';
import { refreshPeriods } from './period-stats-store';

export const ROLLUPS = 'analytics_daily';

/**
 * Days re-rolled each night, ending yesterday. Events are accepted up to 2 days late (MAX_AGE_MS), so an event
 * received on day R is dated R−2 or later, and the run at 02:00 on R+1 re-rolls R−2 … R: it is counted.
 */
export const NIGHTLY_DAYS = 3;

export async function shopTimeZone(db: Database): Promise<string> {
  return (await loadAnalyticsSettings(db)).timeZone;
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
  const settings = await loadAnalyticsSettings(ctx.db);
  const tz = timeZone ?? settings.timeZone;
  const report: RollupRunReport = { timeZone: tz, days: [] };
  const rollups: DailyRollup[] = [];
  for (const day of days) {
    const facts = await readDayFacts(ctx.db, day, tz);
    rollups.push(rollupDay(day, facts, { timeZone: tz, now: ctx.now() }));
    await mergeCustomerDay(ctx.db, day, facts, tz);
  }
  const customers = await readAllCustomerDays(ctx.db);
  for (const rollup of rollups) {
    rollup.segments = segmentCountsAsOf(customers, rollup.day, settings.segments);
    await writeRollup(ctx.db, rollup);
    report.days.push({ day: rollup.day, visitors: rollup.totals.visitors, orders: rollup.totals.orders, gmvFen: rollup.totals.gmvFen });
  }
  await refreshPeriods(ctx.db, days, ctx.now());
  return report;
}
