/**
 * The new-user zone page on the emulator: the active offer's goods with zone and normal price and "only for the
 * first order"; a customer with a paid order is told the price is for first orders only; a tap opens the goods.
 */
import { loadPage, type PageHandle } from '../../../test/page-harness';
import type { NewUserOffer } from '../../../typings/marketing/promotion';
import { type OrderTestEnv, startOrderEnv } from '../../../server/orders/test-support';

const DAY = 86_400_000;
const LOAD_MS = 20_000;
let env: OrderTestEnv;
let page: PageHandle | undefined;

beforeAll(async () => {
  env = await startOrderEnv({
    seeds: [
      { id: 'g-cup', title: '随行杯', skus: [{ id: 's-cup', priceFen: 2000, stock: 10 }] },
      { id: 'g-off', title: '下架杯', onShelf: false, skus: [{ id: 's-off', priceFen: 2000, stock: 10 }] },
    ],
  });
  const now = env.emu.clock.now();
  const offer: NewUserOffer = {
    _id: 'nu-page',
    kind: 'new_user_price',
    title: '新人 1 元购',
    items: [
      { goodsId: 'g-cup', priceFen: 100 },
      { goodsId: 'g-off', priceFen: 100 },
    ],
    startsAt: now - DAY,
    endsAt: now + DAY,
    enabled: true,
  };
  const later: NewUserOffer = { ...offer, _id: 'nu-later', title: '以后', startsAt: now + DAY, endsAt: now + 2 * DAY };
  env.coll('promotions').insertMany([offer, later] as unknown as Record<string, unknown>[]);
  env.coll('orders').insertOne({ _id: 'paid-1', orderNo: 'KDP1', openid: 'o-page-regular', status: 'completed', lines: [], log: [], refunds: [], createdAt: now - DAY });
});

afterEach(() => {
  page?.detach();
  page = undefined;
});

afterAll(async () => {
  await env?.stop();
});

it('shows the zone goods with the zone price for a new customer, first order only', async () => {
  page = await loadPage('pages/new-user/index', { emulator: env.emu, openid: 'o-page-newbie' });
  await page.waitFor((d) => d.status !== 'loading', LOAD_MS);
  expect(page.data.status).toBe('ready');
  expect(page.data.items.map((i: { goodsId: string }) => i.goodsId)).toEqual(['g-cup']);
  expect(page.text('#offer-title')).toBe('新人 1 元购');
  expect(page.text('#rule')).toContain('仅限首单');
  expect(page.text('#zone-price-g-cup')).toBe('新人价 ¥1.00');
  expect(page.text('#price-g-cup')).toBe('¥20.00');
  expect(page.exists('#not-new')).toBe(false);
  await page.tap('#item-g-cup');
  expect(page.wx.callsTo('navigateTo')).toEqual([{ url: '/pages/goods/index?id=g-cup' }]);
});

it('tells a customer with a paid order that the zone price is for first orders', async () => {
  page = await loadPage('pages/new-user/index', { emulator: env.emu, openid: 'o-page-regular' });
  await page.waitFor((d) => d.status === 'ready', LOAD_MS);
  expect(page.data.isNew).toBe(false);
  expect(page.text('#not-new')).toContain('仅限首单');
});
