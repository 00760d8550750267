/**
 * Growth: community coupons claimed per WeChat group, invite-a-friend (老带新) and its reward campaign.
 * Collections: `community_group_claims`, `invites`, `invite_bindings`, `campaigns`.
 */
import type { EpochMs, OpenId } from '../shop/common';

/** `community_group_claims/<templateId>|<openGId>`: coupons of a community template claimed from one group. */
export interface GroupClaimCounter {
  _id: string;
  templateId: string;
  /** The group's open id (openGId from the share ticket, resolved on the server). */
  groupId: string;
  /** Changed only by conditional updates (`count < perGroupLimit` to take, `count > 0` to give back). */
  count: number;
  updatedAt: EpochMs;
}

/** `invites/<inviter openid>`: the customer's invite code (shared in the card's path as `r=<code>`, never the openid). */
export interface InviteDoc {
  _id: OpenId;
  code: string;
  createdAt: EpochMs;
}

/**
 * `invite_bindings/<invitee openid>`: who invited this customer. Created once (the `_id` is the invitee, so a second
 * binding is refused by the database); `bound` → `rewarded` when the invitee's first paid order is paid (or
 * `lapsed` when the invite campaign was off at that moment: no rewards, ever).
 */
export interface InviteBindingDoc {
  _id: OpenId;
  inviter: OpenId;
  code: string;
  boundAt: EpochMs;
  status: 'bound' | 'rewarded' | 'lapsed';
  /** The paid order that earned the rewards. */
  orderNo?: string;
  rewardedAt?: EpochMs;
}

/** `campaigns/invite`: the invite campaign (which templates reward whom). */
export interface InviteCampaign {
  _id: 'invite';
  enabled: boolean;
  /** Reward of the customer who shared the invite. */
  inviterTemplateId: string;
  /** Reward of the invited friend. */
  inviteeTemplateId: string;
  updatedAt: EpochMs;
}

/** Why an invite could not bind the caller to the inviter. */
export type InviteRefusal = 'SELF_INVITE' | 'NOT_NEW' | 'ALREADY_BOUND' | 'CAMPAIGN_OFF';

/** Customer segments of the analytics domain (server/analytics/segment-members.ts). */
export type { SegmentName } from '../shop/analytics';
