/**
 * One new-user purchase per customer, held under concurrency: `new_user_claims/<openid>` is CREATED (add with that
 * `_id`) by the checkout that uses a new-user price, so a second checkout of the same customer fails on the
 * existing `_id`. Removed again when that order is cancelled unpaid (or its creation fails); marked used once paid.
 */
import type { ActionContext } from '../lib/context';
import { isDuplicateKey, updatedCount } from '../notify/db-results';

export const NEW_USER_CLAIMS = 'new_user_claims';

export interface NewUserClaimDoc {
  _id: string;
  offerId: string;
  orderNo: string;
  status: 'held' | 'used';
  at: number;
}

/** false when the customer already holds a claim. */
export async function claimNewUser(ctx: ActionContext, openid: string, offerId: string, orderNo: string): Promise<boolean> {
  const doc: NewUserClaimDoc = { _id: openid, offerId, orderNo, status: 'held', at: ctx.now() };
  try {
    await ctx.db.collection(NEW_USER_CLAIMS).add({ data: doc });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

export async function releaseNewUser(ctx: ActionContext, openid: string, orderNo: string): Promise<boolean> {
  const res = await ctx.db.collection(NEW_USER_CLAIMS).where({ _id: openid, orderNo, status: 'held' }).remove();
  return ((res as { stats?: { removed?: number } }).stats?.removed ?? 0) === 1;
}

export async function moveNewUserClaim(ctx: ActionContext, openid: string, fromNo: string, toNo: string): Promise<boolean> {
  const res = await ctx.db.collection(NEW_USER_CLAIMS).where({ _id: openid, orderNo: fromNo, status: 'held' }).update({ data: { orderNo: toNo } });
  return updatedCount(res) === 1;
}

export async function useNewUser(ctx: ActionContext, openid: string, orderNo: string): Promise<boolean> {
  const res = await ctx.db.collection(NEW_USER_CLAIMS).where({ _id: openid, orderNo, status: 'held' }).update({ data: { status: 'used' } });
  return updatedCount(res) === 1;
}
