import { PaymentLedger, type PayOrder, type RefundOrder, type TradeState } from './ledger';
import { SP_APPID, SP_MCH_ID, fakeSign, newPrepayId, newRefundId, nonce, payTime, providerOpenid, refundTime } from './pay-ids';
import { businessFail, fen, optionalString, requestFail, requiredString, tradeNo, type PayData } from './pay-request';

/** What a cloudPay call knows besides its fields. */
export interface PayCallContext {
  now: number;
  /** The mini-program's appid (the default `sub_appid`). */
  appId: string;
  /** OPENID of the invocation that made the call: cloudPay fills the payer in from it. */
  callerOpenid?: string;
  invocationId?: string;
}

export type PayReply = Record<string, unknown>;

const TRADE_TYPES = ['JSAPI', 'NATIVE', 'APP', 'MWEB'];
/** "每个支付订单的部分退款次数不能超过50次". */
export const MAX_REFUNDS_PER_ORDER = 50;
const REFUND_PAGE = 10;

export const TRADE_STATE_DESC: Record<TradeState, string> = {
  SUCCESS: '支付成功',
  REFUND: '订单发生过退款，退款详情请查询退款单',
  NOTPAY: '订单未支付',
  CLOSED: '订单已关闭',
  PAYERROR: '支付失败(其他原因，如银行返回失败)',
};

/** The fields every v2 reply past the request check carries. */
function base(subMchId: string, subAppid: string | undefined): PayReply {
  const out: PayReply = { return_code: 'SUCCESS', return_msg: 'OK', appid: SP_APPID, mch_id: SP_MCH_ID, sub_mch_id: subMchId, nonce_str: nonce() };
  if (subAppid) out.sub_appid = subAppid;
  return out;
}

function signed(reply: PayReply): PayReply {
  reply.sign = fakeSign(reply);
  return reply;
}

/** `unifiedOrder`: places (or repeats) an order and returns what wx.requestPayment needs. */
export function unifiedOrder(ledger: PaymentLedger, d: PayData, c: PayCallContext): { reply: PayReply; order: PayOrder; created: boolean } {
  const subMchId = requiredString(d, 'sub_mch_id', 32);
  const body = requiredString(d, 'body', 128);
  const outTradeNo = tradeNo(d, 'out_trade_no', true, 32);
  const totalFee = fen(d, 'total_fee');
  const spbillCreateIp = requiredString(d, 'spbill_create_ip', 64);
  const envId = requiredString(d, 'env_id');
  const functionName = requiredString(d, 'function_name');
  const tradeType = optionalString(d, 'trade_type') ?? 'JSAPI';
  if (!TRADE_TYPES.includes(tradeType)) throw requestFail('invalid trade_type');
  const attach = optionalString(d, 'attach', 127);
  const feeType = optionalString(d, 'fee_type') ?? 'CNY';
  if (feeType !== 'CNY') throw requestFail('invalid fee_type');
  const subAppid = optionalString(d, 'sub_appid') ?? c.appId;
  const payer = optionalString(d, 'sub_openid') ?? optionalString(d, 'openid') ?? c.callerOpenid;
  if (tradeType === 'JSAPI' && !payer) throw requestFail('JSAPI支付必须传openid');

  const key = PaymentLedger.orderKey(subMchId, outTradeNo);
  const fingerprint = JSON.stringify([body, totalFee, tradeType, payer ?? null, attach ?? null, feeType]);
  let order = ledger.order(key);
  let created = false;
  if (order) {
    if (order.state === 'SUCCESS' || order.state === 'REFUND') throw businessFail('ORDERPAID', '该订单已支付');
    // A closed order's number cannot be used again; nor can an open one with other content.
    if (order.state === 'CLOSED' || order.fingerprint !== fingerprint) throw businessFail('INVALID_REQUEST', '201 商户订单号重复');
    // Same order again (the user retries): same prepay id; the callback settings follow the latest call.
    order.envId = envId;
    order.functionName = functionName;
  } else {
    order = {
      key,
      outTradeNo,
      subMchId,
      subAppid,
      body,
      ...(attach !== undefined ? { attach } : {}),
      totalFee,
      feeType,
      tradeType,
      spbillCreateIp,
      ...(payer ? { payer } : {}),
      envId,
      functionName,
      prepayId: newPrepayId(c.now),
      nonceStr: nonce(),
      fingerprint,
      createdAt: c.now,
      state: 'NOTPAY',
      ...(c.invocationId ? { invocationId: c.invocationId } : {}),
      deliveries: [],
    };
    created = true;
  }
  ledger.putOrder(order);

  const reply = base(subMchId, subAppid);
  Object.assign(reply, { result_code: 'SUCCESS', trade_type: tradeType, prepay_id: order.prepayId });
  const device = optionalString(d, 'device_info');
  if (device) reply.device_info = device;
  if (tradeType === 'NATIVE') reply.code_url = `weixin://wxpay/bizpayurl?pr=${order.prepayId.slice(-7)}`;
  if (tradeType === 'MWEB') reply.mweb_url = `https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=${order.prepayId}`;
  signed(reply);
  if (tradeType === 'JSAPI') {
    const payment = {
      appId: subAppid,
      timeStamp: String(Math.floor(c.now / 1000)),
      nonceStr: order.nonceStr,
      package: `prepay_id=${order.prepayId}`,
      signType: 'MD5',
    };
    reply.payment = { ...payment, paySign: fakeSign(payment) };
  }
  return { reply, order, created };
}

