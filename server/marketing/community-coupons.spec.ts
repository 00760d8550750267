/**
 * 社群专享 through the built `marketing` function on the emulator: the group comes from a share cloud id resolved on
 * the server (the emulator mints them like WeChat does), a forged / foreign / non-group cloud id is refused and
 * changes nothing, and the per-group cap holds when 30 members of one group claim at once.
 */
import type { CouponTemplate } from '../../typings/marketing/coupon';
import { type OrderTestEnv, snapshot, startOrderEnv } from '../orders/test-support';
import { couponTemplate, DAY, mintCloudId } from './__fixtures__/coupons';

let env: OrderTestEnv;
let now: number;

/** A 社群专享 template: 3 元无门槛, 10 per group, valid 3 days. */
const template = (id: string, over: Partial<CouponTemplate> = {}): CouponTemplate =>
  couponTemplate(id, now, {
    title: `群券 ${id}`,
    benefit: { kind: 'fixed', amountFen: 300 },
    validity: { type: 'days_after_claim', days: 3 },
    communityOnly: true,
    perGroupLimit: 10,
    ...over,
  });

const mint = (openid: string, data: Record<string, unknown>, kind = 'shareInfo') => mintCloudId(env.emu.baseUrl, openid, data, kind);

const claim = (templateId: string, cloudID: string, openid: string) => env.call('marketing', 'community.claim', { templateId, cloudID }, openid);
const COLLS = ['coupon_templates', 'user_coupons', 'community_group_claims'];

beforeAll(async () => {
  env = await startOrderEnv({ maxInstancesPerFunction: 8 });
  now = env.emu.clock.now();
  env.coll('coupon_templates').insertMany([
    template('g-10'),
    template('g-open', { perGroupLimit: undefined, totalQuantity: null }),
    template('g-plain', { communityOnly: false, perGroupLimit: undefined }),
    template('g-ended', { claimEndsAt: now - 1 }),
  ] as unknown as Record<string, unknown>[]);
});

afterAll(async () => {
  await env?.stop();
});

it('30 members of one group claiming at once with a cap of 10 get exactly 10; another group still can', async () => {
  const members = Array.from({ length: 30 }, (_, i) => `o-member-${i}`);
  const ids = await Promise.all(members.map((m) => mint(m, { openGId: 'G-family' })));
  const results = await Promise.all(members.map((m, i) => claim('g-10', ids[i]!, m)));
  const ok = results.filter((r) => r.reply.ok);
  expect(ok).toHaveLength(10);
  expect(results.filter((r) => !r.reply.ok).map((r) => (r.reply.ok ? '' : r.reply.code))).toEqual(Array(20).fill('CONFLICT'));
  expect(env.coll('user_coupons').find({ templateId: 'g-10', groupId: 'G-family', source: 'community' })).toHaveLength(10);
  expect(env.coll('community_group_claims').byId('g-10|G-family')).toMatchObject({ count: 10 });
  expect((env.coll('coupon_templates').byId('g-10') as unknown as CouponTemplate).issuedCount).toBe(10);
  const last = ok[ok.length - 1]!.reply;
  expect(last.ok && last.data).toMatchObject({ perGroupLimit: 10 });

  const other = await claim('g-10', await mint('o-elsewhere', { openGId: 'G-work' }), 'o-elsewhere');
  expect(other.reply).toMatchObject({ ok: true, data: { groupClaimed: 1, coupon: { groupId: 'G-work', openid: 'o-elsewhere' } } });
});

it('refuses a forged cloud id, one minted for someone else and one that names no group, changing nothing', async () => {
  const before = snapshot(env, COLLS);
  const foreign = await mint('o-owner', { openGId: 'G-family' });
  const noGroup = await mint('o-sneaky', { stepInfoList: [] }, 'weRunData');
  const cases: [string, string, string][] = [
    ['27_forged-by-hand', 'FORBIDDEN', 'forged'],
    [foreign, 'FORBIDDEN', 'another user'],
    [noGroup, 'PRECONDITION_FAILED', 'no group'],
  ];
  for (const [cloudID, code, why] of cases) {
    const { reply } = await claim('g-10', cloudID, 'o-sneaky');
    expect({ why, code: reply.ok ? 'ok' : reply.code }).toEqual({ why, code });
  }
  expect(snapshot(env, COLLS)).toEqual(before);
});

it('refuses bad inputs and templates that cannot be claimed from a group, with clear codes and no change', async () => {
  const before = snapshot(env, COLLS);
  const cloudID = await mint('o-late', { openGId: 'G-late' });
  const cases: [unknown, string][] = [
    [{ templateId: 'g-plain', cloudID }, 'PRECONDITION_FAILED'],
    [{ templateId: 'g-ended', cloudID }, 'PRECONDITION_FAILED'],
    [{ templateId: 'g-none', cloudID }, 'NOT_FOUND'],
    [{ templateId: 'g-10', cloudID: '' }, 'INVALID_INPUT'],
    [{ templateId: 'g-10' }, 'INVALID_INPUT'],
    [{ templateId: 'g-10', cloudID, groupId: 'G-chosen-by-client' }, 'INVALID_INPUT'],
  ];
  for (const [input, code] of cases) {
    const { reply } = await env.call('marketing', 'community.claim', input, 'o-late');
    expect({ input, code: reply.ok ? 'ok' : reply.code }).toEqual({ input, code });
  }
  // the claim centre's path refuses a community template
  const centre = await env.call('marketing', 'coupons.claim', { templateId: 'g-10' }, 'o-late');
  expect(centre.reply).toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
  expect(snapshot(env, COLLS)).toEqual(before);
});

it('the per-user limit holds across groups and does not use up a group’s cap', async () => {
  const first = await claim('g-open', await mint('o-hopper', { openGId: 'G-a' }), 'o-hopper');
  expect(first.reply.ok).toBe(true);
  const again = await Promise.all([
    claim('g-open', await mint('o-hopper', { openGId: 'G-b' }), 'o-hopper'),
    claim('g-open', await mint('o-hopper', { openGId: 'G-a' }), 'o-hopper'),
  ]);
  expect(again.map((r) => (r.reply.ok ? 'ok' : r.reply.code))).toEqual(['CONFLICT', 'CONFLICT']);
  expect(env.coll('user_coupons').find({ templateId: 'g-open', openid: 'o-hopper' })).toHaveLength(1);
  expect(env.coll('community_group_claims').byId('g-open|G-a')).toMatchObject({ count: 1 });
  expect((env.coll('community_group_claims').byId('g-open|G-b') as { count?: number } | undefined)?.count ?? 0).toBe(0);
});

it('community.view shows the template for the group page; a plain template is not a community one', async () => {
  const view = await env.ok('marketing', 'community.view', { templateId: 'g-10' }, 'o-viewer');
  expect(view).toMatchObject({ perGroupLimit: 10, coupon: { templateId: 'g-10', canClaim: true, held: 0 } });
  const plain = await env.call('marketing', 'community.view', { templateId: 'g-plain' }, 'o-viewer');
  expect(plain.reply).toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
});
