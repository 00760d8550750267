/**
 * Per-customer facts kept by the nightly rollup (`customer_facts/<openid>`), so segments, their counts over time and
 * their member lists never scan visits or orders. Pure.
 *
 * A document holds one entry per shop day on which the customer visited or paid (`days[day]`: visits, last visit
 * time, paid orders, last payment time), replaced whole when that day is rolled up again (idempotent, a late visit is
 * counted on the re-roll), plus what is derived from the entries for indexed queries: distinct visit days, paid
 * orders, last visit / order times, the last active day, and the sorted lists of active and paying days (for the
 * distinct visitors of a week / month / quarter). `factsAsOf` reads the entries up to a day, so the segment counts of a
 * past day are exact even after later days were rolled up.
 *
 * Definitions (as domain/segments.ts `customerFacts`): only visits and paid orders make a customer known and active;
 * an order counts on its paid day.
 */
import type { EpochMs, OpenId } from '../../../typings/shop/common';
import { dayKeyOf, type DayKey } from './shop-calendar';
import { SEGMENT_NAMES, validateDefinitions, type CustomerFacts, type SegmentDefinitions, type SegmentName } from './segments';
import { meetsCondition, segmentCondition } from './segment-query';
import type { DayFacts } from './rollup-input';

/** One customer's day. */
export interface CustomerDay {
  /** Visits that day. */
  v: number;
  /** Last visit time that day. */
  lv?: EpochMs;
  /** Orders paid that day. */
  p: number;
  /** Last payment time that day. */
  lp?: EpochMs;
}

/** `customer_facts` document (`_id` = openid). */
export interface CustomerFactsDoc {
  _id: OpenId;
  /** The user's creation day (their cohort), when known. */
  createdDay?: DayKey;
  days: Record<DayKey, CustomerDay>;
  /** Derived from `days`: */
  activeDays: DayKey[];
  paidDays: DayKey[];
  visitDays: number;
  paidOrders: number;
  lastVisitAt?: EpochMs;
  lastOrderAt?: EpochMs;
  /** Shop day of max(lastVisitAt, lastOrderAt); absent when there is no entry. */
  lastActiveDay?: DayKey;
}

/** Each customer's entry for `day` from the day's facts (visits on the day, orders paid on the day). */
export function customerDaysOf(day: DayKey, facts: Pick<DayFacts, 'visits' | 'orders'>, tz: string): Map<OpenId, CustomerDay> {
  const out = new Map<OpenId, CustomerDay>();
  const get = (id: OpenId) => {
    let d = out.get(id);
    if (!d) out.set(id, (d = { v: 0, p: 0 }));
    return d;
  };
  for (const v of facts.visits) {
    if (dayKeyOf(v.at, tz) !== day) continue;
    const d = get(v.openid);
    d.v++;
    d.lv = Math.max(d.lv ?? v.at, v.at);
  }
  for (const o of facts.orders) {
    const paidAt = o.payment?.paidAt;
    if (paidAt === undefined || dayKeyOf(paidAt, tz) !== day) continue;
    const d = get(o.openid);
    d.p++;
    d.lp = Math.max(d.lp ?? paidAt, paidAt);
  }
  return out;
}

/** The derived fields from a set of day entries. */
function derive(openid: OpenId, days: Record<DayKey, CustomerDay>, createdDay: DayKey | undefined, tz: string): CustomerFactsDoc {
  const keys = Object.keys(days).sort();
  let visitDays = 0;
  let paidOrders = 0;
  let lastVisitAt: number | undefined;
  let lastOrderAt: number | undefined;
  const paidDays: DayKey[] = [];
  for (const k of keys) {
    const d = days[k];
    if (d.v > 0) visitDays++;
    if (d.p > 0) paidDays.push(k);
    paidOrders += d.p;
    if (d.lv !== undefined) lastVisitAt = Math.max(lastVisitAt ?? d.lv, d.lv);
    if (d.lp !== undefined) lastOrderAt = Math.max(lastOrderAt ?? d.lp, d.lp);
  }
  const last = Math.max(lastVisitAt ?? -Infinity, lastOrderAt ?? -Infinity);
  return {
    _id: openid,
    ...(createdDay !== undefined ? { createdDay } : {}),
    days,
    activeDays: keys,
    paidDays,
    visitDays,
    paidOrders,
    ...(lastVisitAt !== undefined ? { lastVisitAt } : {}),
    ...(lastOrderAt !== undefined ? { lastOrderAt } : {}),
    ...(Number.isFinite(last) ? { lastActiveDay: dayKeyOf(last, tz) } : {}),
  };
}

/** The document after (re-)rolling `day`: its entry replaced (or removed when the customer did nothing that day). */
export function withDay(
  prev: Pick<CustomerFactsDoc, 'days' | 'createdDay'> | undefined,
  openid: OpenId,
  day: DayKey,
  entry: CustomerDay | undefined,
  tz: string,
  createdDay?: DayKey,
): CustomerFactsDoc {
  const days = { ...(prev?.days ?? {}) };
  if (entry && (entry.v > 0 || entry.p > 0)) days[day] = entry;
  else delete days[day];
  return derive(openid, days, createdDay ?? prev?.createdDay, tz);
}

/** Segment facts from a document's entries up to and including `day` (all entries without `day`); undefined when none. */
export function factsAsOf(doc: Pick<CustomerFactsDoc, '_id' | 'days'>, day?: DayKey): CustomerFacts | undefined {
  const days: Record<DayKey, CustomerDay> = {};
  for (const [k, d] of Object.entries(doc.days ?? {})) if (day === undefined || k <= day) days[k] = d;
  const f = derive(doc._id, days, undefined, 'UTC');
  if (f.activeDays.length === 0) return undefined;
  return {
    openid: doc._id,
    visitDays: f.visitDays,
    paidOrders: f.paidOrders,
    ...(f.lastVisitAt !== undefined ? { lastVisitAt: f.lastVisitAt } : {}),
    ...(f.lastOrderAt !== undefined ? { lastOrderAt: f.lastOrderAt } : {}),
  };
}

/**
 * Segment counts at the end of `day`, from every customer's entries up to that day. Works on the day keys alone
 * (the last active day is the latest entry; the conditions of segment-query.ts, equivalent to `segmentOf`), so a
 * year of days over thousands of customers stays fast.
 */
export function segmentCountsAsOf(
  docs: ReadonlyArray<Pick<CustomerFactsDoc, '_id' | 'days'>>,
  day: DayKey,
  defs: SegmentDefinitions,
): Record<SegmentName, number> {
  validateDefinitions(defs);
  const conditions = SEGMENT_NAMES.map((s) => [s, segmentCondition(s, day, defs)] as const);
  const counts = Object.fromEntries(SEGMENT_NAMES.map((n) => [n, 0])) as Record<SegmentName, number>;
  for (const doc of docs) {
    let lastActiveDay: DayKey | undefined;
    let visitDays = 0;
    let paidOrders = 0;
    for (const [k, d] of Object.entries(doc.days ?? {})) {
      if (k > day) continue;
      if (lastActiveDay === undefined || k > lastActiveDay) lastActiveDay = k;
      if (d.v > 0) visitDays++;
      paidOrders += d.p;
    }
    if (lastActiveDay === undefined) continue;
    const f = { lastActiveDay, visitDays, paidOrders };
    const hit = conditions.find(([, c]) => meetsCondition(c, f));
    if (hit) counts[hit[0]]++;
  }
  return counts;
}
