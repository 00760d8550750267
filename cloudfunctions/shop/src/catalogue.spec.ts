/**
 * The catalogue actions of the BUILT `shop` function, run by the emulator's functions runtime with the real
 * wx-server-sdk and called through the HTTP gateway; each invocation's database requests read from the quota meters.
 */
import { useCafeEmulator } from '../../../test/cafe-emulator';
import { callFunction, quotaOf } from '../../../test/function-client';

const cafe = useCafeEmulator();

const shop = (action: string, input?: unknown) => callFunction(cafe.emu, 'shop', { action, input }, 'o-browser');
const ids = (items: Array<{ _id: string }>) => items.map((i) => i._id);

describe('home.get', () => {
  it('answers the whole first screen in one call with four database reads and no write', async () => {
    const { reply, invocationId } = await shop('home.get', {});
    expect(reply.ok).toBe(true);
    const home = reply.data;
    expect(home.shop).toEqual({
      name: '街角咖啡',
      logo: '',
      notice: '新品上市',
      address: '上海市徐汇区衡山路 12 号',
      phone: '021-64371234',
      openHours: '每天 08:00-20:00',
      pickupEnabled: true,
      deliveryEnabled: true,
    });
    expect(home.categories.map((c: { name: string }) => c.name)).toEqual(['咖啡', '甜点', '周边']);
    // featured: tagged 推荐 and on shelf (g-gone is off shelf), best sellers first
    expect(ids(home.featured)).toEqual(['g-latte', 'g-cheesecake']);
    expect(ids(home.goods.items)).toEqual(['g-americano', 'g-latte', 'g-cheesecake', 'g-special', 'g-macaron']);
    expect(home.goods).toMatchObject({ page: 1, hasMore: false });
    // a cloud file cover becomes a temporary URL of the storage; an https cover stays as it is
    const latte = home.goods.items.find((g: { _id: string }) => g._id === 'g-latte');
    expect(latte.cover).toMatch(new RegExp(`^${cafe.emu.baseUrl}/_storage/goods/latte\\.jpg`));
    expect(home.goods.items[0].cover).toBe('https://img.example.com/g-americano.jpg');
    expect(latte).toEqual({
      _id: 'g-latte',
      title: '拿铁咖啡',
      categoryId: 'c-coffee',
      cover: latte.cover,
      minPriceFen: 1800,
      maxPriceFen: 2200,
      sales: 120,
      tags: ['推荐'],
    });

    const quota = await quotaOf(cafe.emu, invocationId);
    expect(quota).toMatchObject({ dbReadRequests: 4, dbWriteRequests: 0, storageCalls: 1 });
  });

  it('reads the same number of times whatever the page size', async () => {
    const small = await shop('home.get', { pageSize: 1 });
    expect(small.reply.data.goods).toMatchObject({ pageSize: 1, hasMore: true });
    expect(ids(small.reply.data.goods.items)).toEqual(['g-americano']);
    const big = await shop('home.get', { pageSize: 50 });
    expect(big.reply.data.goods.items).toHaveLength(5);
    const [q1, q2] = await Promise.all([quotaOf(cafe.emu, small.invocationId), quotaOf(cafe.emu, big.invocationId)]);
    expect(q1.dbReadRequests).toBe(4);
    expect(q2.dbReadRequests).toBe(4);
  });

  it('refuses a bad page size', async () => {
    for (const input of [{ pageSize: 0 }, { pageSize: 51 }, { pageSize: 2.5 }, { pageSize: '10' }, { extra: 1 }]) {
      const { reply } = await shop('home.get', input);
      expect(reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
  });
});

describe('catalogue.categories', () => {
  it('answers every category by sort order', async () => {
    const { reply } = await shop('catalogue.categories', {});
    expect(reply).toEqual({
      ok: true,
      data: [
        { _id: 'c-coffee', name: '咖啡', sort: 1 },
        { _id: 'c-dessert', name: '甜点', sort: 2 },
        { _id: 'c-empty', name: '周边', sort: 3 },
      ],
    });
  });
});

describe('catalogue.goods', () => {
  const goods = async (input: Record<string, unknown>) => {
    const { reply, invocationId } = await shop('catalogue.goods', { page: 1, pageSize: 20, ...input });
    if (!reply.ok) throw new Error(`${reply.code}: ${reply.message}`);
    return { page: reply.data, invocationId };
  };

  it('lists the on-shelf goods of a category', async () => {
    expect(ids((await goods({ categoryId: 'c-dessert' })).page.items)).toEqual(['g-cheesecake', 'g-macaron']);
    expect((await goods({ categoryId: 'c-empty' })).page).toEqual({ items: [], page: 1, pageSize: 20, hasMore: false });
    expect((await goods({ categoryId: 'no-such-category' })).page.items).toEqual([]);
  });

  it('pages without overlap, one database read per page', async () => {
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const { page: p, invocationId } = await goods({ page, pageSize: 2 });
      seen.push(...ids(p.items));
      expect((await quotaOf(cafe.emu, invocationId)).dbReadRequests).toBe(1);
      if (!p.hasMore) break;
      expect(p.items).toHaveLength(2);
    }
    expect(seen).toEqual(['g-americano', 'g-latte', 'g-cheesecake', 'g-special', 'g-macaron']);
  });

  it('sorts by price and by newest', async () => {
    expect(ids((await goods({ sort: 'price_asc' })).page.items)).toEqual(['g-special', 'g-macaron', 'g-americano', 'g-latte', 'g-cheesecake']);
    expect(ids((await goods({ sort: 'price_desc' })).page.items)).toEqual(['g-cheesecake', 'g-latte', 'g-americano', 'g-macaron', 'g-special']);
    expect(ids((await goods({ sort: 'newest' })).page.items)).toEqual(['g-macaron', 'g-special', 'g-cheesecake', 'g-americano', 'g-latte']);
  });

  it('searches title, tags and spec values; every word must match; never off-shelf goods', async () => {
    expect(ids((await goods({ keyword: '咖啡' })).page.items)).toEqual(['g-americano', 'g-latte', 'g-special']);
    expect(ids((await goods({ keyword: '  拿铁   冰 ' })).page.items)).toEqual(['g-latte']);
    expect(ids((await goods({ keyword: '推荐' })).page.items)).toEqual(['g-latte', 'g-cheesecake']);
    expect(ids((await goods({ keyword: '饼干' })).page.items)).toEqual([]);
    expect(ids((await goods({ keyword: '咖啡', categoryId: 'c-dessert' })).page.items)).toEqual([]);
    expect(ids((await goods({ keyword: '' })).page.items)).toHaveLength(5);
  });

  it('matches regex metacharacters literally', async () => {
    expect(ids((await goods({ keyword: '(限时)*' })).page.items)).toEqual(['g-special']);
    expect(ids((await goods({ keyword: '.*' })).page.items)).toEqual([]);
    expect(ids((await goods({ keyword: '[' })).page.items)).toEqual([]);
    expect(ids((await goods({ keyword: '\\' })).page.items)).toEqual([]);
  });

  it('refuses bad queries with INVALID_INPUT', async () => {
    for (const input of [
      {},
      { page: 1 },
      { page: 0, pageSize: 10 },
      { page: 1, pageSize: 51 },
      { page: -1, pageSize: 10 },
      { page: 1.5, pageSize: 10 },
      { page: 1, pageSize: 10, keyword: 'x'.repeat(51) },
      { page: 1, pageSize: 10, sort: 'cheapest' },
      { page: 1, pageSize: 10, categoryId: '' },
      { page: 1, pageSize: 10, onShelf: false },
    ]) {
      const { reply } = await shop('catalogue.goods', input);
      expect(reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
  });
});

describe('catalogue.goodsDetail', () => {
  it('answers the goods, its SKUs in matrix order with what can be bought, and the picker', async () => {
    const { reply, invocationId } = await shop('catalogue.goodsDetail', { goodsId: 'g-latte' });
    expect(reply.ok).toBe(true);
    const detail = reply.data;
    expect(detail.goods).toMatchObject({ _id: 'g-latte', title: '拿铁咖啡', description: '拿铁咖啡的介绍', minPriceFen: 1800, maxPriceFen: 2200 });
    expect(detail.goods.images[0]).toMatch(new RegExp(`^${cafe.emu.baseUrl}/_storage/goods/latte\\.jpg`));
    expect(detail.goods.images[1]).toBe('https://img.example.com/latte-2.jpg');
    expect(detail.goods).not.toHaveProperty('searchText');
    expect(detail.skus).toEqual([
      { _id: 's-latte-m-hot', specValues: ['中杯', '热'], priceFen: 1800, available: 10 },
      { _id: 's-latte-m-ice', specValues: ['中杯', '冰'], priceFen: 1800, available: 0 },
      { _id: 's-latte-l-hot', specValues: ['大杯', '热'], priceFen: 2200, available: 5 },
      { _id: 's-latte-l-ice', specValues: ['大杯', '冰'], priceFen: 2200, available: 0 },
    ]);
    expect(detail.picker).toEqual({
      rows: [
        { name: '杯型', options: [{ value: '中杯', selected: false, selectable: true }, { value: '大杯', selected: false, selectable: true }] },
        // nothing iced can be bought: 中冰 is sold out, 大冰 is off shelf
        { name: '温度', options: [{ value: '热', selected: false, selectable: true }, { value: '冰', selected: false, selectable: false }] },
      ],
      complete: false,
      skuId: null,
      available: 0,
      price: { minPriceFen: 1800, maxPriceFen: 2200 },
    });
    expect(detail.price).toEqual({ minPriceFen: 1800, maxPriceFen: 2200 });
    expect(detail.totalAvailable).toBe(15);
    // goods, SKUs, settings (pricing rules), the caller's member account, the active promotions
    expect((await quotaOf(cafe.emu, invocationId)).dbReadRequests).toBe(5);
    expect(detail.offers).toEqual({ tier: 0, tierName: '', memberOnly: null, newUser: null, fullReductions: [] });
  });

  it('pre-chooses the only SKU of a goods without specs', async () => {
    const { reply } = await shop('catalogue.goodsDetail', { goodsId: 'g-cheesecake' });
    expect(reply.data.picker).toEqual({ rows: [], complete: true, skuId: 's-cheesecake', available: 3, price: { minPriceFen: 2800, maxPriceFen: 2800 } });
    const soldOut = await shop('catalogue.goodsDetail', { goodsId: 'g-macaron' });
    expect(soldOut.reply.data).toMatchObject({ picker: { complete: true, skuId: 's-macaron', available: 0, price: null }, price: null, totalAvailable: 0 });
  });

  it('answers NOT_FOUND for off-shelf and unknown goods, INVALID_INPUT for bad ids', async () => {
    for (const goodsId of ['g-gone', 'no-such-goods', 's-latte-m-hot']) {
      const { reply } = await shop('catalogue.goodsDetail', { goodsId });
      expect(reply).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
    for (const input of [{}, { goodsId: '' }, { goodsId: 'x'.repeat(65) }, { goodsId: 42 }, { goodsId: { $ne: null } }]) {
      const { reply } = await shop('catalogue.goodsDetail', input);
      expect(reply).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
  });
});
