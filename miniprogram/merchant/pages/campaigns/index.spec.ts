/**
 * The campaigns back-office page on the emulator: a customer sees the refusal; staff see templates and promotions
 * with their switches, switch one off, create a 满X减Y coupon template and a 满减 from yuan amounts (sent in fen),
 * and see the server's refusal of a threshold not above its reduction (nothing created).
 */
import { loadPage, type PageHandle } from '../../../../test/page-harness';
import type { CouponTemplate } from '../../../../typings/marketing/coupon';
import type { FullReductionPromotion } from '../../../../typings/marketing/promotion';
import { type OrderTestEnv, startOrderEnv } from '../../../../server/orders/test-support';
import { couponTemplate } from '../../../../server/marketing/__fixtures__/coupons';

const DAY = 86_400_000;
const LOAD_MS = 20_000;
const STAFF = 'o-page-owner';
let env: OrderTestEnv;
let page: PageHandle | undefined;

beforeAll(async () => {
  env = await startOrderEnv({});
  const now = env.emu.clock.now();
  env.coll('staff').insertOne({ _id: STAFF, role: 'owner', name: '店长' });
  const t: CouponTemplate = couponTemplate('tpl-old', now, { title: '老顾客券', benefit: { kind: 'threshold', thresholdFen: 3000, amountFen: 500 }, issuedCount: 12 });
  const p: FullReductionPromotion = {
    _id: 'promo-old',
    kind: 'full_reduction',
    title: '周末满减',
    scope: { type: 'shop' },
    tiers: [
      { thresholdFen: 50000, reduceFen: 6000 },
      { thresholdFen: 30000, reduceFen: 3000 },
    ],
    startsAt: now - DAY,
    endsAt: now + DAY,
    enabled: true,
  };
  env.coll('coupon_templates').insertMany([t, { ...t, _id: 'tpl-group', title: '群专享', communityOnly: true, perGroupLimit: 20, createdAt: now - 2 * DAY }] as unknown as Record<string, unknown>[]);
  env.coll('promotions').insertOne(p as unknown as Record<string, unknown>);
});

afterEach(() => {
  page?.detach();
  page = undefined;
});

afterAll(async () => {
  await env?.stop();
});

it('shows a refusal to a customer', async () => {
  page = await loadPage('merchant/pages/campaigns/index', { emulator: env.emu, openid: 'o-page-customer' });
  await page.waitFor((d) => d.status !== 'loading', LOAD_MS);
  expect(page.data.status).toBe('forbidden');
  expect(page.text('#forbidden')).toContain('仅限店员使用');
  expect(page.exists('#create-template')).toBe(false);
});

it('staff list, switch off, and create a coupon template and a 满减', async () => {
  page = await loadPage('merchant/pages/campaigns/index', { emulator: env.emu, openid: STAFF });
  await page.waitFor((d) => d.status === 'ready', LOAD_MS);
  expect(page.text('#tpl-tpl-old')).toContain('满30减5');
  expect(page.text('#tpl-tpl-old')).toContain('已发 12/100');
  expect(page.text('#promo-promo-old')).toContain('满300减30，满500减60');
  expect(page.exists('#share-tpl-old')).toBe(false);
  await page.tap('#share-tpl-group');
  expect(page.wx.callsTo('navigateTo')).toEqual([{ url: '/pages/community-coupon/index?t=tpl-group' }]);

  await page.tap('#toggle-promo-old');
  await page.waitFor((d) => d.promotions[0]?.enabled === false, LOAD_MS);
  expect(env.coll('promotions').byId('promo-old')).toMatchObject({ enabled: false });
  expect(page.text('#toggle-promo-old')).toBe('已停用');

  page.instance.setData({ tplTitle: '满50减8', tplThreshold: '50', tplAmount: '8.5', tplDays: '10', tplTotal: '200' });
  await page.tap('#create-template');
  await page.waitFor((d) => d.templates.length === 3 && !d.busy, LOAD_MS);
  const created = env.coll('coupon_templates').find({ title: '满50减8' });
  expect(created).toEqual([
    expect.objectContaining({ benefit: { kind: 'threshold', thresholdFen: 5000, amountFen: 850 }, validity: { type: 'days_after_claim', days: 10 }, totalQuantity: 200, issuedCount: 0, enabled: true }),
  ]);

  page.instance.setData({ frTitle: '满200减25', frThreshold: '200', frReduce: '25', frDays: '3' });
  await page.tap('#create-promotion');
  await page.waitFor((d) => d.promotions.length === 2 && !d.busy, LOAD_MS);
  expect(env.coll('promotions').find({ title: '满200减25' })).toEqual([expect.objectContaining({ kind: 'full_reduction', tiers: [{ thresholdFen: 20000, reduceFen: 2500 }] })]);
});

it('staff set up the invite campaign from two templates and switch it off', async () => {
  page = await loadPage('merchant/pages/campaigns/index', { emulator: env.emu, openid: STAFF });
  await page.waitFor((d) => d.status === 'ready', LOAD_MS);
  expect(page.text('#invite-state')).toContain('未开启');
  await page.tap('#invite-on');
  expect(page.text('#form-error')).toContain('请选择');
  const at = (id: string) => page!.data.templates.findIndex((r: { id: string }) => r.id === id);
  page.instance.setData({ inviterIndex: at('tpl-old'), inviteeIndex: at('tpl-group'), formError: '' });
  await page.tap('#invite-on');
  await page.waitFor((d) => d.inviteEnabled === true && !d.busy, LOAD_MS);
  expect(env.coll('campaigns').byId('invite')).toMatchObject({ enabled: true, inviterTemplateId: 'tpl-old', inviteeTemplateId: 'tpl-group' });
  expect(page.text('#inviter-title')).toBe('老顾客券');
  await page.tap('#invite-off');
  await page.waitFor((d) => d.inviteEnabled === false && !d.busy, LOAD_MS);
  expect(env.coll('campaigns').byId('invite')).toMatchObject({ enabled: false });
});

it('shows the server’s refusal of a threshold not above its reduction, and a malformed amount, creating nothing', async () => {
  page = await loadPage('merchant/pages/campaigns/index', { emulator: env.emu, openid: STAFF });
  await page.waitFor((d) => d.status === 'ready', LOAD_MS);
  const before = env.coll('coupon_templates').count({});
  page.instance.setData({ tplTitle: '亏本券', tplThreshold: '5', tplAmount: '8' });
  await page.tap('#create-template');
  await page.waitFor((d) => d.formError !== '' && !d.busy, LOAD_MS);
  expect(page.text('#form-error')).toContain('门槛必须大于减免金额');

  page.instance.setData({ tplThreshold: '5.555', formError: '' });
  await page.tap('#create-template');
  expect(page.text('#form-error')).toContain('请填写');
  expect(env.coll('coupon_templates').count({})).toBe(before);
});
