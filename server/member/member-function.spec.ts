/**
 * The `member` function on the emulator: the member centre (tier, progress, benefits, balance), the ledger pages,
 * the gift list, exchanges (one transaction: 20 concurrent exchanges with 5 in stock → exactly 5; a retried
 * request id counts once; unknown gift / too few points / bad ids refused with nothing changed), the member zone
 * (locked for a lower tier) and the staff rules (owner only, validated).
 */
import type { PointsGiftDoc } from '../../typings/marketing/points';
import { type GoodsSeed, type OrderTestEnv, snapshot, startOrderEnv } from '../orders/test-support';
import { expectSound, MEMBER_SETTINGS, memberWithPoints, RULES, seedMember, storedMember } from './test-support';

const SILVER = 'o-silver-fn';
const POOR = 'o-poor-fn';
const OWNER = 'o-owner-fn';
const CLERK = 'o-clerk-fn';

const SEEDS: GoodsSeed[] = [
  { id: 'g-plain', title: '美式', skus: [{ id: 's-plain', priceFen: 2000, stock: 10 }] },
  { id: 'g-silver', title: '银卡专享杯', skus: [{ id: 's-silver', priceFen: 5000, stock: 10 }] },
  { id: 'g-black', title: '黑卡专享礼盒', skus: [{ id: 's-black', priceFen: 20000, stock: 10 }] },
];

let env: OrderTestEnv;

function gift(id: string, over: Partial<PointsGiftDoc> = {}): PointsGiftDoc {
  return { _id: id, title: `礼品 ${id}`, image: '', description: '', pointsCost: 100, stock: 10, enabled: true, sort: 1, ...over };
}

beforeAll(async () => {
  env = await startOrderEnv({ seeds: SEEDS, settings: MEMBER_SETTINGS, maxInstancesPerFunction: 8 });
  const now = env.emu.clock.now();
  env.coll('goods').updateMany({ _id: 'g-silver' }, { $set: { minTier: 1 } });
  env.coll('goods').updateMany({ _id: 'g-black' }, { $set: { minTier: 3 } });
  env.coll('staff').insertMany([
    { _id: OWNER, role: 'owner', name: '店长' },
    { _id: CLERK, role: 'clerk', name: '店员' },
  ]);
  env.coll('points_gifts').insertMany([gift('gift-race', { stock: 5, sort: 1 }), gift('gift-big', { pointsCost: 5000, sort: 2 }), gift('gift-off', { enabled: false }), gift('gift-gone', { stock: 0, sort: 3 })] as unknown as Record<string, unknown>[]);
  seedMember(env, memberWithPoints(SILVER, 1500, now - 1000));
  seedMember(env, memberWithPoints(POOR, 30, now - 1000));
  for (let i = 0; i < 20; i++) seedMember(env, memberWithPoints(`o-racer-${i}`, 300, now - 1000));
});

afterAll(async () => {
  await env?.stop();
});

it('member.centre: tier, progress to the next tier, benefits and balance, all from the server', async () => {
  const c = await env.ok('member', 'member.centre', {}, SILVER);
  expect(c).toMatchObject({
    tier: 1,
    tierName: '银卡',
    balance: 1500,
    lifetimePoints: 1500,
    progress: { next: { tier: 2, name: '金卡' }, pointsToNext: 3500, spendToNextFen: 200_000, percent: 30, text: '再消费 2000 元或再得 3500 积分升级为金卡' },
    benefits: ['会员价 95 折', '可购买银卡专区商品'],
  });
  expect(c.tiers.map((t: { tier: number; current: boolean; reached: boolean }) => [t.tier, t.current, t.reached])).toEqual([
    [1, true, true],
    [2, false, false],
    [3, false, false],
  ]);
  expect(c.expiringSoon).toBeNull();
  expect(c.pointsRules.length).toBeGreaterThan(0);

  const stranger = await env.ok('member', 'member.centre', {}, 'o-nobody');
  expect(stranger).toMatchObject({ tier: 0, tierName: '', balance: 0, progress: { next: { tier: 1 }, pointsToNext: 1000 } });
  expect(storedMember(env, 'o-nobody')).toBeUndefined(); // reading creates nothing
});

it('points.gifts lists enabled gifts with whether the caller can exchange each', async () => {
  const { gifts, balance } = await env.ok('member', 'points.gifts', {}, POOR);
  expect(balance).toBe(30);
  expect(gifts.map((g: { giftId: string; canExchange: boolean; reason?: string }) => [g.giftId, g.canExchange, g.reason])).toEqual([
    ['gift-race', false, 'NOT_ENOUGH_POINTS'],
    ['gift-big', false, 'NOT_ENOUGH_POINTS'],
    ['gift-gone', false, 'SOLD_OUT'],
  ]);
});

it('20 concurrent exchanges with 5 in stock: exactly 5 succeed, each spends once', async () => {
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) => env.call('member', 'points.exchange', { giftId: 'gift-race', requestId: `race-request-${i}` }, `o-racer-${i}`)),
  );
  const ok = results.filter((r) => r.reply.ok);
  expect(ok).toHaveLength(5);
  for (const r of results) if (!r.reply.ok) expect(r.reply.code).toBe('OUT_OF_STOCK');
  expect(env.coll('points_gifts').byId('gift-race')).toMatchObject({ stock: 0 });
  expect(env.coll('points_exchanges').find({ giftId: 'gift-race' })).toHaveLength(5);
  const balances = Array.from({ length: 20 }, (_, i) => storedMember(env, `o-racer-${i}`)!);
  expect(balances.filter((m) => m.balance === 200)).toHaveLength(5);
  expect(balances.filter((m) => m.balance === 300)).toHaveLength(15);
  balances.forEach(expectSound);
});

