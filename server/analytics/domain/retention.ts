/**
 * Retention, as the operations playbook defines it: of a cohort's new users, the share who came back (a visit or an
 * event) on a later day / in a later period.
 *
 * - dailyRetention: day-1, day-7 and day-30 retention of each day's new users, from daily rollups only (the rollup of
 *   day D+k stores how many of day D's new users came back on D+k, see daily-rollup.ts). null when day D+k has no
 *   rollup yet (the future, or not rolled up).
 * - cohortTable: weekly or monthly cohorts: row = the users created in a week/month, column k = how many of them
 *   were active in the k-th week/month after (column 0 is the creation period itself, always the whole cohort).
 *   Computed from user activity days (one entry per user and active day).
 */
import type { DayRetentionRow } from '../../../typings/api/analytics';
import type { DailyRollup } from '../../../typings/shop/analytics';
import type { OpenId } from '../../../typings/shop/common';
import { addDays, nextPeriod, periodOfDay, type DayKey, type PeriodKind } from './shop-calendar';

/** One day's cohort and its day-1/7/30 retention: the row the `analytics` function answers. */
export type DayRetention = DayRetentionRow;

const OFFSETS = { d1: 1, d7: 7, d30: 30 } as const;

export function dailyRetention(
  days: readonly DayKey[],
  rollups: ReadonlyArray<Pick<DailyRollup, 'day' | 'totals' | 'returning'>>,
): DayRetention[] {
  const byDay = new Map(rollups.map((r) => [r.day, r]));
  return days.map((day) => {
    const cohort = byDay.get(day)?.totals.newUsers ?? 0;
    const row: DayRetention = { day, cohort, d1: null, d7: null, d30: null, returned: { d1: null, d7: null, d30: null } };
    for (const [name, offset] of Object.entries(OFFSETS) as Array<[keyof typeof OFFSETS, number]>) {
      const later = byDay.get(addDays(day, offset));
      if (!later) continue;
      row.returned[name] = later.returning[name];
      row[name] = cohort ? later.returning[name] / cohort : 0;
    }
    return row;
  });
}

export interface ActivityDay {
  openid: OpenId;
  day: DayKey;
}

export interface CohortRow {
  cohort: string;
  size: number;
  /** Active users in period k after the cohort's (k = 0 … columns−1); null for periods after `until`. */
  retained: Array<number | null>;
  rates: Array<number | null>;
}

/**
 * @param firstDays each user's creation day
 * @param activity active days (any order, duplicates allowed)
 * @param until the last day with data: later periods are null
 */
export function cohortTable(
  kind: Extract<PeriodKind, 'week' | 'month'>,
  firstDays: ReadonlyArray<{ openid: OpenId; day: DayKey }>,
  activity: readonly ActivityDay[],
  columns: number,
  until: DayKey,
): CohortRow[] {
  const cohortOf = new Map<OpenId, string>();
  const members = new Map<string, { first: DayKey; users: Set<OpenId> }>();
  for (const u of firstDays) {
    const p = periodOfDay(kind, u.day);
    cohortOf.set(u.openid, p.key);
    let m = members.get(p.key);
    if (!m) members.set(p.key, (m = { first: p.first, users: new Set() }));
    m.users.add(u.openid);
  }
  // period key → cohort key → active users
  const active = new Map<string, Map<string, Set<OpenId>>>();
  for (const a of activity) {
    const cohort = cohortOf.get(a.openid);
    if (!cohort) continue;
    const key = periodOfDay(kind, a.day).key;
    let byCohort = active.get(key);
    if (!byCohort) active.set(key, (byCohort = new Map()));
    let set = byCohort.get(cohort);
    if (!set) byCohort.set(cohort, (set = new Set()));
    set.add(a.openid);
  }
  return [...members.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([cohort, m]) => {
      const retained: Array<number | null> = [];
      let period = periodOfDay(kind, m.first);
      for (let k = 0; k < columns; k++) {
        if (period.first > until) retained.push(null);
        else if (k === 0) retained.push(m.users.size);
        else retained.push(active.get(period.key)?.get(cohort)?.size ?? 0);
        period = nextPeriod(period);
      }
      return { cohort, size: m.users.size, retained, rates: retained.map((n) => (n === null ? null : n / m.users.size)) };
    });
}

/** Active days (one per person and shop day) from visits and client events. */
export function activityDays(
  items: ReadonlyArray<{ openid: OpenId; at: number }>,
  dayOf: (at: number) => DayKey,
): ActivityDay[] {
  const seen = new Set<string>();
  const out: ActivityDay[] = [];
  for (const it of items) {
    const day = dayOf(it.at);
    const key = `${it.openid}\u0000${day}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ openid: it.openid, day });
  }
  return out;
}
