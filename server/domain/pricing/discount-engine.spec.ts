import type { PricedQuote } from '../../../typings/marketing/pricing';
import { buildQuote, type QuoteInput } from '../quote';
import { goodsDoc, skuDoc } from '../__fixtures__/shop';
import { goodsPricingFacts, pricingDiscountEngine } from './discount-engine';
import { coupon, fullReduction, ME, NOW, rules } from './__fixtures__/pricing';

const goods = [goodsDoc('tea', { categoryId: 'drinks' }), goodsDoc('cake', { categoryId: 'food' }), goodsDoc('vip', { categoryId: 'food' })];
const skus = [skuDoc('tea-1', 'tea', { priceFen: 15000 }), skuDoc('cake-1', 'cake', { priceFen: 10001 }), skuDoc('vip-1', 'vip', { priceFen: 5000 })];
const base: Omit<QuoteInput, 'requested' | 'discounts'> = {
  skus,
  goods,
  fulfilment: 'delivery',
  shipping: { flatFeeFen: 800, freeOverFen: 30000 },
  now: NOW,
};
const customer = {
  openid: ME,
  tier: 0 as const,
  isNew: false,
  pointsBalance: 0,
  coupons: [coupon('drinks', { kind: 'fixed', amountFen: 1000 }, { scope: { type: 'categories', categoryIds: ['drinks'] } })],
};

describe('pricingDiscountEngine', () => {
  it('feeds buildQuote the engine discounts, unchanged, and hands back the full answer', () => {
    let priced: PricedQuote | undefined;
    const engine = pricingDiscountEngine({
      customer,
      promotions: [fullReduction('fr', [{ thresholdFen: 30000, reduceFen: 3000 }])],
      rules: rules(),
      choice: { coupon: 'best', points: 'none' },
      goods: goodsPricingFacts(goods),
      onPriced: (q) => (priced = q),
    });
    const quote = buildQuote({ ...base, requested: [{ skuId: 'tea-1', quantity: 2 }, { skuId: 'cake-1', quantity: 1 }], discounts: engine });
    expect(priced).toBeDefined();
    // goods 40001; 满300减30 over 30000 : 10001 → 2250 : 750; the drinks coupon 1000 on tea only.
    expect(quote.discounts).toEqual(priced!.discounts.map(({ kind, amountFen, reason, lineShares }) => ({ kind, amountFen, reason, lineShares })));
    expect(quote.discounts.map((d) => [d.kind, d.amountFen, d.lineShares])).toEqual([
      ['full_reduction', 3000, [2250, 750]],
      ['coupon', 1000, [1000, 0]],
    ]);
    expect(quote.discountFen).toBe(priced!.discountFen);
    expect(quote.lines.map((l) => l.payFen)).toEqual(priced!.lines.map((l) => l.payFen));
    // 36001 ≥ 30000: free delivery
    expect(quote).toMatchObject({ goodsFen: 40001, discountFen: 4000, shippingFen: 0, totalFen: 36001 });
  });

  it('passes member-only goods and the skus floors through', () => {
    let priced: PricedQuote | undefined;
    const engine = pricingDiscountEngine({
      customer: { ...customer, coupons: [coupon('all', { kind: 'fixed', amountFen: 4000 })] },
      promotions: [],
      rules: rules(),
      choice: { coupon: 'best', points: 'none' },
      goods: new Map([...goodsPricingFacts(goods), ['vip', { categoryId: 'food', minTier: 2 }]]),
      skuFloorFen: new Map([['vip-1', 3000]]),
      onPriced: (q) => (priced = q),
    });
    const quote = buildQuote({ ...base, requested: [{ skuId: 'vip-1', quantity: 1 }], discounts: engine });
    expect(quote.totalFen).toBe(3000 + 800);
    expect(priced!.ok).toBe(false);
    expect(priced!.blocked).toEqual([expect.objectContaining({ skuId: 'vip-1', code: 'MEMBER_ONLY', requiredTier: 2 })]);
  });
});