it('the same request id exchanged twice (a retry) spends once and answers the same exchange', async () => {
  env.coll('points_gifts').updateMany({ _id: 'gift-race' }, { $set: { stock: 3 } });
  const [a, b] = await Promise.all([
    env.ok('member', 'points.exchange', { giftId: 'gift-race', requestId: 'silver-tap-0001' }, SILVER),
    env.ok('member', 'points.exchange', { giftId: 'gift-race', requestId: 'silver-tap-0001' }, SILVER),
  ]);
  expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
  const again = await env.ok('member', 'points.exchange', { giftId: 'gift-race', requestId: 'silver-tap-0001' }, SILVER);
  expect(again).toMatchObject({ duplicate: true, balance: 1400, pointsCost: 100 });
  expect(env.coll('points_gifts').byId('gift-race')).toMatchObject({ stock: 2 });
  expect(storedMember(env, SILVER)!.entries.filter((e) => e.kind === 'spend')).toEqual([expect.objectContaining({ id: 'exchange:silver-tap-0001', points: -100 })]);
});

it('bad exchanges are refused with a clear code and change nothing', async () => {
  const names = ['points_gifts', 'points_exchanges', 'members'];
  const before = snapshot(env, names);
  const cases: Array<[unknown, string, string]> = [
    [{ giftId: 'gift-nope', requestId: 'bad-request-01' }, SILVER, 'NOT_FOUND'],
    [{ giftId: 'gift-off', requestId: 'bad-request-02' }, SILVER, 'NOT_FOUND'],
    [{ giftId: 'gift-gone', requestId: 'bad-request-03' }, SILVER, 'OUT_OF_STOCK'],
    [{ giftId: 'gift-big', requestId: 'bad-request-04' }, POOR, 'INSUFFICIENT_POINTS'],
    [{ giftId: 'gift-race', requestId: 'short' }, SILVER, 'INVALID_INPUT'],
    [{ giftId: 'gift-race' }, SILVER, 'INVALID_INPUT'],
    [{ giftId: 'gift-race', requestId: 'bad-request-05', points: -100 }, SILVER, 'INVALID_INPUT'],
    // the earlier request once more: the same exchange, nothing new
    [{ giftId: 'gift-race', requestId: 'silver-tap-0001' }, SILVER, 'OK'],
  ];
  for (const [input, openid, code] of cases) {
    const r = await env.call('member', 'points.exchange', input, openid);
    if (code === 'OK') expect(r.reply).toMatchObject({ ok: true, data: { duplicate: true } });
    else expect(r.reply).toMatchObject({ ok: false, code });
  }
  // a request id already used for another gift is refused
  const other = await env.call('member', 'points.exchange', { giftId: 'gift-big', requestId: 'silver-tap-0001' }, SILVER);
  expect(other.reply).toMatchObject({ ok: false, code: 'CONFLICT' });
  expect(snapshot(env, names)).toEqual(before);
});

it('points.ledger pages the entries newest first; the balance is Σ of the ledger', async () => {
  const first = await env.ok('member', 'points.ledger', {}, SILVER);
  expect(first).toMatchObject({ balance: 1400, page: 0, hasMore: false });
  expect(first.entries.map((e: { kind: string; points: number }) => [e.kind, e.points])).toEqual([
    ['spend', -100],
    ['earn', 1500],
  ]);
  expect((await env.call('member', 'points.ledger', { page: -1 }, SILVER)).reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});

it('zone.goods lists the member zone with the goods a lower tier cannot buy shown locked', async () => {
  const { tier, goods } = await env.ok('member', 'zone.goods', {}, SILVER);
  expect(tier).toBe(1);
  expect(goods.map((g: { _id: string; minTier: number; tierName: string; locked: boolean }) => [g._id, g.minTier, g.tierName, g.locked])).toEqual([
    ['g-silver', 1, '银卡', false],
    ['g-black', 3, '黑卡', true],
  ]);
});

it('staff rules: clerks may read, only the owner may save, and invalid rules are refused unchanged', async () => {
  expect(await env.ok('member', 'rules.get', {}, CLERK)).toEqual({ rules: RULES });
  expect((await env.call('member', 'rules.get', {}, SILVER)).reply).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  const next = { ...RULES, lineFloorPercent: 20 };
  expect((await env.call('member', 'rules.set', { rules: next }, CLERK)).reply).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  const bad = [
    { ...RULES, lineFloorPercent: 120 },
    { ...RULES, tiers: [RULES.tiers[0], RULES.tiers[0]] },
    { ...RULES, tiers: [{ ...RULES.tiers[1], reachPoints: 10 }, RULES.tiers[0]] },
    { ...RULES, points: { ...RULES.points, deduction: { enabled: true, pointsPerYuan: 0, maxPercentOfOrder: 10 } } },
  ];
  for (const rules of bad) expect((await env.call('member', 'rules.set', { rules }, OWNER)).reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(env.coll('shop_settings').byId('default')).toMatchObject({ pricing: RULES });
  expect(await env.ok('member', 'rules.set', { rules: next }, OWNER)).toEqual({ rules: next });
  expect(env.coll('shop_settings').byId('default')).toMatchObject({ pricing: next, name: MEMBER_SETTINGS.name });
});
