import { priceCart } from './price-cart';
import { coupon, DAY, fullReduction, input, line, newUserOffer, NOW, rules } from './__fixtures__/pricing';

const tiers300 = [
  { thresholdFen: 30000, reduceFen: 3000 },
  { thresholdFen: 50000, reduceFen: 6000 },
];
const fr = fullReduction('fr', tiers300);

describe('满减 tiers (满300减30 / 满500减60)', () => {
  it('applies the highest tier reached', () => {
    const pay = (unit: number) => priceCart(input({ lines: [line('A', unit, 2)], promotions: [fr] }));
    expect(pay(15000)).toMatchObject({ goodsFen: 30000, payFen: 27000, discountFen: 3000 });
    expect(pay(15000).discounts).toEqual([
      { kind: 'full_reduction', sourceId: 'fr', step: 2, reason: '满300减30', amountFen: 3000, lineShares: [3000] },
    ]);
    expect(pay(24950).payFen).toBe(49900 - 3000);
    expect(pay(25000)).toMatchObject({ payFen: 44000 });
    expect(pay(25000).discounts[0].reason).toBe('满500减60');
  });

  it('says how much is missing below the lowest tier', () => {
    const q = priceCart(input({ lines: [line('A', 28000)], promotions: [fr] }));
    expect(q.payFen).toBe(28000);
    expect(q.notApplied).toEqual([
      { kind: 'full_reduction', sourceId: 'fr', title: '满减fr', code: 'BELOW_THRESHOLD', message: '还差¥20可用', missingFen: 2000 },
    ]);
  });

  it('spreads the reduction by largest remainder so shares sum exactly', () => {
    const q = priceCart(input({ lines: [line('A', 10000), line('B', 20000)], promotions: [fr] }));
    expect(q.discounts[0].lineShares).toEqual([1000, 2000]);
    // 3000 over 10000 : 10000 : 10001 → floors 999, 999, 1000; the two largest remainders get the 2 fen left.
    const odd = priceCart(input({ lines: [line('A', 10000), line('B', 10000), line('C', 10001)], promotions: [fr] }));
    expect(odd.discounts[0].lineShares).toEqual([1000, 1000, 1000]);
    expect(odd.lines.map((l) => l.payFen)).toEqual([9000, 9000, 9001]);
  });

  it('on a goods set only the listed goods count and share', () => {
    const set = fullReduction('set', tiers300, { type: 'goods', goodsIds: ['A'] });
    const below = priceCart(input({ lines: [line('A', 20000), line('B', 20000)], promotions: [set] }));
    expect(below.payFen).toBe(40000);
    expect(below.notApplied[0]).toMatchObject({ code: 'BELOW_THRESHOLD', missingFen: 10000 });
    const reached = priceCart(input({ lines: [line('A', 30000), line('B', 20000)], promotions: [set] }));
    expect(reached.discounts[0].lineShares).toEqual([3000, 0]);
    expect(reached.payFen).toBe(47000);
  });

  it('applies one 满减 per order: the better one', () => {
    const small = fullReduction('a-small', [{ thresholdFen: 10000, reduceFen: 500 }]);
    const q = priceCart(input({ lines: [line('A', 30000)], promotions: [small, fr] }));
    expect(q.combination.fullReductionId).toBe('fr');
    expect(q.payFen).toBe(27000);
    expect(q.notApplied).toEqual([expect.objectContaining({ sourceId: 'a-small', code: 'ONE_PER_ORDER' })]);
  });

  it('refuses disabled, not started, ended and member-only promotions with their reason', () => {
    const lines = [line('A', 40000)];
    const codes = (p: Parameters<typeof fullReduction>[3], tier: 0 | 1 | 2 | 3 = 0) =>
      priceCart(input({ lines, promotions: [fullReduction('x', tiers300, undefined, p)], customer: { tier } })).notApplied.map((n) => n.code);
    expect(codes({ enabled: false })).toEqual(['DISABLED']);
    expect(codes({ startsAt: NOW + 1 })).toEqual(['NOT_STARTED']);
    expect(codes({ endsAt: NOW })).toEqual(['EXPIRED']);
    expect(codes({ minTier: 2 }, 1)).toEqual(['TIER_TOO_LOW']);
    expect(priceCart(input({ lines, promotions: [fullReduction('x', tiers300, undefined, { minTier: 2 })], customer: { tier: 2 } })).payFen).toBe(
      40000 - 4000 - 3000,
    );
  });
});

