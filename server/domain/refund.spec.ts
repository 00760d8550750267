import fc from 'fast-check';
import type { OrderDoc, OrderStatus } from '../../typings/shop/order';
import { sampleOrder, T0 } from './__fixtures__/shop';
import {
  isFullyRefunded,
  openRefund,
  planFullRefund,
  planLineRefund,
  refundedFen,
  remainingRefundableFen,
  updateOpenRefund,
} from './refund';

const paid = (status: OrderStatus = 'paid'): OrderDoc => ({ ...sampleOrder('delivery'), status });
const opts = { reason: '不想要了', at: T0 + 1000 };

/** What the handler does when the open refund succeeds. */
function succeed(order: OrderDoc, at = T0 + 2000): OrderDoc {
  return { ...order, ...updateOpenRefund(order, 'succeeded', at) };
}
function requestAndSucceed(order: OrderDoc, plan: ReturnType<typeof planFullRefund>): OrderDoc {
  if (!plan.ok) throw new Error(plan.message);
  return succeed({ ...order, refunds: [...order.refunds, plan.refund] });
}

describe('planFullRefund', () => {
  it('refunds everything paid, shipping included', () => {
    const plan = planFullRefund(paid(), opts);
    expect(plan).toEqual({
      ok: true,
      refund: {
        refundNo: '20240601120000ABCDEFGHR1',
        lines: [
          { skuId: 'tee-1', quantity: 3, amountFen: 2999 },
          { skuId: 'mug-1', quantity: 1, amountFen: 500 },
        ],
        shippingFen: 800,
        amountFen: 4299,
        full: true,
        reason: '不想要了',
        status: 'requested',
        requestedAt: opts.at,
        updatedAt: opts.at,
      },
    });
  });

  it('refunds only what is left after earlier refunds', () => {
    const after = requestAndSucceed(paid(), planLineRefund(paid(), [{ skuId: 'tee-1', quantity: 1 }], opts));
    const plan = planFullRefund(after, opts);
    expect(plan).toMatchObject({
      ok: true,
      refund: {
        refundNo: '20240601120000ABCDEFGHR2',
        lines: [{ skuId: 'tee-1', quantity: 2, amountFen: 1999 }, { skuId: 'mug-1', quantity: 1, amountFen: 500 }],
        shippingFen: 800,
        amountFen: 3299,
      },
    });
  });

  it('refuses unpaid, cancelled, refunding or fully refunded orders', () => {
    expect(planFullRefund(paid('unpaid'), opts)).toMatchObject({ ok: false, code: 'NOT_REFUNDABLE' });
    expect(planFullRefund(paid('cancelled'), opts)).toMatchObject({ ok: false, code: 'NOT_REFUNDABLE' });
    const plan = planFullRefund(paid(), opts);
    if (!plan.ok) throw new Error();
    const open = { ...paid(), refunds: [plan.refund] };
    expect(planFullRefund(open, opts)).toMatchObject({ ok: false, code: 'REFUND_OPEN' });
    const done = { ...succeed(open), status: 'completed' as const };
    expect(planFullRefund(done, opts)).toMatchObject({ ok: false, code: 'NOTHING_TO_REFUND' });
  });

  it('refuses orders whose lines do not add up', () => {
    const broken = paid();
    broken.amounts = { ...broken.amounts, totalFen: broken.amounts.totalFen + 1 };
    expect(planFullRefund(broken, opts)).toMatchObject({ ok: false, code: 'INCONSISTENT_ORDER' });
  });
});

