/**
 * Payment and refund callbacks on the emulator (cloudPay simulation → the built payNotify / refundNotify functions):
 * duplicate and late deliveries change nothing twice, amounts are verified, a payment for a cancelled order is
 * refunded automatically, unknown payments can be re-checked, refunds move stock and state once.
 */
import type { OrderDoc } from '../../typings/shop/order';
import { stockBaseline } from '../domain/stock-plan';
import { applyTransition } from './apply-transition';
import { loadOrder } from './order-store';
import { type OrderTestEnv, snapshot, startOrderEnv, SUB_MCH_ID } from './test-support';

const ALICE = 'o-alice-pay';
const MALLORY = 'o-mallory-pay';
const STAFF = { role: 'staff' as const, id: 'o-staff-1' };

let env: OrderTestEnv;

beforeAll(async () => {
  env = await startOrderEnv({
    seeds: [
      { id: 'g-tea', title: '乌龙茶', skus: [{ id: 's-tea', priceFen: 1500, stock: 100 }] },
      { id: 'g-cake', title: '芝士蛋糕', skus: [{ id: 's-cake', priceFen: 3300, stock: 100 }] },
    ],
  });
  env.coll('subscriptions').insertOne({ _id: `${ALICE}|KD_TPL_ORDER_PAID`, openid: ALICE, templateId: 'KD_TPL_ORDER_PAID', count: 10, updatedAt: 0 });
});

afterAll(async () => {
  await env?.stop();
});

async function newOrder(openid = ALICE, items = [{ skuId: 's-tea', quantity: 2 }]): Promise<{ orderId: string; orderNo: string }> {
  const res = await env.ok('order', 'checkout.create', { items, fulfilment: { type: 'pickup' } }, openid);
  expect(res.outcome).toBe('created');
  return res;
}

const payLogEntries = (o: OrderDoc) => o.log.filter((e) => e.action === 'pay');
const paidMessages = () => env.outbox.list({ kind: 'openapi' }).filter((e) => e.api.includes('subscribeMessage'));

it('a payment delivered twice pays the order once, commits its stock once, sends one paid message, and is acknowledged both times', async () => {
  const { orderId, orderNo } = await newOrder();
  const skuBefore = env.sku('s-tea');
  const messagesBefore = paidMessages().length;
  await env.pay.simulatePayment(orderNo, { times: 2 });

  const order = env.order(orderId);
  expect(order.status).toBe('paid');
  expect(order.payment).toMatchObject({ paidFen: 3000, transactionId: env.pay.order(orderNo)!.transactionId });
  expect(payLogEntries(order)).toHaveLength(1);
  expect(env.sku('s-tea')).toMatchObject({ stock: skuBefore.stock, reserved: skuBefore.reserved - 2, sold: skuBefore.sold + 2 });
  expect(env.coll('goods').byId('g-tea')).toMatchObject({ sales: 2 });
  expect(env.pay.order(orderNo)!.deliveries.map((d) => [d.acknowledged, d.answer])).toEqual([
    [true, { errcode: 0, errmsg: '' }],
    [true, { errcode: 0, errmsg: '' }],
  ]);
  expect(paidMessages().length).toBe(messagesBefore + 1);
});

it('a late duplicate delivery after the order moved on changes nothing', async () => {
  const { orderId, orderNo } = await newOrder();
  await env.pay.simulatePayment(orderNo);
  await env.ok('order', 'order.requestRefund', { orderId, reason: '不想要了' }, ALICE);
  const before = snapshot(env, ['orders', 'skus', 'goods', 'payment_issues']);
  await env.pay.simulatePayment(orderNo, { times: 1, delayMs: 60 * 60_000 });
  await env.emu.clock.advance(60 * 60_000);
  expect(env.pay.order(orderNo)!.deliveries.at(-1)).toMatchObject({ acknowledged: true });
  expect(snapshot(env, ['orders', 'skus', 'goods', 'payment_issues'])).toEqual(before);
  expect(env.order(orderId).status).toBe('refund_requested');
}, 60_000);

