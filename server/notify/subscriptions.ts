/**
 * One-time subscription authorisations, counted per (openid, templateId) in the `subscriptions` collection
 * (`{_id: '<openid>|<templateId>', openid, templateId, count, updatedAt}`):
 * - each `accept` the customer gives in wx.requestSubscribeMessage adds one (notify.recordSubscription);
 * - sending a message first spends one with a conditional decrement (`count ≥ 1`), so two concurrent sends can never
 *   spend the same authorisation, and a send without one is not even attempted.
 * WeChat keeps its own count and stays the authority: a send it refuses (43101) resets ours to 0.
 */
import type { Database } from '../lib/cloud';
import { docsOf, isDuplicateKey, updatedCount } from './db-results';

export const SUBSCRIPTIONS_COLLECTION = 'subscriptions';

export interface SubscriptionDoc {
  _id: string;
  openid: string;
  templateId: string;
  count: number;
  updatedAt: number;
}

export function subscriptionId(openid: string, templateId: string): string {
  return `${openid}|${templateId}`;
}

/** Adds `n` authorisations; answers the new count. */
export async function grantAuthorisation(db: Database, openid: string, templateId: string, at: number, n = 1): Promise<number> {
  const _ = db.command;
  const coll = db.collection(SUBSCRIPTIONS_COLLECTION);
  const _id = subscriptionId(openid, templateId);
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await coll.where({ _id }).update({ data: { count: _.inc(n), updatedAt: at } });
    if (updatedCount(res) === 0) {
      try {
        await coll.add({ data: { _id, openid, templateId, count: n, updatedAt: at } });
      } catch (e) {
        if (isDuplicateKey(e)) continue; // created meanwhile by a concurrent call: increment it
        throw e;
      }
    }
    return countOf(db, openid, templateId);
  }
  throw new Error('could not record the subscription authorisation');
}

/** Uses one authorisation if there is one (conditional decrement); false when none is left. */
export async function spendAuthorisation(db: Database, openid: string, templateId: string, at: number): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection(SUBSCRIPTIONS_COLLECTION)
    .where({ _id: subscriptionId(openid, templateId), count: _.gte(1) })
    .update({ data: { count: _.inc(-1), updatedAt: at } });
  return updatedCount(res) === 1;
}

/** Gives back an authorisation spent on a send that WeChat did not accept for another reason than the quota. */
export async function returnAuthorisation(db: Database, openid: string, templateId: string, at: number): Promise<void> {
  const _ = db.command;
  await db.collection(SUBSCRIPTIONS_COLLECTION).where({ _id: subscriptionId(openid, templateId) }).update({ data: { count: _.inc(1), updatedAt: at } });
}

/** WeChat says the user has none left: forget ours. */
export async function clearAuthorisations(db: Database, openid: string, templateId: string, at: number): Promise<void> {
  await db.collection(SUBSCRIPTIONS_COLLECTION).where({ _id: subscriptionId(openid, templateId) }).update({ data: { count: 0, updatedAt: at } });
}

/** Counts of some templates for one customer (one query). */
export async function countsOf(db: Database, openid: string, templateIds: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = Object.fromEntries(templateIds.map((t) => [t, 0]));
  if (templateIds.length === 0) return out;
  const _ = db.command;
  const docs = await docsOf<SubscriptionDoc>(
    db
      .collection(SUBSCRIPTIONS_COLLECTION)
      .where({ _id: _.in(templateIds.map((t) => subscriptionId(openid, t))) })
      .limit(templateIds.length),
  );
  for (const doc of docs) out[doc.templateId] = doc.count;
  return out;
}

async function countOf(db: Database, openid: string, templateId: string): Promise<number> {
  return (await countsOf(db, openid, [templateId]))[templateId] ?? 0;
}
