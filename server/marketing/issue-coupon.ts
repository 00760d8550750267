/**
 * Issuing one coupon of a template to one customer (claim or grant), with the limits held under concurrency:
 *
 * 1. decide with the domain (`issueRefusal`) on what was read: enabled, claim window, held by the user;
 * 2. take one of the total: `where({_id, issuedCount: _.lt(totalQuantity)}).update({issuedCount: _.inc(1)})`
 *    (0 updated → SOLD_OUT), so 100 customers racing for 30 left get exactly 30;
 * 3. take a per-user slot: the coupon is inserted with the deterministic `_id` `${templateId}:${openid}:${n}`
 *    for n = held+1 … perUserLimit; an existing `_id` refuses the insert, so two racing claims of the same customer
 *    cannot both take slot n (all slots taken → PER_USER_LIMIT);
 * 4. a failed slot gives the total back (`issuedCount: _.inc(-1)`).
 */
import type { CouponSource, CouponTemplate, OwnedCoupon } from '@typings/marketing/coupon';
import { issueCoupon, issueRefusal, type IssueRefusal } from '../domain/pricing/coupon-issue';
import type { ActionContext } from '../lib/context';
import { isDuplicateKey, updatedCount } from '../notify/db-results';
import { COUPON_TEMPLATES, heldCounts, USER_COUPONS } from './coupon-store';

export type IssueOutcome = { ok: true; coupon: OwnedCoupon } | { ok: false; reason: IssueRefusal };

/** The `_id` of a customer's n-th coupon of a template (n ≥ 1). */
export function couponSlotId(templateId: string, openid: string, n: number): string {
  return `${templateId}:${openid}:${n}`;
}

/** Takes one of the template's total (`issuedCount < totalQuantity`); false = sold out. */
export async function takeOne(ctx: ActionContext, template: CouponTemplate): Promise<boolean> {
  const _ = ctx.db.command;
  const where =
    template.totalQuantity === null ? { _id: template._id } : { _id: template._id, issuedCount: _.lt(template.totalQuantity) };
  const res = await ctx.db.collection(COUPON_TEMPLATES).where(where).update({ data: { issuedCount: _.inc(1) } });
  return updatedCount(res) === 1;
}

/** Gives one back to the template's total (the coupon was not issued after all). */
export async function giveBack(ctx: ActionContext, template: CouponTemplate): Promise<void> {
  const _ = ctx.db.command;
  try {
    await ctx.db.collection(COUPON_TEMPLATES).where({ _id: template._id }).update({ data: { issuedCount: _.inc(-1) } });
  } catch (e) {
    ctx.log.error('coupon quantity not given back', { templateId: template._id, error: e });
  }
}

export async function issueOne(
  ctx: ActionContext,
  template: CouponTemplate,
  openid: string,
  source: CouponSource,
  held?: number,
  /** Community claims: the verified group and how many it claimed (its cap is taken by the caller, see community-claims.ts). */
  community?: { groupId: string; claimedInGroup: number },
): Promise<IssueOutcome> {
  const now = ctx.now();
  const heldByUser = held ?? (await heldCounts(ctx.db, openid, [template._id])).get(template._id) ?? 0;
  const refusal = issueRefusal(template, { now, source, heldByUser, ...(community ?? {}) });
  if (refusal) return { ok: false, reason: refusal };
  if (!(await takeOne(ctx, template))) return { ok: false, reason: 'SOLD_OUT' };

  for (let n = heldByUser + 1; n <= template.perUserLimit; n++) {
    const coupon = issueCoupon(template, {
      id: couponSlotId(template._id, openid, n),
      openid,
      issuedAt: now,
      source,
      ...(community ? { groupId: community.groupId } : {}),
    });
    try {
      await ctx.db.collection(USER_COUPONS).add({ data: coupon });
      ctx.log.info('coupon issued', { templateId: template._id, couponId: coupon._id, source });
      return { ok: true, coupon };
    } catch (e) {
      if (isDuplicateKey(e)) continue;
      await giveBack(ctx, template);
      throw e;
    }
  }
  await giveBack(ctx, template);
  return { ok: false, reason: 'PER_USER_LIMIT' };
}
