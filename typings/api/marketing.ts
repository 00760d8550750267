/**
 * Contract of the `marketing` cloud function: the claim centre, claiming, the caller's coupons and staff grants.
 * Coupons come from `coupon_templates` and are held in `user_coupons` (typings/marketing/coupon.ts).
 */
import type { ActionSpec } from '../envelope';
import type { EpochMs } from '../shop/common';
import type { CouponBenefit, CouponValidity, OwnedCoupon, OwnedCouponStatus } from '../marketing/coupon';
import type { Scope } from '../marketing/scope';
import type { CouponTemplate } from '../marketing/coupon';
import type { FullReductionPromotion, NewUserOffer, Promotion } from '../marketing/promotion';
import type { InviteCampaign, InviteRefusal, SegmentName } from '../marketing/growth';
import type { Fen } from '../shop/common';
import type { MemberTier } from '../marketing/member';

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

/** A community claim: the coupon, and how many the group has claimed of its cap. */
export interface CommunityClaimResult extends ClaimResult {
  groupClaimed: number;
  perGroupLimit: number | null;
}

/** The caller's invite page. */
export interface InviteSummary {
  /** The caller's invite code (the share card's path carries `r=<code>`). */
  code: string;
  /** Whether the campaign runs (rewards configured and enabled). */
  enabled: boolean;
  /** What each side gets (null when not configured). */
  inviterReward: { title: string; benefit: CouponBenefit } | null;
  inviteeReward: { title: string; benefit: CouponBenefit } | null;
  /** Friends who accepted the caller's invite (newest first, at most 100). */
  friends: { nickname: string; boundAt: EpochMs; rewarded: boolean }[];
  invitedCount: number;
  rewardedCount: number;
}

export type InviteAcceptResult = { bound: true; inviterNickname: string } | { bound: false; reason: InviteRefusal };

/** One goods of the new-user zone, with its zone price. */
export interface NewUserZoneItem {
  offerId: string;
  goodsId: string;
  skuId?: string;
  title: string;
  image: string;
  /** The normal price of one unit (the goods' lowest SKU price, or the SKU's). */
  priceFen: Fen;
  zonePriceFen: Fen;
}

export interface NewUserZone {
  /** The caller may still buy at zone prices (no paid order, no zone purchase held). */
  isNew: boolean;
  offers: { offerId: string; title: string; endsAt: EpochMs }[];
  items: NewUserZoneItem[];
}

/** Who a staff grant reaches. */
export type GrantAudience = { type: 'tier'; tier: MemberTier } | { type: 'segment'; segment: SegmentName };

export interface AudienceGrantResult {
  /** Customers looked at in this batch. */
  scanned: number;
  granted: number;
  /** Refusals by reason (e.g. PER_USER_LIMIT for a customer who already holds one). */
  refused: Partial<Record<ClaimBlock, number>>;
  /** Pass it back as `cursor` for the next batch; null = done. */
  nextCursor: string | null;
}

/** What staff send to create (no id) or update (id) a coupon template: the template less what the server keeps. */
export type TemplateInput = Omit<CouponTemplate, '_id' | 'issuedCount' | 'createdAt'> & { id?: string };

/** What staff send to create or update a 满减 or a new-user offer. */
export type PromotionInput =
  | ({ id?: string } & Omit<FullReductionPromotion, '_id'>)
  | ({ id?: string } & Omit<NewUserOffer, '_id'>);

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

  /** The community template a group share opens (canClaim ignores the group: that is checked on claiming). */
  'community.view': ActionSpec<{ templateId: string }, { coupon: CentreCoupon; perGroupLimit: number | null }>;
  /**
   * Claims a community coupon from a group share: `cloudID` is what wx.getShareInfo({shareTicket}) gave the page;
   * the server resolves it with cloud.getOpenData (the group's openGId; never trusted from the client). FORBIDDEN
   * for a forged cloud id or one of another user; PRECONDITION_FAILED when it names no group or the template is not
   * community-only; CONFLICT for the per-group cap (GROUP_LIMIT) or the per-user limit; OUT_OF_STOCK.
   */
  'community.claim': ActionSpec<{ templateId: string; cloudID: string }, CommunityClaimResult>;
  /** The caller's invite code (created on first call), rewards and invited friends. */
  'invites.mine': ActionSpec<Record<string, never>, InviteSummary>;
  /**
   * The caller opened a friend's invite: binds the caller to the inviter once, only when the caller is new (no
   * paid order) and not the inviter. NOT_FOUND for an unknown code.
   */
  'invites.accept': ActionSpec<{ code: string }, InviteAcceptResult>;
  /** The new-user zone: active offers and their goods with the zone price, and whether the caller is new. */
  'newUser.zone': ActionSpec<Record<string, never>, NewUserZone>;
  /**
   * Staff: grants one coupon of a template to each customer of an audience, one batch (≤ 100 customers) per call,
   * within the total and per-user limits (a second run gives nobody a second coupon of a perUserLimit-1 template).
   */
  'coupons.grantAudience': ActionSpec<{ templateId: string; audience: GrantAudience; cursor?: string }, AudienceGrantResult>;
  /** Staff: every coupon template and promotion (newest first, ≤ 100 each) and the invite campaign. */
  'campaigns.list': ActionSpec<Record<string, never>, { templates: CouponTemplate[]; promotions: Promotion[]; invite: InviteCampaign | null }>;
  /** Staff: creates or updates a coupon template (issuedCount and createdAt are kept). */
  'campaigns.saveTemplate': ActionSpec<TemplateInput, { template: CouponTemplate }>;
  /** Staff: creates or updates a 满减 (tiers: thresholds above reductions) or a new-user offer. */
  'campaigns.savePromotion': ActionSpec<PromotionInput, { promotion: Promotion }>;
  /** Staff: switches a template or a promotion on or off. NOT_FOUND for an unknown id. */
  'campaigns.setEnabled': ActionSpec<{ kind: 'template' | 'promotion'; id: string; enabled: boolean }, { enabled: boolean }>;
  /** Staff: the invite campaign's reward templates (both must exist). */
  'campaigns.setInvite': ActionSpec<{ enabled: boolean; inviterTemplateId: string; inviteeTemplateId: string }, { invite: InviteCampaign }>;
};

