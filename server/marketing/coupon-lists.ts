/** Read-side views: the claim centre and the caller's coupons. */
import type { CentreCoupon, MineStatus } from '@typings/api/marketing';
import type { CouponTemplate, OwnedCoupon } from '@typings/marketing/coupon';
import { issueRefusal, type IssueRefusal } from '../domain/pricing/coupon-issue';
import { isCollectionMissing } from '../lib/collections';
import type { ActionContext } from '../lib/context';
import { docsOf } from '../notify/db-results';
import { heldCounts, loadOpenTemplates, USER_COUPONS } from './coupon-store';

/** The claim centre: 2 reads (open templates, the caller's holdings of them). */
export async function couponCentre(ctx: ActionContext, openid: string): Promise<CentreCoupon[]> {
  const now = ctx.now();
  const templates = (await loadOpenTemplates(ctx.db, now)).filter((t) => !t.communityOnly);
  const held = await heldCounts(ctx.db, openid, templates.map((t) => t._id));
  return templates.map((t) => {
    const mine = held.get(t._id) ?? 0;
    return centreCoupon(t, mine, issueRefusal(t, { now, source: 'claim', heldByUser: mine }));
  });
}

/** A template as a claim page shows it: what is left, what the caller holds, and why it cannot claim (if not). */
export function centreCoupon(t: CouponTemplate, held: number, reason: IssueRefusal | null): CentreCoupon {
  return {
    templateId: t._id,
    title: t.title,
    benefit: t.benefit,
    scope: t.scope,
    validity: t.validity,
    claimEndsAt: t.claimEndsAt,
    remaining: t.totalQuantity === null ? null : Math.max(0, t.totalQuantity - t.issuedCount),
    held,
    perUserLimit: t.perUserLimit,
    canClaim: reason === null,
    ...(reason ? { reason } : {}),
  };
}

/** An available coupon past its validity shows as expired (the timer sets the status later). */
export function effectiveStatus(c: OwnedCoupon, now: number): OwnedCoupon['status'] {
  return c.status === 'available' && now >= c.validUntil ? 'expired' : c.status;
}

/** The caller's coupons, newest first (one read, at most 100). */
export async function myCoupons(ctx: ActionContext, openid: string, status: MineStatus): Promise<OwnedCoupon[]> {
  const now = ctx.now();
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { openid };
  if (status === 'available') Object.assign(where, { status: 'available', validUntil: _.gt(now) });
  else if (status === 'expired') where.status = _.in(['available', 'expired']);
  else if (status !== 'all') where.status = status;
  let list: OwnedCoupon[] = [];
  try {
    list = await docsOf<OwnedCoupon>(ctx.db.collection(USER_COUPONS).where(where).orderBy('issuedAt', 'desc').limit(100));
  } catch (e) {
    if (!isCollectionMissing(e)) throw e;
  }
  const shown = list.map((c) => ({ ...c, status: effectiveStatus(c, now) }));
  return status === 'expired' ? shown.filter((c) => c.status === 'expired') : shown;
}
