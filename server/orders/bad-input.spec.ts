/**
 * Every action of the `order` function (and the callbacks / timers) refuses bad input with a clear code and
 * changes nothing: missing fields, negative / fractional / huge quantities, injected prices or openids, unknown
 * and foreign order ids, another customer's order (NOT_FOUND, never FORBIDDEN), actions the order's state does not
 * allow. The database and the WeChat Pay ledger are compared before and after.
 */
import { type OrderTestEnv, snapshot, startOrderEnv } from './test-support';

const ALICE = 'o-alice-bad';
const BOB = 'o-bob-bad';
const ADDRESS = { name: '张三', phone: '13800000000', province: '上海市', city: '上海市', district: '徐汇区', detail: '衡山路 12 号' };
const COLLECTIONS = ['orders', 'skus', 'goods', 'carts', 'users', 'payment_issues', 'message_log', 'subscriptions'];

let env: OrderTestEnv;
let unpaidId: string;
let paidId: string;

beforeAll(async () => {
  env = await startOrderEnv({
    seeds: [
      { id: 'g-ok', title: '燕麦拿铁', skus: [{ id: 's-ok', priceFen: 3000, stock: 50 }] },
      { id: 'g-off', title: '停售', onShelf: false, skus: [{ id: 's-off', priceFen: 100, stock: 5 }] },
    ],
  });
  env.coll('carts').insertOne({ _id: ALICE, items: [{ skuId: 's-ok', goodsId: 'g-ok', quantity: 1, selected: true, addedAt: 1 }] });
  unpaidId = (await env.ok('order', 'checkout.create', { items: [{ skuId: 's-ok', quantity: 1 }], fulfilment: { type: 'pickup' }, source: 'buy_now' }, ALICE)).orderId;
  const paid = await env.ok('order', 'checkout.create', { items: [{ skuId: 's-ok', quantity: 2 }], fulfilment: { type: 'pickup' }, source: 'buy_now' }, ALICE);
  paidId = paid.orderId;
  await env.pay.simulatePayment(paid.orderNo);
});

afterAll(async () => {
  await env?.stop();
});

const item = (quantity: unknown, skuId: unknown = 's-ok') => ({ skuId, quantity });
const quote = (items: unknown, fulfilment: unknown = { type: 'pickup' }) => ({ items, fulfilment });

type Case = [label: string, action: string, input: () => unknown, openid: string, code: string];

