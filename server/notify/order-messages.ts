/**
 * `sendOrderMessage(ctx, order, kind)`: tells the customer about their order with a subscription message, if they
 * authorised one. It NEVER throws and never fails the caller's work: every outcome is an answer
 * `{sent, reason?}` and a `message_log` entry.
 *
 *   claim (orderId, kind) in message_log ── taken → {sent:false, reason:'duplicate'} (nothing recorded twice)
 *   template not configured              → skipped 'no_template'
 *   spend one authorisation (count ≥ 1)  ── none → skipped 'no_authorisation'
 *   subscribeMessage.send                ── 43101 → skipped 'user_refused' (our count reset to 0)
 *                                        ── other error → failed '<errCode> <errMsg>' (authorisation given back)
 *                                        → sent
 *
 * The calling function's config.json must allow the API: `"permissions": {"openapi": ["subscribeMessage.send"]}`.
 */
import type { OrderDoc } from '../../typings/shop/order';
import { getCloud } from '../lib/cloud';
import type { ActionContext } from '../lib/context';
import { claimMessage, finishMessage } from './message-log';
import { clearAuthorisations, returnAuthorisation, spendAuthorisation } from './subscriptions';
import { messageData, messagePage, templateIdOf, type OrderMessageKind } from './templates';

export type { OrderMessageKind } from './templates';

export interface SendOutcome {
  sent: boolean;
  reason?: string;
}

/** WeChat: the user has no authorisation left for this template (拒收 / quota spent). */
export const USER_REFUSED_ERRCODE = 43101;

/** The part of `cloud.openapi` used here (a double in unit tests). */
export interface SubscribeSender {
  subscribeMessage: { send(args: Record<string, unknown>): Promise<unknown> };
}

/**
 * `miniprogramState` of sent messages (which version of the mini-program a tap opens): `formal` in production; set
 * KAIDIAN_MINIPROGRAM_STATE=developer|trial in the function's environment variables while testing on the cloud.
 */
function miniprogramState(): string | undefined {
  const v = process.env.KAIDIAN_MINIPROGRAM_STATE;
  return v === 'developer' || v === 'trial' || v === 'formal' ? v : undefined;
}

export async function sendOrderMessage(
  ctx: ActionContext,
  order: OrderDoc,
  kind: OrderMessageKind,
  sender?: SubscribeSender,
): Promise<SendOutcome> {
  try {
    return await deliver(ctx, order, kind, sender ?? (getCloud().openapi as unknown as SubscribeSender));
  } catch (e) {
    ctx.log.error('order message failed', { orderId: order?._id, kind, error: e });
    return { sent: false, reason: 'error' };
  }
}

async function deliver(ctx: ActionContext, order: OrderDoc, kind: OrderMessageKind, sender: SubscribeSender): Promise<SendOutcome> {
  const { db } = ctx;
  const at = ctx.now();
  const openid = order.openid;
  const templateId = templateIdOf(kind);
  const claim = await claimMessage(db, { openid, orderId: order._id, kind, templateId, at });
  if (!claim.claimed) return { sent: false, reason: 'duplicate' };
  const finish = async (status: 'sent' | 'skipped' | 'failed', reason: string): Promise<SendOutcome> => {
    await finishMessage(db, claim.logId, status, reason, ctx.now());
    ctx.log.info('order message', { orderId: order._id, kind, status, reason });
    return status === 'sent' ? { sent: true } : { sent: false, reason };
  };

  if (!templateId) return finish('skipped', 'no_template');
  if (!openid) return finish('skipped', 'no_openid');
  if (!(await spendAuthorisation(db, openid, templateId, at))) return finish('skipped', 'no_authorisation');

  try {
    const state = miniprogramState();
    await sender.subscribeMessage.send({
      touser: openid,
      templateId,
      page: messagePage(order),
      data: messageData(kind, order, at),
      ...(state ? { miniprogramState: state } : {}),
    });
  } catch (e) {
    const err = (e ?? {}) as { errCode?: number; errMsg?: string; message?: string };
    if (err.errCode === USER_REFUSED_ERRCODE) {
      await clearAuthorisations(db, openid, templateId, ctx.now()).catch(() => undefined);
      return finish('skipped', 'user_refused');
    }
    await returnAuthorisation(db, openid, templateId, ctx.now()).catch(() => undefined);
    return finish('failed', `${err.errCode ?? ''} ${err.errMsg ?? err.message ?? String(e)}`.trim().slice(0, 200));
  }
  return finish('sent', '');
}
