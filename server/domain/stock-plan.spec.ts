import fc from 'fast-check';
import type { SkuStockCounters } from '../../typings/shop/catalogue';
import {
  adjustStockOp,
  applyStockOp,
  commitOps,
  inverseOp,
  mergeQuantities,
  releaseOps,
  reserveOps,
  restockOps,
  salesIncrements,
  stockBaseline,
  StockOp,
  stockOp,
} from './stock-plan';

const fresh = (stock: number): SkuStockCounters => ({ stock, reserved: 0, sold: 0, refundedToStock: 0, restocked: 0 });

describe('stock plans', () => {
  const lines = [
    { skuId: 'b', quantity: 2 },
    { skuId: 'a', quantity: 1 },
    { skuId: 'b', quantity: 3 },
  ];

  it('merges quantities per SKU, sorted by id', () => {
    expect(mergeQuantities(lines)).toEqual([{ skuId: 'a', quantity: 1 }, { skuId: 'b', quantity: 5 }]);
    expect(mergeQuantities([{ skuId: 'a', quantity: 0 }])).toEqual([]);
    expect(() => mergeQuantities([{ skuId: 'a', quantity: -1 }])).toThrow(RangeError);
    expect(() => mergeQuantities([{ skuId: 'a', quantity: 1.5 }])).toThrow(RangeError);
  });

  it('builds conditional increments', () => {
    expect(reserveOps(lines)).toEqual([
      { skuId: 'a', inc: { stock: -1, reserved: 1 }, guard: { stock: 1 } },
      { skuId: 'b', inc: { stock: -5, reserved: 5 }, guard: { stock: 5 } },
    ]);
    expect(releaseOps(lines)[1]).toEqual({ skuId: 'b', inc: { stock: 5, reserved: -5 }, guard: { reserved: 5 } });
    expect(commitOps(lines)[1]).toEqual({ skuId: 'b', inc: { reserved: -5, sold: 5 }, guard: { reserved: 5 } });
    expect(restockOps(lines)[1]).toEqual({ skuId: 'b', inc: { stock: 5, refundedToStock: 5 }, guard: {} });
    expect(adjustStockOp('a', 7)).toEqual({ skuId: 'a', inc: { stock: 7, restocked: 7 }, guard: {} });
    expect(adjustStockOp('a', -3)).toEqual({ skuId: 'a', inc: { stock: -3, restocked: -3 }, guard: { stock: 3 } });
    expect(() => adjustStockOp('a', 0)).toThrow(RangeError);
  });

  it('applies ops like a conditional update would', () => {
    const s = fresh(3);
    const reserved = applyStockOp(s, reserveOps([{ skuId: 'a', quantity: 2 }])[0]);
    expect(reserved).toEqual({ stock: 1, reserved: 2, sold: 0, refundedToStock: 0, restocked: 0 });
    expect(applyStockOp(reserved!, reserveOps([{ skuId: 'a', quantity: 2 }])[0])).toBeNull(); // would oversell
    const paid = applyStockOp(reserved!, commitOps([{ skuId: 'a', quantity: 2 }])[0]);
    expect(paid).toEqual({ stock: 1, reserved: 0, sold: 2, refundedToStock: 0, restocked: 0 });
    expect(applyStockOp(paid!, releaseOps([{ skuId: 'a', quantity: 1 }])[0])).toBeNull(); // nothing reserved
    const back = applyStockOp(paid!, restockOps([{ skuId: 'a', quantity: 1 }])[0]);
    expect(back).toEqual({ stock: 2, reserved: 0, sold: 2, refundedToStock: 1, restocked: 0 });
    expect(stockBaseline(back!)).toBe(3);
  });

  it('inverts ops (compensation after a partial reservation)', () => {
    const op = reserveOps([{ skuId: 'a', quantity: 4 }])[0];
    expect(inverseOp(op)).toEqual(releaseOps([{ skuId: 'a', quantity: 4 }])[0]);
    const s = fresh(10);
    expect(applyStockOp(applyStockOp(s, op)!, inverseOp(op))).toEqual(s);
  });

  it('merges goods sales increments', () => {
    expect(salesIncrements([{ goodsId: 'g2', quantity: 1 }, { goodsId: 'g1', quantity: 2 }, { goodsId: 'g2', quantity: 4 }])).toEqual([
      { goodsId: 'g1', quantity: 2 },
      { goodsId: 'g2', quantity: 5 },
    ]);
  });

  it('property: any sequence of ops keeps the baseline and never drives a guarded counter below zero', () => {
    const opArb = fc.tuple(fc.constantFrom('reserve', 'release', 'commit', 'restock', 'adjust'), fc.integer({ min: 1, max: 20 }), fc.boolean());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.array(opArb, { maxLength: 60, size: 'max' }), (initial, ops) => {
        let c = fresh(initial);
        for (const [kind, q, negative] of ops) {
          const line = [{ skuId: 'x', quantity: q }];
          const op: StockOp =
            kind === 'reserve' ? reserveOps(line)[0]
            : kind === 'release' ? releaseOps(line)[0]
            : kind === 'commit' ? commitOps(line)[0]
            : kind === 'restock' ? restockOps(line)[0]
            : adjustStockOp('x', negative ? -q : q);
          const next = applyStockOp(c, op);
          if (next === null) {
            // the guard refused exactly when a guarded counter would go negative
            expect(Object.entries(op.guard).some(([f, min]) => c[f as keyof SkuStockCounters] < (min as number))).toBe(true);
            continue;
          }
          c = next;
          expect(stockBaseline(c)).toBe(initial);
          expect(c.stock).toBeGreaterThanOrEqual(0);
          expect(c.reserved).toBeGreaterThanOrEqual(0);
          expect(c.sold).toBeGreaterThanOrEqual(0);
          expect(c.refundedToStock).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('guards every decreased counter except the signed restock counter', () => {
    expect(stockOp('a', { sold: -1, refundedToStock: -2, restocked: -3 }).guard).toEqual({ sold: 1, refundedToStock: 2 });
  });
});
