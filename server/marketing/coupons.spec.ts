/**
 * The `marketing` function's coupons through the built function on the emulator: the claim centre, claiming with
 * the total and per-user limits held under concurrency, my coupons, staff grants, and refusals.
 */
import type { CouponTemplate } from '../../typings/marketing/coupon';
import { type OrderTestEnv, startOrderEnv } from '../orders/test-support';
import { couponTemplate, DAY } from './__fixtures__/coupons';

let env: OrderTestEnv;
let now: number;

const template = (id: string, over: Partial<CouponTemplate> = {}): CouponTemplate => couponTemplate(id, now, over);

beforeAll(async () => {
  env = await startOrderEnv({ maxInstancesPerFunction: 8 });
  now = env.emu.clock.now();
  env.coll('coupon_templates').insertMany([
    template('t-30', { totalQuantity: 30 }),
    template('t-two', { perUserLimit: 2 }),
    template('t-off', { enabled: false }),
    template('t-later', { claimStartsAt: now + DAY, claimEndsAt: now + 2 * DAY }),
    template('t-gone', { totalQuantity: 5, issuedCount: 5 }),
    template('t-group', { communityOnly: true }),
    template('t-grant', { totalQuantity: 2, claimEndsAt: now - 1 }),
  ] as unknown as Record<string, unknown>[]);
  env.coll('staff').insertOne({ _id: 'o-staff', role: 'owner', name: '店长' });
});

afterAll(async () => {
  await env?.stop();
});

const templateDoc = (id: string) => env.coll('coupon_templates').byId(id) as unknown as CouponTemplate;
const couponsOf = (q: Record<string, unknown>) => env.coll('user_coupons').find(q);

it('100 customers claiming a coupon with 30 left get exactly 30', async () => {
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) => env.call('marketing', 'coupons.claim', { templateId: 't-30' }, `o-crowd-${i}`)),
  );
  const ok = results.filter((r) => r.reply.ok);
  expect(ok).toHaveLength(30);
  expect(results.filter((r) => !r.reply.ok).every((r) => !r.reply.ok && r.reply.code === 'OUT_OF_STOCK')).toBe(true);
  expect(couponsOf({ templateId: 't-30' })).toHaveLength(30);
  expect(templateDoc('t-30').issuedCount).toBe(30);
});

it('the same customer claiming 10 times at once gets exactly the per-user limit, and the total is given back', async () => {
  const before = templateDoc('t-two').issuedCount;
  const results = await Promise.all(Array.from({ length: 10 }, () => env.call('marketing', 'coupons.claim', { templateId: 't-two' }, 'o-eager')));
  expect(results.filter((r) => r.reply.ok)).toHaveLength(2);
  expect(results.filter((r) => !r.reply.ok).every((r) => !r.reply.ok && r.reply.code === 'CONFLICT')).toBe(true);
  const held = couponsOf({ templateId: 't-two', openid: 'o-eager' });
  expect(held.map((c) => c._id).sort()).toEqual(['t-two:o-eager:1', 't-two:o-eager:2']);
  expect(templateDoc('t-two').issuedCount).toBe(before + 2);
});

it('a claimed coupon copies the template and is valid for the days after claiming', async () => {
  const { coupon } = await env.ok('marketing', 'coupons.claim', { templateId: 't-two' }, 'o-solo');
  expect(coupon).toMatchObject({
    _id: 't-two:o-solo:1',
    openid: 'o-solo',
    status: 'available',
    source: 'claim',
    benefit: { kind: 'threshold', thresholdFen: 5000, amountFen: 500 },
    validUntil: coupon.validFrom + 7 * DAY,
  });
});

