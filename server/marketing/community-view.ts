/** `community.view`: the community template a group share opens, as the claim page shows it (2 reads). */
import type { CentreCoupon } from '@typings/api/marketing';
import type { CouponTemplate } from '@typings/marketing/coupon';
import { issueRefusal } from '../domain/pricing/coupon-issue';
import type { ActionContext } from '../lib/context';
import { AppError } from '../lib/errors';
import { centreCoupon } from './coupon-lists';
import { heldCounts } from './coupon-store';

export async function communityView(
  ctx: ActionContext,
  openid: string,
  t: CouponTemplate,
): Promise<{ coupon: CentreCoupon; perGroupLimit: number | null }> {
  if (!t.communityOnly) throw new AppError('PRECONDITION_FAILED', '这不是社群专享券');
  const held = (await heldCounts(ctx.db, openid, [t._id])).get(t._id) ?? 0;
  // the group is checked on claiming; here any group stands in for it
  const reason = issueRefusal(t, { now: ctx.now(), source: 'community', heldByUser: held, groupId: '-', claimedInGroup: 0 });
  return {
    coupon: centreCoupon(t, held, reason),
    perGroupLimit: typeof t.perGroupLimit === 'number' ? t.perGroupLimit : null,
  };
}
