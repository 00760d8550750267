/**
 * What customers are shown of catalogue documents: goods cards, public SKUs (price and what can be bought now,
 * never the stock counters), and the goods page with its SKU picker. Pure.
 */
import type { GoodsCard, GoodsDetail, PublicSku } from '../../typings/api/catalogue';
import type { GoodsDoc, SkuDoc, SpecDef } from '../../typings/shop/catalogue';
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

/** The goods page of an on-shelf goods: its SKUs of the goods in matrix order, the picker and the prices. */
export function goodsDetailView(goods: GoodsDoc, skus: readonly SkuDoc[]): GoodsDetail {
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
    skus: own.map(toPublicSku),
    picker: skuPicker(goods.specs ?? [], own, initialChoice(goods.specs ?? [])),
    price: priceRange(purchasable),
    totalAvailable: purchasable.reduce((n, s) => n + Math.max(0, s.stock), 0),
  };
}
