import fc from 'fast-check';
import { goodsDoc, skuDoc, TEE_SPECS } from './__fixtures__/shop';
import {
  buildQuote,
  DiscountEngine,
  MAX_LINE_QUANTITY,
  MAX_ORDER_LINES,
  normaliseRequest,
  QuoteInput,
  QuoteRequestError,
  quoteRequestOf,
} from './quote';

const goods = [
  goodsDoc('tee', { title: 'T恤', specs: TEE_SPECS, images: ['cloud://tee.jpg', 'cloud://tee2.jpg'] }),
  goodsDoc('mug', { title: '杯子', images: [] }),
  goodsDoc('old', { onShelf: false }),
];
const skus = [
  skuDoc('tee-red-m', 'tee', { specValues: ['红', 'M'], priceFen: 5900, stock: 10 }),
  skuDoc('tee-blue-s', 'tee', { specValues: ['蓝', 'S'], priceFen: 6900, stock: 2 }),
  skuDoc('tee-blue-l', 'tee', { specValues: ['蓝', 'L'], priceFen: 6900, stock: 0 }),
  skuDoc('mug-1', 'mug', { priceFen: 2500, stock: 100 }),
  skuDoc('mug-off', 'mug', { priceFen: 2500, onShelf: false }),
  skuDoc('old-1', 'old', { priceFen: 100 }),
];
const base: Omit<QuoteInput, 'requested'> = {
  skus,
  goods,
  fulfilment: 'delivery',
  shipping: { flatFeeFen: 800, freeOverFen: 20000 },
  now: 1_700_000_000_000,
};

describe('normaliseRequest', () => {
  it('merges duplicate SKUs in first-seen order', () => {
    expect(normaliseRequest([{ skuId: 'a', quantity: 1 }, { skuId: 'b', quantity: 2 }, { skuId: 'a', quantity: 3 }])).toEqual({
      ok: true,
      items: [{ skuId: 'a', quantity: 4 }, { skuId: 'b', quantity: 2 }],
    });
  });

  it('rejects empty requests, bad quantities, too much of one SKU and too many lines', () => {
    expect(normaliseRequest([])).toMatchObject({ ok: false, code: 'EMPTY' });
    expect(normaliseRequest([{ skuId: 'a', quantity: 0 }])).toMatchObject({ ok: false, code: 'INVALID_QUANTITY', skuId: 'a' });
    expect(normaliseRequest([{ skuId: 'a', quantity: 1.5 }])).toMatchObject({ ok: false, code: 'INVALID_QUANTITY' });
    expect(normaliseRequest([{ skuId: '', quantity: 1 }])).toMatchObject({ ok: false, code: 'INVALID_SKU_ID' });
    expect(normaliseRequest([{ skuId: 'a', quantity: MAX_LINE_QUANTITY }]).ok).toBe(true);
    expect(
      normaliseRequest([{ skuId: 'a', quantity: 60 }, { skuId: 'a', quantity: 40 }]),
    ).toMatchObject({ ok: false, code: 'QUANTITY_LIMIT', skuId: 'a' });
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ skuId: `s${i}`, quantity: 1 }));
    expect(normaliseRequest(many(MAX_ORDER_LINES)).ok).toBe(true);
    expect(normaliseRequest(many(MAX_ORDER_LINES + 1))).toMatchObject({ ok: false, code: 'TOO_MANY_LINES' });
  });
});

