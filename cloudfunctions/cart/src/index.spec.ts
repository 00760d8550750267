/**
 * The BUILT `cart` function on the emulator (real functions runtime, real wx-server-sdk, HTTP gateway): every
 * action, bad input changing nothing, concurrent adds losing nothing, and database requests that do not grow with
 * the number of lines (quota meters of each invocation).
 */
import { useCafeEmulator } from '../../../test/cafe-emulator';
import { callFunction, quotaOf } from '../../../test/function-client';

const cafe = useCafeEmulator();

async function cart(openid: string, action: string, input?: unknown) {
  return (await callFunction(cafe.emu, 'cart', { action, input }, openid)).reply;
}
async function ok(openid: string, action: string, input?: unknown) {
  const reply = await cart(openid, action, input);
  if (!reply.ok) throw new Error(`${action}: ${reply.code} ${reply.message}`);
  return reply.data;
}
const stored = (openid: string) => cafe.db.collection('carts').byId(openid) as Record<string, any> | null;
const lines = (view: { items: Array<{ skuId: string; quantity: number }> }) => view.items.map((i) => `${i.skuId}×${i.quantity}`);

describe('cart.get and cart.add', () => {
  it('answers an empty cart for a new customer without writing one', async () => {
    await expect(ok('o-new', 'cart.get', {})).resolves.toEqual({
      items: [],
      selectedQuantity: 0,
      selectedLines: 0,
      selectedGoodsFen: 0,
      allSelected: false,
      invalidCount: 0,
    });
    expect(stored('o-new')).toBeNull();
  });

  it('adds lines (newest first), sums repeated adds, and prices them from the catalogue', async () => {
    await ok('o-ann', 'cart.add', { skuId: 's-latte-m-hot', quantity: 2 });
    await ok('o-ann', 'cart.add', { skuId: 's-americano', quantity: 1 });
    const view = await ok('o-ann', 'cart.add', { skuId: 's-latte-m-hot', quantity: 1 });
    expect(lines(view)).toEqual(['s-americano×1', 's-latte-m-hot×3']);
    expect(view.items[1]).toMatchObject({
      skuId: 's-latte-m-hot',
      goodsId: 'g-latte',
      state: 'OK',
      title: '拿铁咖啡',
      specText: '杯型: 中杯; 温度: 热',
      unitPriceFen: 1800,
      available: 10,
      lineTotalFen: 5400,
      selected: true,
    });
    expect(view.items[1].image).toMatch(new RegExp(`^${cafe.emu.baseUrl}/_storage/goods/latte\\.jpg`));
    expect(view).toMatchObject({ selectedQuantity: 4, selectedLines: 2, selectedGoodsFen: 6900, allSelected: true, invalidCount: 0 });
    expect(stored('o-ann')).toMatchObject({ version: 3, items: [{ skuId: 's-americano' }, { skuId: 's-latte-m-hot', quantity: 3 }] });
  });

  it('refuses unknown, off-shelf, sold-out and over-stock adds with a clear code and changes nothing', async () => {
    const before = stored('o-ann');
    const cases: Array<[unknown, string]> = [
      [{ skuId: 'no-such-sku', quantity: 1 }, 'NOT_FOUND'],
      [{ skuId: 's-gone', quantity: 1 }, 'PRECONDITION_FAILED'],
      [{ skuId: 's-latte-l-ice', quantity: 1 }, 'PRECONDITION_FAILED'],
      [{ skuId: 's-latte-m-ice', quantity: 1 }, 'OUT_OF_STOCK'],
      [{ skuId: 's-cheesecake', quantity: 4 }, 'OUT_OF_STOCK'],
      [{ skuId: 's-latte-m-hot', quantity: 8 }, 'OUT_OF_STOCK'],
    ];
    for (const [input, code] of cases) {
      await expect(cart('o-ann', 'cart.add', input)).resolves.toMatchObject({ ok: false, code });
    }
    const over = await cart('o-ann', 'cart.add', { skuId: 's-latte-m-hot', quantity: 8 });
    expect(over.message).toBe('库存不足，最多还能加 7 件');
    expect(stored('o-ann')).toEqual(before);
  });

  it('refuses bad input with INVALID_INPUT and changes nothing', async () => {
    const before = stored('o-ann');
    for (const input of [
      {},
      { skuId: 's-americano' },
      { quantity: 1 },
      { skuId: 's-americano', quantity: 0 },
      { skuId: 's-americano', quantity: -1 },
      { skuId: 's-americano', quantity: 100 },
      { skuId: 's-americano', quantity: 1e9 },
      { skuId: 's-americano', quantity: 1.5 },
      { skuId: 's-americano', quantity: '2' },
      { skuId: '', quantity: 1 },
      { skuId: 'x'.repeat(65), quantity: 1 },
      { skuId: { $ne: null }, quantity: 1 },
      { skuId: 's-americano', quantity: 1, priceFen: 1 },
    ]) {
      await expect(cart('o-ann', 'cart.add', input)).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    expect(stored('o-ann')).toEqual(before);
    await expect(cart('o-ann', 'cart.clear', {})).resolves.toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    await expect(cart('', 'cart.get', {})).resolves.toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('changing lines', () => {
  it('sets quantities, selects, removes; unknown lines and bad input change nothing', async () => {
    const openid = 'o-ben';
    await ok(openid, 'cart.add', { skuId: 's-americano', quantity: 1 });
    await ok(openid, 'cart.add', { skuId: 's-special', quantity: 1 });

    let view = await ok(openid, 'cart.setQuantity', { skuId: 's-americano', quantity: 4 });
    expect(lines(view)).toEqual(['s-special×1', 's-americano×4']);

    view = await ok(openid, 'cart.select', { skuIds: ['s-americano'], selected: false });
    expect(view).toMatchObject({ selectedLines: 1, selectedQuantity: 1, selectedGoodsFen: 990, allSelected: false });
    view = await ok(openid, 'cart.selectAll', { selected: true });
    expect(view).toMatchObject({ selectedLines: 2, selectedGoodsFen: 990 + 4 * 1500, allSelected: true });
    view = await ok(openid, 'cart.selectAll', { selected: false });
    expect(view).toMatchObject({ selectedLines: 0, selectedGoodsFen: 0, allSelected: false });

    const before = stored(openid);
    const refusals: Array<[string, unknown, string]> = [
      ['cart.setQuantity', { skuId: 's-latte-m-hot', quantity: 1 }, 'NOT_FOUND'],
      ['cart.setQuantity', { skuId: 's-americano', quantity: 0 }, 'INVALID_INPUT'],
      ['cart.setQuantity', { skuId: 's-americano', quantity: 100 }, 'INVALID_INPUT'],
      ['cart.setQuantity', { skuId: 's-americano', quantity: -3 }, 'INVALID_INPUT'],
      ['cart.select', { skuIds: ['s-americano', 'nope'], selected: true }, 'NOT_FOUND'],
      ['cart.select', { skuIds: [], selected: true }, 'INVALID_INPUT'],
      ['cart.select', { skuIds: ['s-americano'] }, 'INVALID_INPUT'],
      ['cart.select', { skuIds: ['s-americano', 's-americano'], selected: true }, 'INVALID_INPUT'],
      ['cart.selectAll', {}, 'INVALID_INPUT'],
      ['cart.remove', { skuIds: ['s-special', 'nope'] }, 'NOT_FOUND'],
      ['cart.remove', { skuIds: 's-special' }, 'INVALID_INPUT'],
      ['cart.remove', {}, 'INVALID_INPUT'],
      ['cart.removeInvalid', { all: true }, 'INVALID_INPUT'],
    ];
    for (const [action, input, code] of refusals) {
      await expect(cart(openid, action, input)).resolves.toMatchObject({ ok: false, code });
    }
    expect(stored(openid)).toEqual(before);

    view = await ok(openid, 'cart.remove', { skuIds: ['s-special'] });
    expect(lines(view)).toEqual(['s-americano×4']);
  });

  it('shows lines that went off shelf, sold out or short of stock, and removeInvalid drops the first two', async () => {
    const openid = 'o-cat';
    cafe.db.collection('skus').insertMany([
      { _id: 's-tmp-a', goodsId: 'g-americano', specValues: [], priceFen: 100, stock: 5, reserved: 0, sold: 0, refundedToStock: 0, restocked: 0, onShelf: true },
      { _id: 's-tmp-b', goodsId: 'g-americano', specValues: [], priceFen: 200, stock: 5, reserved: 0, sold: 0, refundedToStock: 0, restocked: 0, onShelf: true },
      { _id: 's-tmp-c', goodsId: 'g-americano', specValues: [], priceFen: 300, stock: 5, reserved: 0, sold: 0, refundedToStock: 0, restocked: 0, onShelf: true },
    ]);
    for (const skuId of ['s-tmp-a', 's-tmp-b', 's-tmp-c', 's-cheesecake']) await ok(openid, 'cart.add', { skuId, quantity: 3 });
    cafe.db.collection('skus').updateMany({ _id: 's-tmp-a' }, { $set: { onShelf: false } });
    cafe.db.collection('skus').updateMany({ _id: 's-tmp-b' }, { $set: { stock: 0 } });
    cafe.db.collection('skus').updateMany({ _id: 's-tmp-c' }, { $set: { stock: 2 } });

    let view = await ok(openid, 'cart.get', {});
    const states = Object.fromEntries(view.items.map((i: { skuId: string; state: string }) => [i.skuId, i.state]));
    expect(states).toEqual({ 's-tmp-a': 'OFF_SHELF', 's-tmp-b': 'OUT_OF_STOCK', 's-tmp-c': 'INSUFFICIENT_STOCK', 's-cheesecake': 'OK' });
    expect(view).toMatchObject({ invalidCount: 3, selectedLines: 1, selectedGoodsFen: 3 * 2800 });
    expect(view.items.find((i: { skuId: string }) => i.skuId === 's-tmp-c')).toMatchObject({ available: 2 });

    view = await ok(openid, 'cart.removeInvalid', {});
    expect(lines(view)).toEqual(['s-cheesecake×3', 's-tmp-c×3']);
    view = await ok(openid, 'cart.setQuantity', { skuId: 's-tmp-c', quantity: 2 });
    expect(view).toMatchObject({ invalidCount: 0, selectedLines: 2, selectedGoodsFen: 600 + 3 * 2800 });
  });
});

describe('concurrency and batching', () => {
  it('concurrent adds of different SKUs and of the same SKU lose nothing', async () => {
    const openid = 'o-rush';
    const skus = ['s-latte-m-hot', 's-latte-l-hot', 's-americano', 's-cheesecake', 's-special'];
    // warm instances so the adds below really overlap
    await Promise.all(skus.map(() => cart('o-warm', 'cart.get', {})));
    const replies = await Promise.all([
      ...skus.map((skuId) => cart(openid, 'cart.add', { skuId, quantity: 1 })),
      ...[1, 2, 3].map(() => cart(openid, 'cart.add', { skuId: 's-americano', quantity: 1 })),
    ]);
    expect(replies.filter((r) => !r.ok)).toEqual([]);
    const view = await ok(openid, 'cart.get', {});
    const quantities = Object.fromEntries(view.items.map((i: { skuId: string; quantity: number }) => [i.skuId, i.quantity]));
    expect(quantities).toEqual({ 's-latte-m-hot': 1, 's-latte-l-hot': 1, 's-americano': 4, 's-cheesecake': 1, 's-special': 1 });
    expect(stored(openid)!.version).toBe(8);
  });

  it('reads and writes the same number of times for 1 line and for many', async () => {
    const add = async (openid: string, skuId: string) => (await callFunction(cafe.emu, 'cart', { action: 'cart.add', input: { skuId, quantity: 1 } }, openid)).invocationId;
    const get = async (openid: string) => (await callFunction(cafe.emu, 'cart', { action: 'cart.get', input: {} }, openid)).invocationId;

    await add('o-one', 's-americano');
    for (const skuId of ['s-latte-m-hot', 's-latte-l-hot', 's-cheesecake', 's-special']) await add('o-many', skuId);
    const [oneAdd, manyAdd] = [await add('o-one', 's-americano'), await add('o-many', 's-americano')];
    const [oneGet, manyGet] = [await get('o-one'), await get('o-many')];
    const q = await Promise.all([oneAdd, manyAdd, oneGet, manyGet].map((id) => quotaOf(cafe.emu, id)));
    // add: sku + goods + cart + skus/goods of the view = 5 reads, 1 conditional write
    expect(q[0]).toMatchObject({ dbReadRequests: 5, dbWriteRequests: 1 });
    expect(q[1]).toMatchObject({ dbReadRequests: 5, dbWriteRequests: 1 });
    // get: cart + skus + goods, and one storage call for every cloud image (o-one's only image is an https URL)
    expect(q[2]).toMatchObject({ dbReadRequests: 3, dbWriteRequests: 0, storageCalls: 0 });
    expect(q[3]).toMatchObject({ dbReadRequests: 3, dbWriteRequests: 0, storageCalls: 1 });
  });
});
