/**
 * The built `staff` function on the emulator, over the demo shop's data (seeded as `npm start` seeds it, with the
 * WeChat Pay ledger agreeing): access control first, then each back-office action through the real order
 * transitions, stock effects and WeChat Pay calls.
 */
import path from 'node:path';
import type { EmulatorController } from '../../emulator/src/controller';
import type { OpenApiService } from '../../emulator/src/openapi';
import type { OutboxService } from '../../emulator/src/outbox';
import type { PayService } from '../../emulator/src/pay';
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/config/subscribe';
import { pointSdkAt } from '../../emulator/src/testing';
import type { OrderDoc } from '../../typings/shop/order';
import { DEMO_CUSTOMER, DEMO_STAFF, DEMO_SUB_MCH_ID } from '../../scripts/demo-shop';
import { registerDemoPayments } from '../../scripts/demo-shop/payments';
import { getDatabase } from '../lib/cloud';
import { createLogger } from '../lib/logger';
import { docsOf } from '../notify/db-results';
import { requestRefund } from '../orders/refunds';
import { startDemoEmulator } from '../../test/demo-emulator';

let emu: EmulatorController;
let orders: OrderDoc[];

beforeAll(async () => {
  ({ emu, orders } = await startDemoEmulator());
  await registerDemoPayments(emu, orders, DEMO_SUB_MCH_ID);
});
afterAll(async () => {
  await emu?.stop();
});

async function staff(action: string, input: unknown = {}, openid = DEMO_STAFF): Promise<any> {
  const res = await fetch(`${emu.baseUrl}/functions/staff`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: JSON.stringify({ data: { action, input } }),
  });
  const body = (await res.json()) as { result?: unknown; errMsg?: string };
  if (!('result' in body)) throw new Error(`platform failure: ${body.errMsg}`);
  return body.result;
}

/** Everything a staff action could change. */
async function snapshot(): Promise<unknown> {
  const restore = pointSdkAt(emu);
  try {
    const db = getDatabase();
    const all = (name: string) => docsOf<unknown>(db.collection(name).orderBy('_id', 'asc').limit(1000));
    return { orders: await all('orders'), skus: await all('skus'), goods: await all('goods'), log: await all('message_log') };
  } finally {
    restore();
  }
}

async function orderDoc(id: string): Promise<OrderDoc> {
  const restore = pointSdkAt(emu);
  try {
    const [order] = await docsOf<OrderDoc>(getDatabase().collection('orders').where({ _id: id }));
    return order;
  } finally {
    restore();
  }
}

const seeded = (id: string) => orders.find((o) => o._id === id)!;

