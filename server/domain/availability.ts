/**
 * Can a SKU be bought in a given quantity right now? Shared by the quote (checkout) and the cart view, so both
 * report the same problem for the same documents.
 */
import type { GoodsDoc, SkuDoc } from '../../typings/shop/catalogue';
import type { AvailabilityProblemCode } from '../../typings/shop/checkout';

export type Availability = { ok: true } | { ok: false; code: AvailabilityProblemCode; available: number };

/**
 * Checks, in this order: the SKU and its goods exist and belong together (else NOT_FOUND), both are on shelf
 * (else OFF_SHELF), stock > 0 (else OUT_OF_STOCK), stock ≥ quantity (else INSUFFICIENT_STOCK).
 * `available` is the stock that could be bought now (0 unless the SKU is on shelf).
 */
export function checkAvailability(
  sku: Pick<SkuDoc, 'goodsId' | 'onShelf' | 'stock'> | undefined,
  goods: Pick<GoodsDoc, '_id' | 'onShelf'> | undefined,
  quantity: number,
): Availability {
  if (!sku || !goods || sku.goodsId !== goods._id) return { ok: false, code: 'NOT_FOUND', available: 0 };
  if (!sku.onShelf || !goods.onShelf) return { ok: false, code: 'OFF_SHELF', available: 0 };
  const stock = Math.max(0, sku.stock);
  if (stock === 0) return { ok: false, code: 'OUT_OF_STOCK', available: 0 };
  if (stock < quantity) return { ok: false, code: 'INSUFFICIENT_STOCK', available: stock };
  return { ok: true };
}

/** Index documents by `_id` (later duplicates win). */
export function byId<T extends { _id: string }>(docs: readonly T[]): Map<string, T> {
  return new Map(docs.map((d) => [d._id, d]));
}
