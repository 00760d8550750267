/** fast-check generators of small but varied pricing inputs. Test-only. */
import fc from 'fast-check';
import type { CouponBenefit, OwnedCoupon } from '../../../../typings/marketing/coupon';
import type { MemberTier } from '../../../../typings/marketing/member';
import type { PricingChoice, PricingInput, PricingLine } from '../../../../typings/marketing/pricing';
import type { FullReductionPromotion, NewUserOffer, Promotion } from '../../../../typings/marketing/promotion';
import type { Scope } from '../../../../typings/marketing/scope';
import { DAY, ME, NOW, TIERS } from './pricing';

const GOODS = ['g1', 'g2', 'g3', 'g4'];
const CATS = ['c1', 'c2', 'c3'];

/** undefined three times in four. */
function sometimes<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

const window = fc.constantFrom<[number, number]>(
  [NOW - DAY, NOW + DAY],
  [NOW - DAY, NOW + DAY],
  [NOW - DAY, NOW + DAY],
  [NOW + 1, NOW + DAY],
  [NOW - DAY, NOW],
);

export const arbScope: fc.Arbitrary<Scope> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Scope>({ type: 'shop' }) },
  { weight: 1, arbitrary: fc.subarray(CATS, { minLength: 1 }).map((categoryIds): Scope => ({ type: 'categories', categoryIds })) },
  { weight: 1, arbitrary: fc.subarray(GOODS, { minLength: 1 }).map((goodsIds): Scope => ({ type: 'goods', goodsIds })) },
);

export const arbLine: fc.Arbitrary<PricingLine> = fc
  .record({
    goodsId: fc.constantFrom(...GOODS),
    sku: fc.constantFrom('a', 'b'),
    categoryId: fc.constantFrom(...CATS),
    unitPriceFen: fc.oneof(fc.integer({ min: 0, max: 30000 }), fc.constantFrom(1, 100, 9900, 15000)),
    quantity: fc.integer({ min: 1, max: 4 }),
    floorUnitFen: sometimes(fc.integer({ min: 0, max: 6000 })),
    noMemberDiscount: fc.constantFrom(false, false, false, true),
  })
  .map(({ sku, floorUnitFen, noMemberDiscount, ...l }) => ({
    ...l,
    skuId: `${l.goodsId}-${sku}`,
    ...(floorUnitFen !== undefined ? { floorUnitFen } : {}),
    ...(noMemberDiscount ? { noMemberDiscount } : {}),
  }));

const arbFullReduction = (id: string): fc.Arbitrary<FullReductionPromotion> =>
  fc
    .record({
      scope: arbScope,
      tiers: fc.array(fc.record({ thresholdFen: fc.integer({ min: 0, max: 60000 }), reduceFen: fc.integer({ min: 0, max: 9000 }) }), {
        minLength: 1,
        maxLength: 3,
      }),
      window,
      enabled: fc.constantFrom(true, true, true, false),
      minTier: sometimes(fc.constantFrom<1 | 2 | 3>(1, 2, 3)),
    })
    .map(({ window: [startsAt, endsAt], minTier, ...r }) => ({
      _id: id,
      kind: 'full_reduction' as const,
      title: id,
      startsAt,
      endsAt,
      ...(minTier !== undefined ? { minTier } : {}),
      ...r,
    }));

const arbNewUser = (id: string): fc.Arbitrary<NewUserOffer> =>
  fc
    .record({
      items: fc.array(
        fc.record({ goodsId: fc.constantFrom(...GOODS), sku: fc.constantFrom(undefined, 'a', 'b'), priceFen: fc.integer({ min: 0, max: 20000 }) }),
        { minLength: 1, maxLength: 3 },
      ),
      window,
      enabled: fc.constantFrom(true, true, true, false),
    })
    .map(({ items, window: [startsAt, endsAt], enabled }) => ({
      _id: id,
      kind: 'new_user_price' as const,
      title: id,
      items: items.map(({ goodsId, sku, priceFen }) => ({ goodsId, priceFen, ...(sku ? { skuId: `${goodsId}-${sku}` } : {}) })),
      startsAt,
      endsAt,
      enabled,
    }));

