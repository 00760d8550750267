/** `promotions`: the shop's 满减 and new-user offers (typings/marketing/promotion.ts), as the engine receives them. */
import type { Promotion } from '@typings/marketing/promotion';
import type { OrderStatus } from '@typings/shop/order';
import type { Database } from '../lib/cloud';
import { orEmpty } from '../lib/collections';
import { docsOf } from '../notify/db-results';
import { NEW_USER_CLAIMS } from './new-user-claims';

export const PROMOTIONS = 'promotions';

/** Statuses of an order that was paid (a customer with one is no longer new). */
export const PAID_STATUSES: readonly OrderStatus[] = ['paid', 'ready', 'shipped', 'completed', 'refund_requested', 'refunding', 'refunded'];

/** Enabled promotions not yet ended (at most 50; the engine checks the dates itself). One read. */
export async function loadActivePromotions(db: Database, now: number): Promise<Promotion[]> {
  const _ = db.command;
  return orEmpty(() => docsOf<Promotion>(db.collection(PROMOTIONS).where({ enabled: true, endsAt: _.gt(now) }).limit(50)));
}

/**
 * The customer may use the new-user zone: no paid order and no new-user claim (held by an unpaid order or used).
 * Two reads, in parallel.
 */
export async function isNewCustomer(db: Database, openid: string): Promise<boolean> {
  const _ = db.command;
  const [paid, claims] = await Promise.all([
    orEmpty(() => docsOf<{ _id: string }>(db.collection('orders').where({ openid, status: _.in([...PAID_STATUSES]) }).field({ _id: true }).limit(1))),
    orEmpty(() => docsOf<{ _id: string }>(db.collection(NEW_USER_CLAIMS).where({ _id: openid }).limit(1))),
  ]);
  return paid.length === 0 && claims.length === 0;
}
