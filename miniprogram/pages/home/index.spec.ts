/**
 * The home page against a real emulator seeded with the café catalogue: its first screen in one cloud call,
 * paging on scroll, and the taps that leave it.
 */
import { useCafePages } from '../../../test/cafe-emulator';
import { loadPage } from '../../../test/page-harness';

const cafe = useCafePages();

it('shows the shop, categories, featured goods and the goods grid from one cloud call', async () => {
  const page = await cafe.open('pages/home/index', { openid: 'o-home' });
  await page.waitFor((d) => d.status !== 'loading');
  expect(page.data.status).toBe('ready');
  expect(page.text('#shop-name')).toBe('街角咖啡');
  expect(page.text('#notice')).toContain('新品上市');
  expect(page.text('#category-c-coffee')).toContain('咖啡');
  expect(page.exists('#featured-g-latte')).toBe(true);
  expect(page.text('#goods-g-latte')).toContain('拿铁咖啡');
  expect(page.text('#goods-g-latte')).toContain('¥18.00起');
  expect(page.text('#goods-g-americano')).toContain('¥15.00');
  expect(page.exists('#goods-g-gone')).toBe(false);
  expect(page.wx.callsTo('request')).toEqual([expect.objectContaining({ data: { data: { action: 'home.get', input: { pageSize: 20 } } } })]);
  expect(page.wx.callsTo('setNavigationBarTitle')).toEqual([{ title: '街角咖啡' }]);
});

it('opens goods, search, shop info and a category from the first screen', async () => {
  const page = await cafe.open('pages/home/index', { openid: 'o-home' });
  await page.waitFor((d) => d.status === 'ready');
  await page.tap('#goods-g-americano');
  await page.tap('#featured-g-cheesecake');
  await page.tap('#search-entry');
  await page.tap('#shop-header');
  await page.tap('#promo-new-user');
  await page.tap('#promo-invite');
  expect(page.wx.callsTo('navigateTo')).toEqual([
    { url: '/pages/goods/index?id=g-americano' },
    { url: '/pages/goods/index?id=g-cheesecake' },
    { url: '/pages/search/index' },
    { url: '/pages/shop-info/index' },
    { url: '/pages/new-user/index' },
    { url: '/pages/invite/index' },
  ]);
  await page.tap('#category-c-dessert');
  expect(page.wx.callsTo('switchTab')).toEqual([{ url: '/pages/category/index' }]);
  const app = (globalThis as unknown as { getApp(): { globalData: { categoryId?: string } } }).getApp();
  expect(app.globalData.categoryId).toBe('c-dessert');
});

it('pages through the goods when scrolled to the bottom', async () => {
  const page = await cafe.open('pages/home/index', { openid: 'o-home' });
  await page.waitFor((d) => d.status === 'ready');
  // the first screen held every goods: nothing more to load
  expect(page.data.hasMore).toBe(false);
  page.instance.onReachBottom();
  await page.idle();
  expect(page.wx.callsTo('request')).toHaveLength(1);
  expect(page.text()).toContain('没有更多了');

  // with a smaller first page, scrolling loads the next one through catalogue.goods
  page.instance.setData({ goods: page.data.goods.slice(0, 2), page: 1, hasMore: true });
  await page.instance.loadMore();
  expect(page.wx.callsTo('request')[1]).toMatchObject({ data: { data: { action: 'catalogue.goods', input: { page: 2, pageSize: 20 } } } });
  expect(page.data.hasMore).toBe(false);
});

it('shows a retryable error when the cloud cannot be reached', async () => {
  const page = await loadPage('pages/home/index', { emulator: { baseUrl: 'http://127.0.0.1:9' }, openid: 'o-home' });
  try {
    await page.waitFor((d) => d.status !== 'loading');
    expect(page.data.status).toBe('error');
    expect(page.text()).toContain('网络不给力，请稍后再试');
    expect(page.exists('#retry')).toBe(true);
  } finally {
    page.detach();
  }
});
