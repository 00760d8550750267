/**
 * Reads of the catalogue collections (`categories`, `goods`, `skus`). Many documents by id are ONE `_.in` query
 * (per 100 ids), never a query per id. A collection that does not exist yet reads as empty (a fresh environment
 * shows an empty shop rather than an error).
 */
import type { CategoryDoc, GoodsDoc, SkuDoc } from '../../typings/shop/catalogue';
import type { Database } from '../lib/cloud';
import { isCollectionMissing } from '../lib/collections';
import type { GoodsListing } from './catalogue-query';
import { escapeRegExp } from './search-text';

export const CATEGORIES = 'categories';
export const GOODS = 'goods';
export const SKUS = 'skus';

/** Ids per `_.in` query. */
export const IDS_PER_QUERY = 100;
/** Most categories read. */
export const MAX_CATEGORIES = 100;
/** Most SKUs of one goods (= MAX_SPEC_COMBINATIONS of the domain). */
export const MAX_SKUS_PER_GOODS = 1000;

/** Fields a goods card needs (list pages never read descriptions or specs). */
const CARD_FIELDS = {
  _id: true,
  title: true,
  categoryId: true,
  images: true,
  minPriceFen: true,
  maxPriceFen: true,
  sales: true,
  tags: true,
  onShelf: true,
  createdAt: true,
  minTier: true,
} as const;

type GetResult = { data: unknown[] };

async function readList<T>(query: { get(): unknown }): Promise<T[]> {
  try {
    const res = (await query.get()) as GetResult;
    return res.data as T[];
  } catch (e) {
    if (isCollectionMissing(e)) return [];
    throw e;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Documents of `collection` with these ids (any order; missing ids are simply absent). */
export async function loadByIds<T>(db: Database, collection: string, ids: readonly string[]): Promise<T[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const _ = db.command;
  const parts = await Promise.all(
    chunks(unique, IDS_PER_QUERY).map((part) =>
      readList<T>(db.collection(collection).where({ _id: _.in(part) }).limit(part.length)),
    ),
  );
  return parts.flat();
}

export function loadSkusByIds(db: Database, ids: readonly string[]): Promise<SkuDoc[]> {
  return loadByIds<SkuDoc>(db, SKUS, ids);
}

export function loadGoodsByIds(db: Database, ids: readonly string[]): Promise<GoodsDoc[]> {
  return loadByIds<GoodsDoc>(db, GOODS, ids);
}

/** Every category, by `sort` then `_id`. */
export function loadCategories(db: Database): Promise<CategoryDoc[]> {
  return readList<CategoryDoc>(
    db.collection(CATEGORIES).orderBy('sort', 'asc').orderBy('_id', 'asc').limit(MAX_CATEGORIES),
  );
}

/** One goods by id (undefined when missing). One read. */
export async function loadGoods(db: Database, goodsId: string): Promise<GoodsDoc | undefined> {
  const list = await readList<GoodsDoc>(db.collection(GOODS).where({ _id: goodsId }).limit(1));
  return list[0];
}

/** Every SKU of a goods. One read. */
export function loadSkusOfGoods(db: Database, goodsId: string): Promise<SkuDoc[]> {
  return readList<SkuDoc>(db.collection(SKUS).where({ goodsId }).limit(MAX_SKUS_PER_GOODS));
}

/** The on-shelf goods a listing selects (card fields only), `listing.limit` at most. One read. */
export function loadGoodsListing(db: Database, listing: GoodsListing): Promise<GoodsDoc[]> {
  const _ = db.command;
  const conditions: Record<string, unknown>[] = [{ onShelf: true }];
  if (listing.categoryId) conditions.push({ categoryId: listing.categoryId });
  if (listing.tag) conditions.push({ tags: listing.tag });
  for (const term of listing.terms) {
    conditions.push({ searchText: db.RegExp({ regexp: escapeRegExp(term), options: 'i' }) });
  }
  let query = db.collection(GOODS).where(conditions.length === 1 ? conditions[0] : _.and(conditions));
  for (const [field, dir] of listing.orderBy) query = query.orderBy(field, dir);
  if (listing.skip > 0) query = query.skip(listing.skip);
  return readList<GoodsDoc>(query.limit(listing.limit).field(CARD_FIELDS));
}
