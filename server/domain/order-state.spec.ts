import fc from 'fast-check';
import type { SkuStockCounters } from '../../typings/shop/catalogue';
import type { Actor, OrderDoc, OrderEvent } from '../../typings/shop/order';
import { CUSTOMER, sampleOrder, T0 } from './__fixtures__/shop';
import {
  availableEvents,
  DEFAULT_AUTO_CONFIRM_MS,
  DEFAULT_UNPAID_TIMEOUT_MS,
  ORDER_EVENTS,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  TERMINAL_STATUSES,
  transition,
  TransitionResult,
} from './order-state';
import { openRefund, planFullRefund, planLineRefund, refundedFen, updateOpenRefund } from './refund';
import { applyStockOp, commitOps, releaseOps, reserveOps, restockOps, stockBaseline } from './stock-plan';

const customer: Actor = { role: 'customer', id: CUSTOMER };
const stranger: Actor = { role: 'customer', id: 'o_someone_else' };
const staff: Actor = { role: 'staff', id: 'o_staff' };
const system: Actor = { role: 'system', id: 'system' };
const wxpay: Actor = { role: 'system', id: 'wxpay' };
const ACTORS = [customer, stranger, staff, system, wxpay];

/** A minimal handler: applies a transition result (and the refund record it implies) to an order. */
function apply(order: OrderDoc, r: TransitionResult, at: number, plannedRefund?: OrderDoc['refunds'][number]): OrderDoc {
  if (!r.ok) throw new Error(r.message);
  let { refunds, lines } = order;
  if (r.refundStatus === 'requested') {
    if (!plannedRefund) throw new Error('request_refund needs a planned refund');
    refunds = [...refunds, plannedRefund];
  } else if (r.refundStatus) {
    ({ refunds, lines } = updateOpenRefund(order, r.refundStatus, at));
  }
  const next: OrderDoc = { ...order, status: r.status, refunds, lines, log: [...order.log, r.logEntry] };
  if (r.refundResumeStatus) next.refundResumeStatus = r.refundResumeStatus;
  else delete next.refundResumeStatus;
  return next;
}

/** What a handler passes: the amount WeChat Pay reports for pay / refund_succeeded. */
function reported(order: OrderDoc, event: OrderEvent): { amountFen?: number } {
  if (event === 'pay') return { amountFen: order.amounts.totalFen };
  if (event === 'refund_succeeded') return { amountFen: openRefund(order)?.amountFen };
  return {};
}

function fire(order: OrderDoc, event: OrderEvent, actor: Actor, at = T0 + 1000): OrderDoc {
  let planned;
  if (event === 'request_refund') {
    const plan = planFullRefund(order, { reason: 'r', at });
    if (!plan.ok) throw new Error(plan.message);
    planned = plan.refund;
  }
  return apply(order, transition(order, event, actor, at, reported(order, event)), at, planned);
}

describe('the transition table', () => {
  it('only uses known statuses and events, and every status but the terminal ones has a way out', () => {
    for (const row of ORDER_TRANSITIONS) {
      expect(ORDER_EVENTS).toContain(row.event);
      row.from.forEach((s) => expect(ORDER_STATUSES).toContain(s));
      if (row.to !== 'RESUME') expect(ORDER_STATUSES).toContain(row.to);
    }
    for (const status of ORDER_STATUSES) {
      const leaves = ORDER_TRANSITIONS.some((r) => r.from.includes(status));
      expect(leaves).toBe(!TERMINAL_STATUSES.includes(status));
    }
    // every event has at least one row
    for (const event of ORDER_EVENTS) expect(ORDER_TRANSITIONS.some((r) => r.event === event)).toBe(true);
  });
});