it('refuses a notification whose amount differs from the order total, records it, and leaves the order unpaid', async () => {
  const { orderId, orderNo } = await newOrder();
  await env.pay.simulatePayment(orderNo, { times: 0 }); // WeChat Pay has it paid; no notification yet
  const paid = env.pay.order(orderNo)!;
  const forged = { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: orderNo, totalFee: 1, cashFee: 1, transactionId: paid.transactionId, subMchId: SUB_MCH_ID };
  const answer = await env.invoke('payNotify', forged, { openid: ALICE, source: 'wx_paycallback' });
  expect(answer).toEqual({ errcode: 1, errmsg: 'amount mismatch' });
  expect(env.order(orderId).status).toBe('unpaid');
  expect(env.coll('payment_issues').find({ orderNo })).toEqual([expect.objectContaining({ kind: 'amount_mismatch', reportedFen: 1, expectedFen: 3000, status: 'open' })]);
});

it('refuses a notification WeChat Pay does not confirm (queryOrder), and one sent by a client', async () => {
  const { orderId, orderNo } = await newOrder();
  const forged = { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: orderNo, totalFee: 3000, transactionId: '4200000000000000000000000001', subMchId: SUB_MCH_ID };
  await expect(env.invoke('payNotify', forged, { openid: MALLORY, source: 'wx_paycallback' })).resolves.toEqual({ errcode: 1, errmsg: 'payment not confirmed' });
  const viaGateway = await fetch(`${env.emu.baseUrl}/functions/payNotify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': MALLORY },
    body: JSON.stringify({ data: forged }),
  });
  expect(((await viaGateway.json()) as { result: unknown }).result).toEqual({ errcode: 1, errmsg: 'not a WeChat Pay notification' });
  expect(env.order(orderId)).toMatchObject({ status: 'unpaid' });
  expect(env.order(orderId).payment).toBeUndefined();
});

it('order.recheck records a payment whose notification never came', async () => {
  const { orderId, orderNo } = await newOrder();
  await env.pay.simulatePayment(orderNo, { times: 0 });
  expect(env.order(orderId).status).toBe('unpaid');
  await expect(env.ok('order', 'order.recheck', { orderId }, ALICE)).resolves.toEqual({ orderId, status: 'paid', paid: true });
  expect(payLogEntries(env.order(orderId))).toHaveLength(1);
  // the notification arriving afterwards changes nothing
  await env.pay.simulatePayment(orderNo);
  expect(payLogEntries(env.order(orderId))).toHaveLength(1);
});

it('cancelling an order the customer has just paid records the payment instead', async () => {
  const { orderId, orderNo } = await newOrder();
  await env.pay.simulatePayment(orderNo, { times: 1, delayMs: 10 * 60_000 });
  const refused = await env.call('order', 'order.cancel', { orderId }, ALICE);
  expect(refused.reply).toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
  expect(env.order(orderId).status).toBe('paid');
  await env.emu.clock.advance(10 * 60_000);
  expect(payLogEntries(env.order(orderId))).toHaveLength(1);
});

it('a payment for an order that was cancelled anyway is refunded automatically and recorded', async () => {
  const { orderId, orderNo } = await newOrder(ALICE, [{ skuId: 's-cake', quantity: 1 }]);
  // the customer pays in the same instant the order is cancelled (closeOrder lost): the order is cancelled, stock released
  await env.withSdk(async (cloud) => {
    const ctx = env.context(cloud);
    const order = (await loadOrder(ctx.db, orderId))!;
    const r = await applyTransition(ctx, order, 'cancel', STAFF, { skipEffects: ['closePayment'] });
    expect(r.ok).toBe(true);
  });
  const skuAfterCancel = env.sku('s-cake');
  await env.pay.simulatePayment(orderNo, { times: 2 });

  expect(env.order(orderId).status).toBe('cancelled');
  expect(env.sku('s-cake')).toEqual(skuAfterCancel);
  const refunds = env.pay.refundsOf(orderNo);
  expect(refunds).toEqual([expect.objectContaining({ outRefundNo: `${orderNo}L1`, refundFee: 3300, status: 'PROCESSING' })]);
  expect(env.coll('payment_issues').find({ orderNo })).toEqual([expect.objectContaining({ kind: 'late_payment', status: 'refunding', reportedFen: 3300 })]);

  await env.pay.simulateRefund(`${orderNo}L1`, { times: 2 });
  expect(env.coll('payment_issues').find({ orderNo })).toEqual([expect.objectContaining({ kind: 'late_payment', status: 'refunded' })]);
  expect(env.order(orderId).status).toBe('cancelled');
});

describe('refunds', () => {
  async function approve(orderId: string): Promise<void> {
    await env.withSdk(async (cloud) => {
      const ctx = env.context(cloud);
      const order = (await loadOrder(ctx.db, orderId))!;
      const r = await applyTransition(ctx, order, 'approve_refund', STAFF);
      if (!r.ok) throw new Error(r.message);
      expect(r.failedEffects).toEqual([]);
    });
  }

  it('a partial then a full refund: money, stock and state follow once each, even with duplicate notifications', async () => {
    const { orderId, orderNo } = await newOrder(ALICE, [{ skuId: 's-tea', quantity: 3 }, { skuId: 's-cake', quantity: 1 }]);
    await env.pay.simulatePayment(orderNo);
    const tea = env.sku('s-tea');

    const requested = await env.ok('order', 'order.requestRefund', { orderId, lines: [{ skuId: 's-tea', quantity: 1 }], reason: '少送一杯' }, ALICE);
    expect(requested).toMatchObject({ status: 'refund_requested', refunds: [{ status: 'requested', amountFen: 1500, full: false }] });
    await approve(orderId);
    const refundNo = `${orderNo}R1`;
    expect(env.pay.refundByNo(refundNo)).toMatchObject({ refundFee: 1500, status: 'PROCESSING', functionName: 'refundNotify' });
    expect(env.order(orderId).status).toBe('refunding');

    await env.pay.simulateRefund(refundNo, { times: 2 });
    let order = env.order(orderId);
    expect(order.status).toBe('paid');
    expect(order.refunds[0]).toMatchObject({ status: 'succeeded', amountFen: 1500 });
    expect(order.lines.find((l) => l.skuId === 's-tea')).toMatchObject({ refundedQuantity: 1, refundedFen: 1500 });
    expect(env.sku('s-tea')).toMatchObject({ stock: tea.stock + 1, refundedToStock: tea.refundedToStock + 1, sold: tea.sold });

    await env.ok('order', 'order.requestRefund', { orderId, reason: '全部退' }, ALICE);
    await approve(orderId);
    expect(env.pay.refundByNo(`${orderNo}R2`)).toMatchObject({ refundFee: 3000 + 3300 });
    await env.pay.simulateRefund(`${orderNo}R2`, { times: 2 });
    order = env.order(orderId);
    expect(order.status).toBe('refunded');
    expect(order.refunds.map((r) => [r.status, r.amountFen])).toEqual([
      ['succeeded', 1500],
      ['succeeded', 6300],
    ]);
    expect(env.sku('s-tea')).toMatchObject({ stock: tea.stock + 3, refundedToStock: tea.refundedToStock + 3 });
    expect(stockBaseline(env.sku('s-tea'))).toBe(100);
    expect(stockBaseline(env.sku('s-cake'))).toBe(100);
  });

  it('a refund notification WeChat Pay does not confirm changes nothing', async () => {
    const { orderId, orderNo } = await newOrder();
    await env.pay.simulatePayment(orderNo);
    await env.ok('order', 'order.requestRefund', { orderId, reason: '测试' }, ALICE);
    await approve(orderId);
    const forged = { returnCode: 'SUCCESS', subMchId: SUB_MCH_ID, reqInfo: { outTradeNo: orderNo, outRefundNo: `${orderNo}R1`, refundStatus: 'SUCCESS', refundFee: 3000 } };
    await expect(env.invoke('refundNotify', forged, { source: 'wx_paycallback' })).resolves.toEqual({ errcode: 1, errmsg: 'refund not confirmed' });
    expect(env.order(orderId)).toMatchObject({ status: 'refunding', refunds: [{ status: 'processing' }] });
    await env.pay.simulateRefund(`${orderNo}R1`);
    expect(env.order(orderId)).toMatchObject({ status: 'refunded', refunds: [{ status: 'succeeded' }] });
  });

  it('a refund WeChat Pay closes goes back to staff; the customer may withdraw it', async () => {
    const { orderId, orderNo } = await newOrder();
    await env.pay.simulatePayment(orderNo);
    await env.ok('order', 'order.requestRefund', { orderId, reason: '买错了' }, ALICE);
    await approve(orderId);
    await env.pay.simulateRefund(`${orderNo}R1`, { result: 'REFUNDCLOSE' });
    expect(env.order(orderId)).toMatchObject({ status: 'refund_requested', refunds: [{ status: 'failed' }] });
    const withdrawn = await env.ok('order', 'order.withdrawRefund', { orderId }, ALICE);
    expect(withdrawn).toMatchObject({ status: 'paid', refunds: [{ status: 'withdrawn' }] });
  });
});
