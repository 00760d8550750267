/**
 * The WeChat Pay calls (`cloud.cloudPay.*`, absent from wx-server-sdk's typings), typed for what the shop uses.
 * Business failures are normal results (returnCode / resultCode FAIL with errCodeDes): wx-server-sdk overwrites
 * `err_code` with `errCode: 0`, so only `errCodeDes` / `returnMsg` say what went wrong.
 */
import type { PaymentParams } from '@typings/api/order';
import { getCloud } from '../lib/cloud';

export interface PayReply {
  returnCode?: string;
  returnMsg?: string;
  resultCode?: string;
  errCodeDes?: string;
  [k: string]: unknown;
}

export interface UnifiedOrderReply extends PayReply {
  payment?: PaymentParams & { appId?: string };
  prepayId?: string;
}

export interface QueryOrderReply extends PayReply {
  tradeState?: 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'PAYERROR' | string;
  totalFee?: number;
  transactionId?: string;
  timeEnd?: string;
}

export interface RefundReply extends PayReply {
  refundId?: string;
  refundFee?: number;
}

export interface CloudPayApi {
  unifiedOrder(args: Record<string, unknown>): Promise<UnifiedOrderReply>;
  queryOrder(args: Record<string, unknown>): Promise<QueryOrderReply>;
  closeOrder(args: Record<string, unknown>): Promise<PayReply>;
  refund(args: Record<string, unknown>): Promise<RefundReply>;
  queryRefund(args: Record<string, unknown>): Promise<PayReply>;
}

export function cloudPay(): CloudPayApi {
  return (getCloud() as unknown as { cloudPay: CloudPayApi }).cloudPay;
}

/** The env id callbacks run in (the function's own environment). */
export function currentEnvId(): string {
  const env = getCloud().getWXContext().ENV;
  return typeof env === 'string' ? env : String(env ?? '');
}

export function payOk(r: PayReply | undefined): boolean {
  return !!r && r.returnCode === 'SUCCESS' && r.resultCode === 'SUCCESS';
}

/** A short reason for a failed pay call. */
export function payFailure(r: PayReply | undefined): string {
  if (!r) return 'no reply';
  return String(r.errCodeDes ?? r.returnMsg ?? r.resultCode ?? r.returnCode ?? 'FAIL');
}

/** The notify function names given to WeChat Pay. */
export const PAY_NOTIFY_FUNCTION = 'payNotify';
export const REFUND_NOTIFY_FUNCTION = 'refundNotify';
