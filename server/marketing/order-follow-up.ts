/**
 * What an order transition means for its marketing holds; called by server/orders/apply-transition.ts after every
 * applied transition. From `unpaid`: paid → the coupon is used and the new-user claim kept as used; cancelled
 * (customer, staff or timeout) → the coupon is given back and the new-user claim released. Points (member
 * account): server/member/order-points.ts (spent points back on cancel, earn on completion, reversal on refund).
 * Paid also rewards an invite (invite-rewards.ts: both sides' coupons, once, on the invitee's first paid order).
 * Never throws.
 */
import type { OrderDoc, OrderStatus } from '@typings/shop/order';
import type { ActionContext } from '../lib/context';
import { afterOrderPoints } from '../member/order-points';
import { giveBackCoupon, useCoupon } from './coupon-locks';
import { rewardInvite } from './invite-rewards';
import { releaseNewUser, useNewUser } from './new-user-claims';

export async function afterOrderTransition(ctx: ActionContext, order: OrderDoc, from: OrderStatus): Promise<void> {
  await afterOrderPoints(ctx, order, from);
  if (from === 'unpaid' && order.status === 'paid') {
    await rewardInvite(ctx, order).catch((e: unknown) => ctx.log.error('invite reward failed', { orderId: order._id, error: e }));
  }
  if (from !== 'unpaid' || (!order.couponId && !order.newUserOfferId)) return;
  const paid = order.status === 'paid';
  if (!paid && order.status !== 'cancelled') return;
  try {
    if (order.couponId) {
      await (paid ? useCoupon(ctx, order.couponId, order.orderNo) : giveBackCoupon(ctx, order.couponId, order.orderNo));
    }
    if (order.newUserOfferId) {
      await (paid ? useNewUser(ctx, order.openid, order.orderNo) : releaseNewUser(ctx, order.openid, order.orderNo));
    }
  } catch (e) {
    ctx.log.error('marketing follow-up failed', { orderId: order._id, status: order.status, error: e });
  }
}
