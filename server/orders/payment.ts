/**
 * Recording a payment: the `pay` transition (commit stock, paid message), from the payment notification
 * (payNotify) or from a re-check (order.recheck, a cancel or timeout that found the order paid). Idempotent: the
 * transition is conditional on the order being unpaid; a repeated or late notification changes nothing twice.
 *
 *   unpaid                       → pay (amount must equal the order's server total, else refused + recorded)
 *   paid or later, same txn      → duplicate, nothing to do
 *   paid or later, another txn   → recorded as `second_payment`
 *   cancelled                    → late payment: refunded automatically (see payment-issues.ts)
 */
import type { Actor, OrderDoc } from '@typings/shop/order';
import type { ActionContext } from '../lib/context';
import { applyTransition } from './apply-transition';
import { loadOrder, loadOrderByNo } from './order-store';
import { type PaymentProof, queryPayment } from './payment-calls';
import { issueId, recordIssue } from './payment-issues';
import { refundLatePayment } from './refunds';

export const WXPAY_ACTOR: Actor = { role: 'system', id: 'wxpay' };

export type RecordPaymentOutcome = 'paid' | 'duplicate' | 'amount_mismatch' | 'late_payment' | 'second_payment';

export interface RecordPaymentResult {
  outcome: RecordPaymentOutcome;
  order: OrderDoc;
}

export async function recordPayment(
  ctx: ActionContext,
  order: OrderDoc,
  proof: PaymentProof,
  subMchId: string,
): Promise<RecordPaymentResult> {
  let current = order;
  for (let attempt = 0; attempt < 4; attempt++) {
    if (current.status === 'unpaid') {
      if (proof.paidFen !== current.amounts.totalFen) {
        await recordMismatch(ctx, current, proof);
        return { outcome: 'amount_mismatch', order: current };
      }
      const result = await applyTransition(ctx, current, 'pay', WXPAY_ACTOR, {
        amountFen: proof.paidFen,
        set: { payment: { ...(current.payment ?? {}), transactionId: proof.transactionId, paidFen: proof.paidFen, paidAt: proof.paidAt } },
      });
      if (result.ok) return { outcome: 'paid', order: result.order };
      if (result.code !== 'CONFLICT') {
        ctx.log.error('pay refused', { orderId: current._id, reason: result.message });
        await recordMismatch(ctx, current, proof);
        return { outcome: 'amount_mismatch', order: current };
      }
      // someone else changed the order (another delivery, a timeout): look again
      const reloaded = await loadOrder(ctx.db, current._id);
      if (!reloaded) throw new Error(`order ${current._id} vanished`);
      current = reloaded;
      continue;
    }
    if (current.status === 'cancelled') {
      await refundLatePayment(ctx, current, proof, subMchId);
      return { outcome: 'late_payment', order: current };
    }
    if (current.payment?.transactionId === proof.transactionId) return { outcome: 'duplicate', order: current };
    await recordIssue(ctx.db, {
      _id: issueId('second_payment', current.orderNo, proof.transactionId),
      kind: 'second_payment',
      orderId: current._id,
      orderNo: current.orderNo,
      transactionId: proof.transactionId,
      reportedFen: proof.paidFen,
      expectedFen: current.amounts.totalFen,
      status: 'open',
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    });
    ctx.log.error('second payment for an order', { orderId: current._id, transactionId: proof.transactionId });
    return { outcome: 'second_payment', order: current };
  }
  throw new Error(`order ${order._id} kept changing while recording its payment`);
}

async function recordMismatch(ctx: ActionContext, order: OrderDoc, proof: PaymentProof): Promise<void> {
  ctx.log.error('paid amount differs from the order total', { orderId: order._id, paidFen: proof.paidFen, totalFen: order.amounts.totalFen });
  await recordIssue(ctx.db, {
    _id: issueId('amount_mismatch', order.orderNo, `${proof.transactionId}:${proof.paidFen}`),
    kind: 'amount_mismatch',
    orderId: order._id,
    orderNo: order.orderNo,
    transactionId: proof.transactionId,
    reportedFen: proof.paidFen,
    expectedFen: order.amounts.totalFen,
    status: 'open',
    createdAt: ctx.now(),
    updatedAt: ctx.now(),
  });
}

/** The answer WeChat Pay expects from the callback: errcode 0 = received (anything else is delivered again). */
export interface NotifyAnswer {
  errcode: number;
  errmsg: string;
}

export const ACK: NotifyAnswer = { errcode: 0, errmsg: '' };

/** Callers that are customers' clients, never WeChat Pay. */
const CLIENT_SOURCES = ['wx_client', 'wx_devtools', 'wx_http'];

export interface PaymentNotification {
  returnCode?: unknown;
  resultCode?: unknown;
  outTradeNo?: unknown;
  totalFee?: unknown;
  transactionId?: unknown;
  subMchId?: unknown;
  timeEnd?: unknown;
}

/**
 * payNotify: the payment notification of cloudPay (event = WeChat Pay's notify fields, camelCased). Verified before
 * anything changes: the order exists, the amount equals its server total, and queryOrder confirms the transaction
 * (so an event that did not come from WeChat Pay cannot mark an order paid).
 */
export async function handlePaymentNotification(ctx: ActionContext, event: PaymentNotification): Promise<NotifyAnswer> {
  if (CLIENT_SOURCES.includes(ctx.source)) return { errcode: 1, errmsg: 'not a WeChat Pay notification' };
  if (event.returnCode !== 'SUCCESS' || event.resultCode !== 'SUCCESS') return ACK; // nothing was paid
  const { outTradeNo, totalFee, transactionId, subMchId } = event;
  if (typeof outTradeNo !== 'string' || typeof transactionId !== 'string' || typeof subMchId !== 'string' || !Number.isSafeInteger(totalFee)) {
    ctx.log.error('malformed payment notification', { event });
    return { errcode: 1, errmsg: 'malformed notification' };
  }
  const paidFen = totalFee as number;
  const order = await loadOrderByNo(ctx.db, outTradeNo);
  if (!order) {
    ctx.log.error('payment for an unknown order', { outTradeNo, transactionId, paidFen });
    return ACK;
  }
  if (order.status !== 'unpaid' && order.payment?.transactionId === transactionId) return ACK; // duplicate delivery
  if (paidFen !== order.amounts.totalFen) {
    await recordMismatch(ctx, order, { transactionId, paidFen, paidAt: ctx.now() });
    return { errcode: 1, errmsg: 'amount mismatch' };
  }
  const confirmed = await queryPayment(ctx, outTradeNo, subMchId);
  if (confirmed.state !== 'paid' || confirmed.proof.transactionId !== transactionId || confirmed.proof.paidFen !== paidFen) {
    ctx.log.error('payment notification not confirmed by queryOrder', { outTradeNo, transactionId, confirmed });
    return { errcode: 1, errmsg: 'payment not confirmed' };
  }
  const result = await recordPayment(ctx, order, confirmed.proof, subMchId);
  if (result.outcome === 'amount_mismatch') return { errcode: 1, errmsg: 'amount mismatch' };
  return ACK;
}
