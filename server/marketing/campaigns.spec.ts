/**
 * Staff campaign actions and audience grants through the built `marketing` function: customers are refused
 * (FORBIDDEN) and change nothing; bad inputs (money not in fen, a threshold not above its reduction, dates out of
 * order, a zone price not below the price) are refused with clear codes and change nothing; templates and 满减 are
 * created, updated (issuedCount kept) and switched; a tier or segment grant reaches exactly its audience, once.
 */
import type { CouponTemplate } from '../../typings/marketing/coupon';
import { addDays, dayKeyOf, DEFAULT_SHOP_TIME_ZONE } from '../analytics/domain/shop-calendar';
import { type OrderTestEnv, snapshot, startOrderEnv } from '../orders/test-support';

const DAY = 86_400_000;
const STAFF = 'o-owner';
const COLLS = ['coupon_templates', 'promotions', 'campaigns', 'user_coupons'];
let env: OrderTestEnv;
let now: number;

const templateInput = (over: Record<string, unknown> = {}) => ({
  title: '满50减8',
  benefit: { kind: 'threshold', thresholdFen: 5000, amountFen: 800 },
  scope: { type: 'shop' },
  validity: { type: 'days_after_claim', days: 7 },
  totalQuantity: 100,
  perUserLimit: 1,
  communityOnly: false,
  claimStartsAt: now - DAY,
  claimEndsAt: now + 10 * DAY,
  enabled: true,
  ...over,
});
const fullReduction = (over: Record<string, unknown> = {}) => ({
  kind: 'full_reduction',
  title: '满300减30',
  scope: { type: 'shop' },
  tiers: [
    { thresholdFen: 30000, reduceFen: 3000 },
    { thresholdFen: 50000, reduceFen: 6000 },
  ],
  startsAt: now - DAY,
  endsAt: now + DAY,
  enabled: true,
  ...over,
});

beforeAll(async () => {
  env = await startOrderEnv({ seeds: [{ id: 'g-tea', title: '乌龙茶', skus: [{ id: 's-tea', priceFen: 3000, stock: 10 }] }] });
  now = env.emu.clock.now();
  env.coll('staff').insertOne({ _id: STAFF, role: 'owner', name: '店长' });
  env.coll('users').insertMany(Array.from({ length: 7 }, (_, i) => ({ _id: `o-u${i}`, createdAt: now - DAY })));
  env.coll('members').insertMany([
    { _id: 'o-u1', tier: 2 },
    { _id: 'o-u2', tier: 2 },
    { _id: 'o-u3', tier: 1 },
    { _id: 'o-u4', tier: 0 },
  ]);
});

afterAll(async () => {
  await env?.stop();
});

it('refuses every staff action to a customer, changing nothing', async () => {
  const before = snapshot(env, COLLS);
  const calls: [string, unknown][] = [
    ['campaigns.list', {}],
    ['campaigns.saveTemplate', templateInput()],
    ['campaigns.savePromotion', fullReduction()],
    ['campaigns.setEnabled', { kind: 'template', id: 'x', enabled: false }],
    ['campaigns.setInvite', { enabled: true, inviterTemplateId: 'a', inviteeTemplateId: 'b' }],
    ['coupons.grantAudience', { templateId: 'x', audience: { type: 'tier', tier: 2 } }],
  ];
  for (const [action, input] of calls) {
    const { reply } = await env.call('marketing', action, input, 'o-u1');
    expect({ action, code: reply.ok ? 'ok' : reply.code }).toEqual({ action, code: 'FORBIDDEN' });
  }
  expect(snapshot(env, COLLS)).toEqual(before);
});

