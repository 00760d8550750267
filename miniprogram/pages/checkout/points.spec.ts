/**
 * The checkout page's points switch on the emulator: hidden without points; with points, switching it on re-quotes
 * with the deduction (the coupon picker keeps working alongside), and the order spends the points; a member-only
 * goods the customer's tier cannot buy is refused with the server's MEMBER_ONLY message.
 */
import { loadPage, type PageHandle } from '../../../test/page-harness';
import type { OwnedCoupon } from '../../../typings/marketing/coupon';
import { type OrderTestEnv, startOrderEnv } from '../../../server/orders/test-support';
import { MEMBER_SETTINGS, memberWithPoints, seedMember, storedMember } from '../../../server/member/test-support';
import { ownedCoupon } from '../../../server/marketing/__fixtures__/coupons';

const RICH = 'o-page-points';
const POOR = 'o-page-no-points';
const LOAD_MS = 20_000;

let env: OrderTestEnv;
let pages: PageHandle[] = [];

beforeAll(async () => {
  env = await startOrderEnv({
    seeds: [
      { id: 'g-latte', title: '拿铁', skus: [{ id: 's-latte', priceFen: 3000, stock: 20 }] },
      { id: 'g-vip', title: '金卡专享豆', skus: [{ id: 's-vip', priceFen: 8000, stock: 20 }] },
    ],
    settings: MEMBER_SETTINGS,
  });
  const now = env.emu.clock.now();
  env.coll('goods').updateMany({ _id: 'g-vip' }, { $set: { minTier: 2 } });
  seedMember(env, memberWithPoints(RICH, 800, now - 1000));
  const coupon: OwnedCoupon = ownedCoupon('c-page-points', RICH, now, { title: '5 元券' });
  env.coll('user_coupons').insertOne(coupon as unknown as Record<string, unknown>);
});

afterEach(() => {
  for (const p of pages) p.detach();
  pages = [];
});

afterAll(async () => {
  await env?.stop();
});

const buyNow = (skuId: string) => ({ items: encodeURIComponent(JSON.stringify([{ skuId, quantity: 1 }])) });

async function open(query: Record<string, string>, openid: string): Promise<PageHandle> {
  const page = await loadPage('pages/checkout/index', {
    emulator: env.emu,
    openid,
    query,
    wx: {
      requestSubscribeMessage: (o: { success?: (r: unknown) => void }) => o.success?.({ errMsg: 'requestSubscribeMessage:ok' }),
      requestPayment: (o: { fail?: (e: unknown) => void }) => o.fail?.({ errMsg: 'requestPayment:fail cancel' }),
    },
  });
  pages.push(page);
  await page.waitFor((d) => d.status !== 'loading', LOAD_MS);
  return page;
}

it('without points there is no points switch', async () => {
  const page = await open(buyNow('s-latte'), POOR);
  expect(page.data.status).toBe('ready');
  expect(page.exists('#points')).toBe(false);
});

it('the points switch re-quotes with the deduction next to the coupon, and the order spends the points', async () => {
  const page = await open(buyNow('s-latte'), RICH);
  expect(page.text('#points')).toContain('共 800 积分');
  expect(page.text('#coupon')).toContain('5 元券');
  expect(page.text('#total')).toBe('¥25.00');

  await page.tap('#points');
  await page.waitFor((d) => d.totalText === '¥17.00', LOAD_MS);
  expect(page.text('#points-note')).toBe('-¥8.00（800 积分）');
  expect(page.text('#coupon')).toContain('5 元券'); // the coupon stays applied

  // the coupon picker still works with points on: no coupon → the points take their 50 % share of ¥30
  await page.tap('#coupon');
  await page.tap('#coupon-none');
  await page.waitFor((d) => d.couponChoice === 'none' && d.totalText === '¥22.00', LOAD_MS);

  await page.tap('#submit');
  await page.idle();
  const orders = env.coll('orders').find({ openid: RICH });
  expect(orders).toEqual([expect.objectContaining({ points: expect.objectContaining({ used: 800 }), amounts: expect.objectContaining({ totalFen: 2200 }) })]);
  expect(storedMember(env, RICH)!.balance).toBe(0);
});

it('a member-only goods above the customer’s tier is refused by the server with its message', async () => {
  const page = await open(buyNow('s-vip'), POOR);
  expect(page.text('#member-only')).toContain('会员专享');
  await page.tap('#submit');
  await page.idle();
  expect(page.wx.callsTo('showToast')).toContainEqual(expect.objectContaining({ title: expect.stringContaining('仅限金卡及以上会员购买') }));
  expect(env.coll('orders').find({ openid: POOR })).toEqual([]);
});
