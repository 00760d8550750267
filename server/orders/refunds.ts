/**
 * Refunds through WeChat Pay (`cloud.cloudPay.refund`, notification to the `refundNotify` function).
 *
 * - requestRefund: plans the refund (server/domain/refund.ts: full, or some units of some lines) and applies
 *   `request_refund` (customer or staff). Staff approval (`approve_refund`, the staff function) has the effect
 *   `startRefund`, carried out here.
 * - startRefund (exported, the `startRefund` effect): cloudPay.refund for the order's open refund, which must be
 *   `processing`; its refundNo is fixed per refund, so calling it again is a retry of the same refund. A business
 *   refusal applies `refund_failed` at once (the order goes back to refund_requested for staff).
 * - handleRefundNotification (refundNotify): SUCCESS → `refund_succeeded` (amount must equal the refund's; restock
 *   per the state machine: only when the goods never left the shop); CHANGE / REFUNDCLOSE → `refund_failed`.
 *   A repeated or late notification finds the refund no longer processing and changes nothing.
 * - refundLatePayment: a payment that arrived for a cancelled order is refunded in full (payment-issues.ts).
 */
import type { Actor, OrderDoc } from '@typings/shop/order';
import { openRefund, planFullRefund, planLineRefund, type RefundPlanError } from '../domain/refund';
import type { ActionContext } from '../lib/context';
import { AppError } from '../lib/errors';
import { applyTransition, applyTransitionOrThrow, type ApplyResult } from './apply-transition';
import { cloudPay, currentEnvId, payFailure, payOk, REFUND_NOTIFY_FUNCTION } from './cloud-pay';
import { loadCheckoutSettings } from './order-settings';
import { loadOrder, loadOrderByNo, ORDERS } from './order-store';
import type { PaymentProof } from './payment-calls';
import { issueId, recordIssue, updateIssueStatus } from './payment-issues';
import type { NotifyAnswer } from './payment';

const WXPAY: Actor = { role: 'system', id: 'wxpay' };
const SYSTEM: Actor = { role: 'system', id: 'system' };

const PLAN_ERRORS: Record<RefundPlanError, [AppError['code'], string]> = {
  NOT_REFUNDABLE: ['PRECONDITION_FAILED', '当前订单状态不能申请退款'],
  REFUND_OPEN: ['CONFLICT', '已有退款正在处理中'],
  NOTHING_TO_REFUND: ['PRECONDITION_FAILED', '没有可退的金额'],
  UNKNOWN_LINE: ['INVALID_INPUT', '订单中没有该商品'],
  INVALID_QUANTITY: ['INVALID_INPUT', '退款数量不正确'],
  EXCEEDS_REFUNDABLE: ['INVALID_INPUT', '退款数量超过可退数量'],
  INCONSISTENT_ORDER: ['INTERNAL', '订单金额异常，请联系商家'],
};

/** Plans a refund (all that is left, or some units of some lines) and applies `request_refund` for `actor`. */
export async function requestRefund(
  ctx: ActionContext,
  order: OrderDoc,
  actor: Actor,
  request: { lines?: ReadonlyArray<{ skuId: string; quantity: number }>; reason: string },
): Promise<Extract<ApplyResult, { ok: true }>> {
  const at = ctx.now();
  const plan = request.lines?.length
    ? planLineRefund(order, request.lines, { reason: request.reason, at })
    : planFullRefund(order, { reason: request.reason, at });
  if (!plan.ok) {
    const [code, message] = PLAN_ERRORS[plan.code];
    throw new AppError(code, message);
  }
  return applyTransitionOrThrow(ctx, order, 'request_refund', actor, { newRefund: plan.refund, note: request.reason });
}

export type StartRefundResult = { ok: true } | { ok: false; reason: string };

