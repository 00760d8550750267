/**
 * Contract of the `marketing` cloud function: the claim centre, claiming, the caller's coupons and staff grants.
 * Coupons come from `coupon_templates` and are held in `user_coupons` (typings/marketing/coupon.ts).
 */
import type { ActionSpec } from '../envelope';
import type { EpochMs } from '../shop/common';
import type { CouponBenefit, CouponValidity, OwnedCoupon, OwnedCouponStatus } from '../marketing/coupon';
import type { Scope } from '../marketing/scope';

/** Why the caller cannot claim a template now (see server/domain/pricing/coupon-issue.ts). */
export type ClaimBlock = 'DISABLED' | 'NOT_STARTED' | 'ENDED' | 'SOLD_OUT' | 'PER_USER_LIMIT' | 'COMMUNITY_ONLY' | 'GROUP_LIMIT';

/** One template as the claim centre shows it. */
export interface CentreCoupon {
  templateId: string;
  title: string;
  benefit: CouponBenefit;
  scope: Scope;
  validity: CouponValidity;
  claimEndsAt: EpochMs;
  /** Coupons left to claim (null = unlimited). */
  remaining: number | null;
  /** Coupons of this template the caller holds (any status). */
  held: number;
  perUserLimit: number;
  canClaim: boolean;
  /** canClaim false: why. */
  reason?: ClaimBlock;
}

export interface ClaimResult {
  coupon: OwnedCoupon;
}

/** Filter of `coupons.mine`; `expired` includes available coupons past validUntil. */
export type MineStatus = OwnedCouponStatus | 'all';

export interface GrantResult {
  /** Openids that received a coupon, with its id. */
  granted: { openid: string; couponId: string }[];
  /** Openids that did not, and why. */
  refused: { openid: string; reason: ClaimBlock }[];
}

export type MarketingActions = {
  /**
   * Templates claimable now (enabled, claim window open, not community-only), with what is left and whether the
   * caller may claim. UNAUTHENTICATED without an openid.
   */
  'coupons.centre': ActionSpec<Record<string, never>, { coupons: CentreCoupon[] }>;
  /**
   * Claims one coupon of a template. NOT_FOUND for an unknown template; PRECONDITION_FAILED when disabled / not
   * started / ended / community-only; OUT_OF_STOCK when none are left; CONFLICT when the caller reached the
   * per-user limit (held under concurrency: each claim takes a numbered slot `${templateId}:${openid}:${n}`).
   */
  'coupons.claim': ActionSpec<{ templateId: string }, ClaimResult>;
  /** The caller's coupons, newest first (at most 100). An available coupon past validUntil shows as expired. */
  'coupons.mine': ActionSpec<{ status?: MineStatus }, { coupons: OwnedCoupon[] }>;
  /** Staff: grants one coupon of a template to each openid (≤ 100), within the total and per-user limits. */
  'coupons.grant': ActionSpec<{ templateId: string; openids: string[] }, GrantResult>;
};