describe('percentage coupon with a cap', () => {
  const pct = coupon('p', { kind: 'percentage', percentOff: 20, capFen: 3000 });
  it('takes the percentage up to the cap', () => {
    expect(priceCart(input({ lines: [line('A', 10000)], customer: { coupons: [pct] } })).payFen).toBe(8000);
    const capped = priceCart(input({ lines: [line('A', 20000)], customer: { coupons: [pct] } }));
    expect(capped.payFen).toBe(17000);
    expect(capped.discounts).toEqual([
      { kind: 'coupon', sourceId: 'p', step: 3, reason: '券p（8折 最多减30）', amountFen: 3000, lineShares: [3000] },
    ]);
  });

  it('is measured on what is left after 满减, its minimum spend on the amount before', () => {
    const noCap = coupon('p', { kind: 'percentage', percentOff: 20, minSpendFen: 30000 });
    const q = priceCart(input({ lines: [line('A', 30000)], promotions: [fr], customer: { coupons: [noCap] } }));
    expect(q.discounts.map((d) => [d.kind, d.amountFen])).toEqual([
      ['full_reduction', 3000],
      ['coupon', 5400],
    ]);
    expect(q.payFen).toBe(21600);
  });

  it('below its minimum spend it is unusable, with the amount missing', () => {
    const min = coupon('p', { kind: 'percentage', percentOff: 20, minSpendFen: 15000 });
    const q = priceCart(input({ lines: [line('A', 10000)], customer: { coupons: [min] } }));
    expect(q.payFen).toBe(10000);
    expect(q.couponOptions).toEqual([
      expect.objectContaining({ couponId: 'p', usable: false, code: 'BELOW_THRESHOLD', missingFen: 5000, message: '还差¥50可用', valueFen: 0, payFen: null }),
    ]);
  });
});

describe('category scope', () => {
  const fruit = coupon('f', { kind: 'threshold', thresholdFen: 10000, amountFen: 2000 }, { scope: { type: 'categories', categoryIds: ['fruit'] } });
  const apple = (q: number) => line('apple', 6000, q, { categoryId: 'fruit' });
  const chips = line('chips', 8000, 1, { categoryId: 'snack' });

  it('counts only in-scope lines toward the threshold', () => {
    const q = priceCart(input({ lines: [apple(1), chips], customer: { coupons: [fruit] } }));
    expect(q.payFen).toBe(14000);
    expect(q.notApplied).toEqual([expect.objectContaining({ code: 'BELOW_THRESHOLD', missingFen: 4000 })]);
  });

  it('takes the discount from in-scope lines only', () => {
    const q = priceCart(input({ lines: [apple(2), chips], customer: { coupons: [fruit] } }));
    expect(q.discounts[0].lineShares).toEqual([2000, 0]);
    expect(q.lines.map((l) => l.payFen)).toEqual([10000, 8000]);
  });

  it('is WRONG_SCOPE without any in-scope line', () => {
    const q = priceCart(input({ lines: [chips], customer: { coupons: [fruit] } }));
    expect(q.couponOptions[0]).toMatchObject({ usable: false, code: 'WRONG_SCOPE' });
  });
});

