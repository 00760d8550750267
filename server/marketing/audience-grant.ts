/**
 * `coupons.grantAudience` (staff): one coupon of a template to every customer of an audience, in bounded batches
 * (≤ 100 customers per call; the answer's `nextCursor` continues). Each customer gets it through issueOne, so the
 * total and per-user limits hold exactly as for claims (a rerun gives nobody a second coupon of a perUserLimit-1
 * template). Holdings of the batch are read with one `_.in` query.
 *
 * Audiences:
 * - tier N ≥ 1: `members` documents with `tier: N` (the member helper's collection; the openid is `openid` or `_id`);
 * - tier 0: users (`users`, by `_id`) with no member document or tier 0 — read tolerantly;
 * - segment: the analytics domain's customer facts, one page at a time (segment-source.ts).
 */
import type { AudienceGrantResult, ClaimBlock, GrantAudience } from '@typings/api/marketing';
import type { CouponTemplate, OwnedCoupon } from '@typings/marketing/coupon';
import type { ActionContext } from '../lib/context';
import { orEmpty } from '../lib/collections';
import { docsOf } from '../notify/db-results';
import { USER_COUPONS } from './coupon-store';
import { issueOne } from './issue-coupon';
import { segmentBatch } from './segment-source';

export const AUDIENCE_BATCH = 100;
export const MEMBERS = 'members';

interface MemberLike {
  _id: string;
  openid?: unknown;
  tier?: unknown;
}

const memberOpenid = (m: MemberLike): string => (typeof m.openid === 'string' && m.openid ? m.openid : m._id);
const tierOf = (m: MemberLike | undefined): number => (m && typeof m.tier === 'number' ? m.tier : 0);

export interface AudienceBatch {
  openids: string[];
  /** Documents looked at (may be more than openids, e.g. tier-0 users who turned out to be members). */
  scanned: number;
  nextCursor: string | null;
}

/** One batch of an audience after `cursor` (ids ascending). */
export async function audienceBatch(ctx: ActionContext, audience: GrantAudience, cursor: string | undefined): Promise<AudienceBatch> {
  const _ = ctx.db.command;
  const after = cursor ? { _id: _.gt(cursor) } : {};
  if (audience.type === 'segment') return segmentBatch(ctx, audience.segment, cursor, AUDIENCE_BATCH);
  if (audience.tier > 0) {
    const docs = await orEmpty(() =>
      docsOf<MemberLike>(ctx.db.collection(MEMBERS).where({ tier: audience.tier, ...after }).orderBy('_id', 'asc').limit(AUDIENCE_BATCH)),
    );
    return {
      openids: docs.map(memberOpenid),
      scanned: docs.length,
      nextCursor: docs.length === AUDIENCE_BATCH ? docs[docs.length - 1]!._id : null,
    };
  }
  const users = await orEmpty(() =>
    docsOf<{ _id: string }>(ctx.db.collection('users').where(after).orderBy('_id', 'asc').field({ _id: true }).limit(AUDIENCE_BATCH)),
  );
  const ids = users.map((u) => u._id);
  const members = ids.length
    ? await orEmpty(() => docsOf<MemberLike>(ctx.db.collection(MEMBERS).where(_.or([{ _id: _.in(ids) }, { openid: _.in(ids) }])).limit(ids.length * 2)))
    : [];
  const tiers = new Map(members.map((m) => [memberOpenid(m), m]));
  return {
    openids: ids.filter((id) => tierOf(tiers.get(id)) === 0),
    scanned: users.length,
    nextCursor: users.length === AUDIENCE_BATCH ? ids[ids.length - 1]! : null,
  };
}

async function heldByMany(ctx: ActionContext, templateId: string, openids: readonly string[]): Promise<Map<string, number>> {
  const held = new Map<string, number>();
  if (openids.length === 0) return held;
  const docs = await orEmpty(() =>
    docsOf<Pick<OwnedCoupon, 'openid'>>(
      ctx.db.collection(USER_COUPONS).where({ templateId, openid: ctx.db.command.in([...openids]) }).field({ openid: true }).limit(1000),
    ),
  );
  for (const d of docs) held.set(d.openid, (held.get(d.openid) ?? 0) + 1);
  return held;
}

export async function grantToAudience(
  ctx: ActionContext,
  template: CouponTemplate,
  audience: GrantAudience,
  cursor: string | undefined,
): Promise<AudienceGrantResult> {
  const batch = await audienceBatch(ctx, audience, cursor);
  const openids = [...new Set(batch.openids)];
  const held = await heldByMany(ctx, template._id, openids);
  const result: AudienceGrantResult = { scanned: batch.scanned, granted: 0, refused: {}, nextCursor: batch.nextCursor };
  // one at a time: each grant's conditional update of the total sees the previous one's
  for (const openid of openids) {
    const out = await issueOne(ctx, template, openid, 'grant', held.get(openid) ?? 0);
    if (out.ok) result.granted += 1;
    else {
      const reason = out.reason as ClaimBlock;
      result.refused[reason] = (result.refused[reason] ?? 0) + 1;
    }
  }
  ctx.log.info('audience grant', { templateId: template._id, audience, granted: result.granted, refused: result.refused });
  return result;
}
