/**
 * Issuing a coupon under a deterministic `_id` (invite rewards: `invite:<invitee>:inviter`): issuing the same id
 * twice — a retried follow-up, two payment callbacks racing — gives one coupon. The template's enabled flag and total
 * hold (`issuedCount < totalQuantity`); its per-user limit does not (an inviter earns one reward per friend, the id
 * bounds it). An existing id answers that coupon without touching the total; a lost insert race gives the total back.
 */
import type { CouponSource, CouponTemplate, OwnedCoupon } from '@typings/marketing/coupon';
import { issueCoupon, issueRefusal } from '../domain/pricing/coupon-issue';
import type { ActionContext } from '../lib/context';
import { docsOf, isDuplicateKey } from '../notify/db-results';
import { USER_COUPONS } from './coupon-store';
import { giveBack, takeOne, type IssueOutcome } from './issue-coupon';

async function existing(ctx: ActionContext, id: string): Promise<OwnedCoupon | undefined> {
  const [c] = await docsOf<OwnedCoupon>(ctx.db.collection(USER_COUPONS).where({ _id: id }).limit(1));
  return c;
}

export async function issueFixedCoupon(
  ctx: ActionContext,
  template: CouponTemplate,
  openid: string,
  couponId: string,
  source: CouponSource,
): Promise<IssueOutcome & { fresh?: boolean }> {
  const had = await existing(ctx, couponId);
  if (had) return { ok: true, coupon: had, fresh: false };
  const now = ctx.now();
  const refusal = issueRefusal(template, { now, source, heldByUser: 0 });
  if (refusal) return { ok: false, reason: refusal };
  if (!(await takeOne(ctx, template))) return { ok: false, reason: 'SOLD_OUT' };
  const coupon = issueCoupon(template, { id: couponId, openid, issuedAt: now, source });
  try {
    await ctx.db.collection(USER_COUPONS).add({ data: coupon });
  } catch (e) {
    await giveBack(ctx, template);
    if (!isDuplicateKey(e)) throw e;
    const winner = await existing(ctx, couponId);
    if (!winner) throw e;
    return { ok: true, coupon: winner, fresh: false };
  }
  ctx.log.info('coupon issued', { templateId: template._id, couponId, source });
  return { ok: true, coupon, fresh: true };
}