function findOrderFor(ledger: PaymentLedger, d: PayData, subMchId: string): PayOrder | undefined {
  const outTradeNo = optionalString(d, 'out_trade_no');
  const transactionId = optionalString(d, 'transaction_id');
  if (!outTradeNo && !transactionId) throw requestFail('transaction_id和out_trade_no必须填写其中一个');
  return transactionId ? ledger.findOrder({ transactionId, subMchId }) : ledger.order(PaymentLedger.orderKey(subMchId, outTradeNo!));
}

/** `queryOrder`: the order's trade_state (and payment details once paid). */
export function queryOrder(ledger: PaymentLedger, d: PayData): { reply: PayReply; order: PayOrder } {
  const subMchId = requiredString(d, 'sub_mch_id', 32);
  const order = findOrderFor(ledger, d, subMchId);
  if (!order) throw businessFail('ORDERNOTEXIST', '订单不存在');
  const reply = base(subMchId, order.subAppid);
  Object.assign(reply, {
    result_code: 'SUCCESS',
    trade_state: order.state,
    trade_state_desc: TRADE_STATE_DESC[order.state],
    out_trade_no: order.outTradeNo,
    total_fee: order.totalFee,
    fee_type: order.feeType,
    trade_type: order.tradeType,
  });
  if (order.attach !== undefined) reply.attach = order.attach;
  if (order.payer) reply.sub_openid = order.payer;
  if (order.transactionId && order.paidAt !== undefined) {
    Object.assign(reply, {
      transaction_id: order.transactionId,
      time_end: payTime(order.paidAt),
      bank_type: 'OTHERS',
      cash_fee: order.totalFee,
      cash_fee_type: 'CNY',
      is_subscribe: 'N',
      sub_is_subscribe: 'N',
      ...(order.payer ? { openid: providerOpenid(order.payer) } : {}),
    });
  }
  return { reply: signed(reply), order };
}

/** `closeOrder`: an unpaid order can no longer be paid. */
export function closeOrder(ledger: PaymentLedger, d: PayData, c: PayCallContext): { reply: PayReply; order: PayOrder } {
  const subMchId = requiredString(d, 'sub_mch_id', 32);
  const outTradeNo = tradeNo(d, 'out_trade_no', true, 32);
  const order = ledger.order(PaymentLedger.orderKey(subMchId, outTradeNo));
  if (!order) throw businessFail('ORDERNOTEXIST', '订单不存在');
  if (order.state === 'SUCCESS' || order.state === 'REFUND') throw businessFail('ORDERPAID', '订单已支付，不能发起关单');
  if (order.state === 'CLOSED') throw businessFail('ORDERCLOSED', '订单已关闭，无法重复关闭');
  order.state = 'CLOSED';
  order.closedAt = c.now;
  ledger.putOrder(order);
  const reply = base(subMchId, order.subAppid);
  reply.result_code = 'SUCCESS';
  return { reply: signed(reply), order };
}

