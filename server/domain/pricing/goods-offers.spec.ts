/** The goods page's offers for one caller: the same prices the engine charges for one unit, locks and 满减 tags. */
import fc from 'fast-check';
import type { MemberTier } from '../../../typings/marketing/member';
import { fullReductionsFor, goodsOffers, unitMemberPriceFen, unitNewUserPriceFen } from './goods-offers';
import { priceCart } from './price-cart';
import { fullReduction, input, line, newUserOffer, NOW, DAY, rules, TIERS } from './__fixtures__/pricing';

const goods = { _id: 'A', categoryId: 'c1' };
const sku = { _id: 'A-sku', priceFen: 1800 };

describe('unitMemberPriceFen', () => {
  it('takes the tier percentOff off one unit, rounded in the customer’s favour like the engine (⌊⌋ of the discount)', () => {
    expect(unitMemberPriceFen(goods, sku, rules(), TIERS[0])).toBe(1710); // 银卡 95折
    expect(unitMemberPriceFen(goods, sku, rules(), TIERS[1])).toBe(1620);
    expect(unitMemberPriceFen(goods, { _id: 'x', priceFen: 999 }, rules(), TIERS[0])).toBe(950); // 999 − ⌊49.95⌋
  });

  it('is absent for tier 0, a goods excluded from the member price, and a 0 % tier', () => {
    expect(unitMemberPriceFen(goods, sku, rules(), undefined)).toBeUndefined();
    expect(unitMemberPriceFen({ ...goods, noMemberDiscount: true }, sku, rules(), TIERS[1])).toBeUndefined();
    expect(unitMemberPriceFen(goods, sku, rules(), { ...TIERS[0], percentOff: 0 })).toBeUndefined();
  });

  it('keeps the shop line floor', () => {
    // floor 95 % of 1800 = 1710: 金卡's 10 % is cut to 5 %
    expect(unitMemberPriceFen(goods, sku, rules({ lineFloorPercent: 95 }), TIERS[1])).toBe(1710);
    expect(unitMemberPriceFen(goods, sku, rules({ lineFloorPercent: 100 }), TIERS[1])).toBeUndefined();
  });

  it('is what checkout charges for one unit with the member price (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom<MemberTier>(0, 1, 2, 3),
        fc.integer({ min: 0, max: 100 }),
        fc.boolean(),
        (priceFen, tier, floor, excluded) => {
          const r = rules({ lineFloorPercent: floor });
          const shown = unitMemberPriceFen({ ...goods, noMemberDiscount: excluded }, { _id: 'A-sku', priceFen }, r, TIERS.find((t) => t.tier === tier));
          const charged = priceCart(input({ rules: r, lines: [line('A', priceFen, 1, excluded ? { noMemberDiscount: true } : {})], customer: { tier } })).payFen;
          expect(shown ?? priceFen).toBe(charged);
        },
      ),
    );
  });
});

describe('unitNewUserPriceFen', () => {
  const offer = newUserOffer('nu', [{ goodsId: 'A', priceFen: 990 }]);

  it('is the zone price for a new customer, absent for one who is not new', () => {
    expect(unitNewUserPriceFen(goods, sku, rules(), [offer], true, NOW)).toEqual({ offerId: 'nu', priceFen: 990 });
    expect(unitNewUserPriceFen(goods, sku, rules(), [offer], false, NOW)).toBeUndefined();
  });

  it('a SKU-level price wins over the goods-level one; an offer not lowering the price, ended or off is absent', () => {
    const bySku = newUserOffer('nu', [
      { goodsId: 'A', priceFen: 990 },
      { goodsId: 'A', skuId: 'A-sku', priceFen: 1200 },
    ]);
    expect(unitNewUserPriceFen(goods, sku, rules(), [bySku], true, NOW)?.priceFen).toBe(1200);
    expect(unitNewUserPriceFen(goods, sku, rules(), [newUserOffer('x', [{ goodsId: 'A', priceFen: 1800 }])], true, NOW)).toBeUndefined();
    expect(unitNewUserPriceFen(goods, sku, rules(), [newUserOffer('x', [{ goodsId: 'A', priceFen: 990 }], { endsAt: NOW })], true, NOW)).toBeUndefined();
    expect(unitNewUserPriceFen(goods, sku, rules(), [newUserOffer('x', [{ goodsId: 'A', priceFen: 990 }], { enabled: false })], true, NOW)).toBeUndefined();
  });

  it('is raised to the line floor, as checkout does', () => {
    expect(unitNewUserPriceFen(goods, sku, rules({ lineFloorPercent: 60 }), [offer], true, NOW)?.priceFen).toBe(1080);
  });

  it('is what checkout charges a new customer for one unit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100 }), (priceFen, zone, floor) => {
        const r = rules({ lineFloorPercent: floor });
        const o = newUserOffer('nu', [{ goodsId: 'A', priceFen: zone }]);
        const shown = unitNewUserPriceFen(goods, { _id: 'A-sku', priceFen }, r, [o], true, NOW);
        const charged = priceCart(input({ rules: r, promotions: [o], lines: [line('A', priceFen)], customer: { isNew: true } })).payFen;
        expect(shown?.priceFen ?? priceFen).toBe(charged);
      }),
    );
  });
});