describe('planLineRefund', () => {
  it('refunds units at their allocated share, shipping only with the last units', () => {
    let order = paid('shipped');
    // tee payFen 2999 over 3 units → 1000, 1000, 999
    const first = planLineRefund(order, [{ skuId: 'tee-1', quantity: 1 }], opts);
    expect(first).toMatchObject({ ok: true, refund: { lines: [{ skuId: 'tee-1', quantity: 1, amountFen: 1000 }], shippingFen: 0, amountFen: 1000, full: false } });
    order = requestAndSucceed(order, first);
    expect(order.lines[0]).toMatchObject({ refundedQuantity: 1, refundedFen: 1000 });
    expect(remainingRefundableFen(order)).toBe(3299);

    const second = planLineRefund(order, [{ skuId: 'tee-1', quantity: 1 }, { skuId: 'tee-1', quantity: 1 }], opts);
    expect(second).toMatchObject({ ok: true, refund: { lines: [{ quantity: 2, amountFen: 1999 }], amountFen: 1999, full: false } });
    order = requestAndSucceed(order, second);

    const last = planLineRefund(order, [{ skuId: 'mug-1', quantity: 1 }], opts);
    expect(last).toMatchObject({ ok: true, refund: { lines: [{ skuId: 'mug-1', quantity: 1, amountFen: 500 }], shippingFen: 800, amountFen: 1300, full: true } });
    order = requestAndSucceed(order, last);
    expect(refundedFen(order)).toBe(4299);
    expect(isFullyRefunded(order)).toBe(true);
    expect(remainingRefundableFen(order)).toBe(0);
  });

  it('validates the request', () => {
    const order = paid();
    expect(planLineRefund(order, [], opts)).toMatchObject({ ok: false, code: 'NOTHING_TO_REFUND' });
    expect(planLineRefund(order, [{ skuId: 'nope', quantity: 1 }], opts)).toMatchObject({ ok: false, code: 'UNKNOWN_LINE' });
    expect(planLineRefund(order, [{ skuId: 'tee-1', quantity: 0 }], opts)).toMatchObject({ ok: false, code: 'INVALID_QUANTITY' });
    expect(planLineRefund(order, [{ skuId: 'tee-1', quantity: 2 }, { skuId: 'tee-1', quantity: 2 }], opts)).toMatchObject({
      ok: false,
      code: 'EXCEEDS_REFUNDABLE',
    });
  });

  it('refuses a zero-fen refund (a fully discounted line)', () => {
    const order: OrderDoc = {
      ...sampleOrder('pickup', () => [{ kind: 'gift', amountFen: 500, reason: 'free mug', lineShares: [0, 500] }]),
      status: 'paid',
    };
    expect(planLineRefund(order, [{ skuId: 'mug-1', quantity: 1 }], opts)).toMatchObject({ ok: false, code: 'NOTHING_TO_REFUND' });
  });
});

describe('updateOpenRefund', () => {
  it('moves the open refund and counts it on the lines only when it succeeds', () => {
    const plan = planLineRefund(paid(), [{ skuId: 'tee-1', quantity: 2 }], opts);
    if (!plan.ok) throw new Error();
    const order = { ...paid(), refunds: [plan.refund] };
    const processing = updateOpenRefund(order, 'processing', T0 + 5);
    expect(processing.refunds[0]).toMatchObject({ status: 'processing', updatedAt: T0 + 5 });
    expect(processing.refunds[0].refundedAt).toBeUndefined();
    expect(processing.lines).toBe(order.lines);
    const done = updateOpenRefund({ ...order, refunds: processing.refunds }, 'succeeded', T0 + 9);
    expect(done.refunds[0]).toMatchObject({ status: 'succeeded', refundedAt: T0 + 9 });
    expect(done.lines[0]).toMatchObject({ refundedQuantity: 2, refundedFen: 2000 });
    expect(openRefund({ refunds: done.refunds })).toBeUndefined();
    expect(() => updateOpenRefund({ ...order, refunds: done.refunds }, 'failed', 1)).toThrow(/no open refund/);
  });
});

describe('property: any sequence of line refunds', () => {
  it('never refunds more than was paid, and refunds exactly the total once every unit is refunded', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 5 })), { maxLength: 25, size: 'max' }),
        (prices, quantities, discount, steps) => {
          const lines = prices.map((p, i) => {
            const quantity = quantities[i % quantities.length];
            return { skuId: `s${i}`, quantity, lineTotalFen: p * quantity };
          });
          const goodsFen = lines.reduce((n, l) => n + l.lineTotalFen, 0);
          const discountFen = Math.min(discount, goodsFen);
          // spread the discount like the quote does, crudely: all on the first lines
          let left = discountFen;
          const base = sampleOrder('delivery');
          let order: OrderDoc = {
            ...base,
            status: 'completed',
            lines: lines.map((l) => {
              const d = Math.min(left, l.lineTotalFen);
              left -= d;
              return {
                ...base.lines[0], skuId: l.skuId, quantity: l.quantity, unitPriceFen: l.lineTotalFen / l.quantity,
                lineTotalFen: l.lineTotalFen, discountFen: d, payFen: l.lineTotalFen - d, refundedQuantity: 0, refundedFen: 0,
              };
            }),
            amounts: { goodsFen, discountFen, shippingFen: 800, totalFen: goodsFen - discountFen + 800 },
          };
          for (const [pick, k] of steps) {
            const line = order.lines[pick % order.lines.length];
            const plan = planLineRefund(order, [{ skuId: line.skuId, quantity: k }], opts);
            if (!plan.ok) continue;
            order = requestAndSucceed(order, plan);
            expect(refundedFen(order)).toBeLessThanOrEqual(order.amounts.totalFen);
            for (const l of order.lines) expect(l.refundedFen).toBeLessThanOrEqual(l.payFen);
          }
          const rest = planFullRefund(order, opts);
          if (rest.ok) order = requestAndSucceed(order, rest);
          expect(refundedFen(order)).toBe(order.amounts.totalFen);
          expect(isFullyRefunded(order)).toBe(true);
          for (const l of order.lines) expect(l.refundedFen).toBe(l.payFen);
        },
      ),
    );
  });
});
