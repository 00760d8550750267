/**
 * Refreshes `analytics_periods/<kind>:<key>` (domain/period-stats.ts) for the weeks, months and quarters of the
 * rolled-up days: one paged query per period on the customer facts of the people active in it, one write.
 */
import type { Database } from '../../lib/cloud';
import type { CustomerFactsDoc } from '../domain/customer-facts';
import { periodsOfDays, periodStats, type PeriodStats } from '../domain/period-stats';
import { daysOf, type DayKey } from '../domain/shop-calendar';
import { readEvery } from '../db-reads';
import { CUSTOMER_FACTS } from './customer-facts-store';

export const PERIODS = 'analytics_periods';

export async function refreshPeriods(db: Database, days: readonly DayKey[], now: number): Promise<PeriodStats[]> {
  const _ = db.command;
  const out: PeriodStats[] = [];
  for (const period of periodsOfDays(days)) {
    const active = await readEvery<Pick<CustomerFactsDoc, '_id' | 'activeDays' | 'paidDays' | 'createdDay'>>(
      db,
      CUSTOMER_FACTS,
      { activeDays: _.in(daysOf(period)) },
      ['activeDays', 'paidDays', 'createdDay'],
    );
    const { _id, ...data } = periodStats(period, active, now);
    await db.collection(PERIODS).doc(_id).set({ data });
    out.push({ _id, ...data });
  }
  return out;
}
