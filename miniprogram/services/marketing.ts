/** The `marketing` function's coupons (claim centre, claiming, the customer's own coupons), as pages use them. */
import type { CentreCoupon, ClaimBlock, ClaimResult, MineStatus } from '../../typings/api/marketing';
import type { CouponBenefit, OwnedCoupon } from '../../typings/marketing/coupon';
import { callCloud } from './cloud';
import { yuan } from '../utils/money';

export function couponCentre(): Promise<{ coupons: CentreCoupon[] }> {
  return callCloud('marketing', 'coupons.centre', {});
}

export function claimCoupon(templateId: string): Promise<ClaimResult> {
  return callCloud('marketing', 'coupons.claim', { templateId });
}

export function myCoupons(status: MineStatus): Promise<{ coupons: OwnedCoupon[] }> {
  return callCloud('marketing', 'coupons.mine', { status });
}

/** What a coupon takes off, as text: `满30减5`, `5元无门槛`, `8.5折`. */
export function benefitText(b: CouponBenefit): string {
  switch (b.kind) {
    case 'threshold':
      return `满${yuan(b.thresholdFen).replace(/\.00$/, '')}减${yuan(b.amountFen).replace(/\.00$/, '')}`;
    case 'fixed':
      return `${yuan(b.amountFen).replace(/\.00$/, '')}元无门槛`;
    case 'percentage':
      return `${(100 - b.percentOff) / 10}折`;
  }
}

/** Why a template cannot be claimed, as the claim button says it. */
export const CLAIM_BLOCK_TEXT: Record<ClaimBlock, string> = {
  DISABLED: '已停用',
  NOT_STARTED: '未开始',
  ENDED: '已结束',
  SOLD_OUT: '已抢光',
  PER_USER_LIMIT: '已领取',
  COMMUNITY_ONLY: '社群专享',
  GROUP_LIMIT: '群内已领完',
};

/** `2026-11-25` in the phone's time zone. */
export function dateText(at: number): string {
  const d = new Date(at);
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}
