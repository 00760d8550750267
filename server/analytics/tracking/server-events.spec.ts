/**
 * The server's own analytics events on the emulator, through the real callbacks: a payment delivered twice writes
 * one `paid`, each succeeded refund one `refunded` (duplicate notifications included), a completed order one
 * `completed` — each for the order's customer with the amount, none from a client (track.batch refuses them).
 */
import type { OrderDoc } from '../../../typings/shop/order';
import { applyTransition } from '../../orders/apply-transition';
import { loadOrder } from '../../orders/order-store';
import { type OrderTestEnv, startOrderEnv } from '../../orders/test-support';
import { serverEventsOf } from './server-events';

const ALICE = 'o-alice-events';
const STAFF_ID = 'o-staff-events';
let env: OrderTestEnv;

beforeAll(async () => {
  env = await startOrderEnv({ seeds: [{ id: 'g-tea', title: '乌龙茶', skus: [{ id: 's-tea', priceFen: 1500, stock: 100 }] }] });
  env.coll('staff').insertOne({ _id: STAFF_ID, role: 'owner', name: '店长' });
});
afterAll(async () => {
  await env?.stop();
});

const serverEvents = (orderId: string) =>
  env.coll('events').find({ orderId }).map((e) => ({ _id: e._id, type: e.type, openid: e.openid, amountFen: e.amountFen, source: e.source }));

async function paidOrder(quantity: number): Promise<{ orderId: string; orderNo: string }> {
  const created = await env.ok('order', 'checkout.create', { items: [{ skuId: 's-tea', quantity }], fulfilment: { type: 'pickup' } }, ALICE);
  await env.pay.simulatePayment(created.orderNo, { times: 2 });
  return created;
}

it('a payment delivered twice writes one paid event; verifying the pickup writes one completed event', async () => {
  const { orderId, orderNo } = await paidOrder(2);
  expect(serverEvents(orderId)).toEqual([{ _id: `paid:${orderNo}`, type: 'paid', openid: ALICE, amountFen: 3000, source: 'server' }]);
  await env.ok('staff', 'staff.verifyPickup', { code: env.order(orderId).fulfilment.pickupCode }, STAFF_ID);
  expect(env.order(orderId).status).toBe('completed');
  expect(serverEvents(orderId).map((e) => [e.type, e.amountFen])).toEqual([
    ['paid', 3000],
    ['completed', 3000],
  ]);
});

it('each succeeded refund writes one refunded event, even with duplicate notifications', async () => {
  const { orderId, orderNo } = await paidOrder(3);
  for (const [input, refundNo] of [
    [{ orderId, lines: [{ skuId: 's-tea', quantity: 1 }], reason: '少送一杯' }, `${orderNo}R1`],
    [{ orderId, reason: '全部退' }, `${orderNo}R2`],
  ] as const) {
    await env.ok('order', 'order.requestRefund', input, ALICE);
    await env.withSdk(async (cloud) => {
      const ctx = env.context(cloud);
      const r = await applyTransition(ctx, (await loadOrder(ctx.db, orderId))!, 'approve_refund', { role: 'staff', id: STAFF_ID });
      if (!r.ok) throw new Error(r.message);
    });
    await env.pay.simulateRefund(refundNo, { times: 2 });
  }
  expect(env.order(orderId).status).toBe('refunded');
  expect(serverEvents(orderId)).toEqual([
    { _id: `paid:${orderNo}`, type: 'paid', openid: ALICE, amountFen: 4500, source: 'server' },
    { _id: `refunded:${orderNo}R1`, type: 'refunded', openid: ALICE, amountFen: 1500, source: 'server' },
    { _id: `refunded:${orderNo}R2`, type: 'refunded', openid: ALICE, amountFen: 3000, source: 'server' },
  ]);
});

it('a client cannot write them: track.batch refuses paid / refunded / completed as forged', async () => {
  const now = env.emu.clock.now();
  const events = ['paid', 'refunded', 'completed'].map((type) => ({ type, at: now, orderId: 'x', amountFen: 1 }));
  const res = await env.ok('analytics', 'track.batch', { events }, ALICE);
  expect(res.accepted).toBe(0);
  expect(res.refused.map((r: { reason: string }) => r.reason)).toEqual(['forged', 'forged', 'forged']);
  expect(env.coll('events').count({ orderId: 'x' })).toBe(0);
});

describe('serverEventsOf (pure)', () => {
  const order = (over: Partial<OrderDoc>): OrderDoc =>
    ({ _id: 'o1', orderNo: 'N1', openid: 'u', status: 'unpaid', refunds: [], amounts: { totalFen: 900 }, ...over }) as unknown as OrderDoc;

  it('nothing for a transition that neither pays, refunds nor completes', () => {
    expect(serverEventsOf(order({}), order({ status: 'cancelled' }), 5)).toEqual([]);
    const paid = order({ status: 'paid', payment: { paidAt: 3, paidFen: 900 } as OrderDoc['payment'] });
    expect(serverEventsOf(paid, { ...paid, status: 'ready' }, 5)).toEqual([]);
  });

  it('a refund already succeeded before the transition is not written again', () => {
    const r1 = { refundNo: 'N1R1', status: 'succeeded', amountFen: 100, refundedAt: 4 };
    const r2 = { refundNo: 'N1R2', status: 'processing', amountFen: 800 };
    const before = order({ status: 'refunding', payment: { paidAt: 3, paidFen: 900 } as OrderDoc['payment'], refunds: [r1, r2] as unknown as OrderDoc['refunds'] });
    const after = { ...before, status: 'refunded' as const, refunds: [r1, { ...r2, status: 'succeeded', refundedAt: 6 }] as unknown as OrderDoc['refunds'] };
    expect(serverEventsOf(before, after, 7).map((e) => [e._id, e.at, e.amountFen])).toEqual([['refunded:N1R2', 6, 800]]);
  });
});
