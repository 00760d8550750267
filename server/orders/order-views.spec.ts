/**
 * What the customer sees of their orders through the `order` function: list tabs and paging, the detail with its
 * buttons and timeline, re-pay, cancel, confirm receipt, and the pickup code image (a scannable mini-program code
 * from wxacode.getUnlimited, kept in cloud storage).
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { parseWxacodePayload } from '../../emulator/src/openapi';
import { applyTransition } from './apply-transition';
import { ORDER_PAGE_SIZE } from './order-function';
import { loadOrder } from './order-store';
import { type OrderTestEnv, startOrderEnv } from './test-support';

const CAROL = 'o-carol-views';
const ADDRESS = { name: '赵六', phone: '13600000000', province: '北京市', city: '北京市', district: '朝阳区', detail: '建国路 1 号' };

let env: OrderTestEnv;

beforeAll(async () => {
  env = await startOrderEnv({ seeds: [{ id: 'g-pie', title: '苹果派', skus: [{ id: 's-pie', priceFen: 1600, stock: 100 }] }] });
  // warm an instance up: a cold start takes real time, which the function's clock counts
  await env.ok('order', 'order.list', {}, CAROL);
});

afterAll(async () => {
  await env?.stop();
});

/** Creates an order, two seconds (of the emulator's manual clock, which the functions read) after the previous one. */
async function create(type: 'pickup' | 'delivery', quantity = 1) {
  await env.emu.clock.advance(2000);
  return env.ok('order', 'checkout.create', { items: [{ skuId: 's-pie', quantity }], fulfilment: type === 'pickup' ? { type } : { type, address: ADDRESS } }, CAROL);
}

it('lists own orders by tab, newest first, paged', async () => {
  const unpaid = await create('pickup');
  const paid = await create('pickup', 2);
  await env.pay.simulatePayment(paid.orderNo);

  const all = await env.ok('order', 'order.list', {}, CAROL);
  expect(all.orders.map((o: { _id: string }) => o._id)).toEqual([paid.orderId, unpaid.orderId]);
  expect(all.orders[0]).toMatchObject({ status: 'paid', totalFen: 3200, itemCount: 2, fulfilment: 'pickup', actions: ['requestRefund', 'pickupQr'] });
  expect(all.orders[1]).toMatchObject({ status: 'unpaid', actions: ['pay', 'cancel'], lines: [{ title: '苹果派', quantity: 1 }] });
  expect((await env.ok('order', 'order.list', { tab: 'unpaid' }, CAROL)).orders.map((o: { _id: string }) => o._id)).toEqual([unpaid.orderId]);
  expect((await env.ok('order', 'order.list', { tab: 'to_fulfil' }, CAROL)).orders.map((o: { _id: string }) => o._id)).toEqual([paid.orderId]);
  expect((await env.ok('order', 'order.list', { tab: 'after_sale' }, CAROL)).orders).toEqual([]);

  for (let i = 0; i < ORDER_PAGE_SIZE; i++) await create('pickup');
  const first = await env.ok('order', 'order.list', { page: 0 }, CAROL);
  const second = await env.ok('order', 'order.list', { page: 1 }, CAROL);
  expect([first.orders.length, first.hasMore, second.orders.length, second.hasMore]).toEqual([ORDER_PAGE_SIZE, true, 2, false]);
});

it('re-pay answers the same WeChat Pay order; cancel releases the stock', async () => {
  const order = await create('pickup', 3);
  const again = await env.ok('order', 'order.pay', { orderId: order.orderId }, CAROL);
  expect(again.payment.package).toBe(order.payment.package);
  const stock = env.sku('s-pie');
  const cancelled = await env.ok('order', 'order.cancel', { orderId: order.orderId, reason: '不要了' }, CAROL);
  expect(cancelled).toMatchObject({ status: 'cancelled', actions: [] });
  expect(cancelled.timeline.at(-1)).toMatchObject({ action: 'cancel', to: 'cancelled', note: '不要了' });
  expect(env.sku('s-pie')).toMatchObject({ stock: stock.stock + 3, reserved: stock.reserved - 3 });
  expect(env.pay.order(order.orderNo)).toMatchObject({ state: 'CLOSED' });
});

it('shows the pickup code as a scannable mini-program code whose scene ends with the code', async () => {
  const order = await create('pickup');
  await env.pay.simulatePayment(order.orderNo);
  const detail = await env.ok('order', 'order.detail', { orderId: order.orderId }, CAROL);
  const { url, pickupCode } = await env.ok('order', 'order.pickupQr', { orderId: order.orderId }, CAROL);
  expect(pickupCode).toBe(detail.fulfilment.pickupCode);
  const png = PNG.sync.read(Buffer.from(await (await fetch(url)).arrayBuffer()));
  const scanned = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(parseWxacodePayload(scanned!.data)).toMatchObject({ scene: `${order.orderNo}-${pickupCode}`, page: 'merchant/pages/index/index' });
});

it('a delivery order, once shipped, can be confirmed by its customer', async () => {
  const order = await create('delivery');
  await env.pay.simulatePayment(order.orderNo);
  await env.withSdk(async (cloud) => {
    const ctx = env.context(cloud);
    const doc = (await loadOrder(ctx.db, order.orderId))!;
    const r = await applyTransition(ctx, doc, 'ship', { role: 'staff', id: 'o-staff' }, {
      set: { fulfilment: { ...doc.fulfilment, shipping: { company: '中通', trackingNo: 'ZT1', shippedAt: ctx.now() } } },
    });
    expect(r.ok).toBe(true);
  });
  const shipped = await env.ok('order', 'order.detail', { orderId: order.orderId }, CAROL);
  expect(shipped).toMatchObject({ status: 'shipped', actions: ['confirmReceipt', 'requestRefund'], fulfilment: { shipping: { trackingNo: 'ZT1' } } });
  const done = await env.ok('order', 'order.confirmReceipt', { orderId: order.orderId }, CAROL);
  expect(done.status).toBe('completed');
  expect(done.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'pay', 'ship', 'confirm_receipt']);
  expect(JSON.stringify(done)).not.toContain('o-staff');
});
