/**
 * Runs stock-plan operations against the `skus` collection, one conditional update per SKU:
 *
 *   skus.where({_id, <field>: _.gte(min) …}).update({<field>: _.inc(d) …})
 *
 * "0 documents updated" means the guard failed (not enough stock / reservation). Never read-then-write.
 */
import type { Logger } from '../lib/logger';
import type { Database } from '../lib/cloud';
import { inverseOp, type SkuQuantity, type StockOp, reserveOps, salesIncrements } from '../domain/stock-plan';
import { GOODS, SKUS } from './order-store';

/** One op as one conditional update; true when the SKU was updated. */
export async function runStockOp(db: Database, op: StockOp): Promise<boolean> {
  const _ = db.command;
  const where: Record<string, unknown> = { _id: op.skuId };
  for (const [field, min] of Object.entries(op.guard)) where[field] = _.gte(min as number);
  const data: Record<string, unknown> = {};
  for (const [field, d] of Object.entries(op.inc)) data[field] = _.inc(d as number);
  if (Object.keys(data).length === 0) return true;
  const res = (await db.collection(SKUS).where(where).update({ data })) as { stats: { updated: number } };
  return res.stats.updated === 1;
}

export type StockRunResult = { ok: true } | { ok: false; failedSkuId: string };

/**
 * Runs ops in order (they come sorted by skuId) and stops at the first that fails, undoing the ones already done
 * (in reverse). Used to reserve an order's stock: all SKUs or none.
 */
export async function runAllOrNothing(db: Database, ops: readonly StockOp[], log: Logger): Promise<StockRunResult> {
  const done: StockOp[] = [];
  for (const op of ops) {
    let ok = false;
    try {
      ok = await runStockOp(db, op);
    } catch (e) {
      await undo(db, done, log);
      throw e;
    }
    if (!ok) {
      await undo(db, done, log);
      return { ok: false, failedSkuId: op.skuId };
    }
    done.push(op);
  }
  return { ok: true };
}

async function undo(db: Database, done: readonly StockOp[], log: Logger): Promise<void> {
  for (const op of [...done].reverse()) {
    const inverse = inverseOp(op);
    const ok = await runStockOp(db, inverse).catch((e) => {
      log.error('stock rollback failed', { skuId: op.skuId, op: inverse, error: e });
      return true;
    });
    if (!ok) log.error('stock rollback refused by its guard', { skuId: op.skuId, op: inverse });
  }
}

/** Reserves stock for order lines: all or nothing. */
export function reserveStock(db: Database, lines: readonly SkuQuantity[], log: Logger): Promise<StockRunResult> {
  return runAllOrNothing(db, reserveOps(lines), log);
}

/**
 * Runs ops that must not fail (release / commit / restock of an order whose status already changed): each op is
 * tried; a refused or failed one is logged (it means the counters were already inconsistent) and reported.
 */
export async function runEach(db: Database, ops: readonly StockOp[], log: Logger): Promise<string[]> {
  const failed: string[] = [];
  for (const op of ops) {
    let ok = false;
    try {
      ok = await runStockOp(db, op);
    } catch (e) {
      log.error('stock update failed', { skuId: op.skuId, op, error: e });
    }
    if (!ok) {
      failed.push(op.skuId);
      log.error('stock update refused', { skuId: op.skuId, op });
    }
  }
  return failed;
}

/** goods.sales += units, one update per goods (display counter only). */
export async function addSales(db: Database, lines: readonly { goodsId: string; quantity: number }[], log: Logger): Promise<void> {
  const _ = db.command;
  for (const { goodsId, quantity } of salesIncrements(lines)) {
    try {
      await db
        .collection(GOODS)
        .where({ _id: goodsId })
        .update({ data: { sales: _.inc(quantity) } });
    } catch (e) {
      log.warn('sales counter not updated', { goodsId, error: e });
    }
  }
}
