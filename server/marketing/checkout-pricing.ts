/**
 * The pricing engine wired into the checkout quote (server/orders/checkout.ts): loads the caller's coupons and the
 * active promotions (2 reads in parallel; + 2 more, in parallel, only when a new-user offer is active: is the
 * customer new?) and gives the quote a DiscountEngine plus the engine's full answer.
 *
 * Not yet loaded (the engine gets defaults): member tier (0), points balance (0) and the shop's pricing rules
 * (DEFAULT_PRICING_RULES: no tiers, no points, no line floor).
 */
import type { CheckoutQuote, QuotePricing } from '@typings/api/order';
import type { OwnedCoupon } from '@typings/marketing/coupon';
import type { CouponChoice, PricedQuote, ShopPricingRules } from '@typings/marketing/pricing';
import type { Promotion } from '@typings/marketing/promotion';
import type { GoodsDoc } from '@typings/shop/catalogue';
import type { Quote } from '@typings/shop/checkout';
import { goodsPricingFacts, pricingDiscountEngine } from '../domain/pricing/discount-engine';
import type { DiscountEngine } from '../domain/quote';
import type { Database } from '../lib/cloud';
import { isCollectionMissing } from '../lib/collections';
import { docsOf } from '../notify/db-results';
import { USER_COUPONS } from './coupon-store';
import { isNewCustomer, loadActivePromotions } from './promotion-store';

export const DEFAULT_PRICING_RULES: ShopPricingRules = {
  tiers: [],
  points: {
    deduction: { enabled: false, pointsPerYuan: 100, maxPercentOfOrder: 0 },
    earning: { pointsPerYuan: 0, expiresAfterDays: null },
  },
  lineFloorPercent: 0,
};

/** The caller's coupons that may matter at checkout (available or locked; at most 100, soonest to expire first). */
export async function loadCheckoutCoupons(db: Database, openid: string): Promise<OwnedCoupon[]> {
  const _ = db.command;
  try {
    return await docsOf<OwnedCoupon>(
      db.collection(USER_COUPONS).where({ openid, status: _.in(['available', 'locked']) }).orderBy('validUntil', 'asc').limit(100),
    );
  } catch (e) {
    if (isCollectionMissing(e)) return [];
    throw e;
  }
}

export interface CheckoutMarketing {
  coupons: OwnedCoupon[];
  promotions: Promotion[];
  isNew: boolean;
}

/** What the engine needs to know about the caller and the shop's promotions. */
export async function loadCheckoutMarketing(db: Database, openid: string, now: number): Promise<CheckoutMarketing> {
  const [coupons, promotions] = await Promise.all([loadCheckoutCoupons(db, openid), loadActivePromotions(db, now)]);
  const isNew = promotions.some((p) => p.kind === 'new_user_price') ? await isNewCustomer(db, openid) : false;
  return { coupons, promotions, isNew };
}

export interface CheckoutPricing {
  engine: DiscountEngine;
  /** The engine's answer, once the quote was built. */
  priced(): PricedQuote | undefined;
}

export function checkoutPricing(opts: CheckoutMarketing & {
  openid: string;
  choice: CouponChoice;
  goods: readonly Pick<GoodsDoc, '_id' | 'categoryId'>[];
}): CheckoutPricing {
  let priced: PricedQuote | undefined;
  const engine = pricingDiscountEngine({
    customer: { openid: opts.openid, tier: 0, isNew: opts.isNew, pointsBalance: 0, coupons: opts.coupons },
    promotions: opts.promotions,
    rules: DEFAULT_PRICING_RULES,
    choice: { coupon: opts.choice, points: 'none' },
    goods: goodsPricingFacts(opts.goods),
    onPriced: (q) => (priced = q),
  });
  return { engine, priced: () => priced };
}

/** What checkout.quote adds for the coupon picker. */
export function quotePricing(priced: PricedQuote): QuotePricing {
  return {
    couponId: priced.combination.couponId,
    discounts: priced.discounts,
    couponOptions: priced.couponOptions,
    notApplied: priced.notApplied,
    choiceProblem: priced.choiceProblem,
  };
}

export function withPricing(quote: Quote, priced: PricedQuote | undefined): CheckoutQuote {
  return priced ? { ...quote, pricing: quotePricing(priced) } : quote;
}
