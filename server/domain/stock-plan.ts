/**
 * Stock operations as data, for the handler to run as conditional updates:
 *
 *   db.collection('skus').where({ _id: op.skuId, <field>: _.gte(n) for each guard }).update({ <field>: _.inc(d) })
 *
 * and to treat "0 documents updated" as "guard failed". Counters (typings/shop/catalogue.ts SkuStockCounters):
 *
 *   reserve  (order placed)       stock −q, reserved +q          guard stock ≥ q
 *   release  (unpaid → cancelled) stock +q, reserved −q          guard reserved ≥ q
 *   commit   (paid)               reserved −q, sold +q           guard reserved ≥ q
 *   restock  (refund, goods back) stock +q, refundedToStock +q
 *   adjust   (merchant ±n)        stock ±n, restocked ±n         guard stock ≥ n when removing
 *
 * Every operation keeps `stockBaseline` (= stock + reserved + sold − refundedToStock − restocked, the SKU's initial
 * stock) unchanged, and its guard keeps every counter that it decreases ≥ 0.
 * Ops are sorted by skuId so concurrent handlers touch SKUs in the same order.
 */
import type { SkuStockCounters } from '../../typings/shop/catalogue';

export type StockField = keyof SkuStockCounters;

export const STOCK_FIELDS: readonly StockField[] = ['stock', 'reserved', 'sold', 'refundedToStock', 'restocked'];

export interface StockOp {
  skuId: string;
  /** Non-zero increments only (map to `_.inc`). */
  inc: Partial<Record<StockField, number>>;
  /** field ≥ value must hold before the update (map to `_.gte`); derived from the negative increments. */
  guard: Partial<Record<StockField, number>>;
}

export interface SkuQuantity {
  skuId: string;
  quantity: number;
}

/** Per-SKU quantities, merged (summed) and sorted by skuId; zero quantities dropped. Throws on a non-integer or < 0. */
export function mergeQuantities(lines: readonly SkuQuantity[]): SkuQuantity[] {
  const merged = new Map<string, number>();
  for (const { skuId, quantity } of lines) {
    if (!Number.isSafeInteger(quantity) || quantity < 0) {
      throw new RangeError(`stock quantity for ${skuId} must be an integer ≥ 0, got ${quantity}`);
    }
    merged.set(skuId, (merged.get(skuId) ?? 0) + quantity);
  }
  return [...merged]
    .filter(([, q]) => q > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([skuId, quantity]) => ({ skuId, quantity }));
}

/** Builds an op from increments; the guard requires every decreased field to stay ≥ 0. */
export function stockOp(skuId: string, inc: Partial<Record<StockField, number>>): StockOp {
  const cleanInc: Partial<Record<StockField, number>> = {};
  const guard: Partial<Record<StockField, number>> = {};
  for (const field of STOCK_FIELDS) {
    const d = inc[field] ?? 0;
    if (!Number.isSafeInteger(d)) throw new RangeError(`increment of ${field} must be an integer`);
    if (d !== 0) cleanInc[field] = d;
    // restocked is a signed net counter: it has no lower bound
    if (d < 0 && field !== 'restocked') guard[field] = -d;
  }
  return { skuId, inc: cleanInc, guard };
}

/** Ops to hold stock for a new unpaid order. */
export function reserveOps(lines: readonly SkuQuantity[]): StockOp[] {
  return mergeQuantities(lines).map(({ skuId, quantity: q }) => stockOp(skuId, { stock: -q, reserved: q }));
}

/** Ops to give back the stock held by an unpaid order (cancel / timeout), or to undo reservations after a failure. */
export function releaseOps(lines: readonly SkuQuantity[]): StockOp[] {
  return mergeQuantities(lines).map(({ skuId, quantity: q }) => stockOp(skuId, { stock: q, reserved: -q }));
}

/** Ops to turn a paid order's reservation into sales. */
export function commitOps(lines: readonly SkuQuantity[]): StockOp[] {
  return mergeQuantities(lines).map(({ skuId, quantity: q }) => stockOp(skuId, { reserved: -q, sold: q }));
}

/** Ops to put refunded units back on sale (pass the refund's lines). */
export function restockOps(lines: readonly SkuQuantity[]): StockOp[] {
  return mergeQuantities(lines).map(({ skuId, quantity: q }) => stockOp(skuId, { stock: q, refundedToStock: q }));
}

/** Op for a merchant adding (delta > 0) or writing off (delta < 0) units. */
export function adjustStockOp(skuId: string, delta: number): StockOp {
  if (!Number.isSafeInteger(delta) || delta === 0) throw new RangeError('stock adjustment must be a non-zero integer');
  return stockOp(skuId, { stock: delta, restocked: delta });
}

/** The op that undoes `op` (e.g. to compensate reservations that succeeded before another one failed). */
export function inverseOp(op: StockOp): StockOp {
  const inc: Partial<Record<StockField, number>> = {};
  for (const field of STOCK_FIELDS) if (op.inc[field]) inc[field] = -(op.inc[field] as number);
  return stockOp(op.skuId, inc);
}

/** The SKU's initial stock, which every op preserves. */
export function stockBaseline(c: SkuStockCounters): number {
  return c.stock + c.reserved + c.sold - c.refundedToStock - c.restocked;
}

/** Applies an op to counters (what the database does); null when the guard fails. */
export function applyStockOp<T extends SkuStockCounters>(counters: T, op: StockOp): T | null {
  for (const field of STOCK_FIELDS) {
    const min = op.guard[field];
    if (min !== undefined && counters[field] < min) return null;
  }
  const next = { ...counters };
  for (const field of STOCK_FIELDS) next[field] = counters[field] + (op.inc[field] ?? 0);
  return next;
}

/** goods.sales increments for a paid order, merged per goods and sorted by goodsId. */
export function salesIncrements(lines: readonly { goodsId: string; quantity: number }[]): { goodsId: string; quantity: number }[] {
  return mergeQuantities(lines.map((l) => ({ skuId: l.goodsId, quantity: l.quantity }))).map((q) => ({
    goodsId: q.skuId,
    quantity: q.quantity,
  }));
}