const CASES: Case[] = [
  ['quote: no input', 'checkout.quote', () => ({}), ALICE, 'INVALID_INPUT'],
  ['quote: empty items', 'checkout.quote', () => quote([]), ALICE, 'INVALID_INPUT'],
  ['quote: negative quantity', 'checkout.quote', () => quote([item(-1)]), ALICE, 'INVALID_INPUT'],
  ['quote: zero quantity', 'checkout.quote', () => quote([item(0)]), ALICE, 'INVALID_INPUT'],
  ['quote: fractional quantity', 'checkout.quote', () => quote([item(1.5)]), ALICE, 'INVALID_INPUT'],
  ['quote: huge quantity', 'checkout.quote', () => quote([item(1e12)]), ALICE, 'INVALID_INPUT'],
  ['quote: quantity as text', 'checkout.quote', () => quote([item('2')]), ALICE, 'INVALID_INPUT'],
  ['quote: duplicates over the limit', 'checkout.quote', () => quote([item(60), item(60)]), ALICE, 'INVALID_INPUT'],
  ['quote: empty skuId', 'checkout.quote', () => quote([item(1, '')]), ALICE, 'INVALID_INPUT'],
  ['quote: skuId as query object', 'checkout.quote', () => quote([item(1, { $ne: '' })]), ALICE, 'INVALID_INPUT'],
  ['quote: unknown fulfilment', 'checkout.quote', () => quote([item(1)], { type: 'teleport' }), ALICE, 'INVALID_INPUT'],
  ['quote: client price', 'checkout.quote', () => quote([{ skuId: 's-ok', quantity: 1, priceFen: 1 }]), ALICE, 'INVALID_INPUT'],
  ['quote: no caller', 'checkout.quote', () => quote([item(1)]), '', 'UNAUTHENTICATED'],
  ['create: missing fulfilment', 'checkout.create', () => ({ items: [item(1)] }), ALICE, 'INVALID_INPUT'],
  ['create: negative quantity', 'checkout.create', () => quote([item(-3)]), ALICE, 'INVALID_INPUT'],
  ['create: huge quantity', 'checkout.create', () => quote([item(100)]), ALICE, 'INVALID_INPUT'],
  ['create: forged openid', 'checkout.create', () => ({ ...quote([item(1)]), openid: BOB }), ALICE, 'INVALID_INPUT'],
  ['create: client total negative', 'checkout.create', () => ({ ...quote([item(1)]), clientQuoteTotalFen: -5 }), ALICE, 'INVALID_INPUT'],
  ['create: client total fractional', 'checkout.create', () => ({ ...quote([item(1)]), clientQuoteTotalFen: 29.99 }), ALICE, 'INVALID_INPUT'],
  ['create: remark too long', 'checkout.create', () => ({ ...quote([item(1)]), remark: 'x'.repeat(201) }), ALICE, 'INVALID_INPUT'],
  ['create: address without phone', 'checkout.create', () => quote([item(1)], { type: 'delivery', address: { ...ADDRESS, phone: undefined } }), ALICE, 'INVALID_INPUT'],
  ['create: delivery without address', 'checkout.create', () => quote([item(1)], { type: 'delivery' }), ALICE, 'INVALID_INPUT'],
  ['create: unknown sku', 'checkout.create', () => quote([item(1, 's-nope')]), ALICE, 'NOT_FOUND'],
  ['create: off-shelf sku', 'checkout.create', () => quote([item(1, 's-off')]), ALICE, 'PRECONDITION_FAILED'],
  ['create: more than in stock', 'checkout.create', () => quote([item(99)]), ALICE, 'OUT_OF_STOCK'],
  ['create: no caller', 'checkout.create', () => quote([item(1)]), '', 'UNAUTHENTICATED'],
  ['pay: no orderId', 'order.pay', () => ({}), ALICE, 'INVALID_INPUT'],
  ['pay: unknown order', 'order.pay', () => ({ orderId: 'nope' }), ALICE, 'NOT_FOUND'],
  ['pay: another customer’s order', 'order.pay', () => ({ orderId: unpaidId }), BOB, 'NOT_FOUND'],
  ['pay: a paid order', 'order.pay', () => ({ orderId: paidId }), ALICE, 'PRECONDITION_FAILED'],
  ['recheck: another customer’s order', 'order.recheck', () => ({ orderId: unpaidId }), BOB, 'NOT_FOUND'],
  ['list: negative page', 'order.list', () => ({ page: -1 }), ALICE, 'INVALID_INPUT'],
  ['list: unknown tab', 'order.list', () => ({ tab: 'everything' }), ALICE, 'INVALID_INPUT'],
  ['list: forged openid', 'order.list', () => ({ openid: BOB }), ALICE, 'INVALID_INPUT'],
  ['detail: another customer’s order', 'order.detail', () => ({ orderId: paidId }), BOB, 'NOT_FOUND'],
  ['detail: orderId as query object', 'order.detail', () => ({ orderId: { $exists: true } }), BOB, 'INVALID_INPUT'],
  ['detail: empty orderId', 'order.detail', () => ({ orderId: '' }), ALICE, 'INVALID_INPUT'],
  ['cancel: another customer’s order', 'order.cancel', () => ({ orderId: unpaidId }), BOB, 'NOT_FOUND'],
  ['cancel: a paid order', 'order.cancel', () => ({ orderId: paidId }), ALICE, 'PRECONDITION_FAILED'],
  ['confirm: an unpaid order', 'order.confirmReceipt', () => ({ orderId: unpaidId }), ALICE, 'PRECONDITION_FAILED'],
  ['confirm: a paid pickup order', 'order.confirmReceipt', () => ({ orderId: paidId }), ALICE, 'PRECONDITION_FAILED'],
  ['confirm: another customer’s order', 'order.confirmReceipt', () => ({ orderId: paidId }), BOB, 'NOT_FOUND'],
  ['refund: no reason', 'order.requestRefund', () => ({ orderId: paidId }), ALICE, 'INVALID_INPUT'],
  ['refund: zero units', 'order.requestRefund', () => ({ orderId: paidId, reason: 'x', lines: [item(0)] }), ALICE, 'INVALID_INPUT'],
  ['refund: more units than bought', 'order.requestRefund', () => ({ orderId: paidId, reason: 'x', lines: [item(3)] }), ALICE, 'INVALID_INPUT'],
  ['refund: a line not in the order', 'order.requestRefund', () => ({ orderId: paidId, reason: 'x', lines: [item(1, 's-off')] }), ALICE, 'INVALID_INPUT'],
  ['refund: an amount instead of lines', 'order.requestRefund', () => ({ orderId: paidId, reason: 'x', amountFen: 1 }), ALICE, 'INVALID_INPUT'],
  ['refund: an unpaid order', 'order.requestRefund', () => ({ orderId: unpaidId, reason: 'x' }), ALICE, 'PRECONDITION_FAILED'],
  ['refund: another customer’s order', 'order.requestRefund', () => ({ orderId: paidId, reason: 'x' }), BOB, 'NOT_FOUND'],
  ['withdraw: nothing requested', 'order.withdrawRefund', () => ({ orderId: paidId }), ALICE, 'PRECONDITION_FAILED'],
  ['withdraw: another customer’s order', 'order.withdrawRefund', () => ({ orderId: paidId }), BOB, 'NOT_FOUND'],
  ['pickupQr: an unpaid order', 'order.pickupQr', () => ({ orderId: unpaidId }), ALICE, 'PRECONDITION_FAILED'],
  ['pickupQr: another customer’s order', 'order.pickupQr', () => ({ orderId: paidId }), BOB, 'NOT_FOUND'],
  ['unknown action', 'order.delete', () => ({ orderId: paidId }), ALICE, 'UNKNOWN_ACTION'],
];

