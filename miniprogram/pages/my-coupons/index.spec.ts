/**
 * My coupons on the emulator (marketing function, coupons.mine): the available / in use / used / expired tabs, an
 * available coupon past its validity listed as expired, every coupon's expiry date, the expiring-soon reminder
 * subscription, and the link to the coupon centre.
 */
import { loadPage, type PageHandle } from '../../../test/page-harness';
import { COUPON_SUBSCRIBE_TEMPLATES } from '../../config/subscribe';
import { dateText } from '../../utils/dates';
import type { OwnedCoupon } from '../../../typings/marketing/coupon';
import { type OrderTestEnv, startOrderEnv } from '../../../server/orders/test-support';
import { DAY, ownedCoupon } from '../../../server/marketing/__fixtures__/coupons';

const CUSTOMER = 'o-page-my-coupons';
const LOAD_MS = 20_000;

let env: OrderTestEnv;
let page: PageHandle | undefined;

beforeAll(async () => {
  env = await startOrderEnv({});
  const now = env.emu.clock.now();
  const owned = (id: string, over: Partial<OwnedCoupon>): OwnedCoupon =>
    ownedCoupon(id, CUSTOMER, now, { benefit: { kind: 'threshold', thresholdFen: 3000, amountFen: 500 }, validFrom: now - 2 * DAY, issuedAt: now - 2 * DAY, ...over });
  env.coll('user_coupons').insertMany([
    owned('c-ok', {}),
    owned('c-used', { status: 'used', orderNo: 'KD1', usedAt: now - DAY }),
    owned('c-late', { validUntil: now - DAY }),
    owned('c-held', { status: 'locked', orderNo: 'KD-HOLD-1' }),
    owned('c-other', { openid: 'o-someone-else' }),
  ] as unknown as Record<string, unknown>[]);
});

afterEach(() => {
  page?.detach();
  page = undefined;
});

afterAll(async () => {
  await env?.stop();
});

it('lists the customer’s coupons by tab', async () => {
  page = await loadPage('pages/my-coupons/index', { emulator: env.emu, openid: CUSTOMER });
  await page.waitFor((d) => d.status !== 'loading', LOAD_MS);
  expect(page.data.status).toBe('ready');
  expect(page.data.rows.map((r: { couponId: string }) => r.couponId)).toEqual(['c-ok']);
  expect(page.text('#coupon-c-ok')).toContain('满30减5');
  expect(page.text('#expiry-c-ok')).toBe(`${dateText(env.emu.clock.now() + DAY - 1)} 到期`);

  await page.tap('#tab-locked');
  await page.waitFor((d) => d.status === 'ready', LOAD_MS);
  expect(page.data.rows.map((r: { couponId: string }) => r.couponId)).toEqual(['c-held']);
  expect(page.text('#coupon-c-held')).toContain('KD-HOLD-1');
  expect(page.exists('#expiry-c-held')).toBe(true);

  await page.tap('#tab-used');
  await page.waitFor((d) => d.status === 'ready', LOAD_MS);
  expect(page.data.rows.map((r: { couponId: string }) => r.couponId)).toEqual(['c-used']);

  await page.tap('#tab-expired');
  await page.waitFor((d) => d.status === 'ready', LOAD_MS);
  expect(page.data.rows.map((r: { couponId: string }) => r.couponId)).toEqual(['c-late']);
  expect(page.exists('#coupon-c-other')).toBe(false);

  await page.tap('#open-centre');
  expect(page.wx.callsTo('navigateTo')).toEqual([{ url: '/pages/coupons/index' }]);
});

it('asks for the expiring-soon reminder and records the authorisation', async () => {
  page = await loadPage('pages/my-coupons/index', {
    emulator: env.emu,
    openid: CUSTOMER,
    wx: { requestSubscribeMessage: (o: { tmplIds: string[]; success?: (r: unknown) => void }) => o.success?.({ [o.tmplIds[0]!]: 'accept', errMsg: 'requestSubscribeMessage:ok' }) },
  });
  await page.waitFor((d) => d.status === 'ready', LOAD_MS);
  await page.tap('#remind');
  await page.waitFor((d) => d.reminderOn === true, LOAD_MS);
  expect(page.wx.callsTo('requestSubscribeMessage')).toEqual([expect.objectContaining({ tmplIds: [COUPON_SUBSCRIBE_TEMPLATES.coupon_expiring] })]);
  expect(env.coll('subscriptions').byId(`${CUSTOMER}|${COUPON_SUBSCRIBE_TEMPLATES.coupon_expiring}`)).toMatchObject({ count: 1 });
});