it('refuses bad campaign inputs with clear codes, changing nothing', async () => {
  const before = snapshot(env, COLLS);
  const cases: [string, unknown, string][] = [
    ['campaigns.saveTemplate', templateInput({ benefit: { kind: 'threshold', thresholdFen: 500, amountFen: 500 } }), 'INVALID_INPUT'],
    ['campaigns.saveTemplate', templateInput({ benefit: { kind: 'fixed', amountFen: 3.5 } }), 'INVALID_INPUT'],
    ['campaigns.saveTemplate', templateInput({ benefit: { kind: 'percentage', percentOff: 100 } }), 'INVALID_INPUT'],
    ['campaigns.saveTemplate', templateInput({ claimEndsAt: now - 2 * DAY }), 'INVALID_INPUT'],
    ['campaigns.saveTemplate', templateInput({ validity: { type: 'dates', startsAt: now, endsAt: now - 1 } }), 'INVALID_INPUT'],
    ['campaigns.saveTemplate', templateInput({ perGroupLimit: 5 }), 'INVALID_INPUT'],
    ['campaigns.saveTemplate', templateInput({ title: '' }), 'INVALID_INPUT'],
    ['campaigns.saveTemplate', templateInput({ issuedCount: 0 }), 'INVALID_INPUT'],
    ['campaigns.saveTemplate', templateInput({ id: 'tpl_missing' }), 'NOT_FOUND'],
    ['campaigns.savePromotion', fullReduction({ tiers: [{ thresholdFen: 3000, reduceFen: 3000 }] }), 'INVALID_INPUT'],
    ['campaigns.savePromotion', fullReduction({ tiers: [] }), 'INVALID_INPUT'],
    ['campaigns.savePromotion', fullReduction({ endsAt: now - 2 * DAY }), 'INVALID_INPUT'],
    ['campaigns.savePromotion', fullReduction({ tiers: [{ thresholdFen: 300.5, reduceFen: 30 }] }), 'INVALID_INPUT'],
    ['campaigns.savePromotion', { kind: 'new_user_price', title: '新人价', items: [{ goodsId: 'g-tea', priceFen: 3000 }], startsAt: now, endsAt: now + DAY, enabled: true }, 'INVALID_INPUT'],
    ['campaigns.savePromotion', { kind: 'new_user_price', title: '新人价', items: [{ goodsId: 'g-none', priceFen: 100 }], startsAt: now, endsAt: now + DAY, enabled: true }, 'NOT_FOUND'],
    ['campaigns.setEnabled', { kind: 'promotion', id: 'promo_missing', enabled: false }, 'NOT_FOUND'],
    ['campaigns.setInvite', { enabled: true, inviterTemplateId: 'tpl_a', inviteeTemplateId: 'tpl_b' }, 'NOT_FOUND'],
    ['coupons.grantAudience', { templateId: 'x', audience: { type: 'tier', tier: 7 } }, 'INVALID_INPUT'],
    ['coupons.grantAudience', { templateId: 'x', audience: { type: 'segment', segment: 'whales' } }, 'INVALID_INPUT'],
  ];
  for (const [action, input, code] of cases) {
    const { reply } = await env.call('marketing', action, input, STAFF);
    expect({ action, input, code: reply.ok ? 'ok' : reply.code }).toEqual({ action, input, code });
  }
  const msg = await env.call('marketing', 'campaigns.saveTemplate', templateInput({ benefit: { kind: 'threshold', thresholdFen: 500, amountFen: 800 } }), STAFF);
  expect(msg.reply.ok ? '' : msg.reply.message).toContain('门槛必须大于减免金额');
  expect(snapshot(env, COLLS)).toEqual(before);
});

it('creates, updates (keeping what was issued) and switches a template; creates and updates a 满减', async () => {
  const { template } = await env.ok('marketing', 'campaigns.saveTemplate', templateInput(), STAFF);
  expect(template).toMatchObject({ title: '满50减8', issuedCount: 0, enabled: true });
  await env.ok('marketing', 'coupons.claim', { templateId: template._id }, 'o-u0');
  const updated = await env.ok('marketing', 'campaigns.saveTemplate', templateInput({ id: template._id, title: '满50减10', benefit: { kind: 'threshold', thresholdFen: 5000, amountFen: 1000 }, totalQuantity: 50 }), STAFF);
  expect(updated.template).toMatchObject({ _id: template._id, title: '满50减10', issuedCount: 1, totalQuantity: 50, createdAt: template.createdAt });
  // the coupon already claimed keeps what it was issued with
  expect(env.coll('user_coupons').byId(`${template._id}:o-u0:1`)).toMatchObject({ benefit: { amountFen: 800 } });
  expect(await env.ok('marketing', 'campaigns.setEnabled', { kind: 'template', id: template._id, enabled: false }, STAFF)).toEqual({ enabled: false });
  expect((await env.call('marketing', 'coupons.claim', { templateId: template._id }, 'o-u5')).reply).toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });

  const { promotion } = await env.ok('marketing', 'campaigns.savePromotion', fullReduction(), STAFF);
  expect(promotion).toMatchObject({ kind: 'full_reduction', tiers: [{ thresholdFen: 30000 }, { thresholdFen: 50000 }] });
  const changed = await env.ok('marketing', 'campaigns.savePromotion', fullReduction({ id: promotion._id, title: '满200减20', tiers: [{ thresholdFen: 20000, reduceFen: 2000 }] }), STAFF);
  expect(env.coll('promotions').byId(promotion._id)).toMatchObject({ title: '满200减20', tiers: [{ thresholdFen: 20000, reduceFen: 2000 }] });
  expect(changed.promotion._id).toBe(promotion._id);
  const kindChange = await env.call('marketing', 'campaigns.savePromotion', { id: promotion._id, kind: 'new_user_price', title: 'x', items: [{ goodsId: 'g-tea', priceFen: 100 }], startsAt: now, endsAt: now + DAY, enabled: true }, STAFF);
  expect(kindChange.reply).toMatchObject({ ok: false, code: 'CONFLICT' });
  const zone = await env.ok('marketing', 'campaigns.savePromotion', { kind: 'new_user_price', title: '新人 1 元茶', items: [{ goodsId: 'g-tea', priceFen: 100 }], startsAt: now - 1, endsAt: now + DAY, enabled: true }, STAFF);

  const list = await env.ok('marketing', 'campaigns.list', {}, STAFF);
  expect(list.templates.map((t: CouponTemplate) => t._id)).toContain(template._id);
  expect(list.promotions.map((p: { _id: string }) => p._id).sort()).toEqual([promotion._id, zone.promotion._id].sort());

  // lowering the total below what was issued is refused
  const low = await env.call('marketing', 'campaigns.saveTemplate', templateInput({ id: template._id, totalQuantity: 1 }), STAFF);
  expect(low.reply.ok).toBe(true);
  env.coll('coupon_templates').updateMany({ _id: template._id }, { $set: { issuedCount: 5 } });
  const lower = await env.call('marketing', 'campaigns.saveTemplate', templateInput({ id: template._id, totalQuantity: 3 }), STAFF);
  expect(lower.reply).toMatchObject({ ok: false, code: 'CONFLICT' });
});

