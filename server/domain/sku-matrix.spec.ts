import { skuDoc, TEE_SPECS } from './__fixtures__/shop';
import {
  expandSpecs,
  findSku,
  goodsPriceRange,
  matchesSpecs,
  MAX_SPEC_COMBINATIONS,
  priceRange,
  skuPicker,
  specKey,
  specProblems,
  specText,
} from './sku-matrix';

describe('expandSpecs', () => {
  it('lists every combination, first spec slowest', () => {
    expect(expandSpecs(TEE_SPECS)).toEqual([
      ['红', 'S'], ['红', 'M'], ['红', 'L'],
      ['蓝', 'S'], ['蓝', 'M'], ['蓝', 'L'],
    ]);
  });

  it('gives one empty combination for goods without specs', () => {
    expect(expandSpecs([])).toEqual([[]]);
  });

  it('rejects invalid spec definitions', () => {
    expect(() => expandSpecs([{ name: '颜色', values: [] }])).toThrow(/no values/);
    expect(specProblems([{ name: 'a', values: ['x', 'x'] }])).toEqual(['spec "a" repeats the value "x"']);
    expect(specProblems([{ name: 'a', values: ['x'] }, { name: 'a', values: ['y'] }])).toEqual(['duplicate spec name "a"']);
    expect(specProblems([{ name: ' ', values: [''] }])).toHaveLength(2);
    const big = [1, 2, 3].map((i) => ({ name: `s${i}`, values: Array.from({ length: 11 }, (_, j) => `v${j}`) }));
    expect(specProblems(big)[0]).toMatch(`exceed the maximum of ${MAX_SPEC_COMBINATIONS}`);
    expect(specProblems(TEE_SPECS)).toEqual([]);
  });
});

describe('finding SKUs', () => {
  const skus = expandSpecs(TEE_SPECS).map((values, i) => skuDoc(`k${i}`, 'g', { specValues: values }));

  it('finds the SKU of a full choice', () => {
    expect(findSku(skus, ['蓝', 'M'])?._id).toBe('k4');
    expect(findSku(skus, ['蓝'])).toBeUndefined();
    expect(findSku(skus, ['绿', 'M'])).toBeUndefined();
  });

  it('checks values against specs and keys them stably', () => {
    expect(matchesSpecs(TEE_SPECS, ['红', 'L'])).toBe(true);
    expect(matchesSpecs(TEE_SPECS, ['L', '红'])).toBe(false);
    expect(matchesSpecs(TEE_SPECS, ['红'])).toBe(false);
    expect(specKey(['a', 'b'])).not.toBe(specKey(['a,b']));
  });
});

describe('skuPicker', () => {
  // 红/S sold out, 蓝/M off shelf, 蓝/L missing entirely
  const skus = [
    skuDoc('rs', 'g', { specValues: ['红', 'S'], stock: 0, priceFen: 100 }),
    skuDoc('rm', 'g', { specValues: ['红', 'M'], stock: 3, priceFen: 200 }),
    skuDoc('rl', 'g', { specValues: ['红', 'L'], stock: 1, priceFen: 300 }),
    skuDoc('bs', 'g', { specValues: ['蓝', 'S'], stock: 5, priceFen: 150 }),
    skuDoc('bm', 'g', { specValues: ['蓝', 'M'], stock: 9, onShelf: false, priceFen: 999 }),
  ];
  const selectable = (state: ReturnType<typeof skuPicker>) =>
    state.rows.map((r) => r.options.filter((o) => o.selectable).map((o) => o.value));

  it('offers every value that some purchasable SKU has when nothing is chosen', () => {
    const state = skuPicker(TEE_SPECS, skus, []);
    expect(selectable(state)).toEqual([['红', '蓝'], ['S', 'M', 'L']]);
    expect(state.complete).toBe(false);
    expect(state.skuId).toBeNull();
    expect(state.price).toEqual({ minPriceFen: 150, maxPriceFen: 300 });
  });

  it('narrows the other specs by a partial choice, but keeps alternatives of the chosen spec', () => {
    const red = skuPicker(TEE_SPECS, skus, ['红', null]);
    expect(selectable(red)).toEqual([['红', '蓝'], ['M', 'L']]);
    expect(red.rows[0].options.find((o) => o.value === '红')?.selected).toBe(true);
    const blue = skuPicker(TEE_SPECS, skus, ['蓝']);
    expect(selectable(blue)).toEqual([['红', '蓝'], ['S']]);
    const small = skuPicker(TEE_SPECS, skus, [undefined, 'S']);
    expect(selectable(small)).toEqual([['蓝'], ['S', 'M', 'L']]);
  });

  it('resolves a complete choice to its SKU and stock', () => {
    const state = skuPicker(TEE_SPECS, skus, ['红', 'M']);
    expect(state).toMatchObject({ complete: true, skuId: 'rm', available: 3, price: { minPriceFen: 200, maxPriceFen: 200 } });
    const offShelf = skuPicker(TEE_SPECS, skus, ['蓝', 'M']);
    expect(offShelf).toMatchObject({ complete: true, skuId: 'bm', available: 0, price: null });
    expect(skuPicker(TEE_SPECS, skus, ['蓝', 'L'])).toMatchObject({ complete: true, skuId: null, available: 0 });
  });

  it('handles goods without specs', () => {
    const state = skuPicker([], [skuDoc('only', 'g')], []);
    expect(state).toMatchObject({ rows: [], complete: true, skuId: 'only', available: 10 });
  });
});

describe('prices and spec text', () => {
  it('computes price ranges', () => {
    expect(priceRange([])).toBeNull();
    expect(priceRange([{ priceFen: 500 }, { priceFen: 100 }, { priceFen: 300 }])).toEqual({ minPriceFen: 100, maxPriceFen: 500 });
    expect(goodsPriceRange([{ priceFen: 100, onShelf: false }, { priceFen: 300, onShelf: true }])).toEqual({ minPriceFen: 300, maxPriceFen: 300 });
    expect(goodsPriceRange([{ priceFen: 100, onShelf: false }, { priceFen: 300, onShelf: false }])).toEqual({ minPriceFen: 100, maxPriceFen: 300 });
  });

  it('formats spec text', () => {
    expect(specText(TEE_SPECS, ['红', 'L'])).toBe('颜色: 红; 尺码: L');
    expect(specText([], [])).toBe('');
  });
});
