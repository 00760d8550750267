/**
 * Exhaustive search for the combination that makes the customer pay least (see the choice rules in stacking.ts).
 *
 * The legal space is small and is enumerated completely: new-user line (or none) × member price on/off × each
 * applicable 满减 (or none) × each usable coupon (or none) × points on/off. Steps 1–2 are run in full for each of
 * their options; for steps 3–4 only the amounts are needed to compare totals, and they follow from sums of the
 * step-2 state (a coupon of c fen lowers the open amount, the headroom and the order headroom by exactly c, because
 * no share exceeds its line's headroom). The winner is then re-run in full by runCombination (price-cart.ts checks
 * both agree).
 *
 * Order of preference: smaller payFen; then no coupon; then fewer points; then no new-user price; then the first
 * enumerated (member price on before off, a 满减 before none, coupons by earliest expiry then id).
 */
import type { Combination, NotAppliedCode } from '../../../typings/marketing/pricing';
import type { PricingInput } from '../../../typings/marketing/pricing';
import type { Fen } from '../../../typings/shop/common';
import { payTotal } from './cart-state';
import { isCartState, pointsBaseOf, pointsFor, runPriceStep } from './combination';
import { tryCoupon } from './coupon-step';
import { couponHolderCode } from './eligibility';
import { applyFullReduction, tryFullReduction } from './full-reduction';
import { prepare, type Prepared } from './prepare';
import { newUserCandidates } from './price-step';

export interface ScoredCombination {
  combination: Combination;
  payFen: Fen;
  couponFen: Fen;
  pointsUsed: number;
  /** Enumeration position (the last tie-break). */
  seq: number;
}

/** Is a strictly preferable to b? (See the order of preference above.) */
export function preferable(a: ScoredCombination, b: ScoredCombination): boolean {
  return beats(a.payFen, a.combination.couponId !== null, a.pointsUsed, a.combination.newUser !== null, a.seq, b);
}

/** The same comparison on the parts of a candidate, so the search need not build one to compare it. */
function beats(payFen: Fen, usesCoupon: boolean, pointsUsed: number, usesNewUser: boolean, seq: number, b: ScoredCombination): boolean {
  if (payFen !== b.payFen) return payFen < b.payFen;
  const bCoupon = b.combination.couponId !== null;
  if (usesCoupon !== bCoupon) return !usesCoupon;
  if (pointsUsed !== b.pointsUsed) return pointsUsed < b.pointsUsed;
  const bNewUser = b.combination.newUser !== null;
  if (usesNewUser !== bNewUser) return !usesNewUser;
  return seq < b.seq;
}

export interface SearchResult {
  /** Best over every legal combination (coupon and points chosen by the engine). */
  recommended: ScoredCombination;
  /** Best honouring the customer's choice (falls back to no coupon when the chosen coupon is not usable). */
  chosen: ScoredCombination;
  /** Best per coupon id ('' = no coupon), honouring the customer's points choice. Only usable coupons appear. */
  perCoupon: Map<string, ScoredCombination>;
  /** The customer's coupon could not be used in any legal combination. */
  choiceRefused: { couponId: string; code: NotAppliedCode | null } | null;
}

/** Step-1 options: new-user line (none first) × member price (on first, when the customer has a tier). */
function priceOptions(p: Prepared): Pick<Combination, 'newUser' | 'memberPrice'>[] {
  const { customer, now } = p.input;
  const newUsers: Combination['newUser'][] = [
    null,
    ...newUserCandidates(p.facts, p.offers, customer.isNew, now).map((c) => ({ lineIndex: c.lineIndex, offerId: c.offerId })),
  ];
  const members = p.tier && p.tier.percentOff > 0 ? [true, false] : [false];
  return newUsers.flatMap((newUser) => members.map((memberPrice) => ({ newUser, memberPrice })));
}

export function searchCombinations(p: Prepared): SearchResult {
  const { customer, now, choice } = p.input;
  const coupons = p.coupons.filter((c) => couponHolderCode(c, customer.openid, now) === null);
  let recommended: ScoredCombination | undefined;
  const perCoupon = new Map<string, ScoredCombination>();
  let seq = 0;

  for (const price of priceOptions(p)) {
    const afterPrice = runPriceStep(p, price);
    if (!isCartState(afterPrice)) continue;
    const fullReductions = p.fullReductions.flatMap((promo) => {
      const trial = tryFullReduction(afterPrice, promo, customer.tier, now);
      return trial.ok ? [{ id: promo._id, state: applyFullReduction(afterPrice, promo, trial) }] : [];
    });
    for (const fr of [...fullReductions, { id: null, state: afterPrice }]) {
      const s2 = fr.state;
      const pay2 = payTotal(s2);
      const base = pointsBaseOf(s2);
      for (const coupon of [null, ...coupons]) {
        let couponFen = 0;
        if (coupon) {
          const trial = tryCoupon(s2, coupon, customer.openid, now);
          if (!trial.ok) continue;
          couponFen = trial.amountFen;
        }
        const points = pointsFor(p, {
          openFen: base.openFen - couponFen,
          headroomFen: base.headroomFen - couponFen,
          orderHeadroomFen: base.orderHeadroomFen - couponFen,
        });
        const couponKey = coupon ? coupon._id : '';
        for (const usePoints of [false, true]) {
          if (usePoints && points.deductFen === 0) continue;
          const payFen = pay2 - couponFen - (usePoints ? points.deductFen : 0);
          const pointsUsed = usePoints ? points.points : 0;
          const mySeq = seq++;
          const pointsOk =
            choice.points === 'best' ||
            (choice.points === 'none' && !usePoints) ||
            (choice.points === 'max' && usePoints === (points.deductFen > 0));
          const current = pointsOk ? perCoupon.get(couponKey) : undefined;
          const winsOverall = !recommended || beats(payFen, coupon !== null, pointsUsed, price.newUser !== null, mySeq, recommended);
          const winsCoupon = pointsOk && (!current || beats(payFen, coupon !== null, pointsUsed, price.newUser !== null, mySeq, current));
          if (!winsOverall && !winsCoupon) continue;
          const cand: ScoredCombination = {
            combination: { ...price, fullReductionId: fr.id, couponId: coupon ? coupon._id : null, usePoints },
            payFen,
            couponFen,
            pointsUsed,
            seq: mySeq,
          };
          if (winsOverall) recommended = cand;
          if (winsCoupon) perCoupon.set(couponKey, cand);
        }
      }
    }
  }
  // The empty combination is always legal, so both exist.
  const none = perCoupon.get('')!;
  let chosen: ScoredCombination = none;
  let choiceRefused: SearchResult['choiceRefused'] = null;
  if (choice.coupon === 'best') {
    for (const cand of perCoupon.values()) if (preferable(cand, chosen)) chosen = cand;
  } else if (choice.coupon !== 'none') {
    const id = choice.coupon.couponId;
    const found = perCoupon.get(id);
    if (found) chosen = found;
    else {
      const owned = p.coupons.find((c) => c._id === id);
      choiceRefused = { couponId: id, code: owned ? couponHolderCode(owned, customer.openid, now) : 'NOT_OWNER' };
    }
  }
  return { recommended: recommended!, chosen, perCoupon, choiceRefused };
}

/** The best legal combination for an input, honouring input.choice, and what the customer would pay for goods. */
export function bestCombination(input: PricingInput): { combination: Combination; payFen: Fen } {
  const { chosen } = searchCombinations(prepare(input));
  return { combination: chosen.combination, payFen: chosen.payFen };
}
