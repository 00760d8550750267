/**
 * Coupon expiry, pure: which owned coupons a timer run expires, which it reminds about, and one reminder per
 * customer (their soonest-expiring coupon, with how many are in it).
 */
import type { OwnedCoupon } from '../../../typings/marketing/coupon';
import type { EpochMs } from '../../../typings/shop/common';

/** A coupon is "expiring soon" when it ends within this long (48 h). */
export const EXPIRING_SOON_MS = 48 * 3600 * 1000;

/** Past its validity and still available → the timer sets it expired (locked / used ones are left alone). */
export function shouldExpire(c: Pick<OwnedCoupon, 'status' | 'validUntil'>, now: EpochMs): boolean {
  return c.status === 'available' && c.validUntil <= now;
}

/** Available, not yet ended, ending within EXPIRING_SOON_MS. */
export function isExpiringSoon(c: Pick<OwnedCoupon, 'status' | 'validUntil'>, now: EpochMs): boolean {
  return c.status === 'available' && c.validUntil > now && c.validUntil <= now + EXPIRING_SOON_MS;
}

export interface CustomerReminder {
  openid: string;
  /** The coupons this reminder covers, soonest first. */
  coupons: Pick<OwnedCoupon, '_id' | 'title' | 'validUntil'>[];
}

/** Groups expiring coupons by customer (customers in order of their soonest coupon). */
export function remindersByCustomer<C extends Pick<OwnedCoupon, '_id' | 'openid' | 'title' | 'validUntil'>>(coupons: readonly C[]): CustomerReminder[] {
  const by = new Map<string, C[]>();
  for (const c of coupons) by.set(c.openid, [...(by.get(c.openid) ?? []), c]);
  return [...by.entries()]
    .map(([openid, list]) => ({ openid, coupons: [...list].sort((a, b) => a.validUntil - b.validUntil || a._id.localeCompare(b._id)) }))
    .sort((a, b) => a.coupons[0]!.validUntil - b.coupons[0]!.validUntil || a.openid.localeCompare(b.openid));
}
