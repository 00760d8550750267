/**
 * What a goods listing asks the database for, as plain data (the store turns it into SDK calls): which goods
 * (on shelf, of a category, matching every search word), in which order, and which page. Pure.
 */
import type { GoodsQuery, GoodsSort } from '../../typings/api/catalogue';
import { searchTerms } from './search-text';

/** Largest page of `catalogue.goods`. */
export const MAX_GOODS_PAGE_SIZE = 50;
/** Deepest page a listing may ask for (page × pageSize stays a cheap skip). */
export const MAX_GOODS_PAGE = 200;
/** Longest keyword accepted (characters). */
export const MAX_KEYWORD_LENGTH = 50;
/** The goods tag that puts a goods in the home page banner. */
export const FEATURED_TAG = '推荐';
/** Goods in the home page banner. */
export const FEATURED_LIMIT = 5;
/** Goods on the home page's first screen. */
export const HOME_PAGE_SIZE = 20;

export type SortField = 'sales' | 'createdAt' | 'minPriceFen' | '_id';
export type OrderBy = ReadonlyArray<readonly [SortField, 'asc' | 'desc']>;

export interface GoodsListing {
  categoryId?: string;
  /** Normalised words; each must occur in `searchText`. */
  terms: string[];
  /** Only goods carrying this tag. */
  tag?: string;
  orderBy: OrderBy;
  skip: number;
  /** pageSize + 1: the extra document only tells whether there is a next page. */
  limit: number;
  pageSize: number;
}

const ORDERS: Record<GoodsSort, OrderBy> = {
  default: [
    ['sales', 'desc'],
    ['createdAt', 'desc'],
    ['_id', 'asc'],
  ],
  sales: [
    ['sales', 'desc'],
    ['createdAt', 'desc'],
    ['_id', 'asc'],
  ],
  newest: [
    ['createdAt', 'desc'],
    ['_id', 'asc'],
  ],
  price_asc: [
    ['minPriceFen', 'asc'],
    ['_id', 'asc'],
  ],
  price_desc: [
    ['minPriceFen', 'desc'],
    ['_id', 'asc'],
  ],
};

/** The listing for a (validated) customer query. */
export function goodsListing(query: GoodsQuery): GoodsListing {
  const pageSize = Math.min(Math.max(1, query.pageSize), MAX_GOODS_PAGE_SIZE);
  return {
    ...(query.categoryId ? { categoryId: query.categoryId } : {}),
    terms: query.keyword ? searchTerms(query.keyword) : [],
    orderBy: ORDERS[query.sort ?? 'default'],
    skip: (Math.max(1, query.page) - 1) * pageSize,
    limit: pageSize + 1,
    pageSize,
  };
}

/** The home page banner: featured goods, best sellers first. */
export function featuredListing(): GoodsListing {
  return { terms: [], tag: FEATURED_TAG, orderBy: ORDERS.sales, skip: 0, limit: FEATURED_LIMIT, pageSize: FEATURED_LIMIT };
}

/** Splits the documents a listing read into the page and whether more follow. */
export function pageOf<T>(docs: readonly T[], listing: Pick<GoodsListing, 'pageSize'>): { items: T[]; hasMore: boolean } {
  return { items: docs.slice(0, listing.pageSize), hasMore: docs.length > listing.pageSize };
}
