/**
 * Coupons at checkout through the built `order` function on the emulator: the quote carries the engine's coupon
 * picker, checkout.create locks the chosen coupon (one coupon, one order even under 20 concurrent checkouts by the
 * same customer), bad coupons are refused with nothing changed, payment marks it used and cancel gives it back.
 */
import type { OwnedCoupon } from '../../typings/marketing/coupon';
import { type GoodsSeed, type OrderTestEnv, snapshot, startOrderEnv } from '../orders/test-support';
import { DAY, ownedCoupon } from './__fixtures__/coupons';

const ALICE = 'o-alice-coupons';
const BOB = 'o-bob-coupons';

const SEEDS: GoodsSeed[] = [
  { id: 'g-latte', title: '拿铁', skus: [{ id: 's-latte', priceFen: 3000, stock: 100 }] },
  { id: 'g-bean', title: '咖啡豆', skus: [{ id: 's-bean', priceFen: 9900, stock: 100 }] },
];

let env: OrderTestEnv;
let now: number;

const coupon = (id: string, openid: string, over: Partial<OwnedCoupon> = {}): OwnedCoupon => ownedCoupon(id, openid, now, over);

beforeAll(async () => {
  env = await startOrderEnv({ seeds: SEEDS, maxInstancesPerFunction: 8 });
  now = env.emu.clock.now();
  env.coll('user_coupons').insertMany([
    coupon('c-race', ALICE),
    coupon('c-cancel', ALICE, { benefit: { kind: 'threshold', thresholdFen: 5000, amountFen: 1000 } }),
    coupon('c-pay', ALICE),
    coupon('c-old', ALICE, { validFrom: now - 9 * DAY, validUntil: now - DAY }),
    coupon('c-beans', ALICE, { scope: { type: 'goods', goodsIds: ['g-bean'] } }),
    coupon('c-bob', BOB),
    coupon('c-timeout', ALICE),
  ] as unknown as Record<string, unknown>[]);
});

afterAll(async () => {
  await env?.stop();
});

const couponDoc = (id: string) => env.coll('user_coupons').byId(id) as unknown as OwnedCoupon;
const latte = (quantity = 2) => [{ skuId: 's-latte', quantity }];

it('quotes with the engine: the best coupon, the picker options and why others do not apply', async () => {
  const plain = await env.ok('order', 'checkout.quote', { items: latte(), fulfilment: { type: 'pickup' } }, ALICE);
  expect(plain).toMatchObject({ goodsFen: 6000, discountFen: 0, totalFen: 6000 });
  expect(plain.pricing).toBeUndefined();

  const best = await env.ok('order', 'checkout.quote', { items: latte(), fulfilment: { type: 'pickup' }, coupon: 'best' }, ALICE);
  expect(best).toMatchObject({ goodsFen: 6000, discountFen: 1000, totalFen: 5000, pricing: { couponId: 'c-cancel', choiceProblem: null } });
  expect(best.discounts).toEqual([expect.objectContaining({ kind: 'coupon', amountFen: 1000, lineShares: [1000] })]);
  const options = new Map(best.pricing.couponOptions.map((o: { couponId: string }) => [o.couponId, o]));
  expect(options.get('c-cancel')).toMatchObject({ usable: true, recommended: true, selected: true });
  expect(options.get('c-beans')).toMatchObject({ usable: false, code: 'WRONG_SCOPE' });

  const none = await env.ok('order', 'checkout.quote', { items: latte(), fulfilment: { type: 'pickup' }, coupon: 'none' }, ALICE);
  expect(none).toMatchObject({ totalFen: 6000, pricing: { couponId: null } });
});

it('the same customer placing 20 orders at once with one coupon: exactly one order holds it', async () => {
  const before = env.sku('s-latte').reserved;
  const results = await Promise.all(
    Array.from({ length: 20 }, () =>
      env.call('order', 'checkout.create', { items: latte(1), fulfilment: { type: 'pickup' }, coupon: { couponId: 'c-race' } }, ALICE),
    ),
  );
  const created = results.filter((r) => r.reply.ok);
  expect(created).toHaveLength(1);
  expect(results.filter((r) => !r.reply.ok).map((r) => (r.reply.ok ? '' : r.reply.code))).toEqual(Array(19).fill('CONFLICT'));
  const { orderId } = (created[0].reply as { data: { orderId: string } }).data;
  const order = env.order(orderId);
  expect(order).toMatchObject({ couponId: 'c-race', amounts: { goodsFen: 3000, discountFen: 500, totalFen: 2500 } });
  expect(couponDoc('c-race')).toMatchObject({ status: 'locked', orderNo: order.orderNo });
  expect(env.coll('orders').find({ couponId: 'c-race' })).toHaveLength(1);
  // the refused checkouts left no stock reserved
  expect(env.sku('s-latte').reserved).toBe(before + 1);
});

