/** What the member pages show, from an account and the rules. */
import { applyMemberOps, emptyMember } from './member-account';
import { discountText, memberCentreView, pointsRuleTexts, progressText, tierBenefits } from './member-views';
import { DEFAULT_PRICING_RULES } from './pricing-rules';
import type { ShopPricingRules } from '../../../typings/marketing/pricing';

const DAY = 86_400_000;
const NOW = 1_700_000_000_000;
const RULES: ShopPricingRules = {
  tiers: [
    { tier: 1, name: '银卡', percentOff: 5, pointsMultiplierPercent: 100, reachPoints: 1000 },
    { tier: 2, name: '金卡', percentOff: 12, pointsMultiplierPercent: 150, reachSpendFen: 123_450 },
  ],
  points: { deduction: { enabled: true, pointsPerYuan: 100, maxPercentOfOrder: 20 }, earning: { pointsPerYuan: 1, expiresAfterDays: 365 } },
  lineFloorPercent: 0,
};

it('discounts and benefits in words', () => {
  expect([discountText(5), discountText(12), discountText(50), discountText(0)]).toEqual(['95 折', '88 折', '5 折', '10 折']);
  expect(tierBenefits(RULES.tiers[1])).toEqual(['会员价 88 折', '积分 1.5 倍', '可购买金卡专区商品']);
  expect(pointsRuleTexts(RULES)).toEqual([
    '订单完成后每消费 1 元得 1 积分（会员按等级倍数）',
    '积分自获得起 365 天内有效',
    '下单时 100 积分抵 1 元，最多抵扣商品金额的 20%',
    '退款时扣回该订单获得的积分，退还该订单使用的积分',
  ]);
  expect(pointsRuleTexts(DEFAULT_PRICING_RULES)).toEqual(['退款时扣回该订单获得的积分，退还该订单使用的积分']);
});

it('the centre: spendable balance, what expires within 30 days, progress in words', () => {
  let m = emptyMember('o1', NOW);
  m = applyMemberOps(
    m,
    [
      { kind: 'earn', id: 'e-soon', points: 300, expiresAt: NOW + 10 * DAY, reason: 'r' },
      { kind: 'earn', id: 'e-late', points: 900, expiresAt: NOW + 200 * DAY, reason: 'r' },
      { kind: 'spend_fact', id: 'f', orderNo: 'N', fen: 100_000 },
    ],
    RULES,
    NOW,
  ).member;
  const view = memberCentreView(m, RULES, NOW);
  expect(view).toMatchObject({ tier: 1, tierName: '银卡', balance: 1200, expiringSoon: { points: 300, at: NOW + 10 * DAY } });
  expect(view.progress).toMatchObject({ next: { tier: 2, name: '金卡' }, pointsToNext: null, spendToNextFen: 23_450, percent: 81 });
  expect(progressText(view)).toBe('再消费 234.50 元升级为金卡');
  // later: the soon lot is past its expiry (not yet written): not spendable, not "expiring"
  expect(memberCentreView(m, RULES, NOW + 11 * DAY)).toMatchObject({ balance: 900, expiringSoon: null });
});
