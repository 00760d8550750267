/**
 * What customers are shown of catalogue documents: goods cards, public SKUs (price and what can be bought now,
 * never the stock counters), and the goods page with its SKU picker. Pure.
 */
import type { GoodsCard, GoodsDetail, GoodsOffers, PublicSku } from '../../typings/api/catalogue';
import type { GoodsDoc, SkuDoc, SpecDef } from '../../typings/shop/catalogue';
import type { GoodsOffersDecision } from '../domain/pricing/goods-offers';
import { isPurchasable, priceRange, skuPicker, type SpecChoice } from '../domain/sku-matrix';

export function toGoodsCard(g: GoodsDoc): GoodsCard {
  return {
    _id: g._id,
    title: g.title,
    categoryId: g.categoryId,
    cover: g.images?.[0] ?? '',
    minPriceFen: g.minPriceFen,
    maxPriceFen: g.maxPriceFen,
    sales: g.sales ?? 0,
    tags: g.tags ?? [],
    ...(g.minTier ? { minTier: g.minTier } : {}),
  };
}

/** A SKU of an on-shelf goods as customers see it. */
export function toPublicSku(sku: SkuDoc): PublicSku {
  return {
    _id: sku._id,
    specValues: sku.specValues,
    priceFen: sku.priceFen,
    ...(sku.originalPriceFen !== undefined ? { originalPriceFen: sku.originalPriceFen } : {}),
    available: sku.onShelf ? Math.max(0, sku.stock) : 0,
  };
}

/** The picker's starting choice: specs with a single value are chosen, the others are open. */
export function initialChoice(specs: readonly SpecDef[]): SpecChoice {
  return specs.map((s) => (s.values.length === 1 ? s.values[0] : null));
}

/** The position of a SKU's values in the goods' spec matrix (first spec varying slowest); unknown values last. */
function matrixRank(specs: readonly SpecDef[], values: readonly string[]): number {
  let rank = 0;
  specs.forEach((spec, i) => {
    const at = spec.values.indexOf(values[i]);
    rank = rank * (spec.values.length + 1) + (at < 0 ? spec.values.length : at);
  });
  return rank;
}

/** No tier, no promotions: what a goods page says to a caller nothing applies to. */
export const NO_OFFERS: GoodsOffersDecision = {
  tier: 0,
  tierName: '',
  memberPrices: new Map(),
  newUserPrices: new Map(),
  memberOnly: null,
  fullReductions: [],
};

/** A SKU with the caller's member / new-user price of one unit, when they lower it. */
function withOfferPrices(sku: PublicSku, offers: GoodsOffersDecision): PublicSku {
  const member = offers.memberPrices.get(sku._id);
  const fresh = offers.newUserPrices.get(sku._id);
  return {
    ...sku,
    ...(member !== undefined ? { memberPriceFen: member } : {}),
    ...(fresh !== undefined ? { newUserPriceFen: fresh.priceFen } : {}),
  };
}

function offersView(offers: GoodsOffersDecision, offerTitles: ReadonlyMap<string, string>): GoodsOffers {
  const first = [...offers.newUserPrices.values()][0];
  return {
    tier: offers.tier,
    tierName: offers.tierName,
    memberOnly: offers.memberOnly,
    newUser: first ? { offerId: first.offerId, title: offerTitles.get(first.offerId) ?? '新人专享' } : null,
    fullReductions: offers.fullReductions,
  };
}

/**
 * The goods page of an on-shelf goods: its SKUs of the goods in matrix order (with the caller's member and new-user
 * prices), the picker, the prices and the caller's offers.
 */
export function goodsDetailView(
  goods: GoodsDoc,
  skus: readonly SkuDoc[],
  offers: GoodsOffersDecision = NO_OFFERS,
  offerTitles: ReadonlyMap<string, string> = new Map(),
): GoodsDetail {
  const own = skus
    .filter((s) => s.goodsId === goods._id)
    .sort((a, b) => matrixRank(goods.specs, a.specValues) - matrixRank(goods.specs, b.specValues));
  const purchasable = own.filter(isPurchasable);
  return {
    goods: {
      _id: goods._id,
      title: goods.title,
      categoryId: goods.categoryId,
      images: goods.images ?? [],
      description: goods.description ?? '',
      specs: goods.specs ?? [],
      minPriceFen: goods.minPriceFen,
      maxPriceFen: goods.maxPriceFen,
      sales: goods.sales ?? 0,
      tags: goods.tags ?? [],
    },
    skus: own.map((s) => withOfferPrices(toPublicSku(s), offers)),
    picker: skuPicker(goods.specs ?? [], own, initialChoice(goods.specs ?? [])),
    price: priceRange(purchasable),
    totalAvailable: purchasable.reduce((n, s) => n + Math.max(0, s.stock), 0),
    offers: offersView(offers, offerTitles),
  };
}