it('refuses someone else\'s, an expired and a wrong-scope coupon with a clear code, changing nothing', async () => {
  const before = snapshot(env, ['orders', 'skus', 'user_coupons']);
  const cases: [string, string, RegExp][] = [
    ['c-bob', 'NOT_FOUND', /不存在/],
    ['c-old', 'PRECONDITION_FAILED', /过期/],
    ['c-beans', 'PRECONDITION_FAILED', /不适用/],
    ['c-nope', 'NOT_FOUND', /不存在/],
    ['c-race', 'CONFLICT', /占用/],
  ];
  for (const [couponId, code, message] of cases) {
    const { reply } = await env.call('order', 'checkout.create', { items: latte(), fulfilment: { type: 'pickup' }, coupon: { couponId } }, ALICE);
    expect({ couponId, ...(reply.ok ? { code: 'ok' } : { code: reply.code, text: message.test(reply.message) }) }).toEqual({ couponId, code, text: true });
  }
  const quoted = await env.ok('order', 'checkout.quote', { items: latte(), fulfilment: { type: 'pickup' }, coupon: { couponId: 'c-bob' } }, ALICE);
  expect(quoted).toMatchObject({ totalFen: 6000, pricing: { couponId: null, choiceProblem: { couponId: 'c-bob', code: 'NOT_OWNER' } } });
  expect(snapshot(env, ['orders', 'skus', 'user_coupons'])).toEqual(before);
});

it('cancel gives the coupon back, and it can be used again', async () => {
  const first = await env.ok('order', 'checkout.create', { items: latte(), fulfilment: { type: 'pickup' }, coupon: { couponId: 'c-cancel' } }, ALICE);
  expect(first).toMatchObject({ outcome: 'created', totalFen: 5000 });
  expect(couponDoc('c-cancel')).toMatchObject({ status: 'locked', orderNo: env.order(first.orderId).orderNo });

  await env.ok('order', 'order.cancel', { orderId: first.orderId }, ALICE);
  expect(env.order(first.orderId).status).toBe('cancelled');
  const back = couponDoc('c-cancel');
  expect(back.status).toBe('available');
  expect(back.orderNo).toBeUndefined();

  const again = await env.ok('order', 'checkout.create', { items: latte(), fulfilment: { type: 'pickup' }, coupon: { couponId: 'c-cancel' } }, ALICE);
  expect(again).toMatchObject({ outcome: 'created', totalFen: 5000 });
  expect(couponDoc('c-cancel')).toMatchObject({ status: 'locked', orderNo: env.order(again.orderId).orderNo });
});

it('payment marks the coupon used', async () => {
  const res = await env.ok('order', 'checkout.create', { items: latte(1), fulfilment: { type: 'pickup' }, coupon: { couponId: 'c-pay' } }, ALICE);
  const { orderNo } = env.order(res.orderId);
  await env.pay.simulatePayment(orderNo);
  expect(env.order(res.orderId).status).toBe('paid');
  expect(couponDoc('c-pay')).toMatchObject({ status: 'used', orderNo, usedAt: expect.any(Number) });
});

it('an unpaid order that times out gives its coupon back', async () => {
  const res = await env.ok('order', 'checkout.create', { items: latte(1), fulfilment: { type: 'pickup' }, coupon: { couponId: 'c-timeout' } }, ALICE);
  expect(couponDoc('c-timeout').status).toBe('locked');
  await env.emu.clock.advance(16 * 60_000);
  expect(env.order(res.orderId).status).toBe('cancelled');
  expect(couponDoc('c-timeout')).toMatchObject({ status: 'available' });
});

it('a quote with the engine makes 3 more reads (coupons, promotions, member account), however many coupons or lines', async () => {
  const q = await env.call('order', 'checkout.quote', { items: [...latte(), { skuId: 's-bean', quantity: 1 }], fulfilment: { type: 'pickup' }, coupon: 'best' }, ALICE);
  expect(q.reply.ok).toBe(true);
  expect(await env.quota(q.invocationId)).toMatchObject({ dbReadRequests: 6, dbWriteRequests: 0 });
});
