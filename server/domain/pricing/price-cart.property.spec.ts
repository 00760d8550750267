/**
 * Properties of the pricing engine over random small carts (fast-check), with a brute force over every combination
 * (runCombination, the step-by-step reference) as the oracle for the search.
 */
import fc from 'fast-check';
import type { Combination, PricingInput } from '../../../typings/marketing/pricing';
import { runCombination, type CombinationRun } from './combination';
import { prepare } from './prepare';
import { priceCart } from './price-cart';
import { canCombine, stepOf } from './stacking';
import { arbInput } from './__fixtures__/arbitraries';

const RUNS = { numRuns: 150 };

/** Every legal combination of an input, evaluated step by step. */
function allRuns(input: PricingInput): CombinationRun[] {
  const p = prepare(input);
  const newUsers: Combination['newUser'][] = [null];
  for (const f of p.facts) for (const o of p.offers) newUsers.push({ lineIndex: f.index, offerId: o._id });
  const runs: CombinationRun[] = [];
  for (const newUser of newUsers)
    for (const memberPrice of [false, true])
      for (const fullReductionId of [null, ...p.fullReductions.map((x) => x._id)])
        for (const couponId of [null, ...p.coupons.map((c) => c._id)])
          for (const usePoints of [false, true]) {
            const run = runCombination(p, { newUser, memberPrice, fullReductionId, couponId, usePoints });
            if (run.ok) runs.push(run);
          }
  return runs;
}

const key = (c: Combination) => JSON.stringify({ ...c, usePoints: false });

/** The brute-force minimum, honouring the customer's choice like the engine documents it. */
function bruteForce(input: PricingInput): { chosen: number; recommended: number; perCoupon: Map<string, number> } {
  const runs = allRuns(input);
  const min = (rs: CombinationRun[]) => Math.min(...rs.map((r) => r.payFen));
  const withPoints = new Set(runs.filter((r) => r.combination.usePoints).map((r) => key(r.combination)));
  const pointsOk = (r: CombinationRun) => {
    const pts = input.choice.points;
    if (pts === 'none') return !r.combination.usePoints;
    if (pts === 'max') return r.combination.usePoints || !withPoints.has(key(r.combination));
    return true;
  };
  const allowed = runs.filter(pointsOk);
  const perCoupon = new Map<string, number>();
  for (const r of allowed) {
    const k = r.combination.couponId ?? '';
    perCoupon.set(k, Math.min(perCoupon.get(k) ?? Infinity, r.payFen));
  }
  const c = input.choice.coupon;
  let chosen: number;
  if (c === 'best') chosen = min(allowed);
  else if (c === 'none') chosen = perCoupon.get('')!;
  else chosen = perCoupon.get(c.couponId) ?? perCoupon.get('')!;
  return { chosen, recommended: min(runs), perCoupon };
}

describe('priceCart properties', () => {
  it('never goes below a floor or negative, and every amount adds up exactly', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const q = priceCart(input);
        expect(q.payFen).toBeGreaterThanOrEqual(0);
        if (q.goodsFen > 0) expect(q.payFen).toBeGreaterThanOrEqual(1);
        expect(q.payFen).toBe(q.lines.reduce((a, l) => a + l.payFen, 0));
        expect(q.discountFen).toBe(q.goodsFen - q.payFen);
        expect(q.discounts.reduce((a, d) => a + d.amountFen, 0)).toBe(q.discountFen);
        for (const d of q.discounts) {
          expect(d.amountFen).toBeGreaterThan(0);
          expect(d.lineShares.reduce((a, b) => a + b, 0)).toBe(d.amountFen);
          d.lineShares.forEach((s) => expect(s).toBeGreaterThanOrEqual(0));
        }
        q.lines.forEach((l, i) => {
          expect(l.payFen).toBeGreaterThanOrEqual(l.floorFen);
          expect(l.payFen).toBeLessThanOrEqual(l.lineTotalFen);
          expect(l.discountFen).toBe(q.discounts.reduce((a, d) => a + d.lineShares[i], 0));
          expect(l.shares.reduce((a, s) => a + s.amountFen, 0)).toBe(l.discountFen);
        });
        // the stacking table holds: every pair may combine, steps in order
        q.discounts.forEach((a, i) => q.discounts.slice(i + 1).forEach((b) => expect(canCombine(a.kind, b.kind)).toBe(true)));
        const steps = q.discounts.map((d) => d.step);
        expect([...steps].sort()).toEqual(steps);
        q.discounts.forEach((d) => expect(d.step).toBe(stepOf(d.kind)));
        expect(q.points.used).toBeLessThanOrEqual(input.customer.pointsBalance);
        expect(q.points.earned).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('gives the same quote for the same input, whatever order promotions and coupons are listed in', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const once = priceCart(input);
        expect(priceCart(structuredClone(input))).toEqual(once);
        const shuffled: PricingInput = {
          ...input,
          promotions: [...input.promotions].reverse(),
          customer: { ...input.customer, coupons: [...input.customer.coupons].reverse() },
        };
        expect(priceCart(shuffled)).toEqual(once);
      }),
      RUNS,
    );
  });

  it('removing a promotion or a coupon never makes the customer pay less', () => {
    fc.assert(
      fc.property(arbInput, fc.nat(), (raw, pick) => {
        const input: PricingInput = { ...raw, choice: { ...raw.choice, coupon: 'best' } };
        const full = priceCart(input).payFen;
        const n = input.promotions.length + input.customer.coupons.length;
        fc.pre(n > 0);
        const i = pick % n;
        const fewer: PricingInput =
          i < input.promotions.length
            ? { ...input, promotions: input.promotions.filter((_, k) => k !== i) }
            : {
                ...input,
                customer: { ...input.customer, coupons: input.customer.coupons.filter((_, k) => k !== i - input.promotions.length) },
              };
        expect(priceCart(fewer).payFen).toBeGreaterThanOrEqual(full);
      }),
      RUNS,
    );
  });

  it('picks the same total as a brute force over every legal combination', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const q = priceCart(input);
        const brute = bruteForce(input);
        expect(q.payFen).toBe(brute.chosen);
        expect(q.recommended.payFen).toBe(brute.recommended);
        for (const o of q.couponOptions) {
          expect(o.usable).toBe(brute.perCoupon.has(o.couponId));
          if (o.usable) expect(o.payFen).toBe(brute.perCoupon.get(o.couponId));
        }
        // the priced combination is legal and prices as quoted
        const run = runCombination(prepare(input), q.combination);
        expect(run.ok && run.payFen).toBe(q.payFen);
      }),
      RUNS,
    );
  });
});