it('grants a template to a tier: exactly the members of that tier, once (tier 0: customers without a member tier)', async () => {
  const { template } = await env.ok('marketing', 'campaigns.saveTemplate', templateInput({ title: '会员礼券', totalQuantity: null, claimStartsAt: now - DAY, claimEndsAt: now + DAY }), STAFF);
  const tier2 = await env.ok('marketing', 'coupons.grantAudience', { templateId: template._id, audience: { type: 'tier', tier: 2 } }, STAFF);
  expect(tier2).toMatchObject({ scanned: 2, granted: 2, refused: {}, nextCursor: null });
  const again = await env.ok('marketing', 'coupons.grantAudience', { templateId: template._id, audience: { type: 'tier', tier: 2 } }, STAFF);
  expect(again).toMatchObject({ granted: 0, refused: { PER_USER_LIMIT: 2 } });
  const tier0 = await env.ok('marketing', 'coupons.grantAudience', { templateId: template._id, audience: { type: 'tier', tier: 0 } }, STAFF);
  expect(tier0.granted).toBe(4); // u0, u4 (tier 0 member doc), u5, u6
  const owners = env.coll('user_coupons').find({ templateId: template._id }).map((c) => c.openid).sort();
  expect(owners).toEqual(['o-u0', 'o-u1', 'o-u2', 'o-u4', 'o-u5', 'o-u6']);
  expect(env.coll('user_coupons').find({ templateId: template._id }).every((c) => c.source === 'grant')).toBe(true);
});

it('grants in bounded batches with a cursor, within the total', async () => {
  env.coll('members').insertMany(Array.from({ length: 150 }, (_, i) => ({ _id: `o-m${String(i).padStart(3, '0')}`, tier: 3 })));
  const { template } = await env.ok('marketing', 'campaigns.saveTemplate', templateInput({ title: '金卡礼', totalQuantity: 120 }), STAFF);
  const first = await env.ok('marketing', 'coupons.grantAudience', { templateId: template._id, audience: { type: 'tier', tier: 3 } }, STAFF);
  expect(first).toMatchObject({ scanned: 100, granted: 100, nextCursor: 'o-m099' });
  const second = await env.ok('marketing', 'coupons.grantAudience', { templateId: template._id, audience: { type: 'tier', tier: 3 }, cursor: first.nextCursor }, STAFF);
  expect(second).toMatchObject({ scanned: 50, granted: 20, refused: { SOLD_OUT: 30 }, nextCursor: null });
  expect(env.coll('user_coupons').count({ templateId: template._id })).toBe(120);
  expect((env.coll('coupon_templates').byId(template._id) as unknown as CouponTemplate).issuedCount).toBe(120);
}, 60_000);

it('grants a template to a segment: the customers the analytics facts put in it, once', async () => {
  const today = dayKeyOf(env.emu.clock.now(), DEFAULT_SHOP_TIME_ZONE);
  const fact = (id: string, daysIdle: number, paidOrders: number, visitDays: number) => ({ _id: id, lastActiveDay: addDays(today, -daysIdle), paidOrders, visitDays });
  env.coll('customer_facts').insertMany([
    fact('o-risk-1', 40, 2, 5),
    fact('o-risk-2', 60, 1, 3),
    fact('o-gone', 120, 3, 9),
    fact('o-fresh', 1, 0, 1),
    fact('o-loyal', 2, 4, 20),
  ]);
  const { template } = await env.ok('marketing', 'campaigns.saveTemplate', templateInput({ title: '回来看看', totalQuantity: null }), STAFF);
  const res = await env.ok('marketing', 'coupons.grantAudience', { templateId: template._id, audience: { type: 'segment', segment: 'at_risk' } }, STAFF);
  expect(res).toMatchObject({ scanned: 2, granted: 2, refused: {}, nextCursor: null });
  expect(env.coll('user_coupons').find({ templateId: template._id }).map((c) => c.openid).sort()).toEqual(['o-risk-1', 'o-risk-2']);
  const again = await env.ok('marketing', 'coupons.grantAudience', { templateId: template._id, audience: { type: 'segment', segment: 'at_risk' } }, STAFF);
  expect(again).toMatchObject({ granted: 0, refused: { PER_USER_LIMIT: 2 } });
  const fresh = await env.ok('marketing', 'coupons.grantAudience', { templateId: template._id, audience: { type: 'segment', segment: 'new_first_visit' } }, STAFF);
  expect(fresh).toMatchObject({ granted: 1 });
  expect(env.coll('user_coupons').count({ templateId: template._id })).toBe(3);
});
