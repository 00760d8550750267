import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** WeChat Pay v2 `trade_state` values the emulator uses. */
export type TradeState = 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED' | 'PAYERROR';

/** v2 `refund_status`: SUCCESS, REFUNDCLOSE (closed), PROCESSING, CHANGE (abnormal: the card was frozen…). */
export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'REFUNDCLOSE' | 'CHANGE';

/** One delivery of a notification to the project's callback function, and what it answered. */
export interface DeliveryRecord {
  /** Clock time of the delivery. */
  at: number;
  /** 1 for the first try of a notification; retries of an unacknowledged one count up. */
  attempt: number;
  functionName: string;
  /** True when the function answered `{errcode: 0}`. */
  acknowledged: boolean;
  /** What the function returned (when it ran). */
  answer?: unknown;
  /** Why the invocation failed (function missing, threw, timed out). */
  error?: { code: string; message: string };
  requestId?: string;
}

export interface PayOrder {
  /** `${subMchId}/${outTradeNo}`: an out_trade_no is unique per merchant. */
  key: string;
  outTradeNo: string;
  subMchId: string;
  subAppid: string;
  body: string;
  attach?: string;
  totalFee: number;
  feeType: string;
  tradeType: string;
  spbillCreateIp: string;
  /** The paying user in the mini-program (sub_openid). */
  payer?: string;
  /** Where the payment notification goes. */
  envId: string;
  functionName: string;
  prepayId: string;
  nonceStr: string;
  /** The unifiedOrder request fields that must match on a repeated call with the same out_trade_no. */
  fingerprint: string;
  createdAt: number;
  state: TradeState;
  transactionId?: string;
  /** Clock time of payment. */
  paidAt?: number;
  closedAt?: number;
  /** The invocation that placed the order, when known. */
  invocationId?: string;
  deliveries: DeliveryRecord[];
}

export interface RefundOrder {
  outRefundNo: string;
  /** The PayOrder key. */
  orderKey: string;
  refundId: string;
  refundFee: number;
  totalFee: number;
  refundDesc?: string;
  status: RefundStatus;
  requestedAt: number;
  settledAt?: number;
  /** Where the refund notification goes (only when the refund call named a function). */
  envId?: string;
  functionName?: string;
  deliveries: DeliveryRecord[];
}

/** A notification waiting for its time (a delayed or retried delivery). */
export interface ScheduledDelivery {
  id: string;
  kind: 'payment' | 'refund';
  /** PayOrder key or RefundOrder outRefundNo (with its order key). */
  ref: string;
  dueAt: number;
  attempt: number;
  /** Retry when not acknowledged. */
  retry: boolean;
}

interface Snapshot {
  version: 1;
  orders: PayOrder[];
  refunds: RefundOrder[];
  scheduled: ScheduledDelivery[];
}

/**
 * The payments the emulator knows: orders, refunds and notifications still to deliver. Kept in memory and, when
 * the emulator has a data folder, rewritten whole to `pay-ledger.json` after each change (it is small).
 */
export class PaymentLedger {
  private orders = new Map<string, PayOrder>();
  private refunds = new Map<string, RefundOrder>();
  scheduled: ScheduledDelivery[] = [];

  constructor(private readonly file: string | null) {}

  static orderKey(subMchId: string, outTradeNo: string): string {
    return `${subMchId}/${outTradeNo}`;
  }

  load(): void {
    if (!this.file || !existsSync(this.file)) return;
    let snap: Snapshot;
    try {
      snap = JSON.parse(readFileSync(this.file, 'utf8')) as Snapshot;
    } catch (e) {
      throw new Error(`${this.file} is not valid JSON: ${(e as Error).message}`);
    }
    this.orders = new Map((snap.orders ?? []).map((o) => [o.key, o]));
    this.refunds = new Map((snap.refunds ?? []).map((r) => [refundKey(r.orderKey, r.outRefundNo), r]));
    this.scheduled = snap.scheduled ?? [];
  }

  save(): void {
    if (!this.file) return;
    const snap: Snapshot = { version: 1, orders: [...this.orders.values()], refunds: [...this.refunds.values()], scheduled: this.scheduled };
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(snap));
    renameSync(tmp, this.file);
  }

  clear(): void {
    this.orders.clear();
    this.refunds.clear();
    this.scheduled = [];
    this.save();
  }

  order(key: string): PayOrder | undefined {
    return this.orders.get(key);
  }

  /** By out_trade_no alone (any merchant), or by transaction_id. */
  findOrder(by: { outTradeNo?: string; transactionId?: string; subMchId?: string }): PayOrder | undefined {
    for (const o of this.orders.values()) {
      if (by.subMchId !== undefined && o.subMchId !== by.subMchId) continue;
      if (by.outTradeNo !== undefined && o.outTradeNo === by.outTradeNo) return o;
      if (by.transactionId !== undefined && o.transactionId === by.transactionId) return o;
    }
    return undefined;
  }

  putOrder(o: PayOrder): void {
    this.orders.set(o.key, o);
  }

  allOrders(): PayOrder[] {
    return [...this.orders.values()];
  }

  refund(orderKey: string, outRefundNo: string): RefundOrder | undefined {
    return this.refunds.get(refundKey(orderKey, outRefundNo));
  }

  findRefund(by: { outRefundNo?: string; refundId?: string; subMchId?: string }): RefundOrder | undefined {
    for (const r of this.refunds.values()) {
      if (by.subMchId !== undefined && !r.orderKey.startsWith(`${by.subMchId}/`)) continue;
      if (by.outRefundNo !== undefined && r.outRefundNo === by.outRefundNo) return r;
      if (by.refundId !== undefined && r.refundId === by.refundId) return r;
    }
    return undefined;
  }

  putRefund(r: RefundOrder): void {
    this.refunds.set(refundKey(r.orderKey, r.outRefundNo), r);
  }

  refundsOf(orderKey: string): RefundOrder[] {
    return [...this.refunds.values()].filter((r) => r.orderKey === orderKey).sort((a, b) => a.requestedAt - b.requestedAt);
  }

  allRefunds(): RefundOrder[] {
    return [...this.refunds.values()];
  }
}

function refundKey(orderKey: string, outRefundNo: string): string {
  return `${orderKey}#${outRefundNo}`;
}
