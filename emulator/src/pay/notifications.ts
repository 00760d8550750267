import type { PayOrder, RefundOrder } from './ledger';
import { SP_APPID, SP_MCH_ID, nonce, payTime, providerOpenid, refundTime } from './pay-ids';

/** getWXContext().SOURCE of a payment or refund callback ("wx_paycallback: 微信支付回调"). */
export const PAY_CALLBACK_SOURCE = 'wx_paycallback';

/**
 * The event the payment callback function receives: WeChat Pay's v2 "支付结果通知" fields, camelCased, as in the
 * documented example:
 * `{returnCode, appid, mchId, subAppid, subMchId, nonceStr, resultCode, openid, isSubscribe, subOpenid,
 *   subIsSubscribe, tradeType, bankType, totalFee, feeType, cashFee, transactionId, outTradeNo, timeEnd}`
 * plus `attach` when the order had one. `openid` is the payer under the provider's appid (it differs from
 * `subOpenid`, the mini-program openid, as it does for real).
 */
export function paymentNotifyEvent(order: PayOrder): Record<string, unknown> {
  const event: Record<string, unknown> = {
    returnCode: 'SUCCESS',
    appid: SP_APPID,
    mchId: SP_MCH_ID,
    subAppid: order.subAppid,
    subMchId: order.subMchId,
    nonceStr: nonce(),
    resultCode: 'SUCCESS',
    ...(order.payer ? { openid: providerOpenid(order.payer) } : {}),
    isSubscribe: 'N',
    ...(order.payer ? { subOpenid: order.payer } : {}),
    subIsSubscribe: 'N',
    tradeType: order.tradeType,
    bankType: 'OTHERS',
    totalFee: order.totalFee,
    feeType: order.feeType,
    cashFee: order.totalFee,
    transactionId: order.transactionId,
    outTradeNo: order.outTradeNo,
    timeEnd: payTime(order.paidAt ?? order.createdAt),
  };
  if (order.attach !== undefined) event.attach = order.attach;
  return event;
}

/**
 * The event the refund callback function receives: the v2 "退款结果通知" envelope with `req_info` delivered
 * decrypted (cloudPay decrypts it for the function) and camelCased like the payment notification.
 */
export function refundNotifyEvent(order: PayOrder, r: RefundOrder): Record<string, unknown> {
  const reqInfo: Record<string, unknown> = {
    transactionId: order.transactionId,
    outTradeNo: order.outTradeNo,
    refundId: r.refundId,
    outRefundNo: r.outRefundNo,
    totalFee: order.totalFee,
    settlementTotalFee: order.totalFee,
    refundFee: r.refundFee,
    settlementRefundFee: r.status === 'SUCCESS' ? r.refundFee : 0,
    refundStatus: r.status,
    refundRecvAccout: '支付用户零钱',
    refundAccount: 'REFUND_SOURCE_RECHARGE_FUNDS',
    refundRequestSource: 'API',
  };
  if (r.status === 'SUCCESS' && r.settledAt !== undefined) reqInfo.successTime = refundTime(r.settledAt);
  return {
    returnCode: 'SUCCESS',
    appid: SP_APPID,
    mchId: SP_MCH_ID,
    subAppid: order.subAppid,
    subMchId: order.subMchId,
    nonceStr: nonce(),
    reqInfo,
  };
}

/**
 * Whether the callback acknowledged the notification. The documented contract: it must return
 * `{errcode: 0, errmsg: '…'}`, otherwise the notification counts as failed and is sent again.
 */
export function isAcknowledged(answer: unknown): boolean {
  return !!answer && typeof answer === 'object' && (answer as { errcode?: unknown }).errcode === 0;
}

/**
 * When unacknowledged notifications are sent again, after the previous try (WeChat Pay v2's notify schedule:
 * 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h).
 */
export const RETRY_DELAYS_MS = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600].map((s) => s * 1000);
