/**
 * `message_log`: one document per (orderId, kind) — what happened to each order message.
 *
 * The document is inserted (status `pending`) BEFORE anything is sent, and a unique index on {orderId, kind}
 * (database.indexes.json; create the same unique index in the cloud console) refuses a second one: a duplicate
 * payment callback or a retried timer loses that insert and sends nothing. The outcome is then written on it.
 */
import type { Database } from '../lib/cloud';
import { isDuplicateKey } from './db-results';
import type { OrderMessageKind } from './templates';

export const MESSAGE_LOG_COLLECTION = 'message_log';

export type MessageStatus = 'pending' | 'sent' | 'skipped' | 'failed';

export interface MessageLogDoc {
  _id: string;
  openid: string;
  orderId: string;
  kind: OrderMessageKind;
  templateId: string;
  status: MessageStatus;
  /** Why it was skipped or failed ('' when sent). */
  reason: string;
  at: number;
}

export type ClaimResult = { claimed: true; logId: string } | { claimed: false };

/** Inserts the pending entry; `claimed: false` when (orderId, kind) has one already. */
export async function claimMessage(
  db: Database,
  entry: Pick<MessageLogDoc, 'openid' | 'orderId' | 'kind' | 'templateId' | 'at'>,
): Promise<ClaimResult> {
  try {
    const res = (await db.collection(MESSAGE_LOG_COLLECTION).add({ data: { ...entry, status: 'pending', reason: '' } })) as { _id: string | number };
    return { claimed: true, logId: String(res._id) };
  } catch (e) {
    if (isDuplicateKey(e)) return { claimed: false };
    throw e;
  }
}

/** Writes the outcome on a claimed entry. */
export async function finishMessage(db: Database, logId: string, status: Exclude<MessageStatus, 'pending'>, reason: string, at: number): Promise<void> {
  await db.collection(MESSAGE_LOG_COLLECTION).doc(logId).update({ data: { status, reason, at } });
}
