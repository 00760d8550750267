/** The category page on a real emulator: categories on the left, the chosen one's on-shelf goods on the right. */
import { useCafePages } from '../../../test/cafe-emulator';
import type { PageHandle } from '../../../test/page-harness';

const cafe = useCafePages();

const shown = (p: PageHandle) => p.data.goods.map((g: { _id: string }) => g._id);

it('opens on the first category and switches when another is tapped', async () => {
  const page = await cafe.open('pages/category/index', { openid: 'o-cat' });
  await page.waitFor((d) => d.goodsStatus === 'ready');
  expect(page.data.categoryId).toBe('c-coffee');
  expect(page.text('#category-c-dessert')).toBe('甜点');
  expect(shown(page)).toEqual(['g-americano', 'g-latte', 'g-special']);
  expect(page.text('#goods-g-latte')).toContain('¥18.00起');

  await page.tap('#category-c-dessert');
  await page.waitFor((d) => d.categoryId === 'c-dessert' && d.goodsStatus === 'ready');
  // the off-shelf goods of the category is not listed
  expect(shown(page)).toEqual(['g-cheesecake', 'g-macaron']);

  await page.tap('#category-c-empty');
  await page.waitFor((d) => d.categoryId === 'c-empty' && d.goodsStatus === 'ready');
  expect(page.text('#no-goods')).toContain('这个分类还没有商品');

  await page.tap('#category-c-coffee');
  await page.waitFor((d) => d.categoryId === 'c-coffee' && d.goodsStatus === 'ready');
  await page.tap('#goods-g-special');
  expect(page.wx.callsTo('navigateTo')).toEqual([{ url: '/pages/goods/index?id=g-special' }]);
});

it('switches to the category the home page asked for when its tab is shown again', async () => {
  const page = await cafe.open('pages/category/index', { openid: 'o-cat' });
  await page.waitFor((d) => d.goodsStatus === 'ready');
  expect(page.data.categoryId).toBe('c-coffee');
  // what the home page does before wx.switchTab (see pages/home/index.spec.ts)
  const app = (globalThis as unknown as { getApp(): { globalData: { categoryId?: string } } }).getApp();
  app.globalData.categoryId = 'c-dessert';
  page.instance.onShow();
  await page.waitFor((d) => d.categoryId === 'c-dessert' && d.goodsStatus === 'ready');
  expect(shown(page)).toEqual(['g-cheesecake', 'g-macaron']);
  expect(app.globalData.categoryId).toBeUndefined();
});
