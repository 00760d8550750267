/**
 * 老带新 rewards: when an invited customer's first order is paid, both the inviter and the invitee get their reward
 * coupon — exactly once. Called by order-follow-up.ts on every unpaid → paid transition; never throws.
 *
 *   binding `invite_bindings/<invitee>` bound → rewarded, by `where({_id, status: 'bound'})` with the orderNo:
 *     one paid order wins even when two are paid at once; a retried follow-up of the SAME order resumes;
 *   the coupons get the ids `invite:<invitee>:inviter` / `invite:<invitee>:invitee` (issue-fixed-coupon.ts), so
 *     however often this runs, each exists once.
 * The campaign off (or a template missing) at that moment: the binding lapses, no rewards.
 */
import type { CouponTemplate } from '@typings/marketing/coupon';
import type { OrderDoc } from '@typings/shop/order';
import { inviteRewardIds, rewardStep } from '../domain/pricing/invite-rules';
import type { ActionContext } from '../lib/context';
import { docsOf, updatedCount } from '../notify/db-results';
import { COUPON_TEMPLATES } from './coupon-store';
import { issueFixedCoupon } from './issue-fixed-coupon';
import { INVITE_BINDINGS, loadBinding, loadInviteCampaign } from './invite-store';

export interface InviteRewardOutcome {
  rewarded: boolean;
  reason?: 'no_binding' | 'not_first' | 'lapsed';
  couponIds?: string[];
}

async function claimBinding(ctx: ActionContext, invitee: string, orderNo: string, status: 'rewarded' | 'lapsed'): Promise<boolean> {
  const res = await ctx.db
    .collection(INVITE_BINDINGS)
    .where({ _id: invitee, status: 'bound' })
    .update({ data: { status, orderNo, rewardedAt: ctx.now() } });
  return updatedCount(res) === 1;
}

export async function rewardInvite(ctx: ActionContext, order: Pick<OrderDoc, 'openid' | 'orderNo'>): Promise<InviteRewardOutcome> {
  const invitee = order.openid;
  const binding = await loadBinding(ctx.db, invitee);
  let step = rewardStep(binding, order.orderNo);
  if (!binding || step === 'none') return { rewarded: false, reason: binding ? 'not_first' : 'no_binding' };

  const campaign = await loadInviteCampaign(ctx.db);
  const ids = campaign?.enabled ? [campaign.inviterTemplateId, campaign.inviteeTemplateId] : [];
  const templates = ids.length
    ? await docsOf<CouponTemplate>(ctx.db.collection(COUPON_TEMPLATES).where({ _id: ctx.db.command.in(ids) }).limit(2))
    : [];
  const inviterT = templates.find((t) => t._id === campaign?.inviterTemplateId);
  const inviteeT = templates.find((t) => t._id === campaign?.inviteeTemplateId);
  if (step === 'claim') {
    const off = !inviterT || !inviteeT;
    if (!(await claimBinding(ctx, invitee, order.orderNo, off ? 'lapsed' : 'rewarded'))) {
      step = rewardStep(await loadBinding(ctx.db, invitee), order.orderNo);
      if (step !== 'resume') return { rewarded: false, reason: 'not_first' };
    } else if (off) {
      ctx.log.warn('invite lapsed: campaign off', { invitee, orderNo: order.orderNo });
      return { rewarded: false, reason: 'lapsed' };
    }
  }
  if (!inviterT || !inviteeT) return { rewarded: false, reason: 'lapsed' };

  const rewardIds = inviteRewardIds(invitee);
  const results = await Promise.all([
    issueFixedCoupon(ctx, inviterT, binding.inviter, rewardIds.inviter, 'invite'),
    issueFixedCoupon(ctx, inviteeT, invitee, rewardIds.invitee, 'invite'),
  ]);
  for (const r of results) if (!r.ok) ctx.log.warn('invite reward not issued', { invitee, reason: r.reason });
  return { rewarded: true, couponIds: results.filter((r) => r.ok).map((r) => (r.ok ? r.coupon._id : '')) };
}
