/**
 * What an order transition means for the customer's member account, as ledger / spend-fact ops (pure; applied by
 * server/member/order-points.ts in one transaction). Every op id names the order (and refund), so a retried
 * callback or timer applies nothing twice:
 *
 * | transition                              | ops                                                                   |
 * |-----------------------------------------|-----------------------------------------------------------------------|
 * | unpaid → cancelled (cancel / timeout)   | `spend_refund:<orderNo>`: every spent point back                       |
 * | paid / ready / shipped → completed      | `complete:<orderNo>` spend fact (goods paid net of refunds so far) and |
 * |                                         | `earn:<orderNo>`: pointsEarned(that amount, rule, the tier's multiplier)|
 * | refunding → * (a refund succeeded)      | completed before: `refund:<no>:<refundNo>` spend fact −refunded goods, |
 * |                                         | `earn_reversal:<no>:<refundNo>` (full refund: all of the earn left;    |
 * |                                         | partial: ⌊earned × refunded / earn base⌋);                              |
 * |                                         | spent points: `spend_refund:<no>:<refundNo>` (full: all left; partial: |
 * |                                         | ⌊used × refunded goods / goods paid⌋)                                   |
 */
import type { MemberDoc } from '../../../typings/marketing/member';
import type { ShopPricingRules } from '../../../typings/marketing/pricing';
import type { EpochMs } from '../../../typings/shop/common';
import type { OrderDoc, OrderStatus } from '../../../typings/shop/order';
import { pointsEarned } from '../pricing/points-earning';
import { earnExpiry } from '../pricing/points-ledger';
import { definitionOf, type MemberOp } from './member-account';

const COMPLETING: readonly OrderStatus[] = ['paid', 'ready', 'shipped'];

/** Does this transition touch the member account at all (so the caller can skip every read when not)? */
export function touchesMember(order: Pick<OrderDoc, 'status' | 'points' | 'refunds'>, from: OrderStatus): boolean {
  if (from === 'unpaid' && order.status === 'cancelled') return (order.points?.used ?? 0) > 0;
  if (order.status === 'completed' && COMPLETING.includes(from)) return true;
  if (from === 'refunding') return order.refunds[order.refunds.length - 1]?.status === 'succeeded';
  return false;
}

export function orderPointsOps(
  order: OrderDoc,
  from: OrderStatus,
  member: MemberDoc,
  rules: ShopPricingRules,
  now: EpochMs,
): MemberOp[] {
  const no = order.orderNo;
  const used = order.points?.used ?? 0;
  const spendId = order.points?.spendId;
  if (from === 'unpaid' && order.status === 'cancelled') {
    return used > 0 && spendId ? [{ kind: 'spend_refund', id: `spend_refund:${no}`, spendId, reason: `订单 ${no} 取消，退还积分`, orderNo: no }] : [];
  }

  if (order.status === 'completed' && COMPLETING.includes(from)) {
    const netFen = order.lines.reduce((a, l) => a + Math.max(0, l.payFen - l.refundedFen), 0);
    const tier = definitionOf(rules.tiers, member.tier);
    const points = pointsEarned(netFen, rules.points.earning, tier);
    const ops: MemberOp[] = [{ kind: 'spend_fact', id: `complete:${no}`, orderNo: no, fen: netFen }];
    if (points > 0) {
      ops.push({ kind: 'earn', id: `earn:${no}`, points, expiresAt: earnExpiry(now, rules.points.earning.expiresAfterDays), reason: `订单 ${no} 完成`, orderNo: no });
    }
    return ops;
  }

  if (from !== 'refunding') return [];
  const refund = order.refunds[order.refunds.length - 1];
  if (!refund || refund.status !== 'succeeded') return [];
  const refundedFen = refund.lines.reduce((a, l) => a + l.amountFen, 0);
  const tag = `${no}:${refund.refundNo}`;
  const ops: MemberOp[] = [];
  const completed = member.spendFacts.find((f) => f.id === `complete:${no}`);
  if (completed) {
    if (refundedFen > 0) ops.push({ kind: 'spend_fact', id: `refund:${tag}`, orderNo: no, fen: -Math.min(refundedFen, completed.fen) });
    const earn = member.entries.find((e) => e.id === `earn:${no}`);
    if (earn) {
      const part = refund.full ? undefined : completed.fen > 0 ? Math.floor((earn.points * refundedFen) / completed.fen) : 0;
      if (part === undefined || part > 0) {
        ops.push({ kind: 'earn_reversal', id: `earn_reversal:${tag}`, earnId: earn.id, ...(part !== undefined ? { points: part } : {}), reason: `订单 ${no} 退款，扣回积分`, orderNo: no });
      }
    }
  }
  if (used > 0 && spendId) {
    const goodsPaid = order.lines.reduce((a, l) => a + l.payFen, 0);
    const part = refund.full ? undefined : goodsPaid > 0 ? Math.floor((used * refundedFen) / goodsPaid) : 0;
    if (part === undefined || part > 0) {
      ops.push({ kind: 'spend_refund', id: `spend_refund:${tag}`, spendId, ...(part !== undefined ? { points: part } : {}), reason: `订单 ${no} 退款，退还积分`, orderNo: no });
    }
  }
  return ops;
}
