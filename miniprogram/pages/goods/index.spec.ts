/**
 * The goods page on a real emulator, and the customer journey home → goods (pick a SKU, add to cart) → cart:
 * every step a real page talking to the built functions through the gateway as the same customer.
 */
import path from 'node:path';
import { startTestEmulator } from '../../../emulator/src/testing';
import type { EmulatorController } from '../../../emulator/src/controller';
import { seedCafe } from '../../../server/catalogue/__fixtures__/cafe-catalogue';
import { loadPage, type PageHandle } from '../../../test/page-harness';

let emu: EmulatorController;
const pages: PageHandle[] = [];

beforeAll(async () => {
  emu = await startTestEmulator({ projectDir: path.resolve(__dirname, '../../..') });
  await seedCafe(emu);
});
afterEach(() => {
  for (const p of pages.splice(0)) p.detach();
});
afterAll(async () => {
  await emu?.stop();
});

async function open(pagePath: string, openid: string, query?: Record<string, string>): Promise<PageHandle> {
  const page = await loadPage(pagePath, { emulator: emu, openid, query });
  pages.push(page);
  await page.waitFor((d) => d.status !== 'loading');
  expect(page.data).toMatchObject({ status: 'ready' });
  return page;
}

/** The page path and query of the last wx.navigateTo. */
function lastNavigation(page: PageHandle): { path: string; query: Record<string, string> } {
  const calls = page.wx.callsTo('navigateTo') as Array<{ url: string }>;
  expect(calls.length).toBeGreaterThan(0);
  const url = calls[calls.length - 1].url;
  const [p, qs = ''] = url.split('?');
  return { path: p, query: Object.fromEntries(new URLSearchParams(qs)) };
}

it('journey: home → goods → pick a SKU → add to cart → the cart shows it priced by the server', async () => {
  const openid = 'o-journey';
  const home = await open('pages/home/index', openid);
  await home.tap('#goods-g-latte');
  const nav = lastNavigation(home);
  expect(nav).toEqual({ path: '/pages/goods/index', query: { id: 'g-latte' } });

  const goods = await open('pages/goods/index', openid, { id: nav.query.id });
  expect(goods.text('#title')).toBe('拿铁咖啡');
  expect(goods.text('#price')).toBe('¥18.00 - ¥22.00');
  expect(goods.text('#open-picker')).toContain('请选择 杯型 温度');

  await goods.tap('#add-to-cart');
  expect(goods.data).toMatchObject({ pickerVisible: true, pickerMode: 'cart' });
  // nothing iced can be bought: the option is disabled and tapping it chooses nothing
  expect(goods.data.picker.rows[1].options[1]).toEqual({ value: '冰', selected: false, selectable: false });
  await goods.tap('#option-1-1');
  expect(goods.data.choice).toEqual([null, null]);

  // confirming an incomplete choice says what is missing and adds nothing
  await goods.tap('#confirm');
  expect(goods.wx.callsTo('showToast')).toEqual([{ title: '请选择 杯型 温度', icon: 'none' }]);

  await goods.tap('#option-0-1'); // 大杯
  await goods.tap('#option-1-0'); // 热
  expect(goods.data.picker).toMatchObject({ complete: true, skuId: 's-latte-l-hot', available: 5 });
  expect(goods.text('#picker-price')).toBe('¥22.00');
  expect(goods.text('#picker-stock')).toBe('库存 5 件');
  expect(goods.data.maxQuantity).toBe(5);
  goods.instance.onQuantityChange({ detail: { value: 2 } });
  await goods.tap('#confirm');
  expect(goods.wx.callsTo('showToast')).toContainEqual({ title: '已加入购物车', icon: 'success' });
  expect(goods.data.pickerVisible).toBe(false);
  expect(goods.wx.callsTo('request')).toContainEqual(
    expect.objectContaining({ url: `${emu.baseUrl}/functions/cart`, data: { data: { action: 'cart.add', input: { skuId: 's-latte-l-hot', quantity: 2 } } } }),
  );

  const cart = await open('pages/cart/index', openid);
  expect(cart.data.rows).toHaveLength(1);
  expect(cart.text('#line-s-latte-l-hot')).toContain('拿铁咖啡');
  expect(cart.text('#line-s-latte-l-hot')).toContain('杯型: 大杯; 温度: 热');
  expect(cart.text('#line-s-latte-l-hot')).toContain('¥22.00');
  expect(cart.text('#total')).toBe('¥44.00');
  await cart.tap('#checkout');
  expect(lastNavigation(cart)).toEqual({ path: '/pages/checkout/index', query: { from: 'cart' } });
});

it('buy now takes the chosen SKU and quantity to the checkout page without touching the cart', async () => {
  const goods = await open('pages/goods/index', 'o-buyer', { id: 'g-cheesecake' });
  // a goods without specs starts with its only SKU chosen
  expect(goods.data.picker).toMatchObject({ complete: true, skuId: 's-cheesecake', available: 3 });
  expect(goods.exists('#open-picker')).toBe(false);
  await goods.tap('#buy-now');
  expect(goods.data.pickerMode).toBe('buy');
  goods.instance.onQuantityChange({ detail: { value: 3 } });
  await goods.tap('#confirm');
  const nav = lastNavigation(goods);
  expect(nav.path).toBe('/pages/checkout/index');
  expect(JSON.parse(nav.query.items)).toEqual([{ skuId: 's-cheesecake', quantity: 3 }]);
  expect(goods.wx.callsTo('request').filter((r) => JSON.stringify(r).includes('cart.add'))).toEqual([]);
});

it('shows a sold-out goods with its buttons disabled, and an off-shelf goods as not found', async () => {
  const soldOut = await open('pages/goods/index', 'o-buyer', { id: 'g-macaron' });
  expect(soldOut.text('#sold-out')).toBe('已售罄');
  expect(soldOut.text('#contact')).toContain('客服');

  const gone = await loadPage('pages/goods/index', { emulator: emu, openid: 'o-buyer', query: { id: 'g-gone' } });
  pages.push(gone);
  await gone.waitFor((d) => d.status !== 'loading');
  expect(gone.data.status).toBe('error');
  expect(gone.text()).toContain('商品不存在或已下架');
});
