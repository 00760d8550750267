/**
 * checkout.quote / checkout.create through the built `order` function on the emulator: server prices, fresh
 * quote at creation (PRICE_CHANGED), stock reservation, cart removal, attribution, WeChat Pay parameters, and the
 * database calls per quote / create for 1, 10 and 50 lines (read from the emulator's quota meters).
 */
import { type GoodsSeed, type OrderTestEnv, startOrderEnv, SUB_MCH_ID } from './test-support';

const ALICE = 'o-alice-checkout';
const BOB = 'o-bob-checkout';

const SEEDS: GoodsSeed[] = [
  { id: 'g-latte', title: '拿铁', skus: [{ id: 's-latte-m', priceFen: 2800, stock: 10, specValues: ['中杯'] }, { id: 's-latte-l', priceFen: 3200, stock: 10, specValues: ['大杯'] }] },
  { id: 'g-bean', title: '咖啡豆', skus: [{ id: 's-bean', priceFen: 9900, stock: 3 }] },
  { id: 'g-off', title: '下架商品', onShelf: false, skus: [{ id: 's-off', priceFen: 100, stock: 5 }] },
  // 50 single-SKU goods for the DB-call counts
  ...Array.from({ length: 50 }, (_, i) => ({ id: `g-bulk-${i}`, title: `散装 ${i}`, skus: [{ id: `s-bulk-${String(i).padStart(2, '0')}`, priceFen: 100 + i, stock: 1000 }] })),
];

const ADDRESS = { name: '张三', phone: '13800000000', province: '上海市', city: '上海市', district: '徐汇区', detail: '衡山路 12 号' };

let env: OrderTestEnv;

beforeAll(async () => {
  env = await startOrderEnv({ seeds: SEEDS });
  env.coll('users').insertOne({ _id: ALICE, createdAt: 1, firstTouch: { at: 1, scene: 1047, channel: 'qr', table: 'A1' }, lastTouch: { at: 2, scene: 1047, channel: 'qr', table: 'B7', store: 's1' } });
  env.coll('carts').insertOne({
    _id: ALICE,
    items: [
      { skuId: 's-latte-m', goodsId: 'g-latte', quantity: 2, selected: true, addedAt: 1 },
      { skuId: 's-bean', goodsId: 'g-bean', quantity: 1, selected: false, addedAt: 1 },
    ],
  });
});

afterAll(async () => {
  await env?.stop();
});

it('quotes with server prices, shipping for delivery, and reports problems', async () => {
  const quote = await env.ok('order', 'checkout.quote', { items: [{ skuId: 's-latte-m', quantity: 2 }, { skuId: 's-latte-m', quantity: 1 }], fulfilment: { type: 'delivery' } }, ALICE);
  expect(quote).toMatchObject({ ok: true, goodsFen: 8400, shippingFen: 600, totalFen: 9000, fulfilment: 'delivery' });
  expect(quote.lines).toEqual([expect.objectContaining({ skuId: 's-latte-m', title: '拿铁', specText: '规格: 中杯', unitPriceFen: 2800, quantity: 3, payFen: 8400 })]);

  const free = await env.ok('order', 'checkout.quote', { items: [{ skuId: 's-bean', quantity: 1 }], fulfilment: { type: 'delivery' } }, ALICE);
  expect(free).toMatchObject({ goodsFen: 9900, shippingFen: 0, totalFen: 9900 });

  const bad = await env.ok('order', 'checkout.quote', { items: [{ skuId: 's-bean', quantity: 5 }, { skuId: 's-off', quantity: 1 }, { skuId: 'nope', quantity: 1 }], fulfilment: { type: 'pickup' } }, ALICE);
  expect(bad.ok).toBe(false);
  expect(bad.problems).toEqual([
    { skuId: 's-bean', code: 'INSUFFICIENT_STOCK', available: 3 },
    { skuId: 's-off', code: 'OFF_SHELF' },
    { skuId: 'nope', code: 'NOT_FOUND' },
  ]);
});

