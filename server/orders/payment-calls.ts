/**
 * The shop's WeChat Pay calls for one order: ask for payment parameters (unifiedOrder), find out whether it was paid
 * (queryOrder), close it (closeOrder). Amounts always come from the order document (the server's total).
 */
import type { PaymentParams } from '@typings/api/order';
import type { OrderDoc } from '@typings/shop/order';
import { shanghaiTimestamp } from '../domain/order-no';
import type { ActionContext } from '../lib/context';
import { cloudPay, currentEnvId, PAY_NOTIFY_FUNCTION, payFailure, payOk, type QueryOrderReply } from './cloud-pay';
import { loadCheckoutSettings } from './order-settings';

/** What WeChat Pay says about a paid order. */
export interface PaymentProof {
  transactionId: string;
  paidFen: number;
  paidAt: number;
}

/** The `body` of the WeChat Pay order (what the payer's bill shows): stable for a given order. */
export function paymentBody(order: Pick<OrderDoc, 'lines'>): string {
  const first = order.lines[0]?.title ?? '商品';
  const units = order.lines.reduce((n, l) => n + l.quantity, 0);
  const text = order.lines.length > 1 || units > 1 ? `${first} 等${units}件` : first;
  return [...text].slice(0, 40).join('');
}

export type RequestPaymentResult = { ok: true; payment: PaymentParams } | { ok: false; reason: string };

/**
 * unifiedOrder for an unpaid order. The same order asked again gets the same prepay id (same body / amount / payer).
 * `time_expire` is the order's own expiry, so WeChat stops accepting the payment when the shop stops waiting.
 */
export async function requestPayment(ctx: ActionContext, order: OrderDoc, subMchId: string): Promise<RequestPaymentResult> {
  try {
    const reply = await cloudPay().unifiedOrder({
      body: paymentBody(order),
      outTradeNo: order.orderNo,
      totalFee: order.amounts.totalFen,
      subMchId,
      envId: currentEnvId(),
      functionName: PAY_NOTIFY_FUNCTION,
      spbillCreateIp: '127.0.0.1',
      tradeType: 'JSAPI',
      timeExpire: shanghaiTimestamp(order.expiresAt),
    });
    if (!payOk(reply) || !reply.payment) {
      ctx.log.warn('unifiedOrder refused', { orderNo: order.orderNo, reason: payFailure(reply) });
      return { ok: false, reason: payFailure(reply) };
    }
    const { timeStamp, nonceStr, package: pkg, signType, paySign } = reply.payment;
    return { ok: true, payment: { timeStamp, nonceStr, package: pkg, signType, paySign } };
  } catch (e) {
    ctx.log.error('unifiedOrder failed', { orderNo: order.orderNo, error: e });
    return { ok: false, reason: 'unifiedOrder failed' };
  }
}

/** `yyyyMMddHHmmss` in Asia/Shanghai → epoch ms (NaN when malformed). */
export function parseShanghaiTime(text: string | undefined): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text ?? '');
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s) - 8 * 60 * 60 * 1000;
}

export type PaymentState =
  | { state: 'paid'; proof: PaymentProof }
  | { state: 'unpaid' | 'closed' | 'none' };

/** What WeChat Pay knows about the order now (queryOrder). Throws when WeChat Pay cannot be reached. */
export async function queryPayment(ctx: ActionContext, orderNo: string, subMchId: string): Promise<PaymentState> {
  const reply: QueryOrderReply = await cloudPay().queryOrder({ subMchId, outTradeNo: orderNo });
  if (!payOk(reply)) return { state: 'none' };
  if ((reply.tradeState === 'SUCCESS' || reply.tradeState === 'REFUND') && reply.transactionId) {
    const paidAt = parseShanghaiTime(reply.timeEnd);
    return {
      state: 'paid',
      proof: { transactionId: reply.transactionId, paidFen: Number(reply.totalFee), paidAt: Number.isFinite(paidAt) ? paidAt : ctx.now() },
    };
  }
  return { state: reply.tradeState === 'CLOSED' ? 'closed' : 'unpaid' };
}

export type ClosePaymentResult =
  | { closed: true }
  /** The customer paid before the order could be closed. */
  | { closed: false; paid: PaymentProof }
  /** WeChat Pay could not be reached or refused for another reason: try again later. */
  | { closed: false; paid?: undefined; reason: string };

/**
 * Makes sure the order can no longer be paid: closeOrder, and when that fails, queryOrder to learn why (already
 * paid → the proof; already closed / never placed → closed).
 */
export async function closePayment(ctx: ActionContext, order: OrderDoc, subMchId?: string): Promise<ClosePaymentResult> {
  const mch = subMchId ?? (await loadCheckoutSettings(ctx.db)).orders.subMchId;
  if (!mch) return { closed: true };
  try {
    const reply = await cloudPay().closeOrder({ subMchId: mch, outTradeNo: order.orderNo });
    if (payOk(reply)) return { closed: true };
    const now = await queryPayment(ctx, order.orderNo, mch);
    if (now.state === 'paid') return { closed: false, paid: now.proof };
    if (now.state === 'closed' || now.state === 'none') return { closed: true };
    return { closed: false, reason: payFailure(reply) };
  } catch (e) {
    ctx.log.error('closeOrder failed', { orderNo: order.orderNo, error: e });
    return { closed: false, reason: 'WeChat Pay unreachable' };
  }
}