describe('fullReductionsFor', () => {
  const tiers = [
    { thresholdFen: 20000, reduceFen: 3000 },
    { thresholdFen: 10000, reduceFen: 1000 },
  ];

  it('lists live promotions whose scope covers the goods, steps lowest first', () => {
    const promos = [
      fullReduction('shop', tiers),
      fullReduction('cat', [{ thresholdFen: 5000, reduceFen: 500 }], { type: 'categories', categoryIds: ['c1'] }),
      fullReduction('other-cat', tiers, { type: 'categories', categoryIds: ['c2'] }),
      fullReduction('goods', tiers, { type: 'goods', goodsIds: ['A'] }),
      fullReduction('other-goods', tiers, { type: 'goods', goodsIds: ['B'] }),
      fullReduction('ended', tiers, { type: 'shop' }, { endsAt: NOW }),
      fullReduction('later', tiers, { type: 'shop' }, { startsAt: NOW + DAY }),
      fullReduction('off', tiers, { type: 'shop' }, { enabled: false }),
      newUserOffer('nu', [{ goodsId: 'A', priceFen: 1 }]),
    ];
    expect(fullReductionsFor(goods, promos, 0, NOW)).toEqual([
      { promotionId: 'cat', title: '满减cat', texts: ['满50减5'] },
      { promotionId: 'goods', title: '满减goods', texts: ['满100减10', '满200减30'] },
      { promotionId: 'shop', title: '满减shop', texts: ['满100减10', '满200减30'] },
    ]);
  });

  it('leaves out a members-only promotion for a lower tier', () => {
    const gold = fullReduction('gold', tiers, { type: 'shop' }, { minTier: 2 });
    expect(fullReductionsFor(goods, [gold], 1, NOW)).toEqual([]);
    expect(fullReductionsFor(goods, [gold], 2, NOW).map((p) => p.promotionId)).toEqual(['gold']);
  });
});

describe('goodsOffers', () => {
  const skus = [sku, { _id: 'A-big', priceFen: 2200 }];

  it('a tier-1 caller: member prices per SKU, the tier name', () => {
    const o = goodsOffers({ goods, skus, rules: rules(), promotions: [], tier: 1, isNew: false, now: NOW });
    expect(o).toMatchObject({ tier: 1, tierName: '银卡', memberOnly: null, fullReductions: [] });
    expect([...o.memberPrices]).toEqual([
      ['A-sku', 1710],
      ['A-big', 2090],
    ]);
    expect(o.newUserPrices.size).toBe(0);
  });

  it('member-only goods: the lock says which tier and whether the caller may buy', () => {
    const gold = { ...goods, minTier: 2 as const };
    const at = (tier: MemberTier) => goodsOffers({ goods: gold, skus, rules: rules(), promotions: [], tier, isNew: false, now: NOW }).memberOnly;
    expect(at(0)).toEqual({ minTier: 2, tierName: '金卡', allowed: false });
    expect(at(1)).toEqual({ minTier: 2, tierName: '金卡', allowed: false });
    expect(at(2)).toEqual({ minTier: 2, tierName: '金卡', allowed: true });
    expect(at(3)).toEqual({ minTier: 2, tierName: '金卡', allowed: true });
    expect(goodsOffers({ goods: gold, skus, rules: rules({ tiers: [] }), promotions: [], tier: 0, isNew: false, now: NOW }).memberOnly?.tierName).toBe('2 级会员');
  });

  it('a new caller gets the new-user price of the listed SKU only', () => {
    const offer = newUserOffer('nu', [{ goodsId: 'A', skuId: 'A-big', priceFen: 990 }]);
    const o = goodsOffers({ goods, skus, rules: rules(), promotions: [offer], tier: 0, isNew: true, now: NOW });
    expect([...o.newUserPrices]).toEqual([['A-big', { offerId: 'nu', priceFen: 990 }]]);
    expect(o.memberPrices.size).toBe(0);
  });
});
