/**
 * 老带新 through the built functions on the emulator: a customer's invite code, a friend binding once (never oneself,
 * never a customer with a paid order, never re-bound), and both reward coupons issued exactly once when the friend's
 * first order is paid — with the payment callback delivered twice, five times at once, or two first orders paid at
 * once.
 */
import type { CouponTemplate } from '../../typings/marketing/coupon';
import { type GoodsSeed, type OrderTestEnv, snapshot, startOrderEnv } from '../orders/test-support';
import { couponTemplate, DAY } from './__fixtures__/coupons';

const SEEDS: GoodsSeed[] = [{ id: 'g-bean', title: '咖啡豆', skus: [{ id: 's-bean', priceFen: 5000, stock: 1000 }] }];
let env: OrderTestEnv;
let now: number;

/** A reward template: `amountFen` 元无门槛, unlimited, valid 30 days, claimable for 30 days. */
const template = (id: string, amountFen: number): CouponTemplate =>
  couponTemplate(id, now, {
    title: `邀请奖励 ${id}`,
    benefit: { kind: 'fixed', amountFen },
    validity: { type: 'days_after_claim', days: 30 },
    totalQuantity: null,
    claimEndsAt: now + 30 * DAY,
  });

beforeAll(async () => {
  env = await startOrderEnv({ seeds: SEEDS, maxInstancesPerFunction: 8 });
  now = env.emu.clock.now();
  env.coll('coupon_templates').insertMany([template('r-inviter', 1000), template('r-invitee', 500)] as unknown as Record<string, unknown>[]);
  env.coll('campaigns').insertOne({ _id: 'invite', enabled: true, inviterTemplateId: 'r-inviter', inviteeTemplateId: 'r-invitee', updatedAt: now });
  env.coll('users').insertMany([
    { _id: 'o-host', createdAt: now - DAY, nickname: '老王' },
    { _id: 'o-friend', createdAt: now, nickname: '小李' },
  ]);
  env.coll('orders').insertOne({ _id: 'old-paid', orderNo: 'OLD0001', openid: 'o-regular', status: 'completed', lines: [], log: [], refunds: [], createdAt: now - DAY });
});

afterAll(async () => {
  await env?.stop();
});

const codeOf = async (openid: string): Promise<string> => (await env.ok('marketing', 'invites.mine', {}, openid)).code;
const accept = (code: string, openid: string) => env.ok('marketing', 'invites.accept', { code }, openid);
const rewards = (invitee: string) => env.coll('user_coupons').find({ _id: { $in: [`invite:${invitee}:inviter`, `invite:${invitee}:invitee`] } });

const issued = (templateId: string) => (env.coll('coupon_templates').byId(templateId) as unknown as CouponTemplate).issuedCount;

async function placeOrder(openid: string): Promise<{ orderId: string; orderNo: string }> {
  const res = await env.ok('order', 'checkout.create', { items: [{ skuId: 's-bean', quantity: 1 }], fulfilment: { type: 'pickup' }, coupon: 'none' }, openid);
  expect(res.outcome).toBe('created');
  return { orderId: res.orderId, orderNo: env.order(res.orderId).orderNo };
}

it('gives a customer one invite code, the same on every call and under concurrent first calls', async () => {
  const codes = await Promise.all(Array.from({ length: 5 }, () => codeOf('o-host')));
  expect(new Set(codes).size).toBe(1);
  expect(codes[0]).toMatch(/^[a-z0-9]{8}$/);
  expect(env.coll('invites').find({ _id: 'o-host' })).toHaveLength(1);
});

