import fc from 'fast-check';
import { allocate } from '../money';
import { spread } from './largest-remainder';

describe('spread', () => {
  it('equals money.allocate (largest remainder, ties to the lower index)', () => {
    expect(spread(3000, [10000, 10000, 10001])).toEqual([1000, 1000, 1000]);
    expect(spread(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(spread(5, [0, 0])).toEqual([3, 2]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2_000_000_000 })), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          const parts = spread(total, weights);
          expect(parts).toEqual(allocate(total, weights));
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('falls back to exact BigInt arithmetic for huge products', () => {
    const big = [Number.MAX_SAFE_INTEGER - 1, 3];
    expect(spread(1_000_000, big)).toEqual(allocate(1_000_000, big));
  });
});
