/**
 * Points gifts (`points_gifts`) and their exchange. An exchange is ONE member transaction: the exchange record
 * `points_exchanges/<openid>:<requestId>` (found → the earlier answer, nothing spent again), the gift's stock
 * (read and set to stock − 1 inside the transaction: concurrent exchanges conflict at commit and are retried, so
 * 5 in stock → exactly 5 exchanges), the ledger spend `exchange:<requestId>` and the record, committed together.
 */
import type { ExchangeResult, GiftView } from '@typings/api/member';
import type { PointsExchangeDoc, PointsGiftDoc } from '@typings/marketing/points';
import { applyMemberOps, spendableNow } from '../domain/member/member-account';
import { orEmpty } from '../lib/collections';
import type { ActionContext } from '../lib/context';
import { AppError } from '../lib/errors';
import { docsOf } from '../notify/db-results';
import { loadCheckoutSettings } from '../orders/order-settings';
import { changeMember, loadMember } from './member-store';

export const POINTS_GIFTS = 'points_gifts';
export const POINTS_EXCHANGES = 'points_exchanges';

/** Enabled gifts in display order (at most 100). One read. */
export async function loadGifts(ctx: Pick<ActionContext, 'db'>): Promise<PointsGiftDoc[]> {
  return orEmpty(() => docsOf<PointsGiftDoc>(ctx.db.collection(POINTS_GIFTS).where({ enabled: true }).orderBy('sort', 'asc').limit(100)));
}

/** The gift list with the caller's balance: 2 reads in parallel. */
export async function giftList(ctx: ActionContext, openid: string): Promise<{ gifts: GiftView[]; balance: number }> {
  const now = ctx.now();
  const [gifts, member] = await Promise.all([loadGifts(ctx), loadMember(ctx.db, openid, now)]);
  const balance = spendableNow(member, now);
  return {
    balance,
    gifts: gifts.map((g) => {
      const reason = g.stock < 1 ? ('SOLD_OUT' as const) : balance < g.pointsCost ? ('NOT_ENOUGH_POINTS' as const) : undefined;
      return {
        giftId: g._id,
        title: g.title,
        image: g.image,
        description: g.description,
        pointsCost: g.pointsCost,
        stock: g.stock,
        canExchange: reason === undefined,
        ...(reason ? { reason } : {}),
      };
    }),
  };
}

type ExchangeOutcome = { ok: true; result: ExchangeResult } | { ok: false; error: AppError };

export async function exchangeGift(ctx: ActionContext, openid: string, giftId: string, requestId: string): Promise<ExchangeResult> {
  const { pricing } = await loadCheckoutSettings(ctx.db);
  const recordId = `${openid}:${requestId}`;
  const entryId = `exchange:${requestId}`;
  const outcome = await changeMember<ExchangeOutcome>(ctx, openid, async (member, tx) => {
    const now = ctx.now();
    const earlier = await tx.get<PointsExchangeDoc>(POINTS_EXCHANGES, recordId);
    if (earlier) {
      if (earlier.giftId !== giftId) return { member: null, result: { ok: false, error: new AppError('CONFLICT', '该兑换请求已用于其他礼品') } };
      const result = { giftId, title: earlier.title, pointsCost: earlier.pointsCost, at: earlier.at, balance: spendableNow(member, now), duplicate: true };
      return { member: null, result: { ok: true, result } };
    }
    const gift = await tx.get<PointsGiftDoc>(POINTS_GIFTS, giftId);
    if (!gift || !gift.enabled) return { member: null, result: { ok: false, error: new AppError('NOT_FOUND', '礼品不存在或已下架') } };
    if (gift.stock < 1) return { member: null, result: { ok: false, error: new AppError('OUT_OF_STOCK', '礼品已兑完') } };
    const out = applyMemberOps(member, [{ kind: 'spend', id: entryId, points: gift.pointsCost, reason: `兑换「${gift.title}」` }], pricing, now);
    if (out.refused.length) {
      return { member: null, result: { ok: false, error: new AppError('INSUFFICIENT_POINTS', `积分不足，兑换需要 ${gift.pointsCost} 积分`) } };
    }
    await tx.set(POINTS_GIFTS, giftId, { ...gift, stock: gift.stock - 1 });
    const record: PointsExchangeDoc = {
      _id: recordId,
      openid,
      requestId,
      giftId,
      title: gift.title,
      pointsCost: gift.pointsCost,
      entryId,
      status: 'done',
      at: now,
    };
    await tx.set(POINTS_EXCHANGES, recordId, record as unknown as Record<string, unknown>);
    const result = { giftId, title: gift.title, pointsCost: gift.pointsCost, at: now, balance: spendableNow(out.member, now), duplicate: false };
    return { member: out.member, result: { ok: true, result } };
  });
  if (!outcome.ok) throw outcome.error;
  ctx.log.info('points exchange', { giftId, requestId, duplicate: outcome.result.duplicate });
  return outcome.result;
}
