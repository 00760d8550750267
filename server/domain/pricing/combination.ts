/**
 * Prices ONE combination (see typings Combination) by running the stacking steps in order on the cart. This is the
 * reference evaluation: the search (best-combination.ts) must agree with it, and tests brute-force over it.
 */
import type { Combination, DiscountKind, NotAppliedCode } from '../../../typings/marketing/pricing';
import type { Fen } from '../../../typings/shop/common';
import { applyShares, type CartState, headroomOf, orderHeadroom, payTotal, spreadOver } from './cart-state';
import { applyCoupon, tryCoupon } from './coupon-step';
import { applyFullReduction, tryFullReduction } from './full-reduction';
import { maxPointsDeduction, type PointsBase, type PointsDeduction } from './points-deduction';
import type { Prepared } from './prepare';
import { applyMemberPrice, applyNewUserPrice, newUserCandidates } from './price-step';
import type { Refusal } from './step-result';

export interface CombinationRun {
  ok: true;
  combination: Combination;
  /** After step 1 (prices): the threshold base of steps 2 and 3. */
  afterPrice: CartState;
  /** After step 2 (满减). */
  afterFullReduction: CartState;
  /** After step 3 (coupon). */
  afterCoupon: CartState;
  final: CartState;
  couponFen: Fen;
  points: PointsDeduction;
  payFen: Fen;
}

/** Why a combination is not legal: the first step that refused. */
export interface CombinationRefusal extends Refusal {
  kind: DiscountKind;
}

export type CombinationOutcome = CombinationRun | CombinationRefusal;

const refusedAt = (kind: DiscountKind, r: Refusal): CombinationRefusal => ({ ...r, kind });

/** Step 1 for a combination's newUser / memberPrice choice. */
export function runPriceStep(p: Prepared, combo: Pick<Combination, 'newUser' | 'memberPrice'>): CartState | CombinationRefusal {
  let s = p.start;
  const { customer, now } = p.input;
  if (combo.newUser) {
    if (!customer.isNew) return refusedAt('new_user_price', { ok: false, code: 'NOT_NEW_USER' });
    const c = newUserCandidates(p.facts, p.offers, true, now).find(
      (x) => x.lineIndex === combo.newUser!.lineIndex && x.offerId === combo.newUser!.offerId,
    );
    if (!c) return refusedAt('new_user_price', { ok: false, code: 'NO_BENEFIT' });
    const next = applyNewUserPrice(s, c);
    if (!next) return refusedAt('new_user_price', { ok: false, code: 'FLOOR_REACHED' });
    s = next;
  }
  if (combo.memberPrice) {
    if (!p.tier) return refusedAt('member_price', { ok: false, code: 'TIER_TOO_LOW' });
    const next = applyMemberPrice(s, p.tier);
    if (!next) return refusedAt('member_price', { ok: false, code: 'NO_BENEFIT' });
    s = next;
  }
  return s;
}

/** What step 4 may take from a state. */
export function pointsBaseOf(state: CartState): PointsBase {
  let openFen = 0;
  let headroomFen = 0;
  state.facts.forEach((_, i) => {
    openFen += state.open[i];
    headroomFen += headroomOf(state, i);
  });
  return { openFen, headroomFen, orderHeadroomFen: orderHeadroom(state) };
}

/** Why points cannot be used at all (null = they can, if the cart leaves room). */
export function pointsHolderCode(p: Prepared): NotAppliedCode | null {
  if (!p.points) return 'DISABLED';
  if (p.input.customer.pointsBalance < p.points.stepPoints) return 'NO_POINTS';
  return null;
}

/** The deduction step 4 would make on a base (0 when points cannot be used). */
export function pointsFor(p: Prepared, base: PointsBase): PointsDeduction {
  if (!p.points || pointsHolderCode(p)) return { points: 0, deductFen: 0 };
  return maxPointsDeduction(base, p.input.customer.pointsBalance, p.input.rules.points.deduction, p.points);
}

export function isCartState(x: CartState | CombinationRefusal): x is CartState {
  return (x as CartState).pay !== undefined;
}

/** Runs every step of a combination; refuses it when a step it names cannot apply (or would take off nothing). */
export function runCombination(p: Prepared, combo: Combination): CombinationOutcome {
  const { customer, now } = p.input;
  const afterPrice = runPriceStep(p, combo);
  if (!isCartState(afterPrice)) return afterPrice;

  let afterFullReduction = afterPrice;
  if (combo.fullReductionId !== null) {
    const promo = p.fullReductions.find((x) => x._id === combo.fullReductionId);
    if (!promo) return refusedAt('full_reduction', { ok: false, code: 'DISABLED' });
    const trial = tryFullReduction(afterPrice, promo, customer.tier, now);
    if (!trial.ok) return refusedAt('full_reduction', trial);
    afterFullReduction = applyFullReduction(afterPrice, promo, trial);
  }

  let afterCoupon = afterFullReduction;
  let couponFen = 0;
  if (combo.couponId !== null) {
    const coupon = p.coupons.find((c) => c._id === combo.couponId);
    if (!coupon) return refusedAt('coupon', { ok: false, code: 'NOT_OWNER' });
    const trial = tryCoupon(afterFullReduction, coupon, customer.openid, now);
    if (!trial.ok) return refusedAt('coupon', trial);
    afterCoupon = applyCoupon(afterFullReduction, coupon, trial);
    couponFen = trial.amountFen;
  }

  let final = afterCoupon;
  let points: PointsDeduction = { points: 0, deductFen: 0 };
  if (combo.usePoints) {
    const holder = pointsHolderCode(p);
    if (holder) return refusedAt('points', { ok: false, code: holder });
    points = pointsFor(p, pointsBaseOf(afterCoupon));
    if (points.deductFen === 0) return refusedAt('points', { ok: false, code: 'NO_BENEFIT' });
    const shares = spreadOver(afterCoupon, points.deductFen);
    final = applyShares(afterCoupon, { kind: 'points', sourceId: 'points', step: 4, reason: `积分抵扣（${points.points}积分）` }, shares);
  }
  return { ok: true, combination: combo, afterPrice, afterFullReduction, afterCoupon, final, couponFen, points, payFen: payTotal(final) };
}
