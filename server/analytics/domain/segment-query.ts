/**
 * Each segment of domain/segments.ts as a condition on a customer_facts document's derived fields, so a segment's
 * members and count are one indexed query instead of a scan. Pure. The conditions are equivalent to `segmentOf`
 * (idle days = today − lastActiveDay, so "idle ≥ M" is "lastActiveDay ≤ today − M"; day keys sort as strings).
 */
import { addDays, type DayKey } from './shop-calendar';
import type { SegmentDefinitions, SegmentName } from './segments';

export interface SegmentCondition {
  /** lastActiveDay > after (exclusive) */
  activeAfter?: DayKey;
  /** lastActiveDay ≤ until */
  activeUntil?: DayKey;
  paid?: 'some' | 'none';
  /** visitDays ≥ 2 (`many`) or < 2 (`one`). */
  visitDays?: 'one' | 'many';
}

export function segmentCondition(segment: SegmentName, today: DayKey, defs: SegmentDefinitions): SegmentCondition {
  const churnedUntil = addDays(today, -defs.churnedDays);
  const atRiskUntil = addDays(today, -defs.atRiskDays);
  switch (segment) {
    case 'churned':
      return { activeUntil: churnedUntil };
    case 'at_risk':
      return { activeAfter: churnedUntil, activeUntil: atRiskUntil };
    case 'active_customer':
      return { activeAfter: atRiskUntil, paid: 'some' };
    case 'new_returning':
      return { activeAfter: atRiskUntil, paid: 'none', visitDays: 'many' };
    case 'new_first_visit':
      return { activeAfter: atRiskUntil, paid: 'none', visitDays: 'one' };
  }
}

/** Whether derived facts meet a condition (what the query does, for tests and in-memory use). */
export function meetsCondition(c: SegmentCondition, f: { lastActiveDay?: DayKey; paidOrders: number; visitDays: number }): boolean {
  if (f.lastActiveDay === undefined) return false;
  if (c.activeAfter !== undefined && !(f.lastActiveDay > c.activeAfter)) return false;
  if (c.activeUntil !== undefined && !(f.lastActiveDay <= c.activeUntil)) return false;
  if (c.paid === 'some' && !(f.paidOrders > 0)) return false;
  if (c.paid === 'none' && f.paidOrders !== 0) return false;
  if (c.visitDays === 'many' && !(f.visitDays >= 2)) return false;
  if (c.visitDays === 'one' && !(f.visitDays < 2)) return false;
  return true;
}
