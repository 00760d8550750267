import fc from 'fast-check';
import { allocate, assertFen, assertNonNegativeFen, formatFen, isFen, parseYuan, sumFen, unitRangeFen } from './money';

describe('fen assertions', () => {
  it('accepts safe integers only', () => {
    expect(isFen(0)).toBe(true);
    expect(isFen(-5)).toBe(true);
    expect(isFen(1.5)).toBe(false);
    expect(isFen(NaN)).toBe(false);
    expect(isFen('100')).toBe(false);
    expect(isFen(2 ** 53)).toBe(false);
    expect(() => assertFen(0.1 + 0.2, 'price')).toThrow(/price must be an integer/);
    expect(() => assertNonNegativeFen(-1)).toThrow(RangeError);
    expect(() => assertNonNegativeFen(0)).not.toThrow();
  });

  it('sums integers and rejects floats', () => {
    expect(sumFen([100, 250, -50])).toBe(300);
    expect(sumFen([])).toBe(0);
    expect(() => sumFen([1, 0.5])).toThrow(TypeError);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(TypeError);
  });
});

describe('formatFen', () => {
  it.each([
    [1230, '¥12.30'],
    [5, '¥0.05'],
    [0, '¥0.00'],
    [100, '¥1.00'],
    [99, '¥0.99'],
    [123456789, '¥1234567.89'],
    [-1230, '-¥12.30'],
  ])('%d → %s', (fen, text) => expect(formatFen(fen)).toBe(text));

  it('rejects non-integers', () => expect(() => formatFen(12.5)).toThrow(TypeError));

  it('round-trips with parseYuan', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (fen) => parseYuan(formatFen(fen)) === fen));
  });
});

describe('parseYuan', () => {
  it.each([
    ['12.3', 1230],
    ['12.30', 1230],
    ['0.05', 5],
    ['12', 1200],
    ['¥ 8.8', 880],
  ])('%s → %d', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it.each(['12.345', '-1', 'abc', '', '1e3', '1,000'])('rejects %s', (text) => {
    expect(() => parseYuan(text)).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it('splits proportionally with the largest remainders getting the leftover fen', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [3000, 2000, 5000])).toEqual([3, 2, 5]);
    // 7 × (1/6, 2/6, 3/6) = 1.1666, 2.333, 3.5 → floors 1,2,3 = 6; leftover 1 goes to the 0.5 remainder
    expect(allocate(7, [1, 2, 3])).toEqual([1, 2, 4]);
  });

  it('breaks ties by lower index', () => {
    expect(allocate(1, [5, 5])).toEqual([1, 0]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
  });

  it('gives zero weights nothing, unless all weights are zero', () => {
    expect(allocate(10, [0, 1, 0])).toEqual([0, 10, 0]);
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
  });

  it('handles empty and zero totals', () => {
    expect(allocate(0, [])).toEqual([]);
    expect(allocate(0, [3, 4])).toEqual([0, 0]);
    expect(() => allocate(1, [])).toThrow(RangeError);
  });

  it('rejects floats and negatives', () => {
    expect(() => allocate(10.5, [1])).toThrow(TypeError);
    expect(() => allocate(-1, [1])).toThrow(RangeError);
    expect(() => allocate(10, [0.5, 1])).toThrow(TypeError);
  });

  it('is exact for amounts whose products exceed 2^53', () => {
    const parts = allocate(9_000_000_000_000, [1_000_000_007, 999_999_937, 3]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(9_000_000_000_000);
  });

  it('property: parts are integers ≥ 0 that sum exactly, each within 1 fen of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.array(fc.integer({ min: 0, max: 10 ** 7 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const w = weights.every((x) => x === 0) ? weights.map(() => 1) : weights;
          const sumW = w.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            expect(Number.isInteger(p) && p >= 0).toBe(true);
            const exact = (total * w[i]) / sumW;
            expect(Math.abs(p - exact)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
    );
  });
});

describe('unitRangeFen', () => {
  it('spreads a line over its units like allocate does', () => {
    // 1000 fen over 3 units → 334, 333, 333
    expect(unitRangeFen(1000, 3, 0, 1)).toBe(334);
    expect(unitRangeFen(1000, 3, 1, 1)).toBe(333);
    expect(unitRangeFen(1000, 3, 1, 2)).toBe(666);
    expect(unitRangeFen(1000, 3, 0, 3)).toBe(1000);
    expect(unitRangeFen(0, 0, 0, 0)).toBe(0);
  });

  it('rejects ranges past the last unit', () => {
    expect(() => unitRangeFen(100, 2, 1, 2)).toThrow(RangeError);
  });

  it('property: refunding units in any chunks returns exactly the total and matches allocate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 8 }),
        fc.integer({ min: 1, max: 99 }),
        fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 120, size: 'max' }),
        (total, units, chunks) => {
          const perUnit = allocate(total, Array(units).fill(1));
          let from = 0;
          let refunded = 0;
          for (const c of chunks) {
            const k = Math.min(c, units - from);
            const part = unitRangeFen(total, units, from, k);
            expect(part).toBe(perUnit.slice(from, from + k).reduce((a, b) => a + b, 0));
            refunded += part;
            from += k;
          }
          refunded += unitRangeFen(total, units, from, units - from);
          expect(refunded).toBe(total);
        },
      ),
    );
  });
});
