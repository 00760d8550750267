/**
 * Why each promotion, coupon, the member price and points did not apply to the priced combination. Checks are made
 * on the combination's own states (thresholds after its step 1), so "还差¥X" matches what the customer sees.
 */
import type { CouponOption, NotApplied, NotAppliedCode, PricingChoice } from '../../../typings/marketing/pricing';
import type { PaidTier } from '../../../typings/marketing/member';
import type { Fen } from '../../../typings/shop/common';
import type { CombinationRun } from './combination';
import { pointsBaseOf, pointsFor, pointsHolderCode } from './combination';
import { tryCoupon } from './coupon-step';
import { windowCode } from './eligibility';
import { tryFullReduction } from './full-reduction';
import type { Prepared } from './prepare';
import { applyNewUserPrice, memberPriceShares, newUserCandidates, offerPrice } from './price-step';
import type { SearchResult } from './best-combination';
import type { Trial } from './step-result';
import { notAppliedMessage } from './texts';

function entry(
  kind: NotApplied['kind'],
  sourceId: string,
  title: string,
  code: NotAppliedCode,
  extra: { missingFen?: Fen; requiredTier?: PaidTier } = {},
): NotApplied {
  return {
    kind,
    sourceId,
    title,
    code,
    message: notAppliedMessage(code, extra.missingFen),
    ...(extra.missingFen !== undefined ? { missingFen: extra.missingFen } : {}),
    ...(extra.requiredTier !== undefined ? { requiredTier: extra.requiredTier } : {}),
  };
}

function refusalOf(kind: NotApplied['kind'], id: string, title: string, trial: Trial): NotApplied | null {
  return trial.ok ? null : entry(kind, id, title, trial.code, trial);
}

/** The coupon was usable in this state but not taken: why. */
function couponSkipCode(choice: PricingChoice, couponId: string, appliedCouponId: string | null): NotAppliedCode {
  if (choice.coupon === 'none') return 'NOT_SELECTED';
  if (choice.coupon !== 'best' && choice.coupon.couponId !== couponId) return 'NOT_SELECTED';
  return appliedCouponId !== null ? 'ONE_PER_ORDER' : 'NOT_BEST';
}

export function explainNotApplied(p: Prepared, run: CombinationRun): NotApplied[] {
  const { customer, now, choice } = p.input;
  const combo = run.combination;
  const out: NotApplied[] = [];

  // Step 1: new-user offers.
  const candidates = newUserCandidates(p.facts, p.offers, customer.isNew, now);
  for (const offer of p.offers) {
    if (combo.newUser?.offerId === offer._id) continue;
    const add = (code: NotAppliedCode) => out.push(entry('new_user_price', offer._id, offer.title, code));
    if (!offer.enabled) add('DISABLED');
    else if (windowCode(offer.startsAt, offer.endsAt, now)) add(windowCode(offer.startsAt, offer.endsAt, now)!);
    else if (!customer.isNew) add('NOT_NEW_USER');
    else if (!p.facts.some((f) => offerPrice(offer, f) !== undefined)) add('WRONG_SCOPE');
    else if (!p.facts.some((f) => (offerPrice(offer, f) ?? Infinity) < f.unitPriceFen)) add('NO_BENEFIT');
    else if (combo.newUser) add('ONE_PER_CUSTOMER');
    else {
      const mine = candidates.filter((c) => c.offerId === offer._id);
      add(mine.length > 0 && mine.every((c) => applyNewUserPrice(p.start, c) === null) ? 'FLOOR_REACHED' : 'NOT_BEST');
    }
  }

  // Step 1: member price.
  if (p.tier && p.tier.percentOff > 0 && !combo.memberPrice) {
    const shares = memberPriceShares(run.afterPrice, p.tier);
    out.push(entry('member_price', `tier-${p.tier.tier}`, p.tier.name, shares.some((s) => s > 0) ? 'NOT_BEST' : 'NO_BENEFIT'));
  }

  // Step 2: 满减.
  for (const promo of p.fullReductions) {
    if (combo.fullReductionId === promo._id) continue;
    const refused = refusalOf('full_reduction', promo._id, promo.title, tryFullReduction(run.afterPrice, promo, customer.tier, now));
    out.push(refused ?? entry('full_reduction', promo._id, promo.title, combo.fullReductionId !== null ? 'ONE_PER_ORDER' : 'NOT_BEST'));
  }

  // Step 3: coupons.
  for (const coupon of p.coupons) {
    if (combo.couponId === coupon._id) continue;
    const refused = refusalOf('coupon', coupon._id, coupon.title, tryCoupon(run.afterFullReduction, coupon, customer.openid, now));
    out.push(refused ?? entry('coupon', coupon._id, coupon.title, couponSkipCode(choice, coupon._id, combo.couponId)));
  }

  // Step 4: points (not reported when the shop has no deduction or the customer has no points).
  if (!combo.usePoints && p.points && customer.pointsBalance > 0) {
    const holder = pointsHolderCode(p);
    const code: NotAppliedCode =
      holder ??
      (choice.points === 'none'
        ? 'NOT_SELECTED'
        : pointsFor(p, pointsBaseOf(run.afterCoupon)).deductFen === 0
          ? 'NO_BENEFIT'
          : 'NOT_BEST');
    out.push(entry('points', 'points', '积分抵扣', code));
  }
  return out;
}

/** The coupon picker: usable coupons first (least to pay first), then the others with why. */
export function couponOptions(p: Prepared, run: CombinationRun, search: SearchResult): CouponOption[] {
  const { customer, now } = p.input;
  const options = p.coupons.map((c): CouponOption => {
    const best = search.perCoupon.get(c._id);
    const base = {
      couponId: c._id,
      title: c.title,
      validUntil: c.validUntil,
      recommended: search.recommended.combination.couponId === c._id,
      selected: run.combination.couponId === c._id,
    };
    if (best) return { ...base, usable: true, valueFen: best.couponFen, payFen: best.payFen };
    const trial = tryCoupon(run.afterFullReduction, c, customer.openid, now);
    const code: NotAppliedCode = trial.ok ? 'NO_BENEFIT' : trial.code;
    const missingFen = trial.ok ? undefined : trial.missingFen;
    return {
      ...base,
      usable: false,
      code,
      message: notAppliedMessage(code, missingFen),
      ...(missingFen !== undefined ? { missingFen } : {}),
      valueFen: 0,
      payFen: null,
    };
  });
  const usable = options.filter((o) => o.usable).sort((a, b) => a.payFen! - b.payFen!);
  return [...usable, ...options.filter((o) => !o.usable)];
}