function refundReply(order: PayOrder, r: RefundOrder): PayReply {
  const reply = base(order.subMchId, order.subAppid);
  Object.assign(reply, {
    result_code: 'SUCCESS',
    transaction_id: order.transactionId,
    out_trade_no: order.outTradeNo,
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    refund_fee: r.refundFee,
    total_fee: order.totalFee,
    cash_fee: order.totalFee,
    cash_refund_fee: r.refundFee,
    coupon_refund_fee: 0,
    coupon_refund_count: 0,
  });
  signed(reply);
  return Object.assign(reply, { coupon_type_list: [], coupon_refund_id_list: [], coupon_refund_fee_list: [] });
}

/** The amount of an order already refunded or being refunded (closed refunds give their amount back). */
export function refundedSoFar(ledger: PaymentLedger, orderKey: string): number {
  return ledger
    .refundsOf(orderKey)
    .filter((r) => r.status !== 'REFUNDCLOSE')
    .reduce((sum, r) => sum + r.refundFee, 0);
}

/**
 * `refund`: accepts a refund request. The refund then stays PROCESSING until it is settled (`simulateRefund`),
 * which also sends the refund notification when the request named a function (`functionName` + `envId`).
 */
export function refund(ledger: PaymentLedger, d: PayData, c: PayCallContext): { reply: PayReply; order: PayOrder; refund: RefundOrder; created: boolean } {
  const subMchId = requiredString(d, 'sub_mch_id', 32);
  const outRefundNo = tradeNo(d, 'out_refund_no', true, 64);
  const totalFee = fen(d, 'total_fee');
  const refundFee = fen(d, 'refund_fee');
  if (refundFee > totalFee) throw requestFail('invalid refund_fee');
  const refundDesc = optionalString(d, 'refund_desc', 80);
  const envId = optionalString(d, 'env_id');
  const functionName = optionalString(d, 'function_name');
  const order = findOrderFor(ledger, d, subMchId);
  // v2: "未支付的订单不能发起退款" answers ORDERNOTEXIST.
  if (!order || !order.transactionId || order.state === 'NOTPAY' || order.state === 'CLOSED' || order.state === 'PAYERROR') {
    throw businessFail('ORDERNOTEXIST', '订单不存在');
  }
  const mismatch = () => businessFail('REFUND_FEE_MISMATCH', '订单金额或退款金额与之前请求不一致,请核实后再试');
  if (totalFee !== order.totalFee) throw mismatch();
  const existing = ledger.refund(order.key, outRefundNo);
  if (existing) {
    // Retrying a refund with the same number is the documented way to retry; other amounts are refused.
    if (existing.refundFee !== refundFee) throw mismatch();
    return { reply: refundReply(order, existing), order, refund: existing, created: false };
  }
  const sofar = refundedSoFar(ledger, order.key);
  if (sofar >= order.totalFee) throw businessFail('ERROR', '订单已全额退款');
  if (sofar + refundFee > order.totalFee) throw businessFail('INVALID_REQUEST', 'refund_fee大于可退金额');
  if (ledger.refundsOf(order.key).length >= MAX_REFUNDS_PER_ORDER) throw businessFail('INVALID_REQUEST', `每个支付订单的部分退款次数不能超过${MAX_REFUNDS_PER_ORDER}次`);
  const r: RefundOrder = {
    outRefundNo,
    orderKey: order.key,
    refundId: newRefundId(),
    refundFee,
    totalFee,
    ...(refundDesc !== undefined ? { refundDesc } : {}),
    status: 'PROCESSING',
    requestedAt: c.now,
    ...(functionName ? { functionName, envId: envId ?? '' } : {}),
    deliveries: [],
  };
  ledger.putRefund(r);
  order.state = 'REFUND';
  ledger.putOrder(order);
  return { reply: refundReply(order, r), order, refund: r, created: true };
}

/**
 * `queryRefund`: by out_refund_no / refund_id (that refund) or by out_trade_no / transaction_id (the order's refunds,
 * 10 per page from `offset`). The fields come both as lists (as cloudPay returns them: `refund_status_list`…) and
 * indexed (as v2 documents them: `refund_status_0`…).
 */
