/**
 * Weekly / monthly retention cohort tables from stored counts (O(periods + days), no per-user read): a cohort's size
 * is the sum of its days' new users (daily rollups), and the users of cohort c active in period p are read from
 * p's period statistics (`analytics_periods`, domain/period-stats.ts). Row = cohort, column k = the k-th period
 * after the cohort's own (column 0 is the whole cohort, as in retention.ts `cohortTable`); a column whose period
 * starts after `until` (the last rolled-up day) is null. Pure.
 */
import type { CohortRow } from './retention';
import { daysOf, nextPeriod, periodOfDay, type DayKey, type Period } from './shop-calendar';

export function cohortTableFromStats(
  kind: 'week' | 'month',
  cohorts: readonly Period[],
  newUsersOfDay: (day: DayKey) => number,
  activeIn: (periodKey: string) => Record<string, number> | undefined,
  columns: number,
  until: DayKey,
): CohortRow[] {
  return cohorts.map((c) => {
    let size = 0;
    for (const d of daysOf(c)) size += newUsersOfDay(d);
    const retained: Array<number | null> = [];
    let p: Period = periodOfDay(kind, c.first);
    for (let k = 0; k < columns; k++) {
      if (p.first > until) retained.push(null);
      else if (k === 0) retained.push(size);
      else retained.push(activeIn(p.key)?.[c.key] ?? 0);
      p = nextPeriod(p);
    }
    return { cohort: c.key, size, retained, rates: retained.map((n) => (n === null ? null : size ? n / size : 0)) };
  });
}
