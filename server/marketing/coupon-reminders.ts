/**
 * Sends one customer the 优惠券到期提醒 for coupons already claimed for it (coupon-expiry.ts), and writes the outcome
 * on each coupon's `expiryReminder`: `sent`, `skipped` (no template configured / no authorisation / the user refused:
 * 43101, our count reset) or `failed` (any other error: the authorisation is given back). Never throws.
 * Authorisations are the one-time ones counted in `subscriptions` (server/notify/subscriptions.ts).
 */
import type { OwnedCoupon } from '@typings/marketing/coupon';
import { COUPON_SUBSCRIBE_TEMPLATES } from '../../miniprogram/config/subscribe';
import { getCloud } from '../lib/cloud';
import type { ActionContext } from '../lib/context';
import { type SubscribeSender, USER_REFUSED_ERRCODE } from '../notify/order-messages';
import { clearAuthorisations, returnAuthorisation, spendAuthorisation } from '../notify/subscriptions';
import { COUPON_EXPIRING_TEMPLATE, couponMessageData } from '../notify/templates';
import { USER_COUPONS } from './coupon-store';

export interface ReminderOutcome {
  status: 'sent' | 'skipped' | 'failed';
  reason: string;
}

async function record(ctx: ActionContext, ids: readonly string[], outcome: ReminderOutcome): Promise<ReminderOutcome> {
  const _ = ctx.db.command;
  try {
    await ctx.db
      .collection(USER_COUPONS)
      .where({ _id: _.in([...ids]) })
      .update({ data: { expiryReminder: _.set({ ...outcome, at: ctx.now() }) } });
  } catch (e) {
    ctx.log.error('coupon reminder outcome not written', { ids, error: e });
  }
  ctx.log.info('coupon reminder', { ids, ...outcome });
  return outcome;
}

export async function sendExpiringReminder(
  ctx: ActionContext,
  openid: string,
  coupons: readonly Pick<OwnedCoupon, '_id' | 'title' | 'validUntil'>[],
  sender?: SubscribeSender,
): Promise<ReminderOutcome> {
  const ids = coupons.map((c) => c._id);
  const templateId = COUPON_SUBSCRIBE_TEMPLATES.coupon_expiring;
  try {
    if (!templateId) return record(ctx, ids, { status: 'skipped', reason: 'no_template' });
    const at = ctx.now();
    if (!(await spendAuthorisation(ctx.db, openid, templateId, at))) return record(ctx, ids, { status: 'skipped', reason: 'no_authorisation' });
    const soonest = coupons[0]!;
    try {
      const send = sender ?? (getCloud().openapi as unknown as SubscribeSender);
      await send.subscribeMessage.send({
        touser: openid,
        templateId,
        page: COUPON_EXPIRING_TEMPLATE.page,
        data: couponMessageData({ title: soonest.title, count: coupons.length, validUntil: soonest.validUntil }),
      });
    } catch (e) {
      const code = (e as { errCode?: unknown })?.errCode;
      if (code === USER_REFUSED_ERRCODE) {
        await clearAuthorisations(ctx.db, openid, templateId, ctx.now());
        return record(ctx, ids, { status: 'skipped', reason: 'user_refused' });
      }
      await returnAuthorisation(ctx.db, openid, templateId, ctx.now());
      return record(ctx, ids, { status: 'failed', reason: `${String(code)} ${(e as { errMsg?: string })?.errMsg ?? ''}`.trim() });
    }
    return record(ctx, ids, { status: 'sent', reason: '' });
  } catch (e) {
    ctx.log.error('coupon reminder failed', { openid, error: e });
    return { status: 'failed', reason: 'error' };
  }
}
