/** Step 2 of the stacking table: 满减 (tiered threshold reduction), at most one promotion per order. */
import type { MemberTier } from '../../../typings/marketing/member';
import type { FullReductionPromotion, ThresholdTier } from '../../../typings/marketing/promotion';
import type { EpochMs, Fen } from '../../../typings/shop/common';
import { applyShares, type CartState, orderHeadroom, scopeSums, spreadOver } from './cart-state';
import { linesIn, windowCode } from './eligibility';
import { type Offer, refuse, type Trial } from './step-result';
import { thresholdText } from './texts';

/** The tier an amount reaches: the highest threshold ≤ baseFen (equal thresholds: the larger reduction), or null. */
export function reachedTier(tiers: readonly ThresholdTier[], baseFen: Fen): ThresholdTier | null {
  let best: ThresholdTier | null = null;
  for (const t of tiers) {
    if (t.thresholdFen > baseFen) continue;
    if (!best || t.thresholdFen > best.thresholdFen || (t.thresholdFen === best.thresholdFen && t.reduceFen > best.reduceFen)) best = t;
  }
  return best;
}

/**
 * What a 满减 would take off this state (measured on the in-scope threshold base, i.e. after step 1), or why it
 * does not apply: DISABLED, NOT_STARTED / EXPIRED, TIER_TOO_LOW, WRONG_SCOPE, BELOW_THRESHOLD (with missingFen to
 * the lowest tier), NO_BENEFIT (reduction 0), FLOOR_REACHED (the lines are at their floors).
 */
export function tryFullReduction(state: CartState, promo: FullReductionPromotion, tier: MemberTier, now: EpochMs): Trial {
  if (!promo.enabled) return refuse('DISABLED');
  const when = windowCode(promo.startsAt, promo.endsAt, now);
  if (when) return refuse(when);
  if (promo.minTier !== undefined && tier < promo.minTier) return refuse('TIER_TOO_LOW', { requiredTier: promo.minTier });
  const scoped = linesIn(state.facts, promo.scope);
  const sums = scopeSums(state, scoped);
  if (sums.lines === 0) return refuse('WRONG_SCOPE');
  const reached = reachedTier(promo.tiers, sums.baseFen);
  if (!reached) {
    const lowest = Math.min(...promo.tiers.map((t) => t.thresholdFen));
    return refuse('BELOW_THRESHOLD', { missingFen: lowest - sums.baseFen });
  }
  if (reached.reduceFen === 0) return refuse('NO_BENEFIT');
  const amountFen = Math.min(reached.reduceFen, sums.headroomFen, orderHeadroom(state));
  if (amountFen === 0) return refuse('FLOOR_REACHED');
  return { ok: true, amountFen, lines: scoped };
}

/** Spreads an accepted 满减 over its scope. Its reason names the tier reached, e.g. 满300减30. */
export function applyFullReduction(state: CartState, promo: FullReductionPromotion, offer: Offer): CartState {
  const shares = spreadOver(state, offer.amountFen, offer.lines);
  const tier = reachedTier(promo.tiers, scopeSums(state, offer.lines).baseFen)!;
  const reason = thresholdText(tier.thresholdFen, tier.reduceFen);
  return applyShares(state, { kind: 'full_reduction', sourceId: promo._id, step: 2, reason }, shares);
}
