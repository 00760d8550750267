/**
 * The coupon centre on the emulator (marketing function): what is left of each template, claim buttons disabled with
 * the reason, and a claim that issues one coupon and updates the counts.
 */
import { loadPage, type PageHandle } from '../../../test/page-harness';
import type { CouponTemplate } from '../../../typings/marketing/coupon';
import { type OrderTestEnv, startOrderEnv } from '../../../server/orders/test-support';
import { couponTemplate } from '../../../server/marketing/__fixtures__/coupons';

const CUSTOMER = 'o-page-coupon-centre';
const LOAD_MS = 20_000;

let env: OrderTestEnv;
let page: PageHandle | undefined;

beforeAll(async () => {
  env = await startOrderEnv({});
  const now = env.emu.clock.now();
  const template = (id: string, title: string, over: Partial<CouponTemplate>): CouponTemplate =>
    couponTemplate(id, now, { title, benefit: { kind: 'threshold', thresholdFen: 3000, amountFen: 500 }, totalQuantity: 3, ...over });
  env.coll('coupon_templates').insertMany([
    template('t-open', '新客券', {}),
    template('t-gone', '秒杀券', { totalQuantity: 2, issuedCount: 2, benefit: { kind: 'fixed', amountFen: 1000 } }),
  ] as unknown as Record<string, unknown>[]);
});

afterEach(() => {
  page?.detach();
  page = undefined;
});

afterAll(async () => {
  await env?.stop();
});

it('shows what is left, refuses a sold-out template, and claims one coupon', async () => {
  page = await loadPage('pages/coupons/index', { emulator: env.emu, openid: CUSTOMER });
  await page.waitFor((d) => d.status !== 'loading', LOAD_MS);
  expect(page.data.status).toBe('ready');
  expect(page.text('#tpl-t-open')).toContain('满30减5');
  expect(page.text('#left-t-open')).toBe('剩 3 张');
  expect(page.text('#claim-t-open')).toBe('领取');
  expect(page.text('#tpl-t-gone')).toContain('10元无门槛');
  expect(page.text('#claim-t-gone')).toBe('已抢光');

  await page.tap('#claim-t-gone');
  expect(env.coll('user_coupons').find({ openid: CUSTOMER })).toEqual([]);

  await page.tap('#claim-t-open');
  await page.waitFor((d) => !d.claiming, LOAD_MS);
  expect(page.wx.callsTo('showToast')).toContainEqual({ title: '领取成功', icon: 'success' });
  expect(env.coll('user_coupons').find({ openid: CUSTOMER })).toEqual([expect.objectContaining({ templateId: 't-open', status: 'available', title: '新客券' })]);
  expect(page.text('#left-t-open')).toBe('剩 2 张');
  expect(page.text('#claim-t-open')).toBe('已领取');

  await page.tap('#claim-t-open');
  expect(env.coll('user_coupons').find({ openid: CUSTOMER })).toHaveLength(1);

  await page.tap('#open-mine');
  expect(page.wx.callsTo('navigateTo')).toEqual([{ url: '/pages/my-coupons/index' }]);
});
