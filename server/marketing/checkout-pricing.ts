/**
 * The pricing engine wired into the checkout quote (server/orders/checkout.ts): loads the caller's coupons, the
 * active promotions and the caller's member account (3 reads in parallel; + 2 more, in parallel, only when a
 * new-user offer is active: is the customer new?) and gives the quote a DiscountEngine plus the engine's full answer.
 * The shop's pricing rules (tiers, points, line floor) come with the settings document the checkout reads anyway
 * (server/orders/order-settings.ts `pricing`): no read of their own. Tier and points balance come from
 * `members/<openid>` (server/member), never from the client.
 */
import type { CheckoutQuote, QuotePricing } from '@typings/api/order';
import type { OwnedCoupon } from '@typings/marketing/coupon';
import type { CouponChoice, PointsChoice, PricedQuote, ShopPricingRules } from '@typings/marketing/pricing';
import type { Promotion } from '@typings/marketing/promotion';
import type { MemberTier } from '@typings/marketing/member';
import type { GoodsDoc } from '@typings/shop/catalogue';
import type { Quote } from '@typings/shop/checkout';
import { spendableNow } from '../domain/member/member-account';
import { type GoodsPricingFacts, pricingDiscountEngine } from '../domain/pricing/discount-engine';
import type { DiscountEngine } from '../domain/quote';
import type { Database } from '../lib/cloud';
import { orEmpty } from '../lib/collections';
import { docsOf } from '../notify/db-results';
import { loadMember } from '../member/member-store';
import { USER_COUPONS } from './coupon-store';
import { isNewCustomer, loadActivePromotions } from './promotion-store';

/** The rules of a shop that set none (server/domain/member/pricing-rules.ts). */
export { DEFAULT_PRICING_RULES } from '../domain/member/pricing-rules';

/** The caller's coupons that may matter at checkout (available or locked; at most 100, soonest to expire first). */
export async function loadCheckoutCoupons(db: Database, openid: string): Promise<OwnedCoupon[]> {
  const _ = db.command;
  return orEmpty(() =>
    docsOf<OwnedCoupon>(db.collection(USER_COUPONS).where({ openid, status: _.in(['available', 'locked']) }).orderBy('validUntil', 'asc').limit(100)),
  );
}

export interface CheckoutMarketing {
  coupons: OwnedCoupon[];
  promotions: Promotion[];
  isNew: boolean;
  /** From `members/<openid>`: the tier and the points spendable now. */
  member: { tier: MemberTier; pointsBalance: number };
}

/** What the engine needs to know about the caller and the shop's promotions. */
export async function loadCheckoutMarketing(db: Database, openid: string, now: number): Promise<CheckoutMarketing> {
  const [coupons, promotions, account] = await Promise.all([
    loadCheckoutCoupons(db, openid),
    loadActivePromotions(db, now),
    loadMember(db, openid, now),
  ]);
  const isNew = promotions.some((p) => p.kind === 'new_user_price') ? await isNewCustomer(db, openid) : false;
  return { coupons, promotions, isNew, member: { tier: account.tier, pointsBalance: spendableNow(account, now) } };
}

/** The engine's facts of the goods: category, member-only tier, member price exclusion. */
export function checkoutGoodsFacts(goods: readonly Pick<GoodsDoc, '_id' | 'categoryId' | 'minTier' | 'noMemberDiscount'>[]): Map<string, GoodsPricingFacts> {
  return new Map(
    goods.map((g) => [
      g._id,
      { categoryId: g.categoryId, ...(g.minTier ? { minTier: g.minTier } : {}), ...(g.noMemberDiscount ? { noMemberDiscount: true } : {}) },
    ]),
  );
}

export interface CheckoutPricing {
  engine: DiscountEngine;
  /** The engine's answer, once the quote was built. */
  priced(): PricedQuote | undefined;
}

export function checkoutPricing(opts: CheckoutMarketing & {
  openid: string;
  choice: CouponChoice;
  /** Absent = 'none'. */
  points?: PointsChoice;
  rules: ShopPricingRules;
  goods: readonly Pick<GoodsDoc, '_id' | 'categoryId' | 'minTier' | 'noMemberDiscount'>[];
}): CheckoutPricing {
  let priced: PricedQuote | undefined;
  const engine = pricingDiscountEngine({
    customer: { openid: opts.openid, tier: opts.member.tier, isNew: opts.isNew, pointsBalance: opts.member.pointsBalance, coupons: opts.coupons },
    promotions: opts.promotions,
    rules: opts.rules,
    choice: { coupon: opts.choice, points: opts.points ?? 'none' },
    goods: checkoutGoodsFacts(opts.goods),
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
    points: priced.points,
    blocked: priced.blocked,
  };
}

export function withPricing(quote: Quote, priced: PricedQuote | undefined): CheckoutQuote {
  return priced ? { ...quote, pricing: quotePricing(priced) } : quote;
}