describe('access', () => {
  it('refuses every action to a customer (FORBIDDEN) and to a caller without openid, changing nothing', async () => {
    const before = await snapshot();
    const paidPickup = seeded('demo-o-02');
    const calls: Array<[string, unknown]> = [
      ['staff.me', {}],
      ['staff.orders', {}],
      ['staff.orderDetail', { orderId: paidPickup._id }],
      ['staff.markReady', { orderId: paidPickup._id }],
      ['staff.verifyPickup', { code: paidPickup.fulfilment.pickupCode }],
      ['staff.ship', { orderId: 'demo-o-05', company: '顺丰速运', trackingNo: 'SF0000000001' }],
      ['staff.approveRefund', { orderId: 'demo-o-04' }],
      ['staff.rejectRefund', { orderId: 'demo-o-04', reason: '不行' }],
      ['staff.refund', { orderId: 'demo-o-07' }],
    ];
    for (const [action, input] of calls) {
      await expect(staff(action, input, DEMO_CUSTOMER)).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' });
      await expect(staff(action, input, '')).resolves.toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('staff.me answers the staff record of owners and clerks', async () => {
    await expect(staff('staff.me')).resolves.toEqual({ ok: true, data: { openid: DEMO_STAFF, role: 'owner', name: '店长 阿杰' } });
    await expect(staff('staff.me', {}, 'demo-clerk')).resolves.toMatchObject({ ok: true, data: { role: 'clerk' } });
  });
});

describe('reading orders', () => {
  it('lists every customer’s orders newest first, filtered by status or by what needs a hand', async () => {
    const all = await staff('staff.orders', {});
    expect(all.ok).toBe(true);
    expect(all.data.orders.map((o: { _id: string }) => o._id)).toEqual([...orders].sort((a, b) => b.createdAt - a.createdAt).map((o) => o._id));
    expect(new Set(all.data.orders.map((o: { _id: string; orderNo: string }) => o.orderNo)).size).toBe(orders.length);
    expect(all.data).toMatchObject({ page: 0, pageSize: 20, hasMore: false });

    const todo = await staff('staff.orders', { status: 'todo' });
    expect(todo.data.orders.map((o: { status: string }) => o.status).sort()).toEqual(['paid', 'paid', 'ready', 'refund_requested']);
    const unpaid = await staff('staff.orders', { status: 'unpaid' });
    expect(unpaid.data.orders).toEqual([expect.objectContaining({ _id: 'demo-o-01', fulfilment: 'pickup', itemCount: 2, summary: '拿铁 等2件' })]);
    await expect(staff('staff.orders', { status: 'lost' })).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('shows an order with the actions staff may take on it', async () => {
    await expect(staff('staff.orderDetail', { orderId: 'demo-o-04' })).resolves.toMatchObject({
      ok: true,
      data: { order: { _id: 'demo-o-04', status: 'refund_requested' }, actions: ['approveRefund', 'rejectRefund'] },
    });
    await expect(staff('staff.orderDetail', { orderId: 'demo-o-05' })).resolves.toMatchObject({ data: { actions: ['ship', 'refund'] } });
    await expect(staff('staff.orderDetail', { orderId: 'nope' })).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('pickup', () => {
  it('marks a paid pickup order ready, then the typed code completes it; the code cannot be used again', async () => {
    const order = seeded('demo-o-02');
    // the customer allowed the 取货提醒 message at checkout (the phone's side, then our record of it)
    emu.service<OpenApiService>('openapi').grantSubscription(order.openid, [SUBSCRIBE_TEMPLATES.ready]);
    await fetch(`${emu.baseUrl}/functions/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': order.openid },
      body: JSON.stringify({ data: { action: 'notify.recordSubscription', input: { results: { [SUBSCRIBE_TEMPLATES.ready]: 'accept' } } } }),
    });
    await expect(staff('staff.markReady', { orderId: order._id })).resolves.toMatchObject({ ok: true, data: { order: { status: 'ready' }, actions: ['verifyPickup', 'refund'] } });
    expect(emu.service<OutboxService>('outbox').list({ api: 'subscribeMessage.send', openid: order.openid })).toEqual([
      expect.objectContaining({ errCode: 0, request: expect.objectContaining({ template_id: SUBSCRIBE_TEMPLATES.ready, page: `pages/order-detail/index?id=${order._id}` }) }),
    ]);

    const done = await staff('staff.verifyPickup', { code: order.fulfilment.pickupCode });
    expect(done).toMatchObject({ ok: true, data: { order: { _id: order._id, status: 'completed' } } });
    const stored = await orderDoc(order._id);
    expect(stored.status).toBe('completed');
    expect(stored.log.at(-1)).toMatchObject({ action: 'verify_pickup', by: DEMO_STAFF, role: 'staff', from: 'ready', to: 'completed' });

    await expect(staff('staff.verifyPickup', { code: order.fulfilment.pickupCode })).resolves.toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
  });

  it('completes a ready order from the scanned pickup QR text, and refuses unknown or malformed codes', async () => {
    const order = seeded('demo-o-03');
    const used = new Set(orders.map((o) => o.fulfilment.pickupCode));
    const unknown = ['000000', '111111', '222222', '999999'].find((c) => !used.has(c))!;
    const before = await snapshot();
    await expect(staff('staff.verifyPickup', { code: unknown })).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' });
    await expect(staff('staff.verifyPickup', { code: '12ab' })).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    await expect(staff('staff.verifyPickup', { code: seeded('demo-o-01').fulfilment.pickupCode })).resolves.toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
    expect(await snapshot()).toEqual(before);

    await expect(staff('staff.verifyPickup', { code: `kaidian://pickup/${order.fulfilment.pickupCode}` })).resolves.toMatchObject({
      ok: true,
      data: { order: { _id: order._id, status: 'completed' } },
    });
  });
});

describe('delivery', () => {
  it('ships a paid delivery order with its shipping record', async () => {
    await expect(staff('staff.ship', { orderId: 'demo-o-05', company: '顺丰速运' })).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const out = await staff('staff.ship', { orderId: 'demo-o-05', company: '顺丰速运', trackingNo: 'SF1234567890' });
    expect(out).toMatchObject({ ok: true, data: { order: { status: 'shipped', fulfilment: { type: 'delivery', shipping: { company: '顺丰速运', trackingNo: 'SF1234567890' } } } } });
    expect((await orderDoc('demo-o-05')).fulfilment.shipping?.shippedAt).toEqual(expect.any(Number));
    // a pickup order cannot be shipped
    await expect(staff('staff.ship', { orderId: 'demo-o-07', company: '顺丰速运', trackingNo: 'SF1234567891' })).resolves.toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
  });
});

describe('refunds', () => {
  it('approving a refund request starts the WeChat Pay refund; its completion refunds the order', async () => {
    const out = await staff('staff.approveRefund', { orderId: 'demo-o-04' });
    expect(out).toMatchObject({ ok: true, data: { order: { status: 'refunding' } } });
    const order = await orderDoc('demo-o-04');
    const refund = order.refunds.at(-1)!;
    expect(refund).toMatchObject({ status: 'processing', amountFen: order.amounts.totalFen });
    const pay = emu.service<PayService>('pay');
    expect(pay.refundByNo(refund.refundNo, DEMO_SUB_MCH_ID)).toMatchObject({ refundFee: order.amounts.totalFen, status: 'PROCESSING' });
    // WeChat Pay completes it: the refund callback (the order side's refundNotify) finishes the order
    await pay.simulateRefund(refund.refundNo, { subMchId: DEMO_SUB_MCH_ID });
    expect(await orderDoc('demo-o-04')).toMatchObject({ status: 'refunded', refunds: [expect.objectContaining({ status: 'succeeded' })] });
  });

  it('a staff refund of one unit of a completed order asks WeChat Pay for that unit’s amount', async () => {
    const order = seeded('demo-o-07');
    const line = order.lines[1];
    const out = await staff('staff.refund', { orderId: order._id, lines: [{ skuId: line.skuId, quantity: 1 }], reason: '肉桂卷烤焦了' });
    expect(out).toMatchObject({ ok: true, data: { order: { status: 'refunding' } } });
    const refund = (await orderDoc(order._id)).refunds.at(-1)!;
    expect(refund).toMatchObject({ status: 'processing', reason: '肉桂卷烤焦了', lines: [{ skuId: line.skuId, quantity: 1, amountFen: line.payFen }] });
    expect(emu.service<PayService>('pay').refundByNo(refund.refundNo, DEMO_SUB_MCH_ID)).toMatchObject({ refundFee: line.payFen });
    await expect(staff('staff.refund', { orderId: order._id })).resolves.toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
    await expect(staff('staff.refund', { orderId: 'demo-o-11', lines: [{ skuId: 'no-such-sku', quantity: 1 }] })).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('rejecting a refund request returns the order to where it was', async () => {
    const restore = pointSdkAt(emu);
    try {
      const ctx = { openid: DEMO_CUSTOMER, appid: '', unionid: '', source: 'wx_client', requestId: '', db: getDatabase(), now: () => Date.now(), log: createLogger({}, () => undefined) };
      await requestRefund(ctx, await orderDoc('demo-o-11'), { role: 'customer', id: DEMO_CUSTOMER }, { reason: '杯子有裂纹' });
    } finally {
      restore();
    }
    await expect(staff('staff.rejectRefund', { orderId: 'demo-o-11' })).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const out = await staff('staff.rejectRefund', { orderId: 'demo-o-11', reason: '请先拍照联系客服' });
    expect(out).toMatchObject({ ok: true, data: { order: { status: 'completed' } } });
    expect((await orderDoc('demo-o-11')).refunds.at(-1)).toMatchObject({ status: 'rejected' });
    await expect(staff('staff.rejectRefund', { orderId: 'demo-o-11', reason: '再拒一次' })).resolves.toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
  });
});
