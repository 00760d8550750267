/** What an order transition does to the member account (pure): earn at completion, proportional reversals. */
import type { OrderDoc } from '../../../typings/shop/order';
import { applyMemberOps, emptyMember } from './member-account';
import { orderPointsOps, touchesMember } from './order-points';
import type { ShopPricingRules } from '../../../typings/marketing/pricing';

const NOW = 1_700_000_000_000;
const RULES: ShopPricingRules = {
  tiers: [{ tier: 1, name: '银卡', percentOff: 5, pointsMultiplierPercent: 200, reachPoints: 100 }],
  points: { deduction: { enabled: true, pointsPerYuan: 100, maxPercentOfOrder: 50 }, earning: { pointsPerYuan: 2, expiresAfterDays: 30 } },
  lineFloorPercent: 0,
};

function order(over: Partial<OrderDoc> = {}): OrderDoc {
  return {
    _id: 'id1',
    orderNo: 'N1',
    openid: 'o1',
    status: 'completed',
    lines: [{ skuId: 's', goodsId: 'g', title: 't', specText: '', image: '', unitPriceFen: 1000, quantity: 4, lineTotalFen: 4000, discountFen: 0, payFen: 4000, refundedQuantity: 0, refundedFen: 0 }],
    amounts: { goodsFen: 4000, discountFen: 0, shippingFen: 0, totalFen: 4000 },
    fulfilment: { type: 'pickup' },
    refunds: [],
    attribution: { at: 0, scene: 1000, channel: 'other' },
    createdAt: NOW,
    expiresAt: NOW,
    log: [],
    ...over,
  } as OrderDoc;
}

it('only cancel-with-points, completion and a succeeded refund touch the account', () => {
  expect(touchesMember(order({ status: 'cancelled' }), 'unpaid')).toBe(false);
  expect(touchesMember(order({ status: 'cancelled', points: { used: 10, deductFen: 10, spendId: 'spend:N1' } }), 'unpaid')).toBe(true);
  expect(touchesMember(order({ status: 'completed' }), 'ready')).toBe(true);
  expect(touchesMember(order({ status: 'completed' }), 'refund_requested')).toBe(false); // a withdrawn refund
  expect(touchesMember(order({ status: 'paid' }), 'unpaid')).toBe(false);
});

it('completion earns on the goods paid net of refunds, with the tier multiplier, expiring per the rule', () => {
  const member = { ...emptyMember('o1', NOW), tier: 1 as const };
  const o = order({ lines: [{ ...order().lines[0], refundedQuantity: 1, refundedFen: 1000 }] });
  expect(orderPointsOps(o, 'ready', member, RULES, NOW)).toEqual([
    { kind: 'spend_fact', id: 'complete:N1', orderNo: 'N1', fen: 3000 },
    { kind: 'earn', id: 'earn:N1', points: 120, expiresAt: NOW + 30 * 86_400_000, reason: '订单 N1 完成', orderNo: 'N1' },
  ]);
});

it('a partial refund after completion reverses ⌊earned × refunded / earn base⌋ and returns ⌊used × refunded / paid⌋', () => {
  const o = order({ points: { used: 400, deductFen: 400, spendId: 'spend:N1' } });
  let member = applyMemberOps(
    emptyMember('o1', NOW),
    [
      { kind: 'earn', id: 'earn:seed', points: 1000, expiresAt: null, reason: 's' },
      { kind: 'spend', id: 'spend:N1', points: 400, reason: 's' },
    ],
    RULES,
    NOW,
  ).member;
  member = applyMemberOps(member, orderPointsOps(o, 'ready', member, RULES, NOW), RULES, NOW).member;
  const refunded = order({
    ...o,
    refunds: [{ refundNo: 'N1R1', lines: [{ skuId: 's', quantity: 1, amountFen: 1000 }], shippingFen: 0, amountFen: 1000, full: false, reason: 'x', status: 'succeeded', requestedAt: NOW, updatedAt: NOW }],
  });
  const ops = orderPointsOps(refunded, 'refunding', member, RULES, NOW);
  expect(ops.map((op) => [op.kind, op.id, 'points' in op ? op.points : 'fen' in op ? op.fen : undefined])).toEqual([
    ['spend_fact', 'refund:N1:N1R1', -1000],
    ['earn_reversal', 'earn_reversal:N1:N1R1', 40], // ⌊160 × 1000 / 4000⌋ (tier 1 ×2: 4000 fen → 160 points)
    ['spend_refund', 'spend_refund:N1:N1R1', 100], // ⌊400 × 1000 / 4000⌋
  ]);
});