export const arbPromotions: fc.Arbitrary<Promotion[]> = fc
  .tuple(fc.array(fc.boolean(), { maxLength: 3 }))
  .chain(([kinds]) => fc.tuple(...kinds.map((isNewUser, i) => (isNewUser ? arbNewUser(`n${i}`) : arbFullReduction(`f${i}`))) as fc.Arbitrary<Promotion>[]));

const arbBenefit: fc.Arbitrary<CouponBenefit> = fc.oneof(
  fc.integer({ min: 0, max: 8000 }).map((amountFen): CouponBenefit => ({ kind: 'fixed', amountFen })),
  fc
    .record({
      percentOff: fc.integer({ min: 1, max: 99 }),
      capFen: fc.option(fc.integer({ min: 0, max: 8000 }), { nil: undefined }),
      minSpendFen: fc.option(fc.integer({ min: 0, max: 40000 }), { nil: undefined }),
    })
    .map(({ capFen, minSpendFen, percentOff }): CouponBenefit => ({
      kind: 'percentage',
      percentOff,
      ...(capFen !== undefined ? { capFen } : {}),
      ...(minSpendFen !== undefined ? { minSpendFen } : {}),
    })),
  fc
    .record({ thresholdFen: fc.integer({ min: 0, max: 50000 }), amountFen: fc.integer({ min: 0, max: 8000 }) })
    .map((r): CouponBenefit => ({ kind: 'threshold', ...r })),
);

const arbCoupon = (id: string): fc.Arbitrary<OwnedCoupon> =>
  fc
    .record({
      benefit: arbBenefit,
      scope: arbScope,
      window,
      status: fc.constantFrom<OwnedCoupon['status']>('available', 'available', 'available', 'available', 'locked', 'used', 'expired'),
      openid: fc.constantFrom(ME, ME, ME, ME, 'o-other'),
      validUntilShift: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ window: [validFrom, validUntil], validUntilShift, ...r }) => ({
      _id: id,
      templateId: `t-${id}`,
      title: id,
      validFrom,
      validUntil: validUntil + validUntilShift,
      source: 'claim' as const,
      issuedAt: NOW - DAY,
      ...r,
    }));

export const arbCoupons: fc.Arbitrary<OwnedCoupon[]> = fc
  .integer({ min: 0, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbCoupon(`k${i}`))));

export const arbChoice = (couponIds: readonly string[]): fc.Arbitrary<PricingChoice> =>
  fc.record({
    coupon: fc.oneof(
      fc.constant<'best'>('best'),
      fc.constant<'none'>('none'),
      fc.constantFrom(...couponIds, 'unknown').map((couponId) => ({ couponId })),
    ),
    points: fc.constantFrom<PricingChoice['points']>('best', 'none', 'max'),
  });

export const arbInput: fc.Arbitrary<PricingInput> = fc
  .record({
    lines: fc.array(arbLine, { minLength: 1, maxLength: 4 }),
    promotions: arbPromotions,
    coupons: arbCoupons,
    tier: fc.constantFrom<MemberTier>(0, 1, 2, 3),
    isNew: fc.boolean(),
    pointsBalance: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5000 })),
    lineFloorPercent: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 })),
    deduction: fc.record({
      enabled: fc.constantFrom(true, true, false),
      pointsPerYuan: fc.constantFrom(1, 10, 100, 150, 1000),
      maxPercentOfOrder: fc.integer({ min: 0, max: 100 }),
    }),
    earnPerYuan: fc.integer({ min: 0, max: 3 }),
  })
  .chain((r) =>
    arbChoice(r.coupons.map((c) => c._id)).map(
      (choice): PricingInput => ({
        lines: r.lines,
        promotions: r.promotions,
        customer: { openid: ME, tier: r.tier, isNew: r.isNew, pointsBalance: r.pointsBalance, coupons: r.coupons },
        rules: {
          tiers: TIERS,
          points: { deduction: r.deduction, earning: { pointsPerYuan: r.earnPerYuan, expiresAfterDays: null } },
          lineFloorPercent: r.lineFloorPercent,
        },
        choice,
        now: NOW,
      }),
    ),
  );
