/**
 * Checks a pricing input and derives what every step needs: line facts and floors, promotions and coupons in a
 * canonical order (so the result does not depend on the order the caller listed them in), the tier, the points step.
 * Malformed money or percentages throw (TypeError / RangeError), like server/domain/quote.ts.
 */
import type { OwnedCoupon } from '../../../typings/marketing/coupon';
import type { MemberTierDef } from '../../../typings/marketing/member';
import type { PricingInput } from '../../../typings/marketing/pricing';
import type { FullReductionPromotion, NewUserOffer } from '../../../typings/marketing/promotion';
import { assertNonNegativeFen } from '../money';
import { type CartState, initialState, type LineFacts, lineFacts } from './cart-state';
import { tierDef } from './eligibility';
import { pointsStep, type PointsStep } from './points-deduction';

export interface Prepared {
  input: PricingInput;
  facts: LineFacts[];
  start: CartState;
  goodsFen: number;
  /** Sorted by _id. */
  offers: NewUserOffer[];
  /** Sorted by _id. */
  fullReductions: FullReductionPromotion[];
  /** Every owned coupon, sorted by validUntil then _id (ties in the search prefer the one expiring first). */
  coupons: OwnedCoupon[];
  tier: MemberTierDef | undefined;
  points: PointsStep | null;
}

function assertPercent(value: number, label: string, max: number, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${label} must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
}

function assertCount(value: number, label: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${label} must be an integer ≥ 0, got ${String(value)}`);
}

const byId = <T extends { _id: string }>(a: T, b: T) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

export function prepare(input: PricingInput): Prepared {
  const { lines, customer, rules } = input;
  lines.forEach((l, i) => {
    assertNonNegativeFen(l.unitPriceFen, `lines[${i}].unitPriceFen`);
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1) throw new RangeError(`lines[${i}].quantity must be an integer ≥ 1`);
    assertNonNegativeFen(l.unitPriceFen * l.quantity, `lines[${i}] total`);
    if (l.floorUnitFen !== undefined) assertNonNegativeFen(l.floorUnitFen, `lines[${i}].floorUnitFen`);
  });
  assertPercent(rules.lineFloorPercent, 'lineFloorPercent', 100);
  rules.tiers.forEach((t, i) => {
    assertPercent(t.percentOff, `tiers[${i}].percentOff`, 99);
    assertCount(t.pointsMultiplierPercent, `tiers[${i}].pointsMultiplierPercent`);
  });
  assertCount(customer.pointsBalance, 'pointsBalance');
  const d = rules.points.deduction;
  assertPercent(d.maxPercentOfOrder, 'maxPercentOfOrder', 100);
  if (!Number.isSafeInteger(d.pointsPerYuan) || d.pointsPerYuan < 1) throw new RangeError('pointsPerYuan must be an integer ≥ 1');
  assertCount(rules.points.earning.pointsPerYuan, 'earning.pointsPerYuan');

  const offers: NewUserOffer[] = [];
  const fullReductions: FullReductionPromotion[] = [];
  for (const p of input.promotions) {
    if (p.kind === 'new_user_price') {
      p.items.forEach((it, i) => assertNonNegativeFen(it.priceFen, `${p._id}.items[${i}].priceFen`));
      offers.push(p);
    } else {
      if (p.tiers.length === 0) throw new RangeError(`${p._id} has no tier`);
      p.tiers.forEach((t, i) => {
        assertNonNegativeFen(t.thresholdFen, `${p._id}.tiers[${i}].thresholdFen`);
        assertNonNegativeFen(t.reduceFen, `${p._id}.tiers[${i}].reduceFen`);
      });
      fullReductions.push(p);
    }
  }
  for (const c of customer.coupons) {
    const b = c.benefit;
    if (b.kind === 'percentage') {
      assertPercent(b.percentOff, `${c._id}.percentOff`, 99, 1);
      if (b.capFen !== undefined) assertNonNegativeFen(b.capFen, `${c._id}.capFen`);
      if (b.minSpendFen !== undefined) assertNonNegativeFen(b.minSpendFen, `${c._id}.minSpendFen`);
    } else {
      assertNonNegativeFen(b.amountFen, `${c._id}.amountFen`);
      if (b.kind === 'threshold') assertNonNegativeFen(b.thresholdFen, `${c._id}.thresholdFen`);
    }
  }
  const coupons = [...customer.coupons].sort((a, b) => a.validUntil - b.validUntil || byId(a, b));

  const facts = lineFacts(lines, rules.lineFloorPercent);
  const start = initialState(facts);
  return {
    input,
    facts,
    start,
    goodsFen: facts.reduce((a, f) => a + f.lineTotalFen, 0),
    offers: offers.sort(byId),
    fullReductions: fullReductions.sort(byId),
    coupons,
    tier: tierDef(rules.tiers, customer.tier),
    points: d.enabled ? pointsStep(d.pointsPerYuan) : null,
  };
}
