/**
 * 社群专享: claiming a community-only coupon from a group share, with the per-group cap held under concurrency.
 *
 *   1. the template must be community-only (else PRECONDITION_FAILED);
 *   2. the group comes from the cloud id (share-group.ts), never from the client;
 *   3. the template's rules are checked first on what was read (claim window, per-user limit → CONFLICT, sold out),
 *      before any counter moves;
 *   4. one of the group's cap is taken on `community_group_claims/<templateId>|<openGId>`:
 *      `where({_id, count: _.lt(perGroupLimit)}).update({count: _.inc(1)})` (0 updated → GROUP_LIMIT), so 30 members
 *      of one group racing for a cap of 10 get exactly 10;
 *   5. the coupon is issued by issueOne (total + per-user slot); when that refuses, the group's one is given back.
 */
import type { CommunityClaimResult } from '@typings/api/marketing';
import type { CouponTemplate } from '@typings/marketing/coupon';
import type { GroupClaimCounter } from '@typings/marketing/growth';
import { issueRefusal } from '../domain/pricing/coupon-issue';
import type { ActionContext } from '../lib/context';
import { isCollectionMissing } from '../lib/collections';
import { docsOf, isDuplicateKey, updatedCount } from '../notify/db-results';
import { claimRefusal } from './claim-refusals';
import { heldCounts } from './coupon-store';
import { issueOne } from './issue-coupon';
import { shareGroupId, type OpenDataReader } from './share-group';

export const GROUP_CLAIMS = 'community_group_claims';

export function groupCounterId(templateId: string, groupId: string): string {
  return `${templateId}|${groupId}`;
}

/**
 * Takes one of the group's cap (no cap: counts only). false = the cap is reached. The counter is updated first (the
 * usual case: 1 write); only the group's first claim creates it, with count 1 (a concurrent creator makes the add
 * fail on the `_id`, and the update is tried again).
 */
async function takeGroupSlot(ctx: ActionContext, template: CouponTemplate, groupId: string): Promise<boolean> {
  const _ = ctx.db.command;
  const _id = groupCounterId(template._id, groupId);
  const cap = typeof template.perGroupLimit === 'number' ? template.perGroupLimit : null; // absent (or null) = no cap
  const where = cap === null ? { _id } : { _id, count: _.lt(cap) };
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await ctx.db.collection(GROUP_CLAIMS).where(where).update({ data: { count: _.inc(1), updatedAt: ctx.now() } });
    if (updatedCount(res) === 1) return true;
    if ((await groupClaimed(ctx, template._id, groupId)) > 0) return false; // the counter exists: the cap is reached
    if (cap !== null && cap < 1) return false;
    const doc: GroupClaimCounter = { _id, templateId: template._id, groupId, count: 1, updatedAt: ctx.now() };
    try {
      await ctx.db.collection(GROUP_CLAIMS).add({ data: doc });
      return true;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e; // created meanwhile by another member: take one from it
    }
  }
  return false;
}

async function giveGroupSlotBack(ctx: ActionContext, template: CouponTemplate, groupId: string): Promise<void> {
  const _ = ctx.db.command;
  try {
    await ctx.db
      .collection(GROUP_CLAIMS)
      .where({ _id: groupCounterId(template._id, groupId), count: _.gt(0) })
      .update({ data: { count: _.inc(-1), updatedAt: ctx.now() } });
  } catch (e) {
    ctx.log.error('group claim not given back', { templateId: template._id, groupId, error: e });
  }
}

/** How many a group claimed of a template (0 when it never claimed). */
export async function groupClaimed(ctx: ActionContext, templateId: string, groupId: string): Promise<number> {
  try {
    const [doc] = await docsOf<GroupClaimCounter>(ctx.db.collection(GROUP_CLAIMS).where({ _id: groupCounterId(templateId, groupId) }).limit(1));
    return doc?.count ?? 0;
  } catch (e) {
    if (isCollectionMissing(e)) return 0;
    throw e;
  }
}

export async function claimCommunityCoupon(
  ctx: ActionContext,
  template: CouponTemplate,
  openid: string,
  cloudID: string,
  reader?: OpenDataReader,
): Promise<CommunityClaimResult> {
  if (!template.communityOnly) throw claimRefusal('COMMUNITY_ONLY');
  const groupId = await shareGroupId(cloudID, reader);
  const held = (await heldCounts(ctx.db, openid, [template._id])).get(template._id) ?? 0;
  const early = issueRefusal(template, { now: ctx.now(), source: 'community', heldByUser: held, groupId, claimedInGroup: 0 });
  if (early) throw claimRefusal(early);
  if (!(await takeGroupSlot(ctx, template, groupId))) throw claimRefusal('GROUP_LIMIT');
  let out;
  try {
    out = await issueOne(ctx, template, openid, 'community', held, { groupId, claimedInGroup: 0 });
  } catch (e) {
    await giveGroupSlotBack(ctx, template, groupId);
    throw e;
  }
  if (!out.ok) {
    await giveGroupSlotBack(ctx, template, groupId);
    throw claimRefusal(out.reason);
  }
  return {
    coupon: out.coupon,
    groupClaimed: await groupClaimed(ctx, template._id, groupId),
    perGroupLimit: typeof template.perGroupLimit === 'number' ? template.perGroupLimit : null,
  };
}
