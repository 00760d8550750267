/**
 * `catalogue.goodsDetail` for the caller, through the BUILT `shop` function on the emulator: the member price of
 * each SKU for the caller's tier (the same amount `checkout.quote` then charges), the member-only lock, the new-user
 * price for a new customer only, the 满减 promotions whose scope covers the goods — in a constant number of
 * database reads (quota meters).
 */
import type { Promotion } from '../../../typings/marketing/promotion';
import { memberWithPoints, MEMBER_SETTINGS, seedMember } from '../../../server/member/test-support';
import { type GoodsSeed, type OrderTestEnv, startOrderEnv } from '../../../server/orders/test-support';

const NEW = 'o-new-customer';
const PAID = 'o-paid-customer';
const SILVER = 'o-silver-customer';
const GOLD = 'o-gold-customer';

const SEEDS: GoodsSeed[] = [
  {
    id: 'g-latte',
    title: '拿铁',
    specs: [{ name: '杯型', values: ['中杯', '大杯'] }],
    skus: [
      { id: 's-latte-m', priceFen: 1800, stock: 10, specValues: ['中杯'] },
      { id: 's-latte-l', priceFen: 2200, stock: 10, specValues: ['大杯'] },
    ],
  },
  { id: 'g-beans', title: '咖啡豆', skus: [{ id: 's-beans', priceFen: 5000, stock: 10 }] },
  { id: 'g-vip', title: '金卡专享豆', skus: [{ id: 's-vip', priceFen: 8000, stock: 10 }] },
  { id: 'g-cake', title: '芝士蛋糕', skus: [{ id: 's-cake', priceFen: 2800, stock: 10 }] },
  { id: 'g-off', title: '下架', onShelf: false, skus: [{ id: 's-off', priceFen: 100, stock: 10 }] },
];

let env: OrderTestEnv;
let now: number;

function promotions(at: number): Promotion[] {
  const window = { startsAt: at - 86_400_000, endsAt: at + 86_400_000, enabled: true };
  return [
    { _id: 'fr-shop', kind: 'full_reduction', title: '全店满减', scope: { type: 'shop' }, tiers: [{ thresholdFen: 10000, reduceFen: 1000 }], ...window },
    { _id: 'fr-beans', kind: 'full_reduction', title: '咖啡豆满减', scope: { type: 'categories', categoryIds: ['c-beans'] }, tiers: [{ thresholdFen: 30000, reduceFen: 5000 }, { thresholdFen: 20000, reduceFen: 3000 }], ...window },
    { _id: 'fr-latte', kind: 'full_reduction', title: '拿铁满减', scope: { type: 'goods', goodsIds: ['g-latte'] }, tiers: [{ thresholdFen: 5000, reduceFen: 500 }], ...window },
    { _id: 'fr-gold', kind: 'full_reduction', title: '金卡满减', scope: { type: 'shop' }, tiers: [{ thresholdFen: 30000, reduceFen: 5000 }], minTier: 2, ...window },
    { _id: 'fr-ended', kind: 'full_reduction', title: '已结束', scope: { type: 'shop' }, tiers: [{ thresholdFen: 100, reduceFen: 50 }], ...window, endsAt: at - 1 },
    { _id: 'fr-off', kind: 'full_reduction', title: '已关闭', scope: { type: 'shop' }, tiers: [{ thresholdFen: 100, reduceFen: 50 }], ...window, enabled: false },
    {
      _id: 'nu',
      kind: 'new_user_price',
      title: '新人专享',
      items: [
        { goodsId: 'g-cake', priceFen: 990 },
        { goodsId: 'g-latte', skuId: 's-latte-m', priceFen: 1200 },
      ],
      ...window,
    },
  ];
}

beforeAll(async () => {
  env = await startOrderEnv({ seeds: SEEDS, settings: MEMBER_SETTINGS });
  now = env.emu.clock.now();
  env.coll('goods').updateMany({ _id: 'g-vip' }, { $set: { minTier: 2 } });
  env.coll('goods').updateMany({ _id: 'g-beans' }, { $set: { noMemberDiscount: true, categoryId: 'c-beans' } });
  for (const p of promotions(now)) env.coll('promotions').insertOne(p as unknown as Record<string, unknown>);
  seedMember(env, memberWithPoints(SILVER, 1200, now - 1000)); // tier 1 银卡 (95折)
  seedMember(env, memberWithPoints(GOLD, 6000, now - 1000)); // tier 2 金卡 (9折)
  // the members and PAID have a paid order: not new
  for (const openid of [PAID, SILVER, GOLD]) env.coll('orders').insertOne({ _id: `paid-${openid}`, orderNo: `NO-${openid}`, openid, status: 'completed', createdAt: now - 5000 });
});

