/**
 * Day / week / month / quarter reports from daily rollups, each against the previous period of the same kind.
 * Reads only the rollup of each day (O(days), never O(events)); a day without a rollup counts as zero.
 *
 * Over several days, people counts (visitors, new users, paying customers) are SUMS of the daily distinct counts
 * ("visitor-days"): a person who came on Monday and Tuesday counts twice in the week. New users are distinct by
 * construction (a user is new on one day only).
 * - aovFen = GMV ÷ orders, rounded to the fen (0 without orders);
 * - conversion = paying customers ÷ visitors (0 without visitors).
 */
import type { DailyRollup, DayMetrics } from '../../../typings/shop/analytics';
import { emptyMetrics } from './daily-rollup';
import { daysOf, previousPeriod, type Period } from './shop-calendar';

export interface PeriodReport {
  period: Period;
  metrics: DayMetrics;
  aovFen: number;
  conversion: number;
  /** Days of the period that had a rollup. */
  daysWithData: number;
}

export type Headline = keyof DayMetrics | 'aovFen' | 'conversion';

export interface ComparedReport {
  current: PeriodReport;
  previous: PeriodReport;
  /** Relative change (current − previous) ÷ previous; null when the previous value is 0. */
  change: Record<Headline, number | null>;
}

export type RollupLookup = (day: string) => Pick<DailyRollup, 'totals'> | undefined;

export function lookupFrom(rollups: ReadonlyArray<Pick<DailyRollup, 'day' | 'totals'>>): RollupLookup {
  const byDay = new Map(rollups.map((r) => [r.day, r]));
  return (day) => byDay.get(day);
}

export function sumMetrics(list: readonly DayMetrics[]): DayMetrics {
  const sum = emptyMetrics();
  for (const m of list) for (const k of Object.keys(sum) as Array<keyof DayMetrics>) sum[k] += m[k];
  return sum;
}

export function periodReport(period: Period, lookup: RollupLookup): PeriodReport {
  const found = daysOf(period).map(lookup).filter((r): r is Pick<DailyRollup, 'totals'> => r !== undefined);
  const metrics = sumMetrics(found.map((r) => r.totals));
  return {
    period,
    metrics,
    aovFen: metrics.orders ? Math.round(metrics.gmvFen / metrics.orders) : 0,
    conversion: metrics.visitors ? metrics.payingCustomers / metrics.visitors : 0,
    daysWithData: found.length,
  };
}

const relative = (cur: number, prev: number): number | null => (prev === 0 ? null : (cur - prev) / prev);

export function comparedReport(period: Period, lookup: RollupLookup): ComparedReport {
  const current = periodReport(period, lookup);
  const previous = periodReport(previousPeriod(period), lookup);
  const change = {} as Record<Headline, number | null>;
  for (const k of Object.keys(current.metrics) as Array<keyof DayMetrics>) change[k] = relative(current.metrics[k], previous.metrics[k]);
  change.aovFen = relative(current.aovFen, previous.aovFen);
  change.conversion = relative(current.conversion, previous.conversion);
  return { current, previous, change };
}

/** The days a report of this period needs (its own and the previous period's): what a reader should fetch. */
export function daysNeeded(period: Period): string[] {
  return [...daysOf(previousPeriod(period)), ...daysOf(period)];
}
