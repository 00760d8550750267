import type { EpochMs, Fen } from './common';

/** `categories` collection. */
export interface CategoryDoc {
  _id: string;
  name: string;
  /** Ascending display order. */
  sort: number;
  icon?: string;
}

/** One specification axis of a goods, e.g. `{name: '颜色', values: ['红', '蓝']}`. */
export interface SpecDef {
  name: string;
  values: string[];
}

/** `goods` collection: what the customer browses. The sellable unit is the SKU. */
export interface GoodsDoc {
  _id: string;
  title: string;
  categoryId: string;
  /** Cloud file ids or URLs; the first one is the cover. */
  images: string[];
  description: string;
  /** Spec axes; empty for goods with a single SKU (whose specValues is []). */
  specs: SpecDef[];
  onShelf: boolean;
  /** Cached from the SKUs (priceRange in server/domain/sku-matrix.ts); for listing pages only, never for charging. */
  minPriceFen: Fen;
  maxPriceFen: Fen;
  /** Units sold (display counter). */
  sales: number;
  tags: string[];
  createdAt: EpochMs;
  /** Lower-cased title + tags + spec values, for simple substring search. */
  searchText: string;
  /** Member zone: only customers of this tier (1–3) or higher may buy it (checked by the server's checkout). */
  minTier?: 1 | 2 | 3;
  /** The member price does not apply to this goods. */
  noMemberDiscount?: boolean;
}

/**
 * Stock counters of one SKU. All are non-negative integers.
 *
 * - `stock`: available to sell now
 * - `reserved`: held by unpaid orders
 * - `sold`: units ever paid for (cumulative; never decreases)
 * - `refundedToStock`: units returned to `stock` by refunds (cumulative)
 * - `restocked`: net units the merchant added (+) or wrote off (−) by hand (cumulative; may be negative)
 *
 * Invariant (every stock operation preserves it; see server/domain/stock-plan.ts):
 *   stock + reserved + sold − refundedToStock − restocked  ==  initial stock (a constant per SKU)
 */
export interface SkuStockCounters {
  stock: number;
  reserved: number;
  sold: number;
  refundedToStock: number;
  restocked: number;
}

/** `skus` collection: one purchasable combination of spec values with its own price and stock. */
export interface SkuDoc extends SkuStockCounters {
  _id: string;
  goodsId: string;
  /** One value per spec of the goods, in the same order as `GoodsDoc.specs`. */
  specValues: string[];
  priceFen: Fen;
  /** Crossed-out "was" price, display only. */
  originalPriceFen?: Fen;
  onShelf: boolean;
}

/** One value button of the SKU picker. */
export interface SpecOptionState {
  value: string;
  /** The customer chose this value. */
  selected: boolean;
  /** Some on-shelf SKU with stock > 0 has this value and agrees with the other chosen values. */
  selectable: boolean;
}

/** One spec row of the SKU picker. */
export interface SpecPickerRow {
  name: string;
  options: SpecOptionState[];
}

/** What the goods page SKU picker shows for a (possibly partial) choice. */
export interface SkuPickerState {
  rows: SpecPickerRow[];
  /** Every spec has a chosen value. */
  complete: boolean;
  /** The SKU of a complete choice (null if incomplete or no such SKU). */
  skuId: string | null;
  /** Stock of that SKU (0 when none). */
  available: number;
  /** Price range over the purchasable SKUs that agree with the choice (null if none). */
  price: PriceRange | null;
}

export interface PriceRange {
  minPriceFen: Fen;
  maxPriceFen: Fen;
}
