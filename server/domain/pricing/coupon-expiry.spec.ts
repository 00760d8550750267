/** Coupon expiry rules: what expires, what is expiring soon, one reminder per customer. */
import { EXPIRING_SOON_MS, isExpiringSoon, remindersByCustomer, shouldExpire } from './coupon-expiry';

const NOW = 1_800_000_000_000;

it('expires only available coupons at or past validUntil', () => {
  expect(shouldExpire({ status: 'available', validUntil: NOW }, NOW)).toBe(true);
  expect(shouldExpire({ status: 'available', validUntil: NOW + 1 }, NOW)).toBe(false);
  expect(shouldExpire({ status: 'locked', validUntil: NOW - 1 }, NOW)).toBe(false);
  expect(shouldExpire({ status: 'used', validUntil: NOW - 1 }, NOW)).toBe(false);
});

it('a coupon is expiring soon within the window, not after it ended nor before the window', () => {
  expect(isExpiringSoon({ status: 'available', validUntil: NOW + EXPIRING_SOON_MS }, NOW)).toBe(true);
  expect(isExpiringSoon({ status: 'available', validUntil: NOW + EXPIRING_SOON_MS + 1 }, NOW)).toBe(false);
  expect(isExpiringSoon({ status: 'available', validUntil: NOW }, NOW)).toBe(false);
  expect(isExpiringSoon({ status: 'locked', validUntil: NOW + 1 }, NOW)).toBe(false);
});

it('groups coupons per customer, soonest first', () => {
  const c = (id: string, openid: string, validUntil: number) => ({ _id: id, openid, title: id, validUntil });
  const out = remindersByCustomer([c('x2', 'o-x', NOW + 50), c('y1', 'o-y', NOW + 20), c('x1', 'o-x', NOW + 10)]);
  expect(out.map((r) => [r.openid, r.coupons.map((k) => k._id)])).toEqual([
    ['o-x', ['x1', 'x2']],
    ['o-y', ['y1']],
  ]);
});
