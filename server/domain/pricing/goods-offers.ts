/**
 * What the goods page tells one customer before checkout: the member price of each SKU for their tier, the
 * member-only lock, the new-user price when they are new, and the 满减 promotions that cover the goods. Pure.
 *
 * Prices come from the engine's own step-1 code on a one-unit line (lineFacts / memberPriceShares /
 * newUserCandidates / applyNewUserPrice), so the page shows what checkout charges for one unit — never a second
 * formula. The checkout still decides every order on its own (a page may be stale).
 */
import type { MemberTier, MemberTierDef, PaidTier } from '../../../typings/marketing/member';
import type { ShopPricingRules } from '../../../typings/marketing/pricing';
import type { FullReductionPromotion, NewUserOffer, Promotion } from '../../../typings/marketing/promotion';
import type { EpochMs, Fen } from '../../../typings/shop/common';
import { initialState, lineFacts } from './cart-state';
import { inScope, tierDef, windowCode } from './eligibility';
import { applyNewUserPrice, memberPriceShares, newUserCandidates, offerLive } from './price-step';
import { thresholdText } from './texts';

export interface OfferGoods {
  _id: string;
  categoryId: string;
  minTier?: PaidTier;
  noMemberDiscount?: boolean;
}

export interface OfferSku {
  _id: string;
  priceFen: Fen;
}

/** The one-unit line of a SKU, with the shop's line floor. */
function unitFacts(goods: OfferGoods, sku: OfferSku, rules: ShopPricingRules) {
  return lineFacts(
    [
      {
        skuId: sku._id,
        goodsId: goods._id,
        categoryId: goods.categoryId,
        unitPriceFen: sku.priceFen,
        quantity: 1,
        ...(goods.minTier ? { minTier: goods.minTier } : {}),
        ...(goods.noMemberDiscount ? { noMemberDiscount: true } : {}),
      },
    ],
    rules.lineFloorPercent,
  );
}

/** One unit's member price for a tier (undefined when the tier takes nothing off: tier 0, excluded goods, floor). */
export function unitMemberPriceFen(goods: OfferGoods, sku: OfferSku, rules: ShopPricingRules, def: MemberTierDef | undefined): Fen | undefined {
  if (!def || def.percentOff <= 0) return undefined;
  const share = memberPriceShares(initialState(unitFacts(goods, sku, rules)), def)[0];
  return share > 0 ? sku.priceFen - share : undefined;
}

/** One unit's new-user price for a new customer (undefined when no live offer lowers it, or the customer is not new). */
export function unitNewUserPriceFen(
  goods: OfferGoods,
  sku: OfferSku,
  rules: ShopPricingRules,
  offers: readonly NewUserOffer[],
  isNew: boolean,
  now: EpochMs,
): { offerId: string; priceFen: Fen } | undefined {
  const facts = unitFacts(goods, sku, rules);
  const [candidate] = newUserCandidates(facts, offers, isNew, now);
  if (!candidate) return undefined;
  const priced = applyNewUserPrice(initialState(facts), candidate);
  if (!priced) return undefined;
  return { offerId: candidate.offerId, priceFen: priced.pay[0] };
}

/** Live new-user offers that list this goods (any SKU): only then does "is the customer new" need to be read. */
export function newUserOffersFor(goodsId: string, promotions: readonly Promotion[], now: EpochMs): NewUserOffer[] {
  return promotions.filter(
    (p): p is NewUserOffer => p.kind === 'new_user_price' && offerLive(p, now) && p.items.some((it) => it.goodsId === goodsId),
  );
}

export interface FullReductionTag {
  promotionId: string;
  title: string;
  /** Its tiers, lowest threshold first: `满100减10`. */
  texts: string[];
}

/** Live 满减 promotions whose scope covers the goods and whose tier condition the customer meets, by id. */
export function fullReductionsFor(goods: OfferGoods, promotions: readonly Promotion[], tier: MemberTier, now: EpochMs): FullReductionTag[] {
  return promotions
    .filter(
      (p): p is FullReductionPromotion =>
        p.kind === 'full_reduction' &&
        p.enabled &&
        windowCode(p.startsAt, p.endsAt, now) === null &&
        (p.minTier === undefined || tier >= p.minTier) &&
        inScope(p.scope, { goodsId: goods._id, categoryId: goods.categoryId }),
    )
    .sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
    .map((p) => ({
      promotionId: p._id,
      title: p.title,
      texts: [...p.tiers]
        .filter((t) => t.reduceFen > 0)
        .sort((a, b) => a.thresholdFen - b.thresholdFen)
        .map((t) => thresholdText(t.thresholdFen, t.reduceFen)),
    }))
    .filter((t) => t.texts.length > 0);
}

/** The name of a tier in the shop's rules (`2 级会员` when the shop does not name it). */
export function tierName(rules: ShopPricingRules, tier: PaidTier): string {
  return rules.tiers.find((t) => t.tier === tier)?.name ?? `${tier} 级会员`;
}

export interface GoodsOffersInput {
  goods: OfferGoods;
  skus: readonly OfferSku[];
  rules: ShopPricingRules;
  promotions: readonly Promotion[];
  tier: MemberTier;
  isNew: boolean;
  now: EpochMs;
}

export interface GoodsOffersDecision {
  tier: MemberTier;
  /** '' for tier 0. */
  tierName: string;
  /** By skuId: the member price (only SKUs it lowers). */
  memberPrices: Map<string, Fen>;
  /** By skuId: the new-user price (only for a new customer, only SKUs it lowers). */
  newUserPrices: Map<string, { offerId: string; priceFen: Fen }>;
  memberOnly: { minTier: PaidTier; tierName: string; allowed: boolean } | null;
  fullReductions: FullReductionTag[];
}

export function goodsOffers(input: GoodsOffersInput): GoodsOffersDecision {
  const { goods, skus, rules, promotions, tier, isNew, now } = input;
  const def = tierDef(rules.tiers, tier);
  const memberPrices = new Map<string, Fen>();
  const newUserPrices = new Map<string, { offerId: string; priceFen: Fen }>();
  const offers = newUserOffersFor(goods._id, promotions, now);
  for (const sku of skus) {
    const member = unitMemberPriceFen(goods, sku, rules, def);
    if (member !== undefined) memberPrices.set(sku._id, member);
    const fresh = unitNewUserPriceFen(goods, sku, rules, offers, isNew, now);
    if (fresh) newUserPrices.set(sku._id, fresh);
  }
  return {
    tier,
    tierName: tier === 0 ? '' : tierName(rules, tier),
    memberPrices,
    newUserPrices,
    memberOnly: goods.minTier ? { minTier: goods.minTier, tierName: tierName(rules, goods.minTier), allowed: tier >= goods.minTier } : null,
    fullReductions: fullReductionsFor(goods, promotions, tier, now),
  };
}
