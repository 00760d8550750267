/** Who and what a promotion or coupon may apply to: scope, time windows, tiers, coupon ownership and status. */
import type { OwnedCoupon } from '../../../typings/marketing/coupon';
import type { MemberTier, MemberTierDef } from '../../../typings/marketing/member';
import type { NotAppliedCode } from '../../../typings/marketing/pricing';
import type { Scope } from '../../../typings/marketing/scope';
import type { EpochMs } from '../../../typings/shop/common';

/** Does a line (its goods and category) fall in the scope? */
export function inScope(scope: Scope, line: { goodsId: string; categoryId: string }): boolean {
  switch (scope.type) {
    case 'shop':
      return true;
    case 'categories':
      return scope.categoryIds.includes(line.categoryId);
    case 'goods':
      return scope.goodsIds.includes(line.goodsId);
  }
}

const scopeCache = new WeakMap<readonly object[], Map<Scope, readonly number[]>>();

/** Indices of the lines in a scope (memoised per line list and scope object). */
export function linesIn(lines: readonly { goodsId: string; categoryId: string }[], scope: Scope): readonly number[] {
  let byScope = scopeCache.get(lines);
  if (!byScope) {
    byScope = new Map();
    scopeCache.set(lines, byScope);
  }
  let indices = byScope.get(scope);
  if (!indices) {
    indices = lines.flatMap((l, i) => (inScope(scope, l) ? [i] : []));
    byScope.set(scope, indices);
  }
  return indices;
}

/** NOT_STARTED before startsAt, EXPIRED from endsAt on (the window is [startsAt, endsAt)), else null. */
export function windowCode(startsAt: EpochMs, endsAt: EpochMs, now: EpochMs): 'NOT_STARTED' | 'EXPIRED' | null {
  if (now < startsAt) return 'NOT_STARTED';
  if (now >= endsAt) return 'EXPIRED';
  return null;
}

/** The definition of a customer's tier (undefined for tier 0 or a tier the shop does not define). */
export function tierDef(tiers: readonly MemberTierDef[], tier: MemberTier): MemberTierDef | undefined {
  return tier === 0 ? undefined : tiers.find((t) => t.tier === tier);
}

/**
 * Why an owned coupon cannot be used by `openid` at `now`, whatever the cart (null = it can, cart permitting):
 * NOT_OWNER, USED, LOCKED (held by an unpaid order), EXPIRED (status, or now ≥ validUntil), NOT_STARTED.
 */
export function couponHolderCode(coupon: OwnedCoupon, openid: string, now: EpochMs): NotAppliedCode | null {
  if (coupon.openid !== openid) return 'NOT_OWNER';
  if (coupon.status === 'used') return 'USED';
  if (coupon.status === 'locked') return 'LOCKED';
  if (coupon.status === 'expired') return 'EXPIRED';
  return windowCode(coupon.validFrom, coupon.validUntil, now);
}
