/**
 * `payment_issues`: money WeChat Pay reports that the shop's orders cannot simply absorb, kept for the owner to see
 * (one document per issue; its `_id` is derived from what happened, so a repeated notification records nothing new):
 *
 * - `late_payment`: a payment for an order that was already cancelled (timed out, or cancelled while the customer
 *   was paying). Decision: it is refunded in full AUTOMATICALLY (out_refund_no `<orderNo>L1`) and the order stays
 *   cancelled (its stock was released and may be sold again); the issue follows the refund
 *   (refunding → refunded | refund_failed; a failed one needs the owner, in the WeChat Pay merchant platform).
 * - `amount_mismatch`: a payment notification whose amount differs from the order's server total: refused
 *   (the order is not marked paid) and recorded.
 * - `second_payment`: a different transaction for an order already paid (should not happen: out_trade_no is unique).
 * - `refund_mismatch`: a refund notification whose amount differs from the refund the shop asked for.
 */
import type { Database } from '../lib/cloud';

export const PAYMENT_ISSUES = 'payment_issues';

export type PaymentIssueKind = 'late_payment' | 'amount_mismatch' | 'second_payment' | 'refund_mismatch';
export type PaymentIssueStatus = 'open' | 'refunding' | 'refunded' | 'refund_failed';

export interface PaymentIssueDoc {
  _id: string;
  kind: PaymentIssueKind;
  orderId: string;
  orderNo: string;
  transactionId?: string;
  /** What WeChat Pay reported (fen). */
  reportedFen: number;
  /** What the shop expected (fen). */
  expectedFen: number;
  status: PaymentIssueStatus;
  refundNo?: string;
  note?: string;
  createdAt: number;
  updatedAt: number;
}

export function issueId(kind: PaymentIssueKind, orderNo: string, ref: string): string {
  return `${kind}:${orderNo}:${ref}`.slice(0, 120);
}

function isDuplicate(e: unknown): boolean {
  const err = (e ?? {}) as { errMsg?: string; message?: string; code?: string };
  return /duplicate|E11000|DUPLICATE_WRITE/i.test(`${err.code ?? ''} ${err.errMsg ?? ''} ${err.message ?? ''}`);
}

/** Records an issue once; true when this call recorded it (false: it was already there). */
export async function recordIssue(db: Database, issue: PaymentIssueDoc): Promise<boolean> {
  try {
    await db.collection(PAYMENT_ISSUES).add({ data: issue });
    return true;
  } catch (e) {
    if (isDuplicate(e)) return false;
    throw e;
  }
}

/** Moves an issue on (conditional on its current status, so a repeated notification changes nothing twice). */
export async function updateIssueStatus(
  db: Database,
  id: string,
  from: readonly PaymentIssueStatus[],
  to: PaymentIssueStatus,
  at: number,
  note?: string,
): Promise<boolean> {
  const _ = db.command;
  const res = (await db
    .collection(PAYMENT_ISSUES)
    .where({ _id: id, status: _.in([...from]) })
    .update({ data: { status: to, updatedAt: at, ...(note ? { note } : {}) } })) as { stats: { updated: number } };
  return res.stats.updated === 1;
}

export async function loadIssue(db: Database, id: string): Promise<PaymentIssueDoc | null> {
  const res = (await db.collection(PAYMENT_ISSUES).where({ _id: id }).limit(1).get()) as unknown as { data: PaymentIssueDoc[] };
  return res.data[0] ?? null;
}

export { isDuplicate as isDuplicateKeyError };
