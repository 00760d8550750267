/**
 * THE one place that applies an order-state transition (server/domain/order-state.ts decides it; this carries it
 * out). Used by the order function, the payment/refund callbacks, the timers and the staff actions.
 *
 *   1. decide: transition(order, event, actor, now, opts) — refused → {ok:false, ILLEGAL_TRANSITION | FORBIDDEN}
 *   2. write: ONE conditional update of the order
 *        where({_id, status: <old status>, log: _.size(<log length read>)})
 *        set status (+ refundResumeStatus, refunds/lines when the open refund changes, caller's `set` fields),
 *        push the log entry
 *      0 documents updated = another event got there first → {ok:false, CONFLICT}, nothing else happens.
 *      (The log length is the order's version: it grows by one per transition, so a status that went away and
 *      came back — paid → refund_requested → paid — does not fool the condition.)
 *   3. effects, in the rule's order, after the write succeeded: stock (release / commit + sales / restock),
 *      closePayment, startRefund, sendMessage:* (sendOrderMessage, never throws), notifyStaff:* (logged).
 *      An effect that fails is logged and reported in `failedEffects`; the transition stands.
 *   4. follow-ups that never throw: marketing and points (server/marketing/order-follow-up.ts), then the server's
 *      analytics events paid / refunded / completed (server/analytics/tracking/server-events.ts).
 *
 * Known gap: if the function dies between 2 and 3, the effects of that transition do not run (at most once).
 */
import type { Actor, OrderDoc, OrderEvent, OrderRefund } from '@typings/shop/order';
import { type OrderEffect, type TransitionOptions, transition } from '../domain/order-state';
import { openRefund, updateOpenRefund } from '../domain/refund';
import { commitOps, releaseOps, restockOps } from '../domain/stock-plan';
import type { ActionContext } from '../lib/context';
import { AppError } from '../lib/errors';
import { recordServerEvents } from '../analytics/tracking/server-events';
import { afterOrderTransition } from '../marketing/order-follow-up';
import { sendOrderMessage } from '../notify/order-messages';
import { ORDERS } from './order-store';
import { closePayment } from './payment-calls';
import { startRefund } from './refunds';
import { addSales, runEach } from './stock-runner';

/** Top-level order fields a transition may set besides its own (each replaced whole). */
export type TransitionFields = Partial<Pick<OrderDoc, 'payment' | 'fulfilment' | 'remark'>>;

export interface ApplyOptions extends TransitionOptions {
  /** Fields written in the same conditional update, e.g. `payment` for `pay`, `fulfilment` (with shipping) for `ship`. */
  set?: TransitionFields;
  /** The refund planned for `request_refund` (refund.planFullRefund / planLineRefund): pushed onto `refunds`. */
  newRefund?: OrderRefund;
  /** Effects the caller already carried out (e.g. closePayment done before a cancel). */
  skipEffects?: readonly OrderEffect[];
}

export type ApplyResult =
  | {
      ok: true;
      /** The order as written. */
      order: OrderDoc;
      /** The order before. */
      previous: OrderDoc;
      effects: OrderEffect[];
      failedEffects: OrderEffect[];
    }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | 'FORBIDDEN' | 'CONFLICT'; message: string };