afterAll(async () => {
  await env?.stop();
});

async function detail(goodsId: string, openid: string) {
  const { reply, invocationId } = await env.call('shop', 'catalogue.goodsDetail', { goodsId }, openid);
  if (!reply.ok) throw new Error(`refused: ${reply.code} ${reply.message}`);
  return { data: reply.data, quota: await env.quota(invocationId) };
}

const prices = (skus: Array<{ _id: string; priceFen: number; memberPriceFen?: number; newUserPriceFen?: number }>) =>
  skus.map((s) => [s._id, s.priceFen, s.memberPriceFen ?? null, s.newUserPriceFen ?? null]);

describe('the member price per SKU', () => {
  it('tier 0: none; tier 1 (银卡 5 %) and tier 2 (金卡 10 %): one unit of each SKU at their price', async () => {
    const none = await detail('g-latte', PAID);
    expect(prices(none.data.skus)).toEqual([['s-latte-m', 1800, null, null], ['s-latte-l', 2200, null, null]]);
    expect(none.data.offers).toMatchObject({ tier: 0, tierName: '', memberOnly: null, newUser: null });

    const silver = await detail('g-latte', SILVER);
    expect(prices(silver.data.skus)).toEqual([['s-latte-m', 1800, 1710, null], ['s-latte-l', 2200, 2090, null]]);
    expect(silver.data.offers).toMatchObject({ tier: 1, tierName: '银卡' });

    const gold = await detail('g-latte', GOLD);
    expect(prices(gold.data.skus)).toEqual([['s-latte-m', 1800, 1620, null], ['s-latte-l', 2200, 1980, null]]);
    expect(gold.data.offers).toMatchObject({ tier: 2, tierName: '金卡' });
  });

  it('is what checkout.quote then charges for that unit', async () => {
    for (const [openid, expected] of [[SILVER, 1710], [GOLD, 1620], [PAID, 1800]] as const) {
      const q = await env.ok('order', 'checkout.quote', { items: [{ skuId: 's-latte-m', quantity: 1 }], fulfilment: { type: 'pickup' }, coupon: 'best' }, openid);
      expect(q.goodsFen - q.discountFen).toBe(expected);
    }
  });

  it('a goods with noMemberDiscount has no member price, whatever the tier', async () => {
    const gold = await detail('g-beans', GOLD);
    expect(prices(gold.data.skus)).toEqual([['s-beans', 5000, null, null]]);
    expect(gold.data.offers.tier).toBe(2);
  });
});

describe('member-only goods', () => {
  it('locks the goods for tiers below 金卡 and names the tier; 金卡 may buy it at the member price', async () => {
    const lock = { minTier: 2, tierName: '金卡' };
    expect((await detail('g-vip', NEW)).data.offers.memberOnly).toEqual({ ...lock, allowed: false });
    expect((await detail('g-vip', SILVER)).data.offers.memberOnly).toEqual({ ...lock, allowed: false });
    const gold = await detail('g-vip', GOLD);
    expect(gold.data.offers.memberOnly).toEqual({ ...lock, allowed: true });
    expect(gold.data.skus[0].memberPriceFen).toBe(7200);
    // everyone's goods carry no lock
    expect((await detail('g-latte', GOLD)).data.offers.memberOnly).toBeNull();
  });
});

