/**
 * The new-user zone at checkout through the built `order` function: the offer's price only for a customer with no
 * paid order, one purchase per customer even when the same customer submits 20 orders at once (the claim document
 * `new_user_claims/<openid>` is created by the one that wins), released on cancel, kept once paid.
 */
import type { NewUserOffer } from '../../typings/marketing/promotion';
import { type GoodsSeed, type OrderTestEnv, startOrderEnv } from '../orders/test-support';

const DAY = 86_400_000;
const NEWBIE = 'o-newbie';
const REGULAR = 'o-regular';
const PAYER = 'o-new-payer';

const SEEDS: GoodsSeed[] = [{ id: 'g-cup', title: '随行杯', skus: [{ id: 's-cup', priceFen: 2000, stock: 100 }] }];

let env: OrderTestEnv;

beforeAll(async () => {
  env = await startOrderEnv({ seeds: SEEDS, maxInstancesPerFunction: 8 });
  const now = env.emu.clock.now();
  const offer: NewUserOffer = {
    _id: 'nu-1',
    kind: 'new_user_price',
    title: '新人 1 元购',
    items: [{ goodsId: 'g-cup', priceFen: 100 }],
    startsAt: now - DAY,
    endsAt: now + DAY,
    enabled: true,
  };
  env.coll('promotions').insertOne(offer as unknown as Record<string, unknown>);
  env.coll('orders').insertOne({ _id: 'old-paid', orderNo: 'OLD0001', openid: REGULAR, status: 'completed', lines: [], log: [], refunds: [], createdAt: now - DAY });
});

afterAll(async () => {
  await env?.stop();
});

const cup = (quantity = 1) => [{ skuId: 's-cup', quantity }];
const quote = (openid: string) => env.ok('order', 'checkout.quote', { items: cup(2), fulfilment: { type: 'pickup' }, coupon: 'none' }, openid);
const claim = (openid: string) => env.coll('new_user_claims').byId(openid) as Record<string, unknown> | undefined;

it('prices one unit at the new-user price only for a customer with no paid order', async () => {
  const fresh = await quote(NEWBIE);
  expect(fresh).toMatchObject({ goodsFen: 4000, discountFen: 1900, totalFen: 2100 });
  expect(fresh.discounts).toEqual([expect.objectContaining({ kind: 'new_user_price', amountFen: 1900 })]);

  const regular = await quote(REGULAR);
  expect(regular).toMatchObject({ goodsFen: 4000, discountFen: 0, totalFen: 4000 });
  expect(regular.pricing.notApplied).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'new_user_price', code: 'NOT_NEW_USER' })]));
});

it('the same customer submitting 20 orders at once gets the new-user price exactly once', async () => {
  const results = await Promise.all(
    Array.from({ length: 20 }, () =>
      env.call('order', 'checkout.create', { items: cup(), fulfilment: { type: 'pickup' }, coupon: 'none', clientQuoteTotalFen: 100 }, NEWBIE),
    ),
  );
  const created = results.filter((r) => r.reply.ok && r.reply.data.outcome === 'created');
  expect(created).toHaveLength(1);
  // the others were refused (lost the claim) or told the price changed (they saw the claim): nothing created
  for (const r of results) {
    if (r === created[0]) continue;
    expect(r.reply.ok ? r.reply.data.outcome : r.reply.code).toMatch(/^(CONFLICT|price_changed)$/);
  }
  const orders = env.coll('orders').find({ openid: NEWBIE });
  expect(orders).toHaveLength(1);
  expect(orders[0]).toMatchObject({ newUserOfferId: 'nu-1', amounts: { totalFen: 100 } });
  expect(claim(NEWBIE)).toMatchObject({ offerId: 'nu-1', orderNo: orders[0].orderNo, status: 'held' });
  expect(env.sku('s-cup').reserved).toBe(1);

  // while that order is unpaid, the customer is quoted normal prices
  expect(await quote(NEWBIE)).toMatchObject({ totalFen: 4000 });
});

it('cancelling the order releases the claim: the new-user price is offered again', async () => {
  const [order] = env.coll('orders').find({ openid: NEWBIE });
  await env.ok('order', 'order.cancel', { orderId: order._id }, NEWBIE);
  expect(claim(NEWBIE) ?? null).toBeNull();
  expect(await quote(NEWBIE)).toMatchObject({ totalFen: 2100 });
});

it('once the new-user order is paid the claim stays used and the customer is no longer new', async () => {
  const res = await env.ok('order', 'checkout.create', { items: cup(), fulfilment: { type: 'pickup' }, coupon: 'best' }, PAYER);
  expect(res).toMatchObject({ outcome: 'created', totalFen: 100 });
  await env.pay.simulatePayment(env.order(res.orderId).orderNo);
  expect(env.order(res.orderId).status).toBe('paid');
  expect(claim(PAYER)).toMatchObject({ status: 'used' });
  expect(await quote(PAYER)).toMatchObject({ totalFen: 4000 });
});

it('the claim document admits one holder: a second create for the same customer fails, a release frees it', async () => {
  const { claimNewUser, releaseNewUser } = await import('./new-user-claims');
  await env.withSdk(async (cloud) => {
    const ctx = env.context(cloud, 'o-direct');
    expect(await claimNewUser(ctx, 'o-direct', 'nu-1', 'NO-A')).toBe(true);
    expect(await claimNewUser(ctx, 'o-direct', 'nu-1', 'NO-B')).toBe(false);
    expect(await releaseNewUser(ctx, 'o-direct', 'NO-B')).toBe(false);
    expect(await releaseNewUser(ctx, 'o-direct', 'NO-A')).toBe(true);
    expect(await claimNewUser(ctx, 'o-direct', 'nu-1', 'NO-B')).toBe(true);
  });
});