export async function applyTransition(
  ctx: ActionContext,
  order: OrderDoc,
  event: OrderEvent,
  actor: Actor,
  opts: ApplyOptions = {},
): Promise<ApplyResult> {
  const at = ctx.now();
  const decided = transition(order, event, actor, at, opts);
  if (!decided.ok) return decided;

  const _ = ctx.db.command;
  let refunds = order.refunds;
  let lines = order.lines;
  if (decided.refundStatus === 'requested') {
    if (!opts.newRefund) throw new Error(`${event} needs the planned refund (opts.newRefund)`);
    refunds = [...order.refunds, opts.newRefund];
  } else if (decided.refundStatus) {
    ({ refunds, lines } = updateOpenRefund(order, decided.refundStatus, at));
  }

  const data: Record<string, unknown> = { status: decided.status, log: _.push(decided.logEntry) };
  data.refundResumeStatus = decided.refundResumeStatus === null ? _.remove() : decided.refundResumeStatus;
  if (refunds !== order.refunds) data.refunds = _.set(refunds);
  if (lines !== order.lines) data.lines = _.set(lines);
  for (const [field, value] of Object.entries(opts.set ?? {})) data[field] = _.set(value);

  const res = (await ctx.db
    .collection(ORDERS)
    .where({ _id: order._id, status: decided.from, log: _.size(order.log.length) })
    .update({ data })) as { stats: { updated: number } };
  if (res.stats.updated !== 1) {
    return { ok: false, code: 'CONFLICT', message: `the order changed while ${event} was being applied` };
  }

  const next: OrderDoc = { ...order, ...(opts.set ?? {}), status: decided.status, refunds, lines, log: [...order.log, decided.logEntry] };
  if (decided.refundResumeStatus === null) delete next.refundResumeStatus;
  else next.refundResumeStatus = decided.refundResumeStatus;

  const skip = new Set(opts.skipEffects ?? []);
  const effects = decided.effects.filter((e) => !skip.has(e));
  const failedEffects: OrderEffect[] = [];
  for (const effect of effects) {
    try {
      if (!(await runEffect(ctx, effect, next, order))) failedEffects.push(effect);
    } catch (e) {
      ctx.log.error('order effect failed', { orderId: order._id, event, effect, error: e });
      failedEffects.push(effect);
    }
  }
  await afterOrderTransition(ctx, next, decided.from); // coupon / new-user claim: used when paid, given back when cancelled
  await recordServerEvents(ctx, order, next); // paid / refunded / completed in `events`, once each
  ctx.log.info('order transition', { orderId: order._id, event, from: decided.from, to: decided.status, failedEffects });
  return { ok: true, order: next, previous: order, effects, failedEffects };
}

/** Carries out one effect; false when it could not be done (already logged). */
async function runEffect(ctx: ActionContext, effect: OrderEffect, order: OrderDoc, previous: OrderDoc): Promise<boolean> {
  const { db, log } = ctx;
  switch (effect) {
    case 'releaseStock':
      return (await runEach(db, releaseOps(order.lines), log)).length === 0;
    case 'commitStock': {
      const failed = await runEach(db, commitOps(order.lines), log);
      await addSales(db, order.lines, log);
      return failed.length === 0;
    }
    case 'restock': {
      // the refund that just succeeded: the one that was open before
      const refund = openRefund(previous);
      if (!refund) return false;
      return (await runEach(db, restockOps(refund.lines), log)).length === 0;
    }
    case 'closePayment':
      return (await closePayment(ctx, order)).closed;
    case 'startRefund':
      return (await startRefund(ctx, order)).ok;
    case 'sendMessage:paid':
    case 'sendMessage:ready':
    case 'sendMessage:shipped':
    case 'sendMessage:refunded': {
      const kind = effect.slice('sendMessage:'.length) as 'paid' | 'ready' | 'shipped' | 'refunded';
      await sendOrderMessage(ctx, order, kind);
      return true;
    }
    case 'sendMessage:refund_rejected':
      // no subscription template for it (the customer sees it on the order page)
      log.info('no message for refund_rejected', { orderId: order._id });
      return true;
    case 'notifyStaff:paid':
    case 'notifyStaff:refund_requested':
    case 'notifyStaff:refund_failed':
      // no staff notification channel yet: the staff order list shows these (`todo` filter)
      log.info('staff notice', { orderId: order._id, notice: effect });
      return true;
  }
}

/** AppError for a refused transition, in the words the customer sees. */
export function transitionError(result: Extract<ApplyResult, { ok: false }>): AppError {
  switch (result.code) {
    case 'FORBIDDEN':
      return new AppError('FORBIDDEN', '无权操作该订单');
    case 'CONFLICT':
      return new AppError('CONFLICT', '订单状态已变化，请刷新后重试');
    default:
      return new AppError('PRECONDITION_FAILED', '当前订单状态不支持该操作');
  }
}

/** applyTransition, throwing the AppError of a refusal. */
export async function applyTransitionOrThrow(
  ctx: ActionContext,
  order: OrderDoc,
  event: OrderEvent,
  actor: Actor,
  opts: ApplyOptions = {},
): Promise<Extract<ApplyResult, { ok: true }>> {
  const result = await applyTransition(ctx, order, event, actor, opts);
  if (!result.ok) {
    ctx.log.info('transition refused', { orderId: order._id, event, code: result.code, reason: result.message });
    throw transitionError(result);
  }
  return result;
}