/** cloudPay.refund for the order's open (processing) refund. */
export async function startRefund(ctx: ActionContext, order: OrderDoc, subMchId?: string): Promise<StartRefundResult> {
  const refund = openRefund(order);
  if (order.status !== 'refunding' || refund?.status !== 'processing') {
    return { ok: false, reason: 'no refund is being processed' };
  }
  const mch = subMchId ?? (await loadCheckoutSettings(ctx.db)).orders.subMchId;
  let failure: string;
  try {
    const reply = await cloudPay().refund({
      subMchId: mch,
      outTradeNo: order.orderNo,
      outRefundNo: refund.refundNo,
      totalFee: order.amounts.totalFen,
      refundFee: refund.amountFen,
      refundDesc: [...(refund.reason || '退款')].slice(0, 40).join(''),
      envId: currentEnvId(),
      functionName: REFUND_NOTIFY_FUNCTION,
    });
    if (payOk(reply)) {
      ctx.log.info('refund started', { orderId: order._id, refundNo: refund.refundNo, refundFen: refund.amountFen });
      return { ok: true };
    }
    failure = payFailure(reply);
  } catch (e) {
    // unknown whether WeChat Pay took it: stay `refunding`; retryStuckRefunds asks again with the same refundNo
    ctx.log.error('refund call failed', { orderId: order._id, refundNo: refund.refundNo, error: e });
    return { ok: false, reason: 'WeChat Pay unreachable' };
  }
  ctx.log.warn('refund refused', { orderId: order._id, refundNo: refund.refundNo, reason: failure });
  const failed = await applyTransition(ctx, order, 'refund_failed', SYSTEM, { note: failure });
  if (!failed.ok) ctx.log.error('could not record the refused refund', { orderId: order._id, reason: failed.message });
  return { ok: false, reason: failure };
}

/** Late payments are refunded with this out_refund_no (the order's own refunds are `<orderNo>R<n>`). */
export function lateRefundNo(orderNo: string): string {
  return `${orderNo}L1`;
}

const LATE_REFUND_RE = /^(.+)L1$/;

/** A payment for a cancelled order: recorded once and refunded in full (idempotent: same refund number). */
export async function refundLatePayment(ctx: ActionContext, order: OrderDoc, proof: PaymentProof, subMchId: string): Promise<void> {
  const id = issueId('late_payment', order.orderNo, proof.transactionId);
  const refundNo = lateRefundNo(order.orderNo);
  const at = ctx.now();
  await recordIssue(ctx.db, {
    _id: id,
    kind: 'late_payment',
    orderId: order._id,
    orderNo: order.orderNo,
    transactionId: proof.transactionId,
    reportedFen: proof.paidFen,
    expectedFen: order.amounts.totalFen,
    status: 'open',
    refundNo,
    createdAt: at,
    updatedAt: at,
  });
  ctx.log.warn('payment for a cancelled order: refunding it', { orderId: order._id, transactionId: proof.transactionId });
  try {
    const reply = await cloudPay().refund({
      subMchId,
      outTradeNo: order.orderNo,
      outRefundNo: refundNo,
      totalFee: proof.paidFen,
      refundFee: proof.paidFen,
      refundDesc: '订单已取消，自动退款',
      envId: currentEnvId(),
      functionName: REFUND_NOTIFY_FUNCTION,
    });
    if (payOk(reply)) await updateIssueStatus(ctx.db, id, ['open'], 'refunding', ctx.now());
    else await updateIssueStatus(ctx.db, id, ['open'], 'refund_failed', ctx.now(), payFailure(reply));
  } catch (e) {
    ctx.log.error('late payment refund failed', { orderId: order._id, error: e });
  }
}

export interface RefundNotification {
  returnCode?: unknown;
  subMchId?: unknown;
  reqInfo?: {
    outTradeNo?: unknown;
    outRefundNo?: unknown;
    refundStatus?: unknown;
    refundFee?: unknown;
    transactionId?: unknown;
  };
}

const CLIENT_SOURCES = ['wx_client', 'wx_devtools', 'wx_http'];
const ACK: NotifyAnswer = { errcode: 0, errmsg: '' };

/** What WeChat Pay says about one refund (queryRefund by out_refund_no). */
async function refundStatusOf(outRefundNo: string, subMchId: string): Promise<string | undefined> {
  const reply = (await cloudPay().queryRefund({ subMchId, outRefundNo })) as Record<string, unknown>;
  if (!payOk(reply)) return undefined;
  const list = reply.refundStatusList;
  return (Array.isArray(list) ? list[0] : undefined) ?? (reply.refundStatus_0 as string | undefined);
}