describe('new-user price', () => {
  const offer = newUserOffer('n1', [{ goodsId: 'X', priceFen: 990 }]);
  const xs = (q: number) => line('X', 2990, q);

  it('prices one unit for a customer with no paid order', () => {
    const q = priceCart(input({ lines: [xs(2)], promotions: [offer], customer: { isNew: true } }));
    expect(q.payFen).toBe(990 + 2990);
    expect(q.combination.newUser).toEqual({ lineIndex: 0, offerId: 'n1' });
    expect(q.discounts).toEqual([
      { kind: 'new_user_price', sourceId: 'n1', step: 1, reason: '新人价¥9.9', amountFen: 2000, lineShares: [2000] },
    ]);
  });

  it('is refused to a returning customer', () => {
    const q = priceCart(input({ lines: [xs(1)], promotions: [offer] }));
    expect(q.payFen).toBe(2990);
    expect(q.notApplied).toEqual([expect.objectContaining({ kind: 'new_user_price', code: 'NOT_NEW_USER' })]);
  });

  it('gives one unit per customer: the biggest saving', () => {
    const n2 = newUserOffer('n2', [{ goodsId: 'Y', priceFen: 1000 }]);
    const q = priceCart(input({ lines: [xs(1), line('Y', 5000)], promotions: [offer, n2], customer: { isNew: true } }));
    expect(q.combination.newUser).toEqual({ lineIndex: 1, offerId: 'n2' });
    expect(q.payFen).toBe(2990 + 1000);
    expect(q.notApplied).toEqual([expect.objectContaining({ sourceId: 'n1', code: 'ONE_PER_CUSTOMER' })]);
  });

  it('a SKU-level price wins over the goods-level one', () => {
    const both = newUserOffer('n', [
      { goodsId: 'X', priceFen: 990 },
      { goodsId: 'X', skuId: 'X-sku', priceFen: 1990 },
    ]);
    expect(priceCart(input({ lines: [xs(1)], promotions: [both], customer: { isNew: true } })).payFen).toBe(1990);
  });

  it('the new-user unit counts toward no threshold, so the engine may prefer the 满减', () => {
    // With the new-user price: 990 + 28000 = 28990 (base 28000 < 300). Without: 30990 − 3000 = 27990.
    const q = priceCart(input({ lines: [xs(1), line('Y', 28000)], promotions: [offer, fr], customer: { isNew: true } }));
    expect(q.payFen).toBe(27990);
    expect(q.combination).toMatchObject({ newUser: null, fullReductionId: 'fr' });
    expect(q.notApplied).toEqual([expect.objectContaining({ sourceId: 'n1', code: 'NOT_BEST' })]);
  });

  it('the member price applies to the other units, not the new-user one', () => {
    const q = priceCart(input({ lines: [xs(2)], promotions: [offer], customer: { isNew: true, tier: 1 } }));
    // unit 1 at 9.90; unit 2: 2990 − ⌊2990 × 5%⌋ = 2990 − 149
    expect(q.payFen).toBe(990 + 2841);
    expect(q.discounts.map((d) => [d.kind, d.amountFen])).toEqual([
      ['new_user_price', 2000],
      ['member_price', 149],
    ]);
  });
});

describe('member tiers', () => {
  it('takes the tier percent off each eligible line (rounded down per line)', () => {
    const q = priceCart(input({ lines: [line('A', 333, 3), line('B', 1000, 1, { noMemberDiscount: true })], customer: { tier: 2 } }));
    expect(q.discounts).toEqual([
      { kind: 'member_price', sourceId: 'tier-2', step: 1, reason: '金卡会员价 9折', amountFen: 99, lineShares: [99, 0] },
    ]);
    expect(q.payFen).toBe(1900);
    // ⌊1900 fen → 19 yuan × 1 point × 150 %⌋ = 28
    expect(q.points.earned).toBe(28);
  });

  it('blocks member-only goods for lower tiers', () => {
    const lines = [line('A', 1000), line('VIP', 5000, 1, { minTier: 3 })];
    const low = priceCart(input({ lines, customer: { tier: 2 } }));
    expect(low.ok).toBe(false);
    expect(low.blocked).toEqual([{ lineIndex: 1, skuId: 'VIP-sku', goodsId: 'VIP', code: 'MEMBER_ONLY', requiredTier: 3 }]);
    const high = priceCart(input({ lines, customer: { tier: 3 } }));
    expect(high.ok).toBe(true);
    expect(high.blocked).toEqual([]);
  });

  it('is skipped when it would lose a 满减 (the engine picks the cheaper legal combination)', () => {
    // member: 30000 × 95% = 28500 < 300, no 满减 → 28500; without member: 27000.
    const q = priceCart(input({ lines: [line('A', 30000)], promotions: [fr], customer: { tier: 1 } }));
    expect(q.payFen).toBe(27000);
    expect(q.combination.memberPrice).toBe(false);
    expect(q.notApplied).toEqual([expect.objectContaining({ kind: 'member_price', code: 'NOT_BEST' })]);
  });
});

