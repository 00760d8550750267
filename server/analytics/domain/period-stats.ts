/**
 * Distinct people over a week / month / quarter (not sums of daily counts), from the customer facts of the people
 * active in the period: visitors = people with a visit or a paid order in the period, paying customers = people
 * with a paid order in it, and (week / month) how many of each earlier cohort (users created in that week / month)
 * were active in it, which the weekly and monthly retention tables read. Pure; stored as `analytics_periods/<kind>:<key>`.
 */
import type { DayKey, Period, PeriodKind } from './shop-calendar';
import { periodOfDay } from './shop-calendar';
import type { CustomerFactsDoc } from './customer-facts';

export interface PeriodStats {
  _id: string;
  kind: Exclude<PeriodKind, 'day'>;
  key: string;
  first: DayKey;
  last: DayKey;
  visitors: number;
  payingCustomers: number;
  /** Cohort key (the creation week / month) → users of that cohort active in this period. Empty for quarters. */
  cohorts: Record<string, number>;
  computedAt: number;
}

export const periodStatsId = (kind: PeriodKind, key: string) => `${kind}:${key}`;

export function periodStats(
  period: Period & { kind: Exclude<PeriodKind, 'day'> },
  active: ReadonlyArray<Pick<CustomerFactsDoc, 'activeDays' | 'paidDays' | 'createdDay'>>,
  now: number,
): PeriodStats {
  const inPeriod = (d: DayKey) => d >= period.first && d <= period.last;
  let visitors = 0;
  let payingCustomers = 0;
  const cohorts: Record<string, number> = {};
  for (const c of active) {
    if (!(c.activeDays ?? []).some(inPeriod)) continue;
    visitors++;
    if ((c.paidDays ?? []).some(inPeriod)) payingCustomers++;
    if (period.kind !== 'quarter' && c.createdDay) {
      const cohort = periodOfDay(period.kind, c.createdDay).key;
      cohorts[cohort] = (cohorts[cohort] ?? 0) + 1;
    }
  }
  return { _id: periodStatsId(period.kind, period.key), kind: period.kind, key: period.key, first: period.first, last: period.last, visitors, payingCustomers, cohorts, computedAt: now };
}

/** The weeks, months and quarters containing some days (each once). */
export function periodsOfDays(days: readonly DayKey[]): Array<Period & { kind: Exclude<PeriodKind, 'day'> }> {
  const out = new Map<string, Period & { kind: Exclude<PeriodKind, 'day'> }>();
  for (const d of days) {
    for (const kind of ['week', 'month', 'quarter'] as const) {
      const p = periodOfDay(kind, d) as Period & { kind: typeof kind };
      out.set(periodStatsId(kind, p.key), p);
    }
  }
  return [...out.values()];
}
