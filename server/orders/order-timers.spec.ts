/**
 * The orderTimers function on the emulator's manual clock (its config.json triggers fire as the clock moves):
 * one unpaid reminder per order a few minutes before the timeout, the timeout itself (stock released, WeChat Pay
 * order closed), and the auto-confirmation of shipped delivery orders.
 */
import { applyTransition } from './apply-transition';
import { loadOrder } from './order-store';
import { DEFAULT_SETTINGS, type OrderTestEnv, startOrderEnv } from './test-support';

const ALICE = 'o-alice-timers';
const MINUTE = 60_000;
const ADDRESS = { name: '李四', phone: '13900000000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };

let env: OrderTestEnv;

beforeAll(async () => {
  env = await startOrderEnv({
    seeds: [{ id: 'g-mug', title: '马克杯', skus: [{ id: 's-mug', priceFen: 4500, stock: 20 }] }],
    settings: { ...DEFAULT_SETTINGS, orders: { unpaidTimeoutMinutes: 15, reminderBeforeMinutes: 5, autoConfirmDays: 1 / 24 } },
  });
  env.coll('subscriptions').insertOne({ _id: `${ALICE}|KD_TPL_UNPAID_REMINDER`, openid: ALICE, templateId: 'KD_TPL_UNPAID_REMINDER', count: 5, updatedAt: 0 });
});

afterAll(async () => {
  await env?.stop();
});

const reminders = () => env.outbox.list({ kind: 'openapi' }).filter((e) => JSON.stringify(e.request ?? '').includes('KD_TPL_UNPAID_REMINDER'));

it('reminds once before the timeout, then times the order out: stock released, payment closed', async () => {
  const { orderId, orderNo } = await env.ok('order', 'checkout.create', { items: [{ skuId: 's-mug', quantity: 2 }], fulfilment: { type: 'pickup' } }, ALICE);
  expect(env.sku('s-mug')).toMatchObject({ stock: 18, reserved: 2 });

  await env.emu.clock.advance(11 * MINUTE);
  expect(env.order(orderId)).toMatchObject({ status: 'unpaid', remindedAt: expect.any(Number) });
  expect(reminders()).toHaveLength(1);

  await env.emu.clock.advance(5 * MINUTE);
  const order = env.order(orderId);
  expect(order.status).toBe('cancelled');
  expect(order.log.at(-1)).toMatchObject({ action: 'timeout', role: 'system', from: 'unpaid', to: 'cancelled' });
  expect(env.sku('s-mug')).toMatchObject({ stock: 20, reserved: 0, sold: 0 });
  expect(env.pay.order(orderNo)).toMatchObject({ state: 'CLOSED' });
  expect(reminders()).toHaveLength(1);
  // a closed WeChat Pay order cannot be paid any more
  await expect(env.pay.simulatePayment(orderNo)).rejects.toThrow(/closed/);
}, 60_000);

it('auto-confirms a shipped delivery order once its delay has passed', async () => {
  const { orderId, orderNo } = await env.ok('order', 'checkout.create', { items: [{ skuId: 's-mug', quantity: 1 }], fulfilment: { type: 'delivery', address: ADDRESS } }, ALICE);
  await env.pay.simulatePayment(orderNo);
  await env.withSdk(async (cloud) => {
    const ctx = env.context(cloud);
    const order = (await loadOrder(ctx.db, orderId))!;
    const shipped = await applyTransition(ctx, order, 'ship', { role: 'staff', id: 'o-staff' }, {
      set: { fulfilment: { ...order.fulfilment, shipping: { company: '顺丰', trackingNo: 'SF1', shippedAt: ctx.now() } } },
    });
    expect(shipped.ok).toBe(true);
  });
  await env.emu.clock.advance(30 * MINUTE);
  expect(env.order(orderId).status).toBe('shipped');
  await env.emu.clock.advance(100 * MINUTE);
  expect(env.order(orderId)).toMatchObject({ status: 'completed' });
  expect(env.order(orderId).log.at(-1)).toMatchObject({ action: 'auto_confirm', role: 'system' });
}, 60_000);

it('refuses to run for a caller with a user identity', async () => {
  await expect(env.invoke('orderTimers', { Type: 'Timer', TriggerName: 'everyMinute', Time: '2099-01-01T00:00:00Z' }, { openid: ALICE, source: 'wx_client' })).resolves.toEqual({
    ok: false,
    message: 'orderTimers runs from its timer triggers only',
  });
});