describe('points deduction', () => {
  const pts = (balance: number, unit = 10000, r = rules()) =>
    priceCart(input({ lines: [line('A', unit)], rules: r, customer: { pointsBalance: balance }, choice: { coupon: 'best', points: 'max' } }));

  it('is capped at the shop percentage of the order', () => {
    const q = pts(5000);
    expect(q.points).toMatchObject({ used: 1000, deductFen: 1000 });
    expect(q.payFen).toBe(9000);
    expect(q.discounts[0]).toMatchObject({ kind: 'points', reason: '积分抵扣（1000积分）', amountFen: 1000 });
  });

  it('is capped by the balance', () => {
    expect(pts(300)).toMatchObject({ payFen: 9700, points: { used: 300, deductFen: 300 } });
  });

  it('spends whole exchange steps only (150 points = 1 yuan → 3 points per 2 fen)', () => {
    const r = rules();
    r.points.deduction.pointsPerYuan = 150;
    expect(pts(100, 10000, r)).toMatchObject({ payFen: 9934, points: { used: 99, deductFen: 66 } });
  });

  it('is used by the engine when best, kept when the customer says none', () => {
    const best = priceCart(input({ lines: [line('A', 10000)], customer: { pointsBalance: 500 }, choice: { coupon: 'best', points: 'best' } }));
    expect(best.payFen).toBe(9500);
    const none = priceCart(input({ lines: [line('A', 10000)], customer: { pointsBalance: 500 }, choice: { coupon: 'best', points: 'none' } }));
    expect(none.payFen).toBe(10000);
    expect(none.notApplied).toEqual([expect.objectContaining({ kind: 'points', code: 'NOT_SELECTED' })]);
    expect(none.recommended.payFen).toBe(9500);
  });
});

describe('everything stacked, worked by hand', () => {
  it('member → 满减 → coupon → points, each spread by largest remainder', () => {
    const q = priceCart(
      input({
        lines: [line('A', 20000), line('B', 15000, 1, { categoryId: 'c2' })],
        promotions: [fr],
        customer: { tier: 1, pointsBalance: 1000, coupons: [coupon('c', { kind: 'threshold', thresholdFen: 20000, amountFen: 2000 })] },
        choice: { coupon: 'best', points: 'max' },
      }),
    );
    expect(q.discounts.map((d) => [d.kind, d.amountFen, d.lineShares])).toEqual([
      ['member_price', 1750, [1000, 750]], // 5 % of 20000 and 15000 → 19000, 14250
      ['full_reduction', 3000, [1714, 1286]], // 3000 × 19000/33250 = 1714.3, 3000 × 14250/33250 = 1285.7 → B's remainder is larger
      ['coupon', 2000, [1143, 857]], // over 17286 : 12964 → 1142.9, 857.1
      ['points', 1000, [571, 429]], // min(10 % of 28250, 1000 points) over 16143 : 12107 → 571.4, 428.6
    ]);
    expect(q.lines.map((l) => l.payFen)).toEqual([15572, 11678]);
    expect(q).toMatchObject({ goodsFen: 35000, discountFen: 7750, payFen: 27250, points: { used: 1000, deductFen: 1000, earned: 272 } });
    expect(q.lines[0].shares).toEqual([
      { kind: 'member_price', sourceId: 'tier-1', amountFen: 1000 },
      { kind: 'full_reduction', sourceId: 'fr', amountFen: 1714 },
      { kind: 'coupon', sourceId: 'c', amountFen: 1143 },
      { kind: 'points', sourceId: 'points', amountFen: 571 },
    ]);
    expect(q.notApplied).toEqual([]);
  });
});

