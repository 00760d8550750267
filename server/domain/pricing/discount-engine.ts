/**
 * Adapter: the pricing engine as the `DiscountEngine` that server/domain/quote.ts calls.
 *
 * Wiring (in a quote / order handler, after loading the customer, promotions, coupons and rules):
 *
 *   let priced: PricedQuote | undefined;
 *   const quote = buildQuote({ ...input, discounts: pricingDiscountEngine({
 *     customer, promotions, rules, choice, goods: goodsPricingFacts(goodsDocs), onPriced: (q) => (priced = q) }) });
 *   // quote.discounts / lines / totalFen now carry the engine's discounts; `priced` has the rest (points to spend
 *   // and earn, the coupon to lock, why things did not apply, the coupon picker, member-only lines).
 *
 * The engine's shares never exceed what a line costs, so quote.ts keeps them unchanged: quote.discountFen =
 * priced.discountFen and quote.totalFen = priced.payFen + shipping. quote.ts cannot report member-only lines as
 * problems: the handler must refuse an order when `priced.ok` is false (priced.blocked / priced.choiceProblem).
 */
import type { GoodsDoc } from '../../../typings/shop/catalogue';
import type { Fen } from '../../../typings/shop/common';
import type { PaidTier } from '../../../typings/marketing/member';
import type { PricedQuote, PricingChoice, PricingCustomer, PricingLine, ShopPricingRules } from '../../../typings/marketing/pricing';
import type { Promotion } from '../../../typings/marketing/promotion';
import type { DiscountEngine, PricedLine, ProposedDiscount } from '../quote';
import { priceCart } from './price-cart';

/** What the engine needs to know about a goods besides its price. */
export interface GoodsPricingFacts {
  categoryId: string;
  /** Member-only goods. */
  minTier?: PaidTier;
  noMemberDiscount?: boolean;
}

export interface PricingEngineOptions {
  customer: PricingCustomer;
  promotions: readonly Promotion[];
  rules: ShopPricingRules;
  choice: PricingChoice;
  /** By goodsId. A goods missing here has category '' (only shop-wide promotions and coupons apply to it). */
  goods: ReadonlyMap<string, GoodsPricingFacts>;
  /** Lowest unit price per skuId after discounts (e.g. its cost); absent = 0. */
  skuFloorFen?: ReadonlyMap<string, Fen>;
  /** Receives the engine's full answer for the quote's lines. */
  onPriced?: (quote: PricedQuote) => void;
}

/** Goods facts from goods documents (category only; marketing flags may be merged in by the caller). */
export function goodsPricingFacts(goods: readonly Pick<GoodsDoc, '_id' | 'categoryId'>[]): Map<string, GoodsPricingFacts> {
  return new Map(goods.map((g) => [g._id, { categoryId: g.categoryId }]));
}

/** The engine's lines for the quote's priced lines. */
export function pricingLinesOf(lines: readonly PricedLine[], options: Pick<PricingEngineOptions, 'goods' | 'skuFloorFen'>): PricingLine[] {
  return lines.map((l) => {
    const facts = options.goods.get(l.goodsId);
    const floor = options.skuFloorFen?.get(l.skuId);
    return {
      skuId: l.skuId,
      goodsId: l.goodsId,
      categoryId: facts?.categoryId ?? '',
      unitPriceFen: l.unitPriceFen,
      quantity: l.quantity,
      ...(floor !== undefined ? { floorUnitFen: floor } : {}),
      ...(facts?.minTier !== undefined ? { minTier: facts.minTier } : {}),
      ...(facts?.noMemberDiscount ? { noMemberDiscount: true } : {}),
    };
  });
}

export function pricingDiscountEngine(options: PricingEngineOptions): DiscountEngine {
  return (ctx) => {
    const priced = priceCart({
      lines: pricingLinesOf(ctx.lines, options),
      customer: options.customer,
      promotions: options.promotions,
      rules: options.rules,
      choice: options.choice,
      now: ctx.now,
    });
    options.onPriced?.(priced);
    return priced.discounts.map(
      (d): ProposedDiscount => ({ kind: d.kind, amountFen: d.amountFen, reason: d.reason, lineShares: [...d.lineShares] }),
    );
  };
}
