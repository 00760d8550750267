/** Step 3 of the stacking table: one owned coupon per order. */
import type { OwnedCoupon } from '../../../typings/marketing/coupon';
import type { EpochMs } from '../../../typings/shop/common';
import { applyShares, type CartState, orderHeadroom, scopeSums, spreadOver } from './cart-state';
import { couponHolderCode, linesIn } from './eligibility';
import { type Offer, refuse, type Trial } from './step-result';
import { benefitText } from './texts';

/**
 * What a coupon would take off this state, or why not: the holder checks (NOT_OWNER, USED, LOCKED, EXPIRED,
 * NOT_STARTED), WRONG_SCOPE, BELOW_THRESHOLD (threshold / minSpend measured on the in-scope base after step 1),
 * NO_BENEFIT, FLOOR_REACHED.
 * - fixed: amountFen; threshold (满X减Y): amountFen once the base reaches X;
 * - percentage: ⌊in-scope open amount now × percentOff / 100⌋, at most capFen.
 * The result is capped by what the in-scope lines and the order may still lose.
 */
export function tryCoupon(state: CartState, coupon: OwnedCoupon, openid: string, now: EpochMs): Trial {
  const holder = couponHolderCode(coupon, openid, now);
  if (holder) return refuse(holder);
  const scoped = linesIn(state.facts, coupon.scope);
  const sums = scopeSums(state, scoped);
  if (sums.lines === 0) return refuse('WRONG_SCOPE');
  const b = coupon.benefit;
  const threshold = b.kind === 'threshold' ? b.thresholdFen : b.kind === 'percentage' ? (b.minSpendFen ?? 0) : 0;
  if (sums.baseFen < threshold) return refuse('BELOW_THRESHOLD', { missingFen: threshold - sums.baseFen });
  const wanted =
    b.kind === 'percentage'
      ? Math.min(Math.floor((sums.openFen * b.percentOff) / 100), b.capFen ?? Number.MAX_SAFE_INTEGER)
      : b.amountFen;
  if (wanted === 0) return refuse('NO_BENEFIT');
  const amountFen = Math.min(wanted, sums.headroomFen, orderHeadroom(state));
  if (amountFen === 0) return refuse('FLOOR_REACHED');
  return { ok: true, amountFen, lines: scoped };
}

/** Spreads an accepted coupon over its scope. Its reason is `title（benefit）`. */
export function applyCoupon(state: CartState, coupon: OwnedCoupon, offer: Offer): CartState {
  const shares = spreadOver(state, offer.amountFen, offer.lines);
  const reason = `${coupon.title}（${benefitText(coupon.benefit)}）`;
  return applyShares(state, { kind: 'coupon', sourceId: coupon._id, step: 3, reason }, shares);
}
