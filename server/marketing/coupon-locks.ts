/**
 * One coupon, one order: the owned coupon's status moves only by conditional updates on its old status.
 *
 *   lock     available → locked  where({_id, openid, status: 'available'})  (checkout.create; 0 updated = taken)
 *   use      locked → used       where({_id, status: 'locked', orderNo})     (the order was paid)
 *   giveBack locked → available  where({_id, status: 'locked', orderNo})     (the unpaid order was cancelled / timed
 *                                                                              out, or its creation failed)

 */
import type { NotAppliedCode } from '@typings/marketing/pricing';
import type { ActionContext } from '../lib/context';
import { AppError } from '../lib/errors';
import { updatedCount } from '../notify/db-results';
import { USER_COUPONS } from './coupon-store';

export async function lockCoupon(ctx: ActionContext, couponId: string, openid: string, orderNo: string): Promise<boolean> {
  const res = await ctx.db
    .collection(USER_COUPONS)
    .where({ _id: couponId, openid, status: 'available', validUntil: ctx.db.command.gt(ctx.now()) })
    .update({ data: { status: 'locked', orderNo } });
  return updatedCount(res) === 1;
}

export async function giveBackCoupon(ctx: ActionContext, couponId: string, orderNo: string): Promise<boolean> {
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(USER_COUPONS)
    .where({ _id: couponId, status: 'locked', orderNo })
    .update({ data: { status: 'available', orderNo: _.remove() } });
  return updatedCount(res) === 1;
}

/** The order was inserted under another number than the one the coupon was locked for (rare order-number clash). */
export async function moveCouponLock(ctx: ActionContext, couponId: string, fromNo: string, toNo: string): Promise<boolean> {
  const res = await ctx.db.collection(USER_COUPONS).where({ _id: couponId, status: 'locked', orderNo: fromNo }).update({ data: { orderNo: toNo } });
  return updatedCount(res) === 1;
}

export async function useCoupon(ctx: ActionContext, couponId: string, orderNo: string): Promise<boolean> {
  const res = await ctx.db
    .collection(USER_COUPONS)
    .where({ _id: couponId, status: 'locked', orderNo })
    .update({ data: { status: 'used', usedAt: ctx.now() } });
  return updatedCount(res) === 1;
}

const CHOICE_REFUSALS: Partial<Record<NotAppliedCode, [AppError['code'], string]>> = {
  NOT_OWNER: ['NOT_FOUND', '优惠券不存在'],
  LOCKED: ['CONFLICT', '优惠券已被其他订单占用'],
  USED: ['CONFLICT', '优惠券已使用'],
  EXPIRED: ['PRECONDITION_FAILED', '优惠券已过期'],
  NOT_STARTED: ['PRECONDITION_FAILED', '优惠券尚未生效'],
  WRONG_SCOPE: ['PRECONDITION_FAILED', '所选商品不适用该优惠券'],
  BELOW_THRESHOLD: ['PRECONDITION_FAILED', '未达到优惠券的使用门槛'],
};

/** The refusal of checkout.create for a coupon the engine could not use. */
export function couponChoiceError(code: NotAppliedCode, message: string): AppError {
  const [errorCode, text] = CHOICE_REFUSALS[code] ?? ['PRECONDITION_FAILED', `优惠券不可用：${message}`];
  return new AppError(errorCode, text);
}