describe('happy paths', () => {
  it('delivery: pay → ship → confirm receipt', () => {
    let order = sampleOrder('delivery');
    const paid = transition(order, 'pay', wxpay, T0 + 10, { amountFen: 4299 });
    expect(paid).toEqual({
      ok: true,
      from: 'unpaid',
      status: 'paid',
      refundResumeStatus: null,
      logEntry: { at: T0 + 10, by: 'wxpay', role: 'system', action: 'pay', from: 'unpaid', to: 'paid' },
      effects: ['commitStock', 'sendMessage:paid', 'notifyStaff:paid'],
    });
    order = apply(order, paid, T0 + 10);
    const shipped = transition(order, 'ship', staff, T0 + 20, { note: 'SF123' });
    expect(shipped).toMatchObject({ ok: true, status: 'shipped', effects: ['sendMessage:shipped'], logEntry: { note: 'SF123', by: 'o_staff', role: 'staff' } });
    order = apply(order, shipped, T0 + 20);
    order = fire(order, 'confirm_receipt', customer);
    expect(order.status).toBe('completed');
    expect(order.log.map((l) => l.action)).toEqual(['create', 'pay', 'ship', 'confirm_receipt']);
  });

  it('pickup: pay → ready → verify pickup (or verify straight from paid)', () => {
    let order = fire(sampleOrder('pickup'), 'pay', wxpay);
    expect(transition(order, 'mark_ready', staff, T0)).toMatchObject({ ok: true, status: 'ready', effects: ['sendMessage:ready'] });
    expect(transition(order, 'verify_pickup', staff, T0)).toMatchObject({ ok: true, status: 'completed' });
    order = fire(order, 'mark_ready', staff);
    expect(fire(order, 'verify_pickup', staff).status).toBe('completed');
  });

  it('auto-confirms a shipped order only once due', () => {
    let order = fire(fire(sampleOrder('delivery'), 'pay', wxpay), 'ship', staff);
    expect(transition(order, 'auto_confirm', system, T0)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', message: 'auto-confirmation is not due yet' });
    order = { ...order, fulfilment: { ...order.fulfilment, shipping: { company: 'SF', trackingNo: '1', shippedAt: T0 } } };
    expect(transition(order, 'auto_confirm', system, T0 + DEFAULT_AUTO_CONFIRM_MS - 1).ok).toBe(false);
    expect(transition(order, 'auto_confirm', system, T0 + DEFAULT_AUTO_CONFIRM_MS)).toMatchObject({ ok: true, status: 'completed' });
    expect(transition(order, 'auto_confirm', system, T0 + 5, { autoConfirmAfterMs: 5 }).ok).toBe(true);
  });
});

describe('cancelling unpaid orders', () => {
  const order = sampleOrder('delivery');

  it('lets the customer or staff cancel, releasing stock and closing the payment', () => {
    for (const actor of [customer, staff]) {
      expect(transition(order, 'cancel', actor, T0)).toMatchObject({ ok: true, status: 'cancelled', effects: ['releaseStock', 'closePayment'] });
    }
  });

  it('times out only at or after expiresAt', () => {
    expect(transition(order, 'timeout', system, T0 + DEFAULT_UNPAID_TIMEOUT_MS - 1)).toMatchObject({ ok: false, message: 'the order has not expired yet' });
    expect(transition(order, 'timeout', system, T0 + DEFAULT_UNPAID_TIMEOUT_MS)).toMatchObject({ ok: true, status: 'cancelled', effects: ['releaseStock', 'closePayment'] });
  });

  it('does not accept a payment for a cancelled order', () => {
    const cancelled = fire(order, 'cancel', customer);
    expect(transition(cancelled, 'pay', wxpay, T0, { amountFen: 4299 })).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });

  it('accepts a payment only for the exact order total', () => {
    const msg = 'the paid amount does not match the order total';
    expect(transition(order, 'pay', wxpay, T0)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', message: msg });
    expect(transition(order, 'pay', wxpay, T0, { amountFen: 4298 })).toMatchObject({ ok: false, message: msg });
    expect(transition(order, 'pay', wxpay, T0, { amountFen: 4299 }).ok).toBe(true);
  });
});

describe('permissions', () => {
  const order = sampleOrder('delivery');
  const paid = fire(order, 'pay', wxpay);

  it('forbids customers on other customers\' orders', () => {
    expect(transition(order, 'cancel', stranger, T0)).toEqual({ ok: false, code: 'FORBIDDEN', message: 'not your order' });
  });

  it('forbids roles an event is not for', () => {
    expect(transition(order, 'pay', customer, T0)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(transition(order, 'pay', staff, T0)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(transition(paid, 'ship', customer, T0)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(transition(order, 'timeout', customer, T0 + DEFAULT_UNPAID_TIMEOUT_MS)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(transition(paid, 'cancel', system, T0)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('rejects transitions from the wrong status or for the wrong fulfilment type', () => {
    expect(transition(paid, 'cancel', customer, T0)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', message: 'cannot cancel an order that is paid' });
    expect(transition(paid, 'mark_ready', staff, T0)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', message: 'cannot mark_ready a delivery order' });
    const pickup = fire(sampleOrder('pickup'), 'pay', wxpay);
    expect(transition(pickup, 'ship', staff, T0)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
    expect(transition(paid, 'bogus' as OrderEvent, staff, T0)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });

  it('lists the events an actor may fire now', () => {
    expect(availableEvents(order, customer, T0)).toEqual(['cancel']);
    expect(availableEvents(order, system, T0 + DEFAULT_UNPAID_TIMEOUT_MS)).toEqual(['timeout']);
    expect(availableEvents(order, system, T0 + DEFAULT_UNPAID_TIMEOUT_MS, { amountFen: 4299 })).toEqual(['pay', 'timeout']);
    expect(availableEvents(paid, staff, T0)).toEqual(['ship', 'request_refund']);
    expect(availableEvents(paid, stranger, T0)).toEqual([]);
  });
});

describe('refunds', () => {
  const shipped = fire(fire(sampleOrder('delivery'), 'pay', wxpay), 'ship', staff);

  it('remembers the status to resume and returns to it on reject or withdraw', () => {
    const requested = fire(shipped, 'request_refund', customer);
    expect(requested).toMatchObject({ status: 'refund_requested', refundResumeStatus: 'shipped' });
    expect(openRefund(requested)).toMatchObject({ status: 'requested', amountFen: 4299 });
    const rejected = fire(requested, 'reject_refund', staff);
    expect(rejected.status).toBe('shipped');
    expect(rejected.refundResumeStatus).toBeUndefined();
    expect(rejected.refunds[0].status).toBe('rejected');
    const withdrawn = fire(requested, 'withdraw_refund', customer);
    expect(withdrawn.status).toBe('shipped');
    expect(withdrawn.refunds[0].status).toBe('withdrawn');
    expect(transition(requested, 'withdraw_refund', staff, T0)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('approve → refunding → failed → retry → succeeded (full, goods handed over: no restock)', () => {
    let order = fire(shipped, 'request_refund', customer);
    const approve = transition(order, 'approve_refund', staff, T0);
    expect(approve).toMatchObject({ ok: true, status: 'refunding', refundResumeStatus: 'shipped', refundStatus: 'processing', effects: ['startRefund'] });
    order = fire(order, 'approve_refund', staff);
    expect(transition(order, 'refund_failed', wxpay, T0)).toMatchObject({ ok: true, status: 'refund_requested', refundStatus: 'failed', effects: ['notifyStaff:refund_failed'] });
    order = fire(order, 'refund_failed', wxpay);
    order = fire(order, 'approve_refund', staff);
    expect(openRefund(order)?.status).toBe('processing');
    expect(transition(order, 'refund_succeeded', wxpay, T0, { amountFen: 4298 })).toMatchObject({
      ok: false,
      message: 'the refunded amount does not match the refund',
    });
    const done = transition(order, 'refund_succeeded', wxpay, T0, { amountFen: 4299 });
    expect(done).toMatchObject({ ok: true, status: 'refunded', refundResumeStatus: null, refundStatus: 'succeeded', effects: ['sendMessage:refunded'] });
    order = fire(order, 'refund_succeeded', wxpay);
    expect(refundedFen(order)).toBe(order.amounts.totalFen);
    expect(availableEvents(order, staff, T0)).toEqual([]);
  });

  it('restocks when the goods never left the shop', () => {
    let order = fire(fire(sampleOrder('pickup'), 'pay', wxpay), 'mark_ready', staff);
    order = fire(fire(order, 'request_refund', customer), 'approve_refund', staff);
    expect(transition(order, 'refund_succeeded', wxpay, T0, { amountFen: 3499 })).toMatchObject({ ok: true, status: 'refunded', effects: ['restock', 'sendMessage:refunded'] });
  });

  it('returns to the previous status after a partial refund', () => {
    const plan = planLineRefund(shipped, [{ skuId: 'tee-1', quantity: 1 }], { reason: 'r', at: T0 });
    if (!plan.ok) throw new Error(plan.message);
    let order = apply(shipped, transition(shipped, 'request_refund', customer, T0), T0, plan.refund);
    order = fire(order, 'approve_refund', staff);
    const done = transition(order, 'refund_succeeded', wxpay, T0, { amountFen: 1000 });
    expect(done).toMatchObject({ ok: true, status: 'shipped', refundResumeStatus: null, effects: ['sendMessage:refunded'] });
    order = apply(order, done, T0);
    expect(order.lines[0]).toMatchObject({ refundedQuantity: 1, refundedFen: 1000 });
    expect(fire(order, 'confirm_receipt', customer).status).toBe('completed');
  });

  it('refuses refund_succeeded without a refund being processed', () => {
    const broken: OrderDoc = { ...shipped, status: 'refunding', refundResumeStatus: 'shipped' };
    expect(transition(broken, 'refund_succeeded', wxpay, T0, { amountFen: 0 })).toMatchObject({ ok: false, message: 'no refund is being processed' });
    const noResume: OrderDoc = { ...fire(shipped, 'request_refund', customer), refundResumeStatus: undefined };
    expect(transition(noResume, 'reject_refund', staff, T0)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });
});

const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

describe('property: random event sequences through a model handler', () => {
  // Weighted so that sequences get deep (paid, shipped, refunded, partially refunded) instead of dying early.
  const WEIGHTS: Record<OrderEvent, number> = {
    pay: 6, cancel: 1, timeout: 1, mark_ready: 3, ship: 3, verify_pickup: 2, confirm_receipt: 2, auto_confirm: 1,
    request_refund: 8, withdraw_refund: 1, approve_refund: 8, reject_refund: 1, refund_succeeded: 8, refund_failed: 2,
  };
  const eventArb = fc.oneof(...ORDER_EVENTS.map((e) => ({ weight: WEIGHTS[e], arbitrary: fc.constant(e) })));
  /** Mostly an actor the table allows for the event (the owner for customer events), sometimes anyone. */
  const actorFor = (event: OrderEvent, pick: number, anyone: boolean): Actor => {
    if (anyone) return ACTORS[pick % ACTORS.length];
    const roles = [...new Set(ORDER_TRANSITIONS.filter((r) => r.event === event).flatMap((r) => r.roles))];
    const role = roles[pick % roles.length];
    return role === 'customer' ? customer : role === 'staff' ? staff : pick % 2 ? wxpay : system;
  };
  const stepArb = fc.record({
    event: eventArb,
    pick: fc.nat(),
    anyone: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    advanceMs: fc.constantFrom(0, 60_000, DEFAULT_UNPAID_TIMEOUT_MS, DEFAULT_AUTO_CONFIRM_MS),
    fullRefund: fc.boolean(),
    refundUnits: fc.integer({ min: 1, max: 3 }),
    refundLine: fc.nat(),
  });

  it('keeps status, refunds and stock consistent', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(fc.constantFrom<'pickup' | 'delivery'>('pickup', 'delivery'), fc.array(stepArb, { maxLength: 60, size: 'max' }), (type, steps) => {
        let order = sampleOrder(type);
        let at = T0;
        const initial = 20;
        const stock = new Map<string, SkuStockCounters>();
        const run = (ops: ReturnType<typeof reserveOps>) => {
          for (const op of ops) {
            const before = stock.get(op.skuId) ?? { stock: initial, reserved: 0, sold: 0, refundedToStock: 0, restocked: 0 };
            const after = applyStockOp(before, op);
            expect(after).not.toBeNull(); // a correct flow never trips a guard
            stock.set(op.skuId, after!);
          }
        };
        run(reserveOps(order.lines));

        for (const step of steps) {
          at += step.advanceMs;
          const before = order;
          let planned;
          if (step.event === 'request_refund') {
            const line = order.lines[step.refundLine % order.lines.length];
            const plan = step.fullRefund
              ? planFullRefund(order, { reason: 'r', at })
              : planLineRefund(order, [{ skuId: line.skuId, quantity: step.refundUnits }], { reason: 'r', at });
            if (!plan.ok) continue;
            planned = plan.refund;
          }
          const actor = actorFor(step.event, step.pick, step.anyone);
          const r = transition(order, step.event, actor, at, reported(order, step.event));
          if (!r.ok) {
            expect(['ILLEGAL_TRANSITION', 'FORBIDDEN']).toContain(r.code);
            continue;
          }
          expect(ORDER_TRANSITIONS.some((row) => row.event === step.event && row.roles.includes(actor.role))).toBe(true);
          if (actor.role === 'customer') expect(actor.id).toBe(order.openid);
          const open = openRefund(order);
          for (const effect of r.effects) {
            if (effect === 'releaseStock') run(releaseOps(order.lines));
            if (effect === 'commitStock') run(commitOps(order.lines));
            if (effect === 'restock') run(restockOps(open!.lines));
          }
          order = apply(order, r, at, planned);
          if (r.refundStatus === 'succeeded') count(seen, r.status === 'refunded' ? 'full refund' : 'partial refund');
          count(seen, order.status);
          if (step.event === 'ship') {
            order = { ...order, fulfilment: { ...order.fulfilment, shipping: { company: 'SF', trackingNo: 'x', shippedAt: at } } };
          }

          // invariants
          expect(ORDER_STATUSES).toContain(order.status);
          expect(TERMINAL_STATUSES).not.toContain(before.status);
          const inRefund = order.status === 'refund_requested' || order.status === 'refunding';
          expect(order.refundResumeStatus !== undefined).toBe(inRefund);
          expect(openRefund(order) !== undefined).toBe(inRefund);
          expect(order.refunds.filter((x) => ['requested', 'processing', 'failed'].includes(x.status)).length).toBeLessThanOrEqual(1);
          if (order.status === 'refunding') expect(openRefund(order)?.status).toBe('processing');
          expect(refundedFen(order)).toBeLessThanOrEqual(order.amounts.totalFen);
          expect(refundedFen(order) === order.amounts.totalFen).toBe(order.status === 'refunded');
          for (const l of order.lines) expect(l.refundedQuantity).toBeLessThanOrEqual(l.quantity);
          for (const c of stock.values()) expect(stockBaseline(c)).toBe(initial);
        }

        // stock ends where the status says it should
        const quantities = new Map(order.lines.map((l) => [l.skuId, l.quantity]));
        for (const [skuId, c] of stock) {
          if (order.status === 'unpaid') expect(c.reserved).toBe(quantities.get(skuId));
          else expect(c.reserved).toBe(0);
          expect(c.sold).toBe(order.status === 'unpaid' || order.status === 'cancelled' ? 0 : quantities.get(skuId));
          if (order.status === 'cancelled') expect(c.stock).toBe(initial);
        }
        if (TERMINAL_STATUSES.includes(order.status)) {
          for (const actor of ACTORS) {
            for (const amountFen of [undefined, order.amounts.totalFen]) {
              expect(availableEvents(order, actor, at + DEFAULT_AUTO_CONFIRM_MS, { amountFen })).toEqual([]);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
    // the generator really explores the machine (not a vacuous pass)
    for (const s of [...ORDER_STATUSES, 'full refund', 'partial refund']) {
      if (s !== 'unpaid') expect({ [s]: (seen.get(s) ?? 0) > 0 }).toEqual({ [s]: true });
    }
  });
});
