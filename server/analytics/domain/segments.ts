/**
 * Customer segments, with definitions written down and configurable. Each customer is in exactly one segment, the
 * first that applies in this order (days are whole shop days between the last activity and today):
 * 1. `churned`: no visit and no paid order for at least `churnedDays` (M) days;
 * 2. `at_risk`: no visit and no paid order for at least `atRiskDays` (N) days;
 * 3. `active_customer`: has paid at least one order (and is not at risk);
 * 4. `new_returning`: never paid, visited on at least two different days;
 * 5. `new_first_visit`: never paid, visited on one day only.
 */
import type { EpochMs, OpenId } from '../../../typings/shop/common';
import { dayKeyOf, daysBetween, DEFAULT_SHOP_TIME_ZONE } from './shop-calendar';

import type { SegmentName } from '../../../typings/shop/analytics';

export type { SegmentName };
export const SEGMENT_NAMES: readonly SegmentName[] = ['new_first_visit', 'new_returning', 'active_customer', 'at_risk', 'churned'];

export interface SegmentDefinitions {
  /** N: days without a visit or order after which a customer is at risk. */
  atRiskDays: number;
  /** M (> N): days without a visit or order after which a customer is churned. */
  churnedDays: number;
}

export const DEFAULT_SEGMENT_DEFINITIONS: SegmentDefinitions = { atRiskDays: 30, churnedDays: 90 };

/** What is known of one customer (maintained per user, or computed from visits and orders). */
export interface CustomerFacts {
  openid: OpenId;
  /** Distinct shop days with a visit. */
  visitDays: number;
  lastVisitAt?: EpochMs;
  paidOrders: number;
  lastOrderAt?: EpochMs;
}

export function validateDefinitions(defs: SegmentDefinitions): SegmentDefinitions {
  const { atRiskDays, churnedDays } = defs;
  if (!Number.isInteger(atRiskDays) || atRiskDays < 1) throw new RangeError('atRiskDays must be a positive whole number');
  if (!Number.isInteger(churnedDays) || churnedDays <= atRiskDays) throw new RangeError('churnedDays must be a whole number above atRiskDays');
  return defs;
}

export function segmentOf(c: CustomerFacts, now: EpochMs, defs: SegmentDefinitions = DEFAULT_SEGMENT_DEFINITIONS, tz = DEFAULT_SHOP_TIME_ZONE): SegmentName {
  const last = Math.max(c.lastVisitAt ?? -Infinity, c.lastOrderAt ?? -Infinity);
  const idle = Number.isFinite(last) ? daysBetween(dayKeyOf(last, tz), dayKeyOf(now, tz)) : Infinity;
  if (idle >= defs.churnedDays) return 'churned';
  if (idle >= defs.atRiskDays) return 'at_risk';
  if (c.paidOrders > 0) return 'active_customer';
  return c.visitDays >= 2 ? 'new_returning' : 'new_first_visit';
}

export interface Segmentation {
  counts: Record<SegmentName, number>;
  /** The customers of each segment (sorted openids): what the marketing engine targets. */
  members: Record<SegmentName, OpenId[]>;
}

export function segmentCustomers(
  customers: readonly CustomerFacts[],
  now: EpochMs,
  defs: SegmentDefinitions = DEFAULT_SEGMENT_DEFINITIONS,
  tz = DEFAULT_SHOP_TIME_ZONE,
): Segmentation {
  validateDefinitions(defs);
  const members = Object.fromEntries(SEGMENT_NAMES.map((n) => [n, [] as OpenId[]])) as Record<SegmentName, OpenId[]>;
  for (const c of customers) members[segmentOf(c, now, defs, tz)].push(c.openid);
  for (const n of SEGMENT_NAMES) members[n].sort();
  const counts = Object.fromEntries(SEGMENT_NAMES.map((n) => [n, members[n].length])) as Record<SegmentName, number>;
  return { counts, members };
}

/** Customer facts from raw visits and paid orders (what a nightly job or the seed computes). */
export function customerFacts(
  visits: ReadonlyArray<{ openid: OpenId; at: EpochMs }>,
  paidOrders: ReadonlyArray<{ openid: OpenId; paidAt: EpochMs }>,
  tz = DEFAULT_SHOP_TIME_ZONE,
): CustomerFacts[] {
  const byUser = new Map<OpenId, { days: Set<string>; lastVisitAt?: number; paidOrders: number; lastOrderAt?: number }>();
  const get = (id: OpenId) => {
    let u = byUser.get(id);
    if (!u) byUser.set(id, (u = { days: new Set(), paidOrders: 0 }));
    return u;
  };
  for (const v of visits) {
    const u = get(v.openid);
    u.days.add(dayKeyOf(v.at, tz));
    u.lastVisitAt = Math.max(u.lastVisitAt ?? v.at, v.at);
  }
  for (const o of paidOrders) {
    const u = get(o.openid);
    u.paidOrders++;
    u.lastOrderAt = Math.max(u.lastOrderAt ?? o.paidAt, o.paidAt);
  }
  return [...byUser.entries()].map(([openid, u]) => ({
    openid,
    visitDays: u.days.size,
    paidOrders: u.paidOrders,
    ...(u.lastVisitAt !== undefined ? { lastVisitAt: u.lastVisitAt } : {}),
    ...(u.lastOrderAt !== undefined ? { lastOrderAt: u.lastOrderAt } : {}),
  }));
}
