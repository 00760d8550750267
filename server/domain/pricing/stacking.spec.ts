import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canCombine, STACKING_TABLE, stepOf } from './stacking';

describe('stacking table', () => {
  it('orders the kinds: prices → 满减 → coupon → points', () => {
    expect(STACKING_TABLE.map((r) => [r.step, r.kind])).toEqual([
      [1, 'new_user_price'],
      [1, 'member_price'],
      [2, 'full_reduction'],
      [3, 'coupon'],
      [4, 'points'],
    ]);
    expect(stepOf('coupon')).toBe(3);
  });

  it('allows one of each kind per order, every different pair together, symmetrically', () => {
    for (const a of STACKING_TABLE) {
      expect(a.maxPerOrder).toBe(1);
      expect(canCombine(a.kind, a.kind)).toBe(false);
      for (const b of STACKING_TABLE) {
        if (a.kind !== b.kind) expect(canCombine(a.kind, b.kind)).toBe(canCombine(b.kind, a.kind));
      }
    }
    expect(canCombine('full_reduction', 'coupon')).toBe(true);
    expect(canCombine('coupon', 'coupon')).toBe(false);
  });

  it('documents every kind in the markdown table of the header', () => {
    const header = readFileSync(join(__dirname, 'stacking.ts'), 'utf8');
    for (const r of STACKING_TABLE) expect(header).toMatch(new RegExp(`\\| ${r.step}\\s+\\| \`${r.kind}\``));
  });
});
