/**
 * Everything the nightly rollup would have written for a span of days, computed in memory from the raw facts of
 * those days (what the demo seed and the benches store instead of running the rollup day after day): the daily
 * rollups with their segment counts, the customer facts, and the week / month / quarter statistics. Pure; the
 * result equals what `analyticsRollup` writes for the same facts (checked by scripts/demo-shop/history.spec.ts).
 */
import type { DailyRollup } from '../../../typings/shop/analytics';
import { customerDaysOf, segmentCountsAsOf, withDay, type CustomerFactsDoc } from './customer-facts';
import { rollupDay, RETURN_OFFSETS } from './daily-rollup';
import { periodsOfDays, periodStats, type PeriodStats } from './period-stats';
import type { DayFacts, OrderFact, UserFact, VisitFact, EventFact } from './rollup-input';
import type { SegmentDefinitions } from './segments';
import { addDays, dayKeyOf, type DayKey } from './shop-calendar';

export interface DerivedAnalytics {
  rollups: DailyRollup[];
  customerFacts: CustomerFactsDoc[];
  periods: PeriodStats[];
}

function groupBy<T>(items: readonly T[], keyOf: (t: T) => DayKey | undefined): Map<DayKey, T[]> {
  const out = new Map<DayKey, T[]>();
  for (const it of items) {
    const k = keyOf(it);
    if (k === undefined) continue;
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(it);
  }
  return out;
}

export function deriveAnalytics(
  facts: DayFacts,
  days: readonly DayKey[],
  opts: { timeZone: string; now: number; segments: SegmentDefinitions },
): DerivedAnalytics {
  const tz = opts.timeZone;
  const day = (at: number) => dayKeyOf(at, tz);
  const visits = groupBy<VisitFact>(facts.visits, (v) => day(v.at));
  const events = groupBy<EventFact>(facts.events, (e) => day(e.at));
  const users = groupBy<UserFact>(facts.users, (u) => day(u.createdAt));
  const paid = groupBy<OrderFact>(facts.orders, (o) => (o.payment?.paidAt !== undefined ? day(o.payment.paidAt) : undefined));
  const refundDays = new Map<DayKey, Set<OrderFact>>();
  for (const o of facts.orders) {
    for (const r of o.refunds) {
      if (r.refundedAt === undefined) continue;
      const k = day(r.refundedAt);
      let s = refundDays.get(k);
      if (!s) refundDays.set(k, (s = new Set()));
      s.add(o);
    }
  }
  const createdDayOf = new Map(facts.users.map((u) => [u._id, day(u.createdAt)]));

  const rollups: DailyRollup[] = [];
  const docs = new Map<string, CustomerFactsDoc>();
  for (const d of days) {
    const cohortUsers = [d, ...Object.values(RETURN_OFFSETS).map((k) => addDays(d, -k))].flatMap((c) => users.get(c) ?? []);
    const dayOrders = [...new Set([...(paid.get(d) ?? []), ...(refundDays.get(d) ?? [])])];
    const dayFacts: DayFacts = { visits: visits.get(d) ?? [], events: events.get(d) ?? [], users: cohortUsers, orders: dayOrders };
    rollups.push(rollupDay(d, dayFacts, { timeZone: tz, now: opts.now }));
    for (const [openid, entry] of customerDaysOf(d, dayFacts, tz)) {
      docs.set(openid, withDay(docs.get(openid), openid, d, entry, tz, createdDayOf.get(openid)));
    }
  }
  const customerFacts = [...docs.values()].sort((a, b) => (a._id < b._id ? -1 : 1));
  for (const r of rollups) r.segments = segmentCountsAsOf(customerFacts, r.day, opts.segments);
  const periods = periodsOfDays(days).map((p) => periodStats(p, customerFacts, opts.now));
  return { rollups, customerFacts, periods };
}
