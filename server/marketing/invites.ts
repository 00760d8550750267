/**
 * 老带新, the customer's side: `invites.mine` (the caller's code, rewards and friends) and `invites.accept` (the
 * caller opened a friend's invite card: bind once, only a new customer, never oneself). The rewards are issued by
 * invite-rewards.ts when the invitee's first order is paid.
 */
import type { InviteAcceptResult, InviteSummary } from '@typings/api/marketing';
import type { CouponTemplate } from '@typings/marketing/coupon';
import type { InviteBindingDoc } from '@typings/marketing/growth';
import type { UserDoc } from '@typings/shop/attribution';
import { inviteRefusal } from '../domain/pricing/invite-rules';
import type { ActionContext } from '../lib/context';
import { orEmpty } from '../lib/collections';
import { AppError } from '../lib/errors';
import { docsOf } from '../notify/db-results';
import { COUPON_TEMPLATES } from './coupon-store';
import { ensureInvite, insertBinding, INVITE_BINDINGS, inviteByCode, loadBinding, loadInviteCampaign } from './invite-store';
import { PAID_STATUSES } from './promotion-store';

async function hasPaidOrder(ctx: ActionContext, openid: string): Promise<boolean> {
  const _ = ctx.db.command;
  const paid = await orEmpty(() =>
    docsOf<{ _id: string }>(ctx.db.collection('orders').where({ openid, status: _.in([...PAID_STATUSES]) }).field({ _id: true }).limit(1)),
  );
  return paid.length > 0;
}

async function nicknames(ctx: ActionContext, openids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (openids.length === 0) return out;
  const users = await orEmpty(() =>
    docsOf<Pick<UserDoc, '_id' | 'nickname'>>(
      ctx.db.collection('users').where({ _id: ctx.db.command.in([...openids]) }).field({ _id: true, nickname: true }).limit(openids.length),
    ),
  );
  for (const u of users) if (u.nickname) out.set(u._id, u.nickname);
  return out;
}

/** Masks a nickname for another customer's eyes: `小*` (unknown: `微信用户`). */
export function maskedName(name: string | undefined): string {
  if (!name) return '微信用户';
  const chars = [...name];
  return chars.length <= 1 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}

export async function inviteSummary(ctx: ActionContext, openid: string): Promise<InviteSummary> {
  const [invite, campaign, bindings] = await Promise.all([
    ensureInvite(ctx.db, openid, ctx.now()),
    loadInviteCampaign(ctx.db),
    orEmpty(() => docsOf<InviteBindingDoc>(ctx.db.collection(INVITE_BINDINGS).where({ inviter: openid }).orderBy('boundAt', 'desc').limit(100))),
  ]);
  const templateIds = campaign ? [campaign.inviterTemplateId, campaign.inviteeTemplateId] : [];
  const [templates, names] = await Promise.all([
    templateIds.length
      ? orEmpty(() => docsOf<CouponTemplate>(ctx.db.collection(COUPON_TEMPLATES).where({ _id: ctx.db.command.in(templateIds) }).limit(2)))
      : Promise.resolve([] as CouponTemplate[]),
    nicknames(ctx, bindings.map((b) => b._id)),
  ]);
  const reward = (id: string | undefined) => {
    const t = templates.find((x) => x._id === id);
    return t ? { title: t.title, benefit: t.benefit } : null;
  };
  return {
    code: invite.code,
    enabled: Boolean(campaign?.enabled) && templates.length > 0,
    inviterReward: reward(campaign?.inviterTemplateId),
    inviteeReward: reward(campaign?.inviteeTemplateId),
    friends: bindings.map((b) => ({ nickname: maskedName(names.get(b._id)), boundAt: b.boundAt, rewarded: b.status === 'rewarded' })),
    invitedCount: bindings.length,
    rewardedCount: bindings.filter((b) => b.status === 'rewarded').length,
  };
}

export async function acceptInvite(ctx: ActionContext, invitee: string, code: string): Promise<InviteAcceptResult> {
  const invite = await inviteByCode(ctx.db, code);
  if (!invite) throw new AppError('NOT_FOUND', '邀请不存在或已失效');
  const [campaign, binding, paid] = await Promise.all([loadInviteCampaign(ctx.db), loadBinding(ctx.db, invitee), hasPaidOrder(ctx, invitee)]);
  const refusal = inviteRefusal({
    inviter: invite._id,
    invitee,
    campaignEnabled: Boolean(campaign?.enabled),
    inviteeHasPaidOrder: paid,
    alreadyBound: binding !== undefined,
  });
  if (refusal) return { bound: false, reason: refusal };
  const doc: InviteBindingDoc = { _id: invitee, inviter: invite._id, code: invite.code, boundAt: ctx.now(), status: 'bound' };
  if (!(await insertBinding(ctx.db, doc))) return { bound: false, reason: 'ALREADY_BOUND' };
  ctx.log.info('invite bound', { inviter: invite._id, invitee });
  const names = await nicknames(ctx, [invite._id]);
  return { bound: true, inviterNickname: maskedName(names.get(invite._id)) };
}
