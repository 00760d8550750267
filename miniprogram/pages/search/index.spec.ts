/** The search page on a real emulator: searching by name, no results, and a keyword passed in the query. */
import { useCafePages } from '../../../test/cafe-emulator';
import type { PageHandle } from '../../../test/page-harness';

const cafe = useCafePages();

const shown = (p: PageHandle) => p.data.goods.map((g: { _id: string }) => g._id);

it('searches what the customer typed and shows the matching goods', async () => {
  const page = await cafe.open('pages/search/index', { openid: 'o-search' });
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
  const page = await cafe.open('pages/search/index', { openid: 'o-search', query: { keyword: encodeURIComponent('推荐') } });
  await page.waitFor((d) => d.status === 'ready');
  expect(shown(page)).toEqual(['g-latte', 'g-cheesecake']);
});