/** refundNotify: the refund notification (decrypted `reqInfo`, camelCased). */
export async function handleRefundNotification(ctx: ActionContext, event: RefundNotification): Promise<NotifyAnswer> {
  if (CLIENT_SOURCES.includes(ctx.source)) return { errcode: 1, errmsg: 'not a WeChat Pay notification' };
  const info = event.reqInfo ?? {};
  const { outTradeNo, outRefundNo, refundStatus, refundFee } = info;
  if (typeof outTradeNo !== 'string' || typeof outRefundNo !== 'string' || typeof refundStatus !== 'string' || typeof event.subMchId !== 'string') {
    ctx.log.error('malformed refund notification', { event });
    return { errcode: 1, errmsg: 'malformed notification' };
  }
  const subMchId = event.subMchId;
  // a notification must agree with WeChat Pay's own record (an event from elsewhere changes nothing)
  const confirm = async (): Promise<boolean> => {
    const confirmed = await refundStatusOf(outRefundNo, subMchId);
    if (confirmed === refundStatus) return true;
    ctx.log.error('refund notification not confirmed by queryRefund', { outRefundNo, refundStatus, confirmed });
    return false;
  };

  const late = LATE_REFUND_RE.exec(outRefundNo);
  if (late && late[1] === outTradeNo) {
    if (!(await confirm())) return { errcode: 1, errmsg: 'refund not confirmed' };
    const order = await loadOrderByNo(ctx.db, outTradeNo);
    const transactionId = typeof info.transactionId === 'string' ? info.transactionId : '';
    if (order && transactionId) {
      const id = issueId('late_payment', order.orderNo, transactionId);
      const to = refundStatus === 'SUCCESS' ? 'refunded' : 'refund_failed';
      await updateIssueStatus(ctx.db, id, ['open', 'refunding'], to, ctx.now(), refundStatus);
    }
    return ACK;
  }

  let confirmed = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    const order = await loadOrderByNo(ctx.db, outTradeNo);
    const refund = order?.refunds.find((r) => r.refundNo === outRefundNo);
    if (!order || !refund) {
      ctx.log.error('refund notification for an unknown refund', { outTradeNo, outRefundNo });
      return ACK;
    }
    if (refund.status !== 'processing' || order.status !== 'refunding') return ACK; // already handled: a repeat
    if (!confirmed && !(confirmed = await confirm())) return { errcode: 1, errmsg: 'refund not confirmed' };
    const result =
      refundStatus === 'SUCCESS'
        ? await applyTransition(ctx, order, 'refund_succeeded', WXPAY, { amountFen: Number(refundFee) })
        : await applyTransition(ctx, order, 'refund_failed', WXPAY, { note: refundStatus });
    if (result.ok) return ACK;
    if (result.code === 'CONFLICT') continue;
    ctx.log.error('refund notification refused', { orderId: order._id, outRefundNo, reason: result.message });
    await recordIssue(ctx.db, {
      _id: issueId('refund_mismatch', order.orderNo, outRefundNo),
      kind: 'refund_mismatch',
      orderId: order._id,
      orderNo: order.orderNo,
      reportedFen: Number(refundFee),
      expectedFen: refund.amountFen,
      status: 'open',
      refundNo: outRefundNo,
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    });
    return { errcode: 1, errmsg: 'refund amount mismatch' };
  }
  return { errcode: 1, errmsg: 'order kept changing' };
}

/**
 * Refunds that stayed `refunding` longer than `staleMs` (the refund call failed without an answer, or was never
 * made): asked again with the same refund number (WeChat Pay answers the existing refund; its notification follows).
 */
export async function retryStuckRefunds(ctx: ActionContext, subMchId: string, staleMs = 30 * 60_000): Promise<number> {
  const res = (await ctx.db.collection(ORDERS).where({ status: 'refunding' }).limit(100).get()) as unknown as { data: OrderDoc[] };
  const now = ctx.now();
  let retried = 0;
  for (const order of res.data) {
    const refund = openRefund(order);
    if (refund?.status !== 'processing' || now - refund.updatedAt < staleMs) continue;
    const fresh = await loadOrder(ctx.db, order._id);
    if (fresh) {
      await startRefund(ctx, fresh, subMchId);
      retried++;
    }
  }
  return retried;
}
