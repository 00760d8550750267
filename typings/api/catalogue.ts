/**
 * Catalogue actions of the `shop` cloud function (what customers browse). Only on-shelf goods are ever answered;
 * stock counters other than what can be bought now (`available`) never leave the server.
 */
import type { ActionSpec, NoInput } from '../envelope';
import type { CategoryDoc, PriceRange, SkuPickerState, SpecDef } from '../shop/catalogue';
import type { Fen } from '../shop/common';
import type { MemberTier, PaidTier } from '../marketing/member';
import type { ShopSettings } from './shop';

/** The shop facts the home page shows at the top. */
export type ShopSummary = Pick<
  ShopSettings,
  'name' | 'logo' | 'notice' | 'address' | 'phone' | 'openHours' | 'pickupEnabled' | 'deliveryEnabled'
>;

export type CategoryView = CategoryDoc;

/** A goods as list pages show it (no description, no specs). */
export interface GoodsCard {
  _id: string;
  title: string;
  categoryId: string;
  /** First image: a displayable URL (cloud files are resolved to temporary URLs), '' when none. */
  cover: string;
  minPriceFen: Fen;
  maxPriceFen: Fen;
  sales: number;
  tags: string[];
  /** Member-only goods (会员专享): only customers of this tier or higher may buy it. Absent for everyone's goods. */
  minTier?: PaidTier;
}

/**
 * `default`: best sellers first, then newest; `sales`: same; `newest`: newest first; `price_asc` / `price_desc`:
 * by the lowest price. Ties are broken by _id, so pages never overlap.
 */
export type GoodsSort = 'default' | 'sales' | 'newest' | 'price_asc' | 'price_desc';

export interface GoodsQuery {
  categoryId?: string;
  /** Matched case-insensitively against the title, tags and spec values; every word must match. */
  keyword?: string;
  /** 1-based. */
  page: number;
  /** 1..50. */
  pageSize: number;
  sort?: GoodsSort;
}

export interface GoodsPage {
  items: GoodsCard[];
  page: number;
  pageSize: number;
  /** There is at least one more item after this page. */
  hasMore: boolean;
}

/** A SKU as customers see it: price and what can be bought now, never the stock counters. */
export interface PublicSku {
  _id: string;
  specValues: string[];
  priceFen: Fen;
  originalPriceFen?: Fen;
  /** Units that can be bought now (0 when off shelf or out of stock). */
  available: number;
  /** The caller's member price of one unit (present only when their tier lowers it; the checkout charges it). */
  memberPriceFen?: Fen;
  /** The caller's new-user price of one unit (present only for a new customer and a live offer that lowers it). */
  newUserPriceFen?: Fen;
}

/** A 满减 promotion that covers the goods and that the caller may use. */
export interface GoodsFullReduction {
  promotionId: string;
  title: string;
  /** Its steps, lowest threshold first: `满100减10`. */
  texts: string[];
}

/** What the caller's tier and the shop's promotions mean for this goods, decided by the server for the caller. */
export interface GoodsOffers {
  /** The caller's tier (0 = not a member) and its name ('' for 0). */
  tier: MemberTier;
  tierName: string;
  /** Member-only goods: the tier needed, its name, and whether the caller may buy it (checkout refuses with MEMBER_ONLY). */
  memberOnly: { minTier: PaidTier; tierName: string; allowed: boolean } | null;
  /** A live new-user offer lowers some SKU and the caller is new (no paid order, no new-user purchase held). */
  newUser: { offerId: string; title: string } | null;
  fullReductions: GoodsFullReduction[];
}

export interface GoodsDetail {
  goods: {
    _id: string;
    title: string;
    categoryId: string;
    /** Displayable URLs. */
    images: string[];
    description: string;
    specs: SpecDef[];
    minPriceFen: Fen;
    maxPriceFen: Fen;
    sales: number;
    tags: string[];
  };
  /** Every SKU of the goods (also the unavailable ones, so the picker can show them greyed out). */
  skus: PublicSku[];
  /**
   * The SKU picker for the initial choice: specs with a single value are pre-chosen (so a goods with one SKU
   * starts complete). Clients recompute it for later choices with the same rule (a value is selectable when some
   * SKU with `available > 0` has it and agrees with the values chosen for the other specs).
   */
  picker: SkuPickerState;
  /** Price range over the SKUs that can be bought now (null when none can). */
  price: PriceRange | null;
  /** Sum of `available` over the SKUs. */
  totalAvailable: number;
  /** For the caller: member price (per SKU in `skus`), member-only lock, new-user price, 满减. */
  offers: GoodsOffers;
}

/** The whole first screen of the home page, in one call. */
export interface HomeData {
  shop: ShopSummary;
  categories: CategoryView[];
  /** On-shelf goods tagged `推荐` (server/catalogue/catalogue-query.ts FEATURED_TAG; best sellers first, at most 5): the banner. */
  featured: GoodsCard[];
  /** The first page of all on-shelf goods (default sort). */
  goods: GoodsPage;
}

export type CatalogueActions = {
  /** The home page's first screen: shop summary, categories, featured goods and the first page of goods. */
  'home.get': ActionSpec<{ pageSize?: number }, HomeData>;
  /** Every category, by `sort`. */
  'catalogue.categories': ActionSpec<NoInput, CategoryView[]>;
  /** A page of on-shelf goods, optionally of one category and/or matching a keyword. */
  'catalogue.goods': ActionSpec<GoodsQuery, GoodsPage>;
  /**
   * One on-shelf goods with its SKUs and the picker's initial state (NOT_FOUND when missing or off shelf), and what
   * the caller's tier and the active promotions mean for it (`offers`, `skus[].memberPriceFen` / `newUserPriceFen`).
   */
  'catalogue.goodsDetail': ActionSpec<{ goodsId: string }, GoodsDetail>;
};