describe('floors', () => {
  it('a line keeps its floor percent', () => {
    const q = priceCart(input({ lines: [line('A', 6000)], rules: rules({ lineFloorPercent: 50 }), customer: { coupons: [coupon('c', { kind: 'fixed', amountFen: 10000 })] } }));
    expect(q.payFen).toBe(3000);
    expect(q.lines[0]).toMatchObject({ floorFen: 3000, payFen: 3000 });
  });

  it('a line keeps its unit floor × quantity', () => {
    const q = priceCart(input({ lines: [line('A', 1000, 3, { floorUnitFen: 800 })], customer: { coupons: [coupon('c', { kind: 'fixed', amountFen: 1000 })] } }));
    expect(q.discounts[0].amountFen).toBe(600);
    expect(q.payFen).toBe(2400);
  });

  it('a payable order keeps at least 1 fen; free goods stay at 0', () => {
    const all = coupon('c', { kind: 'fixed', amountFen: 5000 });
    expect(priceCart(input({ lines: [line('A', 1000)], customer: { coupons: [all] } })).payFen).toBe(1);
    const free = priceCart(input({ lines: [line('A', 0, 2)], customer: { coupons: [all] } }));
    expect(free.payFen).toBe(0);
    expect(free.couponOptions[0]).toMatchObject({ usable: false, code: 'FLOOR_REACHED' });
  });

  it('a coupon that cannot take anything off after the 满减 is only usable instead of it', () => {
    const q = priceCart(
      input({ lines: [line('A', 10000)], promotions: [fullReduction('f', [{ thresholdFen: 10000, reduceFen: 1000 }])], rules: rules({ lineFloorPercent: 90 }), customer: { coupons: [coupon('c', { kind: 'fixed', amountFen: 500 })] } }),
    );
    expect(q.payFen).toBe(9000);
    expect(q.combination).toMatchObject({ fullReductionId: 'f', couponId: null });
    expect(q.notApplied).toEqual([expect.objectContaining({ sourceId: 'c', code: 'FLOOR_REACHED' })]);
    expect(q.couponOptions[0]).toMatchObject({ usable: true, valueFen: 500, payFen: 9500, recommended: false });
  });
});

