import { bestCombination, preferable, type ScoredCombination } from './best-combination';
import { coupon, fullReduction, input, line, newUserOffer } from './__fixtures__/pricing';

const scored = (payFen: number, over: Partial<ScoredCombination['combination']> = {}, pointsUsed = 0, seq = 0): ScoredCombination => ({
  combination: { newUser: null, memberPrice: false, fullReductionId: null, couponId: null, usePoints: pointsUsed > 0, ...over },
  payFen,
  couponFen: 0,
  pointsUsed,
  seq,
});

describe('preferable', () => {
  it('orders by total, then keeps the coupon, then points, then the new-user price, then enumeration order', () => {
    expect(preferable(scored(99), scored(100, {}, 0))).toBe(true);
    expect(preferable(scored(100), scored(100, { couponId: 'c' }))).toBe(true);
    expect(preferable(scored(100, { couponId: 'c' }), scored(100, {}, 500))).toBe(false);
    expect(preferable(scored(100, {}, 10), scored(100, {}, 20))).toBe(true);
    expect(preferable(scored(100), scored(100, { newUser: { lineIndex: 0, offerId: 'n' } }))).toBe(true);
    expect(preferable(scored(100, {}, 0, 1), scored(100, {}, 0, 2))).toBe(true);
    expect(preferable(scored(100, {}, 0, 2), scored(100, {}, 0, 2))).toBe(false);
  });
});

describe('bestCombination', () => {
  it('returns the cheapest legal combination and its goods total', () => {
    const best = bestCombination(
      input({
        lines: [line('X', 2990), line('Y', 30000)],
        promotions: [newUserOffer('n', [{ goodsId: 'X', priceFen: 990 }]), fullReduction('f', [{ thresholdFen: 30000, reduceFen: 3000 }])],
        customer: { isNew: true, tier: 1, pointsBalance: 100, coupons: [coupon('c', { kind: 'fixed', amountFen: 500 })] },
        choice: { coupon: 'best', points: 'best' },
      }),
    );
    // new-user X 990; member 5 % on Y → 28500 < 300, so member off keeps 满300减30: 990 + 30000 − 3000 − 500 − 100 points
    expect(best).toEqual({
      combination: { newUser: { lineIndex: 0, offerId: 'n' }, memberPrice: false, fullReductionId: 'f', couponId: 'c', usePoints: true },
      payFen: 990 + 30000 - 3000 - 500 - 100,
    });
  });
});
