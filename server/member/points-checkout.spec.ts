/**
 * Points and the member zone at checkout, through the built `order` function on the emulator: the quote shows the
 * deduction, create spends it in one member transaction (20 concurrent creates spending one balance: exactly the
 * ones that fit succeed, never below zero), cancel and timeout give it back once, member-only goods are refused for
 * a lower tier with MEMBER_ONLY and nothing changes, bad points inputs are refused.
 */
import { type GoodsSeed, type OrderTestEnv, snapshot, startOrderEnv } from '../orders/test-support';
import { expectSound, MEMBER_SETTINGS, memberWithPoints, seedMember, storedMember } from './test-support';

const ALICE = 'o-alice-points';
const RACER = 'o-racer-points';
const SILVER = 'o-silver';
const GOLD = 'o-gold';

const SEEDS: GoodsSeed[] = [
  { id: 'g-latte', title: '拿铁', skus: [{ id: 's-latte', priceFen: 3000, stock: 100 }] },
  { id: 'g-cookie', title: '曲奇', skus: [{ id: 's-cookie', priceFen: 200, stock: 100 }] },
  { id: 'g-vip', title: '金卡专享豆', skus: [{ id: 's-vip', priceFen: 8000, stock: 10 }] },
];

let env: OrderTestEnv;
let now: number;

beforeAll(async () => {
  env = await startOrderEnv({ seeds: SEEDS, settings: MEMBER_SETTINGS, maxInstancesPerFunction: 8 });
  now = env.emu.clock.now();
  env.coll('goods').updateMany({ _id: 'g-vip' }, { $set: { minTier: 2 } });
  seedMember(env, memberWithPoints(ALICE, 800, now - 1000)); // tier 0 (< 1000 points)
  seedMember(env, memberWithPoints(RACER, 550, now - 1000));
  seedMember(env, memberWithPoints(SILVER, 1200, now - 1000)); // tier 1
  seedMember(env, memberWithPoints(GOLD, 6000, now - 1000)); // tier 2
});

afterAll(async () => {
  await env?.stop();
});

const pickup = { type: 'pickup' as const };
const items = (skuId: string, quantity = 1) => [{ skuId, quantity }];

it('quotes the points deduction (50% cap, 100 points = 1 yuan) and the points the order would earn', async () => {
  const q = await env.ok('order', 'checkout.quote', { items: items('s-latte'), fulfilment: pickup, points: 'max' }, ALICE);
  expect(q).toMatchObject({ goodsFen: 3000, discountFen: 800, totalFen: 2200 });
  expect(q.pricing.points).toEqual({ balance: 800, used: 800, deductFen: 800, earned: 22 });
  expect(q.discounts).toEqual([expect.objectContaining({ kind: 'points', amountFen: 800 })]);

  const none = await env.ok('order', 'checkout.quote', { items: items('s-latte'), fulfilment: pickup, points: 'none' }, ALICE);
  expect(none).toMatchObject({ totalFen: 3000 });
  expect(none.pricing.points).toMatchObject({ balance: 800, used: 0 });
});

it('create spends the points with the order; cancel gives them back once', async () => {
  const created = await env.ok('order', 'checkout.create', { items: items('s-latte'), fulfilment: pickup, points: 'max', clientQuoteTotalFen: 2200 }, ALICE);
  expect(created).toMatchObject({ outcome: 'created', totalFen: 2200 });
  const order = env.order(created.orderId);
  expect(order.points).toEqual({ used: 800, deductFen: 800, spendId: `spend:${order.orderNo}` });
  expect(storedMember(env, ALICE)).toMatchObject({ balance: 0 });
  expectSound(storedMember(env, ALICE));

  await env.ok('order', 'order.cancel', { orderId: created.orderId }, ALICE);
  const after = storedMember(env, ALICE)!;
  expect(after.balance).toBe(800);
  expect(after.entries.map((e) => [e.kind, e.points])).toEqual([
    ['earn', 800],
    ['spend', -800],
    ['spend_refund', 800],
  ]);
  expect(after.entries[2]).toMatchObject({ id: `spend_refund:${order.orderNo}`, reason: expect.stringContaining('取消') });

  // the same follow-up again (a retried hook) gives nothing back twice
  const { afterOrderPoints } = await import('./order-points');
  await env.withSdk(async (cloud) => afterOrderPoints(env.context(cloud), env.order(created.orderId), 'unpaid'));
  expect(storedMember(env, ALICE)!.entries).toHaveLength(3);
  expectSound(storedMember(env, ALICE));
});

