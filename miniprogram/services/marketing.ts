/** The `marketing` function's coupons (claim centre, claiming, the customer's own coupons), as pages use them. */
import type {
  AudienceGrantResult,
  CentreCoupon,
  ClaimBlock,
  ClaimResult,
  CommunityClaimResult,
  GrantAudience,
  InviteAcceptResult,
  InviteSummary,
  MineStatus,
  NewUserZone,
  PromotionInput,
  TemplateInput,
} from '../../typings/api/marketing';
import type { CouponTemplate } from '../../typings/marketing/coupon';
import type { InviteCampaign, InviteRefusal } from '../../typings/marketing/growth';
import type { Promotion } from '../../typings/marketing/promotion';
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

export function communityCoupon(templateId: string): Promise<{ coupon: CentreCoupon; perGroupLimit: number | null }> {
  return callCloud('marketing', 'community.view', { templateId });
}

/** Claims a community coupon with the share ticket's cloudID (the server resolves the group from it). */
export function claimCommunityCoupon(templateId: string, cloudID: string): Promise<CommunityClaimResult> {
  return callCloud('marketing', 'community.claim', { templateId, cloudID });
}

export function myInvite(): Promise<InviteSummary> {
  return callCloud('marketing', 'invites.mine', {});
}

export function acceptInvite(code: string): Promise<InviteAcceptResult> {
  return callCloud('marketing', 'invites.accept', { code });
}

export function newUserZone(): Promise<NewUserZone> {
  return callCloud('marketing', 'newUser.zone', {});
}

/** Staff. */
export function listCampaigns(): Promise<{ templates: CouponTemplate[]; promotions: Promotion[]; invite: InviteCampaign | null }> {
  return callCloud('marketing', 'campaigns.list', {});
}

export function saveTemplate(input: TemplateInput): Promise<{ template: CouponTemplate }> {
  return callCloud('marketing', 'campaigns.saveTemplate', input);
}

export function savePromotion(input: PromotionInput): Promise<{ promotion: Promotion }> {
  return callCloud('marketing', 'campaigns.savePromotion', input);
}

export function setCampaignEnabled(kind: 'template' | 'promotion', id: string, enabled: boolean): Promise<{ enabled: boolean }> {
  return callCloud('marketing', 'campaigns.setEnabled', { kind, id, enabled });
}

export function setInviteCampaign(enabled: boolean, inviterTemplateId: string, inviteeTemplateId: string): Promise<{ invite: InviteCampaign }> {
  return callCloud('marketing', 'campaigns.setInvite', { enabled, inviterTemplateId, inviteeTemplateId });
}

export function grantToAudience(templateId: string, audience: GrantAudience, cursor?: string): Promise<AudienceGrantResult> {
  return callCloud('marketing', 'coupons.grantAudience', { templateId, audience, ...(cursor ? { cursor } : {}) });
}

/** Why an invite did not bind, as the invite page says it. */
export const INVITE_REFUSAL_TEXT: Record<InviteRefusal, string> = {
  SELF_INVITE: '不能接受自己的邀请',
  NOT_NEW: '邀请仅限新顾客，你已是老朋友啦',
  ALREADY_BOUND: '你已接受过邀请',
  CAMPAIGN_OFF: '邀请活动暂未开启',
};

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

export { dateText } from '../utils/dates';