it('refuses every bad call with its code and changes nothing', async () => {
  const before = snapshot(env, COLLECTIONS);
  const ledgerBefore = JSON.stringify(env.pay.ledger.allOrders());
  const answers: string[] = [];
  for (const [label, action, input, openid] of CASES) {
    const { reply } = await env.call('order', action, input(), openid);
    answers.push(`${label}: ${reply.ok ? 'ok' : reply.code}`);
    if (!reply.ok) expect(reply.message).toBeTruthy();
  }
  expect(answers).toEqual(CASES.map(([label, , , , code]) => `${label}: ${code}`));
  expect(snapshot(env, COLLECTIONS)).toEqual(before);
  expect(JSON.stringify(env.pay.ledger.allOrders())).toBe(ledgerBefore);
});

it('another customer’s order is indistinguishable from a missing one', async () => {
  const foreign = await env.call('order', 'order.detail', { orderId: paidId }, BOB);
  const missing = await env.call('order', 'order.detail', { orderId: 'f'.repeat(32) }, BOB);
  expect(foreign.reply).toEqual(missing.reply);
  const list = await env.ok('order', 'order.list', {}, BOB);
  expect(list.orders).toEqual([]);
});

it('the callbacks and the timers refuse malformed events without changing anything', async () => {
  const before = snapshot(env, COLLECTIONS);
  const pay = { openid: ALICE, source: 'wx_paycallback' };
  await expect(env.invoke('payNotify', { returnCode: 'SUCCESS', resultCode: 'SUCCESS' }, pay)).resolves.toEqual({ errcode: 1, errmsg: 'malformed notification' });
  await expect(env.invoke('payNotify', { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: 'x', totalFee: '3000', transactionId: 't', subMchId: '1' }, pay)).resolves.toEqual({ errcode: 1, errmsg: 'malformed notification' });
  await expect(env.invoke('refundNotify', { returnCode: 'SUCCESS' }, pay)).resolves.toEqual({ errcode: 1, errmsg: 'malformed notification' });
  await expect(env.invoke('orderTimers', { Type: 'Timer', TriggerName: 'bogus' }, { source: 'wx_trigger' })).resolves.toEqual({ ok: false, message: 'unknown trigger bogus' });
  expect(snapshot(env, COLLECTIONS)).toEqual(before);
});