it('an unpaid order that times out gives its points back', async () => {
  const created = await env.ok('order', 'checkout.create', { items: items('s-latte'), fulfilment: pickup, points: 'max' }, ALICE);
  expect(storedMember(env, ALICE)!.balance).toBe(0);
  await env.emu.clock.advance(16 * 60_000); // past the 15-minute unpaid timeout; the orderTimers trigger runs
  expect(env.order(created.orderId).status).toBe('cancelled');
  expect(storedMember(env, ALICE)!.balance).toBe(800);
  expectSound(storedMember(env, ALICE));
});

it('20 concurrent creates spending one balance: exactly the ones that fit succeed, never below zero', async () => {
  // a cookie (200 fen) may take 100 points (50%); 550 points pay for 5 such orders
  const results = await Promise.all(
    Array.from({ length: 20 }, () =>
      env.call('order', 'checkout.create', { items: items('s-cookie'), fulfilment: pickup, points: 'max', clientQuoteTotalFen: 100, source: 'buy_now' }, RACER),
    ),
  );
  const outcomes = results.map((r) => (r.reply.ok ? r.reply.data.outcome : r.reply.code));
  expect(outcomes.filter((o) => o === 'created')).toHaveLength(5);
  for (const o of outcomes) expect(o).toMatch(/^(created|INSUFFICIENT_POINTS|price_changed)$/);
  const orders = env.coll('orders').find({ openid: RACER });
  expect(orders).toHaveLength(5);
  for (const o of orders) expect(o).toMatchObject({ points: { used: 100 }, amounts: { totalFen: 100 } });
  const member = storedMember(env, RACER)!;
  expect(member.balance).toBe(50);
  expect(member.entries.filter((e) => e.kind === 'spend')).toHaveLength(5);
  expectSound(member);
  expect(env.sku('s-cookie').reserved).toBe(5);
});

it('member-only goods: a lower tier is refused with MEMBER_ONLY at create and nothing changes; the tier may buy', async () => {
  const q = await env.ok('order', 'checkout.quote', { items: items('s-vip'), fulfilment: pickup }, SILVER);
  expect(q.pricing.blocked).toEqual([expect.objectContaining({ goodsId: 'g-vip', code: 'MEMBER_ONLY', requiredTier: 2 })]);

  const names = ['orders', 'skus', 'members', 'user_coupons'];
  const before = snapshot(env, names);
  const refused = await env.call('order', 'checkout.create', { items: items('s-vip'), fulfilment: pickup, points: 'max' }, SILVER);
  expect(refused.reply).toMatchObject({ ok: false, code: 'MEMBER_ONLY', message: expect.stringContaining('金卡') });
  // without any marketing choice the server still checks the tier
  const plain = await env.call('order', 'checkout.create', { items: items('s-vip'), fulfilment: pickup }, SILVER);
  expect(plain.reply).toMatchObject({ ok: false, code: 'MEMBER_ONLY' });
  expect(snapshot(env, names)).toEqual(before);

  const gold = await env.ok('order', 'checkout.create', { items: items('s-vip'), fulfilment: pickup }, GOLD);
  expect(gold.outcome).toBe('created');
  // the gold member price (10% off) applies
  expect(env.order(gold.orderId).amounts).toMatchObject({ goodsFen: 8000, discountFen: 800, totalFen: 7200 });
});

it('bad points inputs are refused with INVALID_INPUT and change nothing', async () => {
  const names = ['orders', 'members'];
  const before = snapshot(env, names);
  for (const points of [-5, 100, 'lots', null, { used: 100 }]) {
    const r = await env.call('order', 'checkout.create', { items: items('s-latte'), fulfilment: pickup, points }, ALICE);
    expect(r.reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const q = await env.call('order', 'checkout.quote', { items: items('s-latte'), fulfilment: pickup, points }, ALICE);
    expect(q.reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  }
  expect(snapshot(env, names)).toEqual(before);
});

it('database calls: a quote with points reads 3 more (coupons, promotions, member account) whatever the lines; the rules come with the settings', async () => {
  const one = await env.call('order', 'checkout.quote', { items: items('s-latte'), fulfilment: pickup, points: 'max' }, GOLD);
  const three = await env.call('order', 'checkout.quote', { items: [...items('s-latte'), ...items('s-cookie'), ...items('s-vip')], fulfilment: pickup, points: 'max', coupon: 'best' }, GOLD);
  expect(one.reply.ok && three.reply.ok).toBe(true);
  for (const q of [one, three]) expect(await env.quota(q.invocationId)).toMatchObject({ dbReadRequests: 6, dbWriteRequests: 0 });
});
