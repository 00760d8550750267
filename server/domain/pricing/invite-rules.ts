/**
 * 老带新 rules, pure: may an invite bind this customer to the inviter, and the deterministic ids of the two reward
 * coupons (one pair per invitee, so a reward can never be issued twice, whatever retries or races happen).
 */
import type { InviteBindingDoc, InviteRefusal } from '../../../typings/marketing/growth';

export interface InviteFacts {
  inviter: string;
  invitee: string;
  campaignEnabled: boolean;
  /** The invitee has a paid order (then they are not new: an invite cannot claim them). */
  inviteeHasPaidOrder: boolean;
  /** The invitee is bound to an inviter already (bindings never change). */
  alreadyBound: boolean;
}

/** Why the invite may not bind (null = may). Checked in this order: self, campaign, bound, new. */
export function inviteRefusal(f: InviteFacts): InviteRefusal | null {
  if (f.inviter === f.invitee) return 'SELF_INVITE';
  if (!f.campaignEnabled) return 'CAMPAIGN_OFF';
  if (f.alreadyBound) return 'ALREADY_BOUND';
  if (f.inviteeHasPaidOrder) return 'NOT_NEW';
  return null;
}

/** The `_id`s of the reward coupons earned by the invitee's first paid order. */
export function inviteRewardIds(invitee: string): { inviter: string; invitee: string } {
  return { inviter: `invite:${invitee}:inviter`, invitee: `invite:${invitee}:invitee` };
}

/**
 * What a paid order of the binding's invitee does: `claim` (the binding is still bound: this is the first paid
 * order), `resume` (the binding was claimed by this same order: a retried follow-up, issue what is missing) or
 * `none` (another order earned it, or it lapsed).
 */
export function rewardStep(binding: Pick<InviteBindingDoc, 'status' | 'orderNo'> | undefined, orderNo: string): 'claim' | 'resume' | 'none' {
  if (!binding) return 'none';
  if (binding.status === 'bound') return 'claim';
  return binding.status === 'rewarded' && binding.orderNo === orderNo ? 'resume' : 'none';
}
