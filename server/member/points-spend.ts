/**
 * Points at checkout: the spend of an order being created (`spend:<orderNo>`, in one member transaction: the
 * ledger decides on the committed balance, so concurrent creates spending one balance succeed exactly while it
 * lasts) and giving it back when the creation fails after the spend (`spend_refund:<orderNo>`).
 */
import type { ShopPricingRules } from '@typings/marketing/pricing';
import { applyMemberOps } from '../domain/member/member-account';
import type { ActionContext } from '../lib/context';
import { AppError } from '../lib/errors';
import { changeMember } from './member-store';

export const spendIdOf = (orderNo: string) => `spend:${orderNo}`;

/** Spends `points` for an order; INSUFFICIENT_POINTS (nothing spent) when the balance no longer covers them. */
export async function spendForOrder(ctx: ActionContext, openid: string, orderNo: string, points: number, rules: ShopPricingRules): Promise<string> {
  const id = spendIdOf(orderNo);
  const refusal = await changeMember(ctx, openid, (member) => {
    const out = applyMemberOps(member, [{ kind: 'spend', id, points, reason: `订单 ${orderNo} 积分抵扣`, orderNo }], rules, ctx.now());
    const refused = out.refused[0];
    // a refused spend writes nothing (not even due expiries: the transaction stays read-only)
    return refused ? { member: null, result: refused } : { member: out.changed ? out.member : null, result: null };
  });
  if (refusal) {
    ctx.log.info('points spend refused', { orderNo, points, code: refusal.code });
    throw new AppError('INSUFFICIENT_POINTS', '积分余额已变化，请重新确认订单');
  }
  return id;
}

/** Gives back the points of an order that was not created after all (once: `spend_refund:<orderNo>`). */
export async function giveBackOrderSpend(ctx: ActionContext, openid: string, orderNo: string, rules: ShopPricingRules): Promise<void> {
  await changeMember(ctx, openid, (member) => {
    const out = applyMemberOps(
      member,
      [{ kind: 'spend_refund', id: `spend_refund:${orderNo}`, spendId: spendIdOf(orderNo), reason: `订单 ${orderNo} 未创建，退还积分`, orderNo }],
      rules,
      ctx.now(),
    );
    return { member: out.changed ? out.member : null, result: null };
  });
}
