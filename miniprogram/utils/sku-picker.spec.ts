/**
 * The client's SKU picker must agree with the server's (server/domain/sku-matrix.ts skuPicker) for any goods, any
 * SKU stock / shelf state and any partial choice, given the SKUs as catalogue.goodsDetail answers them.
 */
import fc from 'fast-check';
import { skuPicker } from '../../server/domain/sku-matrix';
import { toPublicSku } from '../../server/catalogue/views';
import type { SkuDoc, SpecDef } from '../../typings/shop/catalogue';
import type { CartView } from '../../typings/shop/cart';
import { choiceText, pickerState, toggle } from './sku-picker';
import { fromPrice, price, rangeText, yuan } from './money';

const specsArb: fc.Arbitrary<SpecDef[]> = fc
  .array(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 3 }), { minLength: 0, maxLength: 3 })
  .map((valueLists) => valueLists.map((values, i) => ({ name: `spec${i}`, values })));

function combos(specs: SpecDef[]): string[][] {
  return specs.reduce<string[][]>((acc, s) => acc.flatMap((p) => s.values.map((v) => [...p, v])), [[]]);
}

const caseArb = specsArb.chain((specs) => {
  const all = combos(specs);
  return fc.record({
    specs: fc.constant(specs),
    skus: fc.subarray(all).chain((present) =>
      fc.tuple(...present.map(() => fc.record({ stock: fc.integer({ min: -1, max: 3 }), onShelf: fc.boolean(), priceFen: fc.integer({ min: 0, max: 500 }) }))).map((states) =>
        present.map(
          (specValues, i): SkuDoc => ({
            _id: `sku-${specValues.join('-')}`,
            goodsId: 'g',
            specValues,
            reserved: 0,
            sold: 0,
            refundedToStock: 0,
            restocked: 0,
            ...states[i],
          }),
        ),
      ),
    ),
    choice: fc.tuple(...specs.map((s) => fc.option(fc.constantFrom(...s.values), { nil: null }))),
  });
});

it('matches the server picker for any goods, stock and partial choice', () => {
  fc.assert(
    fc.property(caseArb, ({ specs, skus, choice }) => {
      expect(pickerState(specs, skus.map(toPublicSku), choice)).toEqual(skuPicker(specs, skus, choice));
    }),
    { numRuns: 300 },
  );
});

it('toggles a value and describes the choice', () => {
  expect(toggle([null, 'M'], 0, '红')).toEqual(['红', 'M']);
  expect(toggle(['红', 'M'], 1, 'M')).toEqual(['红', null]);
  const specs = [
    { name: '颜色', values: ['红'] },
    { name: '尺码', values: ['M'] },
  ];
  expect(choiceText(specs, [null, null])).toBe('请选择 颜色 尺码');
  expect(choiceText(specs, ['红', 'M'])).toBe('颜色: 红; 尺码: M');
  expect(choiceText([], [])).toBe('');
});

it('formats fen without float rounding', () => {
  expect(yuan(1805)).toBe('18.05');
  expect(yuan(5)).toBe('0.05');
  expect(yuan(-1230)).toBe('-12.30');
  expect(price(0)).toBe('¥0.00');
  expect(rangeText({ minPriceFen: 1800, maxPriceFen: 2200 })).toBe('¥18.00 - ¥22.00');
  expect(rangeText(null)).toBe('');
  expect(fromPrice({ minPriceFen: 990, maxPriceFen: 990 })).toBe('¥9.90');
  expect(fromPrice({ minPriceFen: 990, maxPriceFen: 1000 })).toBe('¥9.90起');
  for (let fen = 0; fen < 2000; fen += 7) expect(Number(yuan(fen)) * 100).toBeCloseTo(fen, 6);
});

it('the cart service checks out exactly what the server domain would', () => {
  // required with a local type: services/ use mini-program globals the Node type-check does not know
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { checkoutItems } = require('../services/cart') as { checkoutItems(view: CartView): Array<{ skuId: string; quantity: number }> };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildCartView, checkoutRequest } = require('../../server/domain/cart') as typeof import('../../server/domain/cart');
  const goods = { _id: 'g', title: 'G', categoryId: 'c', images: [], description: '', specs: [], onShelf: true, minPriceFen: 1, maxPriceFen: 1, sales: 0, tags: [], createdAt: 0, searchText: '' };
  const sku = (id: string, stock: number, onShelf = true): SkuDoc => ({ _id: id, goodsId: 'g', specValues: [], priceFen: 100, stock, reserved: 0, sold: 0, refundedToStock: 0, restocked: 0, onShelf });
  const view = buildCartView(
    [
      { skuId: 'a', goodsId: 'g', quantity: 1, selected: true, addedAt: 0 },
      { skuId: 'b', goodsId: 'g', quantity: 5, selected: true, addedAt: 0 },
      { skuId: 'c', goodsId: 'g', quantity: 1, selected: false, addedAt: 0 },
      { skuId: 'd', goodsId: 'g', quantity: 1, selected: true, addedAt: 0 },
    ],
    { skus: [sku('a', 3), sku('b', 2), sku('c', 3), sku('d', 3, false)], goods: [goods] },
  );
  expect(checkoutItems(view)).toEqual(checkoutRequest(view));
  expect(checkoutItems(view)).toEqual([{ skuId: 'a', quantity: 1 }]);
});