describe('buildQuote', () => {
  it('prices lines from the server documents', () => {
    const q = buildQuote({ ...base, requested: [{ skuId: 'tee-red-m', quantity: 2 }, { skuId: 'mug-1', quantity: 1 }] });
    expect(q.lines).toEqual([
      {
        skuId: 'tee-red-m', goodsId: 'tee', title: 'T恤', specText: '颜色: 红; 尺码: M', image: 'cloud://tee.jpg',
        unitPriceFen: 5900, quantity: 2, lineTotalFen: 11800, discountFen: 0, payFen: 11800,
      },
      {
        skuId: 'mug-1', goodsId: 'mug', title: '杯子', specText: '', image: '',
        unitPriceFen: 2500, quantity: 1, lineTotalFen: 2500, discountFen: 0, payFen: 2500,
      },
    ]);
    expect(q).toMatchObject({ goodsFen: 14300, discountFen: 0, discounts: [], shippingFen: 800, totalFen: 15100, ok: true, problems: [] });
    expect(q.quotedAt).toBe(base.now);
    expect(quoteRequestOf(q)).toEqual([{ skuId: 'tee-red-m', quantity: 2 }, { skuId: 'mug-1', quantity: 1 }]);
  });

  it('applies free shipping over the threshold and none for pickup', () => {
    expect(buildQuote({ ...base, requested: [{ skuId: 'mug-1', quantity: 8 }] }).shippingFen).toBe(0);
    expect(buildQuote({ ...base, fulfilment: 'pickup', requested: [{ skuId: 'mug-1', quantity: 1 }] })).toMatchObject({
      shippingFen: 0,
      totalFen: 2500,
    });
  });

  it('merges duplicate lines', () => {
    const q = buildQuote({ ...base, requested: [{ skuId: 'mug-1', quantity: 1 }, { skuId: 'mug-1', quantity: 2 }] });
    expect(q.lines).toHaveLength(1);
    expect(q.lines[0].quantity).toBe(3);
  });

  it('reports every kind of problem', () => {
    const q = buildQuote({
      ...base,
      requested: [
        { skuId: 'nope', quantity: 1 },
        { skuId: 'mug-off', quantity: 1 },
        { skuId: 'old-1', quantity: 1 },
        { skuId: 'tee-blue-l', quantity: 1 },
        { skuId: 'tee-blue-s', quantity: 3 },
        { skuId: 'mug-1', quantity: 1 },
      ],
    });
    expect(q.ok).toBe(false);
    expect(q.problems).toEqual([
      { skuId: 'nope', code: 'NOT_FOUND' },
      { skuId: 'mug-off', code: 'OFF_SHELF' },
      { skuId: 'old-1', code: 'OFF_SHELF' },
      { skuId: 'tee-blue-l', code: 'OUT_OF_STOCK' },
      { skuId: 'tee-blue-s', code: 'INSUFFICIENT_STOCK', available: 2 },
    ]);
    expect(q.lines.map((l) => [l.skuId, l.problem])).toEqual([
      ['mug-off', 'OFF_SHELF'],
      ['old-1', 'OFF_SHELF'],
      ['tee-blue-l', 'OUT_OF_STOCK'],
      ['tee-blue-s', 'INSUFFICIENT_STOCK'],
      ['mug-1', undefined],
    ]);
  });

  it('treats a SKU whose goods is missing or different as not found', () => {
    const q = buildQuote({ ...base, skus: [skuDoc('x', 'ghost')], requested: [{ skuId: 'x', quantity: 1 }] });
    expect(q.problems).toEqual([{ skuId: 'x', code: 'NOT_FOUND' }]);
    expect(q.lines).toEqual([]);
    expect(q.totalFen).toBe(800);
  });

  it('throws QuoteRequestError on malformed requests', () => {
    expect(() => buildQuote({ ...base, requested: [{ skuId: 'mug-1', quantity: 100 }] })).toThrow(QuoteRequestError);
    expect(() => buildQuote({ ...base, requested: [] })).toThrow(expect.objectContaining({ code: 'EMPTY' }));
  });

  it('refuses float prices', () => {
    expect(() =>
      buildQuote({ ...base, skus: [skuDoc('f', 'mug', { priceFen: 9.9 })], requested: [{ skuId: 'f', quantity: 1 }] }),
    ).toThrow(TypeError);
  });

  describe('discount engine', () => {
    const requested = [{ skuId: 'tee-red-m', quantity: 1 }, { skuId: 'mug-1', quantity: 1 }]; // 5900 + 2500

    it('gets the priced lines and spreads an unshared discount in proportion to line totals', () => {
      const seen: unknown[] = [];
      const engine: DiscountEngine = (ctx) => {
        seen.push(ctx);
        return [{ kind: 'full_reduction', amountFen: 1000, reason: '满80减10' }];
      };
      const q = buildQuote({ ...base, requested, discounts: engine });
      expect(seen[0]).toMatchObject({ goodsFen: 8400, fulfilment: 'delivery', now: base.now });
      // 1000 × 5900/8400 = 702.38 → 702, 1000 × 2500/8400 = 297.6 → 298
      expect(q.discounts).toEqual([{ kind: 'full_reduction', amountFen: 1000, reason: '满80减10', lineShares: [702, 298] }]);
      expect(q.lines.map((l) => [l.discountFen, l.payFen])).toEqual([[702, 5198], [298, 2202]]);
      expect(q).toMatchObject({ goodsFen: 8400, discountFen: 1000, shippingFen: 800, totalFen: 8200 });
    });

    it('uses given line shares and caps a discount at what the lines cost', () => {
      const q = buildQuote({
        ...base,
        requested,
        discounts: () => [
          { kind: 'coupon', amountFen: 3000, reason: 'mug free', lineShares: [0, 3000] },
          { kind: 'huge', amountFen: 100000, reason: 'too much' },
        ],
      });
      expect(q.discounts).toEqual([
        { kind: 'coupon', amountFen: 2500, reason: 'mug free', lineShares: [0, 2500] },
        { kind: 'huge', amountFen: 5900, reason: 'too much', lineShares: [5900, 0] },
      ]);
      expect(q).toMatchObject({ goodsFen: 8400, discountFen: 8400, shippingFen: 800, totalFen: 800 });
      expect(q.lines.every((l) => l.payFen === 0)).toBe(true);
    });

    it('computes shipping on the amount after discounts', () => {
      const q = buildQuote({
        ...base,
        requested: [{ skuId: 'mug-1', quantity: 8 }], // 20000: free shipping before the discount
        discounts: () => [{ kind: 'coupon', amountFen: 1, reason: '1 fen off' }],
      });
      expect(q).toMatchObject({ goodsFen: 20000, discountFen: 1, shippingFen: 800, totalFen: 20799 });
    });

    it('drops discounts that end at zero and rejects malformed ones', () => {
      expect(buildQuote({ ...base, requested, discounts: () => [{ kind: 'nil', amountFen: 0, reason: '' }] }).discounts).toEqual([]);
      expect(() => buildQuote({ ...base, requested, discounts: () => [{ kind: 'x', amountFen: 1.5, reason: '' }] })).toThrow(TypeError);
      expect(() =>
        buildQuote({ ...base, requested, discounts: () => [{ kind: 'x', amountFen: 10, reason: '', lineShares: [5, 4] }] }),
      ).toThrow(/sum to amountFen/);
      expect(() =>
        buildQuote({ ...base, requested, discounts: () => [{ kind: 'x', amountFen: 10, reason: '', lineShares: [10] }] }),
      ).toThrow(/one share per line/);
    });
  });

  it('property: totals are non-negative integers with total = goods − discounts + shipping, lines consistent', () => {
    const skuArb = fc.record({
      priceFen: fc.integer({ min: 0, max: 1_000_000 }),
      stock: fc.integer({ min: 0, max: 200 }),
      onShelf: fc.boolean(),
    });
    const discountArb = fc.record({
      kind: fc.constantFrom('a', 'b'),
      amountFen: fc.integer({ min: 0, max: 5_000_000 }),
      reason: fc.constant('r'),
    });
    fc.assert(
      fc.property(
        fc.array(skuArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.record({ index: fc.nat(), quantity: fc.integer({ min: 1, max: 9 }) }), { minLength: 1, maxLength: 11 }),
        fc.array(discountArb, { maxLength: 3 }),
        fc.constantFrom<'pickup' | 'delivery'>('pickup', 'delivery'),
        fc.record({ flatFeeFen: fc.integer({ min: 0, max: 2000 }), freeOverFen: fc.integer({ min: 0, max: 10 ** 6 }) }),
        (skuSpecs, picks, proposed, fulfilment, shipping) => {
          const docs = skuSpecs.map((s, i) => skuDoc(`s${i}`, 'mug', s));
          const requested = picks.map((p) => ({ skuId: `s${p.index % docs.length}`, quantity: p.quantity }));
          const q = buildQuote({ ...base, skus: docs, requested, fulfilment, shipping, discounts: () => proposed });
          for (const v of [q.goodsFen, q.discountFen, q.shippingFen, q.totalFen]) {
            expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
          }
          expect(q.totalFen).toBe(q.goodsFen - q.discountFen + q.shippingFen);
          expect(q.discountFen).toBeLessThanOrEqual(q.goodsFen);
          expect(q.goodsFen).toBe(q.lines.reduce((n, l) => n + l.lineTotalFen, 0));
          expect(q.discountFen).toBe(q.lines.reduce((n, l) => n + l.discountFen, 0));
          for (const l of q.lines) {
            expect(l.payFen).toBe(l.lineTotalFen - l.discountFen);
            expect(l.payFen).toBeGreaterThanOrEqual(0);
            expect(l.quantity).toBeLessThanOrEqual(MAX_LINE_QUANTITY);
          }
          for (const d of q.discounts) expect(d.lineShares.reduce((a, b) => a + b, 0)).toBe(d.amountFen);
          expect(q.ok).toBe(q.problems.length === 0);
          if (fulfilment === 'pickup') expect(q.shippingFen).toBe(0);
        },
      ),
    );
  });
});
