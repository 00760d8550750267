/**
 * Reading and checking the snake_case request fields of a cloudPay call, with failures worded the way WeChat Pay v2
 * answers them. Two kinds of failure exist in v2:
 *  - a request-level one: `{return_code: 'FAIL', return_msg}` (e.g. `invalid refund_fee`,
 *    `受理机构必须传入sub_mch_id`);
 *  - a business one: `{return_code: 'SUCCESS', result_code: 'FAIL', err_code, err_code_des}`
 *    (e.g. `INVALID_REQUEST` / `201 商户订单号重复`).
 * Both reach the caller as a normal result (`errCode: 0`); the SDK does not throw for them.
 */
export class PayReplyError extends Error {
  constructor(
    readonly kind: 'return' | 'result',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PayReplyError';
  }
}

/** A request-level failure (`return_code: FAIL`). */
export function requestFail(returnMsg: string): PayReplyError {
  return new PayReplyError('return', 'FAIL', returnMsg);
}

/** A business failure (`result_code: FAIL`, `err_code`, `err_code_des`). */
export function businessFail(errCode: string, errCodeDes: string): PayReplyError {
  return new PayReplyError('result', errCode, errCodeDes);
}

export type PayData = Record<string, unknown>;

/** out_trade_no / out_refund_no: "只能是数字、大小写字母_-|*" (v2). */
const TRADE_NO = /^[0-9A-Za-z_\-|*]+$/;

export function optionalString(d: PayData, field: string, maxBytes?: number): string | undefined {
  const v = d[field];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw requestFail(`${field}参数格式错误`);
  const s = String(v);
  if (maxBytes !== undefined && Buffer.byteLength(s, 'utf8') > maxBytes) throw requestFail(`${field}参数长度有误`);
  return s;
}

export function requiredString(d: PayData, field: string, maxBytes?: number): string {
  const s = optionalString(d, field, maxBytes);
  if (s === undefined) {
    throw requestFail(field === 'sub_mch_id' ? '受理机构必须传入sub_mch_id' : `缺少参数${field}`);
  }
  return s;
}

export function tradeNo(d: PayData, field: 'out_trade_no' | 'out_refund_no', required: true, maxLen: number): string;
export function tradeNo(d: PayData, field: 'out_trade_no' | 'out_refund_no', required: false, maxLen: number): string | undefined;
export function tradeNo(d: PayData, field: 'out_trade_no' | 'out_refund_no', required: boolean, maxLen: number): string | undefined {
  const s = required ? requiredString(d, field) : optionalString(d, field);
  if (s === undefined) return undefined;
  if (s.length > maxLen) throw requestFail(`${field}参数长度有误`);
  if (!TRADE_NO.test(s)) throw requestFail(`${field}参数格式错误，只能是数字、大小写字母_-|*`);
  return s;
}

/**
 * An amount in fen: a positive integer (a digit string is accepted as the XML API does). `1.5` or `0.1 * 3 * 100`
 * is refused the way the API refuses it: `invalid total_fee`.
 */
export function fen(d: PayData, field: string): number {
  const v = d[field];
  if (v === undefined || v === null || v === '') throw requestFail(`缺少参数${field}`);
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw requestFail(`invalid ${field}`);
  return n;
}