describe('choosing and overriding', () => {
  const c1 = coupon('c1', { kind: 'fixed', amountFen: 500 });
  const c2 = coupon('c2', { kind: 'threshold', thresholdFen: 10000, amountFen: 1000 });
  const cart = [line('A', 10000)];

  it('picks the best coupon and lists the picker by what the customer would pay', () => {
    const q = priceCart(input({ lines: cart, customer: { coupons: [c1, c2] } }));
    expect(q.combination.couponId).toBe('c2');
    expect(q.couponOptions.map((o) => [o.couponId, o.usable, o.valueFen, o.payFen, o.recommended, o.selected])).toEqual([
      ['c2', true, 1000, 9000, true, true],
      ['c1', true, 500, 9500, false, false],
    ]);
    expect(q.notApplied).toEqual([expect.objectContaining({ sourceId: 'c1', code: 'ONE_PER_ORDER' })]);
  });

  it('honours the customer’s coupon, and still recommends the best', () => {
    const q = priceCart(input({ lines: cart, customer: { coupons: [c1, c2] }, choice: { coupon: { couponId: 'c1' }, points: 'none' } }));
    expect(q.payFen).toBe(9500);
    expect(q.recommended).toMatchObject({ payFen: 9000, combination: { couponId: 'c2' } });
    expect(q.notApplied).toEqual([expect.objectContaining({ sourceId: 'c2', code: 'NOT_SELECTED' })]);
    expect(q.ok).toBe(true);
  });

  it('no coupon when the customer says none', () => {
    const q = priceCart(input({ lines: cart, customer: { coupons: [c2] }, choice: { coupon: 'none', points: 'none' } }));
    expect(q.payFen).toBe(10000);
    expect(q.notApplied).toEqual([expect.objectContaining({ code: 'NOT_SELECTED' })]);
  });

  it('among equal coupons uses the one expiring first', () => {
    const later = coupon('a-later', { kind: 'fixed', amountFen: 500 }, { validUntil: NOW + 9 * DAY });
    const sooner = coupon('z-sooner', { kind: 'fixed', amountFen: 500 }, { validUntil: NOW + 2 * DAY });
    expect(priceCart(input({ lines: cart, customer: { coupons: [later, sooner] } })).combination.couponId).toBe('z-sooner');
  });

  it('on a tie keeps the coupon and uses points', () => {
    const q = priceCart(
      input({
        lines: cart,
        rules: rules({ lineFloorPercent: 90 }),
        customer: { pointsBalance: 1000, coupons: [coupon('c', { kind: 'fixed', amountFen: 1000 })] },
        choice: { coupon: 'best', points: 'best' },
      }),
    );
    expect(q.payFen).toBe(9000);
    expect(q.combination).toMatchObject({ couponId: null, usePoints: true });
  });

  it('refuses other people’s, unknown, used, locked, expired and future coupons with their code', () => {
    const bad = [
      coupon('other', { kind: 'fixed', amountFen: 100 }, { openid: 'o-someone-else' }),
      coupon('used', { kind: 'fixed', amountFen: 100 }, { status: 'used' }),
      coupon('locked', { kind: 'fixed', amountFen: 100 }, { status: 'locked' }),
      coupon('expired', { kind: 'fixed', amountFen: 100 }, { validUntil: NOW }),
      coupon('future', { kind: 'fixed', amountFen: 100 }, { validFrom: NOW + 1 }),
    ];
    const q = priceCart(input({ lines: cart, customer: { coupons: bad } }));
    expect(Object.fromEntries(q.couponOptions.map((o) => [o.couponId, o.code]))).toEqual({
      other: 'NOT_OWNER',
      used: 'USED',
      locked: 'LOCKED',
      expired: 'EXPIRED',
      future: 'NOT_STARTED',
    });
    for (const [id, code] of [['other', 'NOT_OWNER'], ['nope', 'NOT_OWNER'], ['expired', 'EXPIRED']] as const) {
      const chosen = priceCart(input({ lines: cart, customer: { coupons: bad }, choice: { coupon: { couponId: id }, points: 'none' } }));
      expect(chosen).toMatchObject({ ok: false, payFen: 10000, choiceProblem: { couponId: id, code }, combination: { couponId: null } });
    }
  });

  it('refuses a chosen coupon the cart does not reach', () => {
    const q = priceCart(input({ lines: [line('A', 5000)], customer: { coupons: [c2] }, choice: { coupon: { couponId: 'c2' }, points: 'none' } }));
    expect(q.choiceProblem).toEqual({ couponId: 'c2', code: 'BELOW_THRESHOLD', message: '未达到使用门槛' });
  });
});

describe('input checks', () => {
  it('throws on non-integer money and bad quantities or percentages', () => {
    expect(() => priceCart(input({ lines: [line('A', 10.5)] }))).toThrow(TypeError);
    expect(() => priceCart(input({ lines: [line('A', 100, 0)] }))).toThrow(RangeError);
    expect(() => priceCart(input({ rules: rules({ lineFloorPercent: 101 }) }))).toThrow(RangeError);
    expect(() => priceCart(input({ customer: { coupons: [coupon('c', { kind: 'percentage', percentOff: 100 })] } }))).toThrow(RangeError);
  });

  it('prices an empty cart at 0', () => {
    expect(priceCart(input())).toMatchObject({ goodsFen: 0, payFen: 0, discounts: [], ok: true });
  });
});
