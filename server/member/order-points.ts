/**
 * The member side of an order transition (called from server/marketing/order-follow-up.ts after every applied
 * transition): cancel of an unpaid order → spent points back; completion → earn (tier multiplier) + lifetime spend
 * + tier; a refund that succeeded → earn reversed and spent points back, proportionally (decisions:
 * server/domain/member/order-points.ts). One settings read (the rules) and one member transaction, only for the
 * transitions that touch the account. Retried callbacks change nothing twice (every op id names the order/refund).
 * Never throws (logged).
 */
import type { OrderDoc, OrderStatus } from '@typings/shop/order';
import { applyMemberOps } from '../domain/member/member-account';
import { orderPointsOps, touchesMember } from '../domain/member/order-points';
import type { ActionContext } from '../lib/context';
import { loadCheckoutSettings } from '../orders/order-settings';
import { changeMember } from './member-store';

export async function afterOrderPoints(ctx: ActionContext, order: OrderDoc, from: OrderStatus): Promise<void> {
  if (!touchesMember(order, from)) return;
  try {
    const { pricing } = await loadCheckoutSettings(ctx.db);
    const written = await changeMember(ctx, order.openid, (member) => {
      const ops = orderPointsOps(order, from, member, pricing, ctx.now());
      const out = applyMemberOps(member, ops, pricing, ctx.now());
      return { member: out.changed ? out.member : null, result: { entries: out.written.map((e) => e.id), duplicates: out.duplicates, refused: out.refused } };
    });
    ctx.log.info('member points after transition', { orderNo: order.orderNo, from, to: order.status, ...written });
  } catch (e) {
    ctx.log.error('member points follow-up failed', { orderId: order._id, status: order.status, error: e });
  }
}
