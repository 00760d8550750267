import { goodsDoc, skuDoc, TEE_SPECS } from '../domain/__fixtures__/shop';
import { goodsListing, pageOf } from './catalogue-query';
import { goodsDetailView, initialChoice, toGoodsCard, toPublicSku } from './views';

describe('goodsDetailView', () => {
  const tee = goodsDoc('tee', { specs: TEE_SPECS, minPriceFen: 1000, maxPriceFen: 1200 });
  const skus = [
    skuDoc('b-l', 'tee', { specValues: ['蓝', 'L'], priceFen: 1200, stock: 1 }),
    skuDoc('r-s', 'tee', { specValues: ['红', 'S'], priceFen: 1000, stock: 0 }),
    skuDoc('r-m', 'tee', { specValues: ['红', 'M'], priceFen: 1100, stock: 4, reserved: 3, sold: 9 }),
    skuDoc('b-s', 'tee', { specValues: ['蓝', 'S'], priceFen: 1000, stock: 7, onShelf: false }),
    skuDoc('other', 'mug', { specValues: ['红', 'S'], priceFen: 1 }),
  ];

  it('lists only its own SKUs, in matrix order, without stock counters', () => {
    const view = goodsDetailView(tee, skus);
    expect(view.skus).toEqual([
      { _id: 'r-s', specValues: ['红', 'S'], priceFen: 1000, available: 0 },
      { _id: 'r-m', specValues: ['红', 'M'], priceFen: 1100, available: 4 },
      { _id: 'b-s', specValues: ['蓝', 'S'], priceFen: 1000, available: 0 },
      { _id: 'b-l', specValues: ['蓝', 'L'], priceFen: 1200, available: 1 },
    ]);
    expect(JSON.stringify(view)).not.toMatch(/reserved|sold|restocked|searchText/);
  });

  it('prices over what can be bought now and totals the available units', () => {
    const view = goodsDetailView(tee, skus);
    expect(view.price).toEqual({ minPriceFen: 1100, maxPriceFen: 1200 });
    expect(view.totalAvailable).toBe(5);
    expect(view.picker.rows[1].options.map((o) => [o.value, o.selectable])).toEqual([
      ['S', false],
      ['M', true],
      ['L', true],
    ]);
  });

  it('pre-chooses specs that have a single value', () => {
    expect(initialChoice([{ name: '规格', values: ['标准'] }, { name: '口味', values: ['甜', '咸'] }])).toEqual(['标准', null]);
    const one = goodsDoc('cake', { specs: [{ name: '规格', values: ['6 寸'] }] });
    const view = goodsDetailView(one, [skuDoc('cake-6', 'cake', { specValues: ['6 寸'], stock: 2 })]);
    expect(view.picker).toMatchObject({ complete: true, skuId: 'cake-6', available: 2 });
  });
});

describe('cards and public SKUs', () => {
  it('cards carry the cover and no description', () => {
    const card = toGoodsCard(goodsDoc('g', { images: ['a.jpg', 'b.jpg'], description: 'long' }));
    expect(card).toEqual({ _id: 'g', title: 'Goods g', categoryId: 'c1', cover: 'a.jpg', minPriceFen: 0, maxPriceFen: 0, sales: 0, tags: [] });
    expect(toGoodsCard(goodsDoc('g', { images: [] })).cover).toBe('');
  });

  it('an off-shelf SKU has nothing available', () => {
    expect(toPublicSku(skuDoc('s', 'g', { stock: 5, onShelf: false })).available).toBe(0);
    expect(toPublicSku(skuDoc('s', 'g', { stock: -2 })).available).toBe(0);
    expect(toPublicSku(skuDoc('s', 'g', { originalPriceFen: 2000 }))).toMatchObject({ originalPriceFen: 2000 });
  });
});

describe('goodsListing', () => {
  it('pages with one extra document to know whether more follow', () => {
    const l = goodsListing({ page: 3, pageSize: 10, keyword: ' 拿铁  冰 ', categoryId: 'c1', sort: 'price_asc' });
    expect(l).toEqual({
      categoryId: 'c1',
      terms: ['拿铁', '冰'],
      orderBy: [
        ['minPriceFen', 'asc'],
        ['_id', 'asc'],
      ],
      skip: 20,
      limit: 11,
      pageSize: 10,
    });
    expect(pageOf([1, 2, 3], { pageSize: 2 })).toEqual({ items: [1, 2], hasMore: true });
    expect(pageOf([1, 2], { pageSize: 2 })).toEqual({ items: [1, 2], hasMore: false });
  });

  it('always ends the order with _id so pages never overlap', () => {
    for (const sort of ['default', 'sales', 'newest', 'price_asc', 'price_desc'] as const) {
      const order = goodsListing({ page: 1, pageSize: 1, sort }).orderBy;
      expect(order[order.length - 1]).toEqual(['_id', 'asc']);
    }
  });
});