it('binds a new friend once: never oneself, never a customer with a paid order, never re-bound', async () => {
  const host = await codeOf('o-host');
  const other = await codeOf('o-other-host');
  expect(await accept(host, 'o-host')).toEqual({ bound: false, reason: 'SELF_INVITE' });
  expect(await accept(host, 'o-regular')).toEqual({ bound: false, reason: 'NOT_NEW' });
  const racing = await Promise.all(Array.from({ length: 5 }, () => accept(host, 'o-friend')));
  expect(racing.filter((r) => r.bound)).toEqual([{ bound: true, inviterNickname: '老*' }]);
  expect(racing.filter((r) => !r.bound).every((r) => r.reason === 'ALREADY_BOUND')).toBe(true);
  expect(await accept(other, 'o-friend')).toEqual({ bound: false, reason: 'ALREADY_BOUND' });
  expect(env.coll('invite_bindings').byId('o-friend')).toMatchObject({ inviter: 'o-host', status: 'bound' });
  expect(env.coll('invite_bindings').byId('o-host')).toBeNull();
  expect(env.coll('invite_bindings').byId('o-regular')).toBeNull();

  const unknown = await env.call('marketing', 'invites.accept', { code: 'zzzzzzzz' }, 'o-friend');
  expect(unknown.reply).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  const bad = await env.call('marketing', 'invites.accept', { code: 'NOT A CODE!' }, 'o-friend');
  expect(bad.reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});

it('the friend’s first paid order rewards both sides exactly once, though the callback comes twice', async () => {
  const { orderId, orderNo } = await placeOrder('o-friend');
  expect(rewards('o-friend')).toEqual([]); // not before payment
  await env.pay.simulatePayment(orderNo, { times: 2 });
  expect(env.order(orderId).status).toBe('paid');
  const got = rewards('o-friend');
  expect(got.map((c) => `${c._id}|${c.openid}|${c.templateId}|${c.source}`).sort()).toEqual([
    'invite:o-friend:invitee|o-friend|r-invitee|invite',
    'invite:o-friend:inviter|o-host|r-inviter|invite',
  ]);
  expect(env.coll('invite_bindings').byId('o-friend')).toMatchObject({ status: 'rewarded', orderNo });

  // a second paid order earns nothing more
  const second = await placeOrder('o-friend');
  await env.pay.simulatePayment(second.orderNo);
  expect(rewards('o-friend')).toHaveLength(2);
  expect(env.coll('user_coupons').find({ source: 'invite' })).toHaveLength(2);
  expect((env.coll('coupon_templates').byId('r-inviter') as unknown as CouponTemplate).issuedCount).toBe(1);

  const summary = await env.ok('marketing', 'invites.mine', {}, 'o-host');
  expect(summary).toMatchObject({ enabled: true, invitedCount: 1, rewardedCount: 1, friends: [{ nickname: '小*', rewarded: true }] });
  expect(summary.inviterReward).toMatchObject({ title: '邀请奖励 r-inviter', benefit: { kind: 'fixed', amountFen: 1000 } });
});

it('rewards once when five payment callbacks arrive at the same time', async () => {
  await accept(await codeOf('o-host'), 'o-burst');
  const { orderNo } = await placeOrder('o-burst');
  await Promise.all(Array.from({ length: 5 }, () => env.pay.simulatePayment(orderNo, { times: 1 })));
  expect(rewards('o-burst')).toHaveLength(2);
  expect(env.coll('user_coupons').find({ openid: 'o-host', source: 'invite' })).toHaveLength(2); // one per friend
  expect(issued('r-inviter')).toBe(2); // the total was taken once per friend, never given twice
  expect(issued('r-invitee')).toBe(2);
});

it('two first orders paid at the same moment reward once', async () => {
  await accept(await codeOf('o-host'), 'o-twin');
  const a = await placeOrder('o-twin');
  const b = await placeOrder('o-twin');
  await Promise.all([env.pay.simulatePayment(a.orderNo, { times: 2 }), env.pay.simulatePayment(b.orderNo, { times: 2 })]);
  expect(rewards('o-twin')).toHaveLength(2);
  const binding = env.coll('invite_bindings').byId('o-twin') as { status: string; orderNo: string };
  expect(binding.status).toBe('rewarded');
  expect([a.orderNo, b.orderNo]).toContain(binding.orderNo);
  expect(issued('r-inviter')).toBe(3);
  expect(issued('r-invitee')).toBe(3);
});

it('a refused invite earns nothing when that customer pays; neither does a self-invite', async () => {
  await accept(await codeOf('o-regular'), 'o-regular'); // SELF_INVITE, not bound
  const { orderNo } = await placeOrder('o-regular');
  await env.pay.simulatePayment(orderNo);
  expect(rewards('o-regular')).toEqual([]);
  expect(env.coll('invite_bindings').byId('o-regular')).toBeNull();
});

it('a first order paid while the campaign is off lapses the invite: no rewards, not later either', async () => {
  await accept(await codeOf('o-host'), 'o-late');
  env.coll('campaigns').updateMany({ _id: 'invite' }, { $set: { enabled: false } });
  const before = snapshot(env, ['user_coupons']);
  const first = await placeOrder('o-late');
  await env.pay.simulatePayment(first.orderNo);
  expect(env.coll('invite_bindings').byId('o-late')).toMatchObject({ status: 'lapsed' });
  env.coll('campaigns').updateMany({ _id: 'invite' }, { $set: { enabled: true } });
  const second = await placeOrder('o-late');
  await env.pay.simulatePayment(second.orderNo);
  expect(snapshot(env, ['user_coupons'])).toEqual(before);
  // and a new invite while it is off is refused
  env.coll('campaigns').updateMany({ _id: 'invite' }, { $set: { enabled: false } });
  expect(await accept(await codeOf('o-host'), 'o-newcomer')).toEqual({ bound: false, reason: 'CAMPAIGN_OFF' });
  env.coll('campaigns').updateMany({ _id: 'invite' }, { $set: { enabled: true } });
});