it('refuses bad claims with a clear code and changes nothing', async () => {
  const before = { templates: env.coll('coupon_templates').find({}), coupons: couponsOf({}) };
  const cases: [string, string][] = [
    ['t-off', 'PRECONDITION_FAILED'],
    ['t-later', 'PRECONDITION_FAILED'],
    ['t-gone', 'OUT_OF_STOCK'],
    ['t-group', 'PRECONDITION_FAILED'],
    ['t-nope', 'NOT_FOUND'],
  ];
  for (const [templateId, code] of cases) {
    const { reply } = await env.call('marketing', 'coupons.claim', { templateId }, 'o-refused');
    expect({ templateId, code: reply.ok ? 'ok' : reply.code }).toEqual({ templateId, code });
  }
  const { reply } = await env.call('marketing', 'coupons.claim', { templateId: '' }, 'o-refused');
  expect(reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect({ templates: env.coll('coupon_templates').find({}), coupons: couponsOf({}) }).toEqual(before);
});

it('the claim centre lists claimable templates with what is left and whether the caller can claim', async () => {
  const { coupons } = await env.ok('marketing', 'coupons.centre', {}, 'o-eager');
  const byId = new Map(coupons.map((c: { templateId: string }) => [c.templateId, c]));
  expect([...byId.keys()].sort()).toEqual(['t-30', 't-gone', 't-two']);
  expect(byId.get('t-30')).toMatchObject({ remaining: 0, held: 0, canClaim: false, reason: 'SOLD_OUT' });
  expect(byId.get('t-two')).toMatchObject({ held: 2, perUserLimit: 2, canClaim: false, reason: 'PER_USER_LIMIT' });
  const fresh = await env.ok('marketing', 'coupons.centre', {}, 'o-newcomer');
  expect(fresh.coupons.find((c: { templateId: string }) => c.templateId === 't-two')).toMatchObject({ held: 0, canClaim: true });
});

it('my coupons: filters by status and shows an available coupon past its validity as expired', async () => {
  env.coll('user_coupons').insertMany([
    { ...template('t-x'), _id: 'mine-old', templateId: 't-x', openid: 'o-mine', status: 'available', validFrom: now - 9 * DAY, validUntil: now - DAY, issuedAt: now - 9 * DAY, source: 'claim' },
    { ...template('t-x'), _id: 'mine-used', templateId: 't-x', openid: 'o-mine', status: 'used', validFrom: now - DAY, validUntil: now + DAY, issuedAt: now - 2 * DAY, source: 'claim' },
    { ...template('t-x'), _id: 'mine-ok', templateId: 't-x', openid: 'o-mine', status: 'available', validFrom: now - DAY, validUntil: now + DAY, issuedAt: now - DAY, source: 'claim' },
    { ...template('t-x'), _id: 'theirs', templateId: 't-x', openid: 'o-other', status: 'available', validFrom: now - DAY, validUntil: now + DAY, issuedAt: now, source: 'claim' },
  ]);
  const ids = async (status?: string) =>
    (await env.ok('marketing', 'coupons.mine', status ? { status } : {}, 'o-mine')).coupons.map((c: { _id: string; status: string }) => `${c._id}:${c.status}`);
  expect(await ids()).toEqual(['mine-ok:available', 'mine-used:used', 'mine-old:expired']);
  expect(await ids('available')).toEqual(['mine-ok:available']);
  expect(await ids('expired')).toEqual(['mine-old:expired']);
  expect(await ids('used')).toEqual(['mine-used:used']);
});

it('grants: staff only, within the total and per-user limits (outside the claim window)', async () => {
  const denied = await env.call('marketing', 'coupons.grant', { templateId: 't-grant', openids: ['o-a'] }, 'o-a');
  expect(denied.reply).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  const res = await env.ok('marketing', 'coupons.grant', { templateId: 't-grant', openids: ['o-a', 'o-a', 'o-b', 'o-c'] }, 'o-staff');
  expect(res.granted).toEqual([
    { openid: 'o-a', couponId: 't-grant:o-a:1' },
    { openid: 'o-b', couponId: 't-grant:o-b:1' },
  ]);
  expect(res.refused).toEqual([{ openid: 'o-c', reason: 'SOLD_OUT' }]);
  expect(couponsOf({ templateId: 't-grant' }).map((c) => c.source)).toEqual(['grant', 'grant']);
  const again = await env.ok('marketing', 'coupons.grant', { templateId: 't-grant', openids: ['o-a'] }, 'o-staff');
  expect(again.refused).toEqual([{ openid: 'o-a', reason: 'SOLD_OUT' }]);
});
