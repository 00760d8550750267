/**
 * The coupon timers' work (function marketingTimers):
 * - expire: every available coupon past validUntil → `expired`, by ONE conditional update
 *   `where({status: 'available', validUntil: _.lte(now)})` (a rerun finds none; a coupon locked by an unpaid order
 *   is left alone and expires after it is given back);
 * - remind: available coupons ending within 48 h with no `expiryReminder` yet, at most 500 per run; each coupon is
 *   claimed for the reminder by `where({_id, status: 'available', expiryReminder: _.exists(false)})`, so a rerun or
 *   a concurrent run never reminds twice; one message per customer covers all their claimed coupons
 *   (coupon-reminders.ts).
 */
import type { OwnedCoupon } from '@typings/marketing/coupon';
import { EXPIRING_SOON_MS, remindersByCustomer } from '../domain/pricing/coupon-expiry';
import type { ActionContext } from '../lib/context';
import { isCollectionMissing } from '../lib/collections';
import { docsOf, updatedCount } from '../notify/db-results';
import type { SubscribeSender } from '../notify/order-messages';
import { USER_COUPONS } from './coupon-store';
import { sendExpiringReminder } from './coupon-reminders';

export interface ExpiryReport {
  expired: number;
}

export interface ReminderReport {
  customers: number;
  coupons: number;
  sent: number;
  skipped: number;
  failed: number;
}

const PAGE = 100;
const MAX_PAGES = 5;

export async function expireCoupons(ctx: ActionContext): Promise<ExpiryReport> {
  const _ = ctx.db.command;
  const now = ctx.now();
  try {
    const res = await ctx.db
      .collection(USER_COUPONS)
      .where({ status: 'available', validUntil: _.lte(now) })
      .update({ data: { status: 'expired', expiredAt: now } });
    return { expired: updatedCount(res) };
  } catch (e) {
    if (isCollectionMissing(e)) return { expired: 0 };
    throw e;
  }
}

async function claimForReminder(ctx: ActionContext, couponId: string, at: number): Promise<boolean> {
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(USER_COUPONS)
    .where({ _id: couponId, status: 'available', expiryReminder: _.exists(false) })
    .update({ data: { expiryReminder: { status: 'pending', reason: '', at } } });
  return updatedCount(res) === 1;
}

export async function remindExpiringCoupons(ctx: ActionContext, sender?: SubscribeSender): Promise<ReminderReport> {
  const _ = ctx.db.command;
  const report: ReminderReport = { customers: 0, coupons: 0, sent: 0, skipped: 0, failed: 0 };
  for (let page = 0; page < MAX_PAGES; page++) {
    const now = ctx.now();
    let due: OwnedCoupon[];
    try {
      due = await docsOf<OwnedCoupon>(
        ctx.db
          .collection(USER_COUPONS)
          .where({ status: 'available', validUntil: _.gt(now).and(_.lte(now + EXPIRING_SOON_MS)), expiryReminder: _.exists(false) })
          .orderBy('validUntil', 'asc')
          .limit(PAGE),
      );
    } catch (e) {
      if (isCollectionMissing(e)) return report;
      throw e;
    }
    if (due.length === 0) break;
    for (const reminder of remindersByCustomer(due)) {
      const claimed = [];
      for (const c of reminder.coupons) if (await claimForReminder(ctx, c._id, now)) claimed.push(c);
      if (claimed.length === 0) continue;
      report.customers += 1;
      report.coupons += claimed.length;
      const outcome = await sendExpiringReminder(ctx, reminder.openid, claimed, sender);
      report[outcome.status] += 1;
    }
    if (due.length < PAGE) break;
  }
  return report;
}