export function queryRefund(ledger: PaymentLedger, d: PayData): { reply: PayReply; order: PayOrder } {
  const subMchId = requiredString(d, 'sub_mch_id', 32);
  const outRefundNo = optionalString(d, 'out_refund_no');
  const refundId = optionalString(d, 'refund_id');
  let order: PayOrder | undefined;
  let refunds: RefundOrder[];
  let total: number;
  if (outRefundNo || refundId) {
    const r = ledger.findRefund({ outRefundNo, refundId, subMchId });
    if (!r) throw businessFail('REFUNDNOTEXIST', '退款订单查询失败');
    order = ledger.order(r.orderKey);
    refunds = [r];
    total = 1;
  } else {
    const outTradeNo = optionalString(d, 'out_trade_no');
    const transactionId = optionalString(d, 'transaction_id');
    if (!outTradeNo && !transactionId) throw requestFail('transaction_id、out_trade_no、out_refund_no、refund_id必须填写其中一个');
    order = transactionId ? ledger.findOrder({ transactionId, subMchId }) : ledger.order(PaymentLedger.orderKey(subMchId, outTradeNo!));
    const all = order ? ledger.refundsOf(order.key) : [];
    if (!all.length) throw businessFail('REFUNDNOTEXIST', '退款订单查询失败');
    const offset = d.offset === undefined ? 0 : Number(d.offset);
    if (!Number.isInteger(offset) || offset < 0 || offset >= all.length) throw businessFail('PARAM_ERROR', 'offset参数错误');
    refunds = all.slice(offset, offset + REFUND_PAGE);
    total = all.length;
  }
  if (!order) throw businessFail('REFUNDNOTEXIST', '退款订单查询失败');
  const reply = base(subMchId, order.subAppid);
  Object.assign(reply, {
    result_code: 'SUCCESS',
    transaction_id: order.transactionId,
    out_trade_no: order.outTradeNo,
    total_fee: order.totalFee,
    cash_fee: order.totalFee,
    refund_count: refunds.length,
    total_refund_count: total,
  });
  const success = (r: RefundOrder) => (r.status === 'SUCCESS' && r.settledAt !== undefined ? refundTime(r.settledAt) : '');
  refunds.forEach((r, n) => {
    Object.assign(reply, {
      [`out_refund_no_${n}`]: r.outRefundNo,
      [`refund_id_${n}`]: r.refundId,
      [`refund_channel_${n}`]: 'ORIGINAL',
      [`refund_fee_${n}`]: r.refundFee,
      [`settlement_refund_fee_${n}`]: r.refundFee,
      [`refund_status_${n}`]: r.status,
      [`refund_account_${n}`]: 'REFUND_SOURCE_RECHARGE_FUNDS',
      [`refund_recv_accout_${n}`]: '支付用户零钱',
      ...(success(r) ? { [`refund_success_time_${n}`]: success(r) } : {}),
    });
  });
  signed(reply);
  Object.assign(reply, {
    out_refund_no_list: refunds.map((r) => r.outRefundNo),
    refund_id_list: refunds.map((r) => r.refundId),
    refund_channel: refunds.map(() => 'ORIGINAL'),
    refund_fee_list: refunds.map((r) => r.refundFee),
    settlement_refund_fee_list: refunds.map((r) => r.refundFee),
    refund_status_list: refunds.map((r) => r.status),
    refund_account_list: refunds.map(() => 'REFUND_SOURCE_RECHARGE_FUNDS'),
    refund_recv_accout_list: refunds.map(() => '支付用户零钱'),
    refund_success_time_list: refunds.map(success),
    coupon_type_array: [],
    coupon_refund_fee_list: [],
    coupon_refund_count_list: [],
    coupon_refund_id_array: [],
    coupon_refund_fee_array: [],
  });
  return { reply, order };
}

/** The reply for a failure, with the merchant fields when they are known. */
export function failureReply(kind: 'return' | 'result', code: string, message: string, d: PayData): PayReply {
  if (kind === 'return') return { return_code: 'FAIL', return_msg: message };
  const subMchId = typeof d.sub_mch_id === 'string' ? d.sub_mch_id : '';
  const reply = base(subMchId, typeof d.sub_appid === 'string' ? d.sub_appid : undefined);
  Object.assign(reply, { result_code: 'FAIL', err_code: code, err_code_des: message });
  return signed(reply);
}
