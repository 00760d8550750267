/**
 * Issuing coupons from a template (claim centre, grants, community links, invite rewards): may this customer get
 * one now, and the owned coupon it becomes. The counters (issuedCount, held by user, claimed in group) are read by
 * the handler, which must still issue with conditional updates (issuedCount < totalQuantity) so limits hold under
 * concurrency; this module only decides.
 */
import type { CouponSource, CouponTemplate, OwnedCoupon } from '../../../typings/marketing/coupon';
import type { EpochMs } from '../../../typings/shop/common';

export const DAY_MS = 86_400_000;

/** [validFrom, validUntil) of a coupon issued at `issuedAt`: the template's dates, or issuedAt + days × 24 h. */
export function couponValidity(template: Pick<CouponTemplate, 'validity'>, issuedAt: EpochMs): { validFrom: EpochMs; validUntil: EpochMs } {
  const v = template.validity;
  return v.type === 'dates' ? { validFrom: v.startsAt, validUntil: v.endsAt } : { validFrom: issuedAt, validUntil: issuedAt + v.days * DAY_MS };
}

export type IssueRefusal =
  | 'DISABLED'
  | 'NOT_STARTED'
  | 'ENDED'
  | 'SOLD_OUT'
  | 'PER_USER_LIMIT'
  | 'COMMUNITY_ONLY'
  | 'GROUP_LIMIT';

export interface IssueFacts {
  now: EpochMs;
  source: CouponSource;
  /** Coupons of this template the customer has ever received. */
  heldByUser: number;
  /** Community claims: the group's open id (verified by the handler from the share ticket). */
  groupId?: string;
  /** Community claims: coupons of this template already claimed from that group. */
  claimedInGroup?: number;
}

/**
 * Why the customer may not receive a coupon of this template now (null = may): DISABLED; for claims only the claim
 * window (NOT_STARTED / ENDED) and COMMUNITY_ONLY (a community template claimed without a group, or a non-community
 * template via a group link); SOLD_OUT (totalQuantity reached); PER_USER_LIMIT; GROUP_LIMIT (perGroupLimit reached).
 * Grants and invite rewards skip the claim window and the community rule but not the quantity limits.
 */
export function issueRefusal(template: CouponTemplate, facts: IssueFacts): IssueRefusal | null {
  if (!template.enabled) return 'DISABLED';
  const claimed = facts.source === 'claim' || facts.source === 'community';
  if (claimed) {
    if (facts.now < template.claimStartsAt) return 'NOT_STARTED';
    if (facts.now >= template.claimEndsAt) return 'ENDED';
    if (template.communityOnly !== (facts.source === 'community') || (facts.source === 'community' && !facts.groupId)) {
      return 'COMMUNITY_ONLY';
    }
  }
  if (template.totalQuantity !== null && template.issuedCount >= template.totalQuantity) return 'SOLD_OUT';
  if (facts.heldByUser >= template.perUserLimit) return 'PER_USER_LIMIT';
  if (facts.source === 'community' && typeof template.perGroupLimit === 'number' && (facts.claimedInGroup ?? 0) >= template.perGroupLimit) {
    return 'GROUP_LIMIT';
  }
  return null;
}

/** The owned coupon a template issues (benefit and scope copied; status available). */
export function issueCoupon(
  template: CouponTemplate,
  to: { id: string; openid: string; issuedAt: EpochMs; source: CouponSource; groupId?: string },
): OwnedCoupon {
  return {
    _id: to.id,
    templateId: template._id,
    openid: to.openid,
    title: template.title,
    benefit: structuredClone(template.benefit),
    scope: structuredClone(template.scope),
    ...couponValidity(template, to.issuedAt),
    status: 'available',
    source: to.source,
    issuedAt: to.issuedAt,
    ...(to.groupId !== undefined ? { groupId: to.groupId } : {}),
  };
}
