/** Builders for pricing specs. Test-only. */
import type { CouponBenefit, OwnedCoupon } from '../../../../typings/marketing/coupon';
import type { MemberTierDef } from '../../../../typings/marketing/member';
import type { PricingInput, PricingLine, ShopPricingRules } from '../../../../typings/marketing/pricing';
import type { FullReductionPromotion, NewUserOffer, ThresholdTier } from '../../../../typings/marketing/promotion';
import type { Scope } from '../../../../typings/marketing/scope';

export const NOW = 1_750_000_000_000;
export const DAY = 86_400_000;
export const ME = 'o-me';

export const TIERS: MemberTierDef[] = [
  { tier: 1, name: '银卡', percentOff: 5, pointsMultiplierPercent: 100 },
  { tier: 2, name: '金卡', percentOff: 10, pointsMultiplierPercent: 150 },
  { tier: 3, name: '钻石', percentOff: 15, pointsMultiplierPercent: 200 },
];

export function rules(overrides: Partial<ShopPricingRules> = {}): ShopPricingRules {
  return {
    tiers: TIERS,
    points: {
      deduction: { enabled: true, pointsPerYuan: 100, maxPercentOfOrder: 10 },
      earning: { pointsPerYuan: 1, expiresAfterDays: 365 },
    },
    lineFloorPercent: 0,
    ...overrides,
  };
}

export function line(goodsId: string, unitPriceFen: number, quantity = 1, overrides: Partial<PricingLine> = {}): PricingLine {
  return { skuId: `${goodsId}-sku`, goodsId, categoryId: 'c1', unitPriceFen, quantity, ...overrides };
}

export function coupon(id: string, benefit: CouponBenefit, overrides: Partial<OwnedCoupon> = {}): OwnedCoupon {
  return {
    _id: id,
    templateId: `t-${id}`,
    openid: ME,
    title: `券${id}`,
    benefit,
    scope: { type: 'shop' },
    validFrom: NOW - DAY,
    validUntil: NOW + 7 * DAY,
    status: 'available',
    source: 'claim',
    issuedAt: NOW - DAY,
    ...overrides,
  };
}

export function fullReduction(id: string, tiers: ThresholdTier[], scope: Scope = { type: 'shop' }, overrides: Partial<FullReductionPromotion> = {}): FullReductionPromotion {
  return { _id: id, kind: 'full_reduction', title: `满减${id}`, scope, tiers, startsAt: NOW - DAY, endsAt: NOW + DAY, enabled: true, ...overrides };
}

export function newUserOffer(id: string, items: NewUserOffer['items'], overrides: Partial<NewUserOffer> = {}): NewUserOffer {
  return { _id: id, kind: 'new_user_price', title: `新人${id}`, items, startsAt: NOW - DAY, endsAt: NOW + DAY, enabled: true, ...overrides };
}

export function input(overrides: Omit<Partial<PricingInput>, 'customer'> & { customer?: Partial<PricingInput['customer']> } = {}): PricingInput {
  const { customer, ...rest } = overrides;
  return {
    lines: [],
    promotions: [],
    rules: rules(),
    choice: { coupon: 'best', points: 'none' },
    now: NOW,
    ...rest,
    customer: { openid: ME, tier: 0, isNew: false, pointsBalance: 0, coupons: [], ...customer },
  };
}
