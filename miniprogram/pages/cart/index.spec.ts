/**
 * The cart page on a real emulator: lines with their states, selection, quantity, removal and the total, every
 * change going through the built `cart` function.
 */
import { useCafePages } from '../../../test/cafe-emulator';
import { callFunction } from '../../../test/function-client';
import type { PageHandle } from '../../../test/page-harness';

const cafe = useCafePages();

async function fillCart(openid: string, lines: Array<[string, number]>): Promise<void> {
  for (const [skuId, quantity] of lines) {
    const { reply } = await callFunction(cafe.emu, 'cart', { action: 'cart.add', input: { skuId, quantity } }, openid);
    expect(reply.ok).toBe(true);
  }
}

async function openCart(openid: string): Promise<PageHandle> {
  const page = await cafe.open('pages/cart/index', { openid });
  await page.waitFor((d) => d.status !== 'loading');
  expect(page.data.status).toBe('ready');
  return page;
}

it('shows an empty cart with a way back to shopping', async () => {
  const p = await openCart('o-empty');
  expect(p.text('#empty')).toContain('购物车是空的');
  await p.tap('#go-shopping');
  expect(p.wx.callsTo('switchTab')).toEqual([{ url: '/pages/home/index' }]);
});

it('selects, changes quantities and removes lines; the total follows the server', async () => {
  await fillCart('o-shopper', [
    ['s-americano', 1],
    ['s-cheesecake', 1],
  ]);
  const p = await openCart('o-shopper');
  expect(p.data.rows.map((r: { skuId: string }) => r.skuId)).toEqual(['s-cheesecake', 's-americano']);
  expect(p.text('#total')).toBe('¥43.00');
  expect(p.text('#checkout')).toContain('结算(2)');

  await p.tap('#check-s-cheesecake');
  expect(p.text('#total')).toBe('¥15.00');
  expect(p.data.allSelected).toBe(false);

  await p.tap('#select-all');
  expect(p.text('#total')).toBe('¥43.00');
  await p.tap('#select-all');
  expect(p.text('#total')).toBe('¥0.00');
  // nothing selected: the checkout button is disabled
  await p.tap('#checkout');
  expect(p.wx.callsTo('navigateTo')).toEqual([]);
  await p.tap('#select-all');

  p.instance.onQuantityChange({ detail: { value: 3 }, currentTarget: { dataset: { sku: 's-americano' } } });
  await p.waitFor((d) => d.rows.some((r: { skuId: string; quantity: number }) => r.skuId === 's-americano' && r.quantity === 3));
  await p.idle();
  expect(p.text('#total')).toBe(`¥${(3 * 15 + 28).toFixed(2)}`);

  await p.tap('#remove-s-cheesecake');
  expect(p.data.rows.map((r: { skuId: string }) => r.skuId)).toEqual(['s-americano']);
  expect(p.text('#total')).toBe('¥45.00');
});

it('marks lines that can no longer be bought and clears them', async () => {
  await fillCart('o-stale', [
    ['s-latte-m-hot', 2],
    ['s-special', 1],
    ['s-latte-l-hot', 4],
  ]);
  const db = cafe.db;
  db.collection('skus').updateMany({ _id: 's-special' }, { $set: { onShelf: false } });
  db.collection('skus').updateMany({ _id: 's-latte-l-hot' }, { $set: { stock: 3 } });
  try {
    const p = await openCart('o-stale');
    expect(p.text('#state-s-special')).toBe('已下架');
    expect(p.text('#state-s-latte-l-hot')).toBe('库存不足，仅剩 3 件');
    expect(p.exists('#state-s-latte-m-hot')).toBe(false);
    // only the OK line counts
    expect(p.text('#total')).toBe('¥36.00');
    expect(p.text()).toContain('2 件商品无法购买');

    // an unavailable line cannot be ticked
    await p.tap('#check-s-special');
    expect(p.wx.callsTo('request')).toHaveLength(1);

    await p.tap('#remove-invalid');
    expect(p.data.rows.map((r: { skuId: string }) => r.skuId)).toEqual(['s-latte-l-hot', 's-latte-m-hot']);
    p.instance.onQuantityChange({ detail: { value: 3 }, currentTarget: { dataset: { sku: 's-latte-l-hot' } } });
    await p.waitFor((d) => d.invalidCount === 0);
    expect(p.text('#total')).toBe(`¥${(3 * 22 + 2 * 18).toFixed(2)}`);
    expect(p.exists('#remove-invalid')).toBe(false);
  } finally {
    db.collection('skus').updateMany({ _id: 's-special' }, { $set: { onShelf: true } });
    db.collection('skus').updateMany({ _id: 's-latte-l-hot' }, { $set: { stock: 5 } });
  }
});