describe('the new-user price', () => {
  it('a new customer sees it on the listed SKU (and goods-wide items on every SKU) with the offer', async () => {
    const latte = await detail('g-latte', NEW);
    expect(prices(latte.data.skus)).toEqual([['s-latte-m', 1800, null, 1200], ['s-latte-l', 2200, null, null]]);
    expect(latte.data.offers.newUser).toEqual({ offerId: 'nu', title: '新人专享' });
    const cake = await detail('g-cake', NEW);
    expect(prices(cake.data.skus)).toEqual([['s-cake', 2800, null, 990]]);
    const q = await env.ok('order', 'checkout.quote', { items: [{ skuId: 's-cake', quantity: 1 }], fulfilment: { type: 'pickup' }, coupon: 'best' }, NEW);
    expect(q.goodsFen - q.discountFen).toBe(990);
  });

  it('a customer with a paid order does not', async () => {
    const paid = await detail('g-cake', PAID);
    expect(prices(paid.data.skus)).toEqual([['s-cake', 2800, null, null]]);
    expect(paid.data.offers.newUser).toBeNull();
    const q = await env.ok('order', 'checkout.quote', { items: [{ skuId: 's-cake', quantity: 1 }], fulfilment: { type: 'pickup' }, coupon: 'best' }, PAID);
    expect(q.goodsFen - q.discountFen).toBe(2800);
  });
});

describe('满减 tags', () => {
  it('lists the live promotions whose scope covers the goods (shop, its category, the goods itself), steps lowest first', async () => {
    const tags = async (goodsId: string, openid: string) =>
      (await detail(goodsId, openid)).data.offers.fullReductions.map((p: { promotionId: string; texts: string[] }) => [p.promotionId, p.texts]);
    expect(await tags('g-latte', NEW)).toEqual([['fr-latte', ['满50减5']], ['fr-shop', ['满100减10']]]);
    expect(await tags('g-beans', NEW)).toEqual([['fr-beans', ['满200减30', '满300减50']], ['fr-shop', ['满100减10']]]);
    // a 金卡-only promotion only for 金卡 and above; ended and switched-off ones never
    expect(await tags('g-cake', SILVER)).toEqual([['fr-shop', ['满100减10']]]);
    expect(await tags('g-cake', GOLD)).toEqual([['fr-gold', ['满300减50']], ['fr-shop', ['满100减10']]]);
  });
});

describe('database reads', () => {
  it('five reads at once (goods, SKUs, settings, member, promotions); two more only when a new-user offer lists the goods', async () => {
    expect((await detail('g-beans', GOLD)).quota).toMatchObject({ dbReadRequests: 5, dbWriteRequests: 0, storageCalls: 1 });
    expect((await detail('g-vip', NEW)).quota).toMatchObject({ dbReadRequests: 5, dbWriteRequests: 0 });
    expect((await detail('g-latte', NEW)).quota).toMatchObject({ dbReadRequests: 7, dbWriteRequests: 0 });
    expect((await detail('g-cake', PAID)).quota).toMatchObject({ dbReadRequests: 7, dbWriteRequests: 0 });
  });
});

describe('bad input', () => {
  it('refuses unknown and off-shelf goods with NOT_FOUND and bad ids with INVALID_INPUT, writing nothing', async () => {
    for (const goodsId of ['g-off', 'no-such-goods', 's-latte-m']) {
      const { reply, invocationId } = await env.call('shop', 'catalogue.goodsDetail', { goodsId }, GOLD);
      expect(reply).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect((await env.quota(invocationId)).dbWriteRequests).toBe(0);
    }
    for (const input of [{}, { goodsId: '' }, { goodsId: 42 }, { goodsId: 'g-latte', tier: 3 }, { goodsId: 'g-latte', openid: GOLD }]) {
      const { reply } = await env.call('shop', 'catalogue.goodsDetail', input, NEW);
      expect(reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
  });
});

describe('goods cards', () => {
  it('carry minTier for member-only goods (the 会员专享 badge) in the same one read of a list', async () => {
    const { reply, invocationId } = await env.call('shop', 'catalogue.goods', { page: 1, pageSize: 10 }, NEW);
    expect(reply.ok).toBe(true);
    const cards = (reply as { data: { items: Array<{ _id: string; minTier?: number }> } }).data.items;
    expect(cards.find((c) => c._id === 'g-vip')?.minTier).toBe(2);
    expect(cards.filter((c) => c.minTier !== undefined).map((c) => c._id)).toEqual(['g-vip']);
    expect((await env.quota(invocationId)).dbReadRequests).toBe(1);
    const home = await env.call('shop', 'home.get', {}, NEW);
    expect((home.reply as { data: { goods: { items: Array<{ _id: string; minTier?: number }> } } }).data.goods.items.find((c) => c._id === 'g-vip')?.minTier).toBe(2);
    expect((await env.quota(home.invocationId)).dbReadRequests).toBe(4);
  });
});