it('creates an order from a fresh quote: reserves stock, copies attribution, empties the ordered cart lines, asks WeChat Pay', async () => {
  const res = await env.ok('order', 'checkout.create', { items: [{ skuId: 's-latte-m', quantity: 2 }], fulfilment: { type: 'pickup' }, remark: '少冰', clientQuoteTotalFen: 5600 }, ALICE);
  expect(res).toMatchObject({ outcome: 'created', totalFen: 5600, payment: { package: expect.stringMatching(/^prepay_id=/), paySign: expect.any(String) } });

  const order = env.order(res.orderId);
  expect(order).toMatchObject({
    openid: ALICE,
    status: 'unpaid',
    orderNo: res.orderNo,
    amounts: { goodsFen: 5600, discountFen: 0, shippingFen: 0, totalFen: 5600 },
    fulfilment: { type: 'pickup', pickupCode: expect.stringMatching(/^\d{6}$/) },
    remark: '少冰',
    attribution: { scene: 1047, channel: 'qr', table: 'B7', store: 's1' },
  });
  expect(order.expiresAt - order.createdAt).toBe(15 * 60_000);
  expect(env.sku('s-latte-m')).toMatchObject({ stock: 8, reserved: 2, sold: 0 });
  // ordered line gone from the cart, the other stays
  expect((env.coll('carts').byId(ALICE) as { items: Array<{ skuId: string }> }).items.map((i) => i.skuId)).toEqual(['s-bean']);

  const payOrder = env.pay.order(res.orderNo)!;
  expect(payOrder).toMatchObject({ totalFee: 5600, subMchId: SUB_MCH_ID, functionName: 'payNotify', payer: ALICE, state: 'NOTPAY' });
});

it('answers PRICE_CHANGED with the new quote, and changes nothing, when the shown total is stale', async () => {
  const before = env.sku('s-latte-l');
  const res = await env.ok('order', 'checkout.create', { items: [{ skuId: 's-latte-l', quantity: 1 }], fulfilment: { type: 'pickup' }, clientQuoteTotalFen: 3000 }, BOB);
  expect(res).toMatchObject({ outcome: 'price_changed', code: 'PRICE_CHANGED', quote: { totalFen: 3200, ok: true } });
  expect(env.sku('s-latte-l')).toEqual(before);
  expect(env.coll('orders').find({ openid: BOB })).toEqual([]);
});

it('refuses delivery without an address and out-of-stock lines (naming the item), reserving nothing', async () => {
  const noAddress = await env.call('order', 'checkout.create', { items: [{ skuId: 's-bean', quantity: 1 }], fulfilment: { type: 'delivery' } }, BOB);
  expect(noAddress.reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  const tooMany = await env.call('order', 'checkout.create', { items: [{ skuId: 's-latte-l', quantity: 1 }, { skuId: 's-bean', quantity: 4 }], fulfilment: { type: 'delivery', address: ADDRESS } }, BOB);
  expect(tooMany.reply).toMatchObject({ ok: false, code: 'OUT_OF_STOCK' });
  expect(tooMany.reply.ok === false && tooMany.reply.message).toContain('咖啡豆');
  expect(env.sku('s-bean')).toMatchObject({ stock: 3, reserved: 0 });
  expect(env.sku('s-latte-l')).toMatchObject({ stock: 10, reserved: 0 });
});

it('delivery orders keep the address and pay the shipping', async () => {
  const res = await env.ok('order', 'checkout.create', { items: [{ skuId: 's-latte-l', quantity: 1 }], fulfilment: { type: 'delivery', address: ADDRESS }, source: 'buy_now' }, BOB);
  expect(res.totalFen).toBe(3800);
  expect(env.order(res.orderId)).toMatchObject({ fulfilment: { type: 'delivery', address: ADDRESS }, attribution: { channel: 'other', scene: 1000 } });
});

describe('database calls do not grow with the number of lines', () => {
  const counts: Record<string, Record<string, number>> = {};
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ skuId: `s-bulk-${String(i).padStart(2, '0')}`, quantity: 1 }));

  it.each([1, 10, 50])('quote and create with %i lines', async (n) => {
    const quote = await env.call('order', 'checkout.quote', { items: items(n), fulfilment: { type: 'pickup' } }, `o-bulk-${n}`);
    expect(quote.reply.ok).toBe(true);
    const create = await env.call('order', 'checkout.create', { items: items(n), fulfilment: { type: 'pickup' } }, `o-bulk-${n}`);
    expect(create.reply).toMatchObject({ ok: true, data: { outcome: 'created' } });
    const q = await env.quota(quote.invocationId);
    const c = await env.quota(create.invocationId);
    counts[`quote ${n}`] = { reads: q.dbReadRequests, writes: q.dbWriteRequests, pay: q.payCalls };
    counts[`create ${n}`] = { reads: c.dbReadRequests, writes: c.dbWriteRequests, pay: c.payCalls };
    expect(q).toMatchObject({ dbReadRequests: 3, dbWriteRequests: 0 });
    // reads: skus, goods, settings, user; writes: one conditional update per SKU + order insert + cart pull
    expect(c).toMatchObject({ dbReadRequests: 4, dbWriteRequests: n + 2, payCalls: 1 });
  });

  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`DB requests per call (quota meters):\n${Object.entries(counts).map(([k, v]) => `  ${k.padEnd(10)} reads ${v.reads}  writes ${v.writes}  pay ${v.pay}`).join('\n')}`);
  });
});
