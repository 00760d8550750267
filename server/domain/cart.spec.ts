import type { CartItem } from '../../typings/shop/cart';
import { goodsDoc, skuDoc, TEE_SPECS } from './__fixtures__/shop';
import {
  addToCart,
  buildCartView,
  checkoutRequest,
  MAX_CART_ITEMS,
  removeInvalid,
  removeItems,
  removeOrdered,
  selectAll,
  setQuantity,
  setSelected,
} from './cart';

const catalogue = {
  goods: [goodsDoc('tee', { title: 'T恤', specs: TEE_SPECS }), goodsDoc('mug', { title: '杯子' }), goodsDoc('old', { onShelf: false })],
  skus: [
    skuDoc('tee-red-m', 'tee', { specValues: ['红', 'M'], priceFen: 5900, originalPriceFen: 7900, stock: 10 }),
    skuDoc('tee-blue-s', 'tee', { specValues: ['蓝', 'S'], priceFen: 6900, stock: 2 }),
    skuDoc('tee-blue-l', 'tee', { specValues: ['蓝', 'L'], stock: 0 }),
    skuDoc('mug-1', 'mug', { priceFen: 2500 }),
    skuDoc('old-1', 'old'),
  ],
};

const item = (skuId: string, goodsId: string, quantity = 1, selected = true): CartItem => ({
  skuId,
  goodsId,
  quantity,
  selected,
  addedAt: 1,
});

describe('buildCartView', () => {
  const items = [
    item('tee-red-m', 'tee', 2),
    item('mug-1', 'mug', 1, false),
    item('tee-blue-s', 'tee', 3),
    item('tee-blue-l', 'tee'),
    item('old-1', 'old'),
    item('gone', 'tee'),
  ];
  const view = buildCartView(items, catalogue);

  it('reports each item state', () => {
    expect(view.items.map((v) => [v.skuId, v.state, v.available])).toEqual([
      ['tee-red-m', 'OK', 10],
      ['mug-1', 'OK', 10],
      ['tee-blue-s', 'INSUFFICIENT_STOCK', 2],
      ['tee-blue-l', 'OUT_OF_STOCK', 0],
      ['old-1', 'OFF_SHELF', 0],
      ['gone', 'NOT_FOUND', 0],
    ]);
    expect(view.items[0]).toMatchObject({
      title: 'T恤',
      specText: '颜色: 红; 尺码: M',
      unitPriceFen: 5900,
      originalPriceFen: 7900,
      lineTotalFen: 11800,
    });
    expect(view.items[5]).toMatchObject({ title: '', unitPriceFen: 0, lineTotalFen: 0 });
  });

  it('totals only selected items that are OK', () => {
    expect(view).toMatchObject({ selectedQuantity: 2, selectedLines: 1, selectedGoodsFen: 11800, allSelected: false, invalidCount: 4 });
    expect(checkoutRequest(view)).toEqual([{ skuId: 'tee-red-m', quantity: 2 }]);
    const all = buildCartView(selectAll(items, true), catalogue);
    expect(all).toMatchObject({ selectedLines: 2, selectedGoodsFen: 14300, allSelected: true });
  });

  it('is empty for an empty cart', () => {
    expect(buildCartView([], catalogue)).toEqual({
      items: [], selectedQuantity: 0, selectedLines: 0, selectedGoodsFen: 0, allSelected: false, invalidCount: 0,
    });
  });
});

describe('cart mutations', () => {
  it('adds a new item first, selected', () => {
    const r = addToCart([item('mug-1', 'mug')], { skuId: 'tee-red-m', goodsId: 'tee', quantity: 2 }, 42);
    expect(r).toEqual({
      ok: true,
      capped: false,
      items: [{ skuId: 'tee-red-m', goodsId: 'tee', quantity: 2, selected: true, addedAt: 42 }, item('mug-1', 'mug')],
    });
  });

  it('merges into an existing item, reselects it and caps the quantity', () => {
    const r = addToCart([item('mug-1', 'mug', 95, false)], { skuId: 'mug-1', goodsId: 'mug', quantity: 10 }, 42);
    expect(r).toEqual({ ok: true, capped: true, items: [{ ...item('mug-1', 'mug', 99), selected: true }] });
    expect(addToCart([], { skuId: 'm', goodsId: 'g', quantity: 150 }, 1)).toMatchObject({ ok: true, capped: true, items: [{ quantity: 99 }] });
  });

  it('refuses bad quantities and a full cart', () => {
    expect(addToCart([], { skuId: 'm', goodsId: 'g', quantity: 0 }, 1)).toMatchObject({ ok: false, code: 'INVALID_QUANTITY' });
    expect(addToCart([], { skuId: 'm', goodsId: 'g', quantity: 1.5 }, 1)).toMatchObject({ ok: false, code: 'INVALID_QUANTITY' });
    const full = Array.from({ length: MAX_CART_ITEMS }, (_, i) => item(`s${i}`, 'g'));
    expect(addToCart(full, { skuId: 'new', goodsId: 'g', quantity: 1 }, 1)).toMatchObject({ ok: false, code: 'CART_FULL' });
    expect(addToCart(full, { skuId: 's3', goodsId: 'g', quantity: 1 }, 1).ok).toBe(true);
  });

  it('sets quantities', () => {
    const items = [item('a', 'g'), item('b', 'g')];
    expect(setQuantity(items, 'b', 5)).toEqual({ ok: true, capped: false, items: [item('a', 'g'), item('b', 'g', 5)] });
    expect(setQuantity(items, 'b', 500)).toMatchObject({ ok: true, capped: true, items: [{}, { quantity: 99 }] });
    expect(setQuantity(items, 'b', 0)).toMatchObject({ ok: false, code: 'INVALID_QUANTITY' });
    expect(setQuantity(items, 'zzz', 1)).toMatchObject({ ok: false, code: 'NOT_IN_CART' });
  });

  it('selects, removes, and leaves the input untouched', () => {
    const items = [item('a', 'g'), item('b', 'g'), item('c', 'g')];
    const frozen = JSON.stringify(items);
    expect(setSelected(items, ['a', 'c', 'x'], false).map((i) => i.selected)).toEqual([false, true, false]);
    expect(selectAll(items, false).every((i) => !i.selected)).toBe(true);
    expect(removeItems(items, ['b']).map((i) => i.skuId)).toEqual(['a', 'c']);
    expect(removeOrdered(items, [{ skuId: 'a' }, { skuId: 'c' }]).map((i) => i.skuId)).toEqual(['b']);
    expect(JSON.stringify(items)).toBe(frozen);
  });

  it('removes items that can no longer be bought, keeping low-stock ones', () => {
    const items = [item('tee-red-m', 'tee'), item('tee-blue-s', 'tee', 5), item('tee-blue-l', 'tee'), item('old-1', 'old'), item('gone', 'x')];
    expect(removeInvalid(items, catalogue).map((i) => i.skuId)).toEqual(['tee-red-m', 'tee-blue-s']);
  });
});
