/** The search page on a real emulator: searching by name, no results, and a keyword passed in the query. */
import path from 'node:path';
import { startTestEmulator } from '../../../emulator/src/testing';
import type { EmulatorController } from '../../../emulator/src/controller';
import { seedCafe } from '../../../server/catalogue/__fixtures__/cafe-catalogue';
import { loadPage, type PageHandle } from '../../../test/page-harness';

let emu: EmulatorController;
let page: PageHandle | undefined;

beforeAll(async () => {
  emu = await startTestEmulator({ projectDir: path.resolve(__dirname, '../../..') });
  await seedCafe(emu);
});
afterEach(() => {
  page?.detach();
  page = undefined;
});
afterAll(async () => {
  await emu?.stop();
});

const shown = (p: PageHandle) => p.data.goods.map((g: { _id: string }) => g._id);

it('searches what the customer typed and shows the matching goods', async () => {
  page = await loadPage('pages/search/index', { emulator: emu, openid: 'o-search' });
  expect(page.data.status).toBe('idle');
  expect(page.wx.callsTo('request')).toEqual([]);

  page.instance.onChange({ detail: { value: '咖啡' } });
  page.instance.onSubmit({ detail: { value: '  咖啡 ' } });
  await page.waitFor((d) => d.status === 'ready');
  expect(shown(page)).toEqual(['g-americano', 'g-latte', 'g-special']);
  expect(page.text('#goods-g-latte')).toContain('拿铁咖啡');
  expect(page.wx.callsTo('request')).toEqual([
    expect.objectContaining({ data: { data: { action: 'catalogue.goods', input: { keyword: '咖啡', page: 1, pageSize: 20 } } } }),
  ]);

  await page.tap('#goods-g-special');
  expect(page.wx.callsTo('navigateTo')).toEqual([{ url: '/pages/goods/index?id=g-special' }]);

  page.instance.onSubmit({ detail: { value: '珍珠奶茶' } });
  await page.waitFor((d) => d.status === 'ready' && d.searched === '珍珠奶茶');
  expect(page.text('#no-results')).toContain('没有找到“珍珠奶茶”相关的商品');

  page.instance.onClear();
  expect(page.data).toMatchObject({ status: 'idle', goods: [], keyword: '' });
});

it('searches the keyword of its query at once', async () => {
  page = await loadPage('pages/search/index', { emulator: emu, openid: 'o-search', query: { keyword: encodeURIComponent('推荐') } });
  await page.waitFor((d) => d.status === 'ready');
  expect(shown(page)).toEqual(['g-latte', 'g-cheesecake']);
});
