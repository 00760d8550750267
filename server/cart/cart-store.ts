/**
 * The `carts` collection: one document per customer, `_id` = openid (typings/shop/cart.ts CartDoc).
 *
 * Never a blind overwrite: a cart is created by an insert with `_id` = openid (refused when it exists) and changed
 * only by `where({_id, version}).update({items, version: version + 1})`, which matches nothing when someone else
 * wrote since the read. The caller re-reads and re-applies its change (mutate-cart.ts).
 */
import type { CartDoc, CartItem } from '../../typings/shop/cart';
import type { EpochMs, OpenId } from '../../typings/shop/common';
import type { Database } from '../lib/cloud';
import { isCollectionMissing } from '../lib/collections';
import { isDuplicateKey } from '../lib/duplicate-key';

export const CARTS = 'carts';

/** A cart as read: its items and the version a write must find. */
export interface StoredCart {
  items: CartItem[];
  /** 0 for a cart without a version field (written before versions existed). */
  version: number;
  /** False when the customer has no cart document yet. */
  exists: boolean;
}

/** The caller's cart (an empty, not yet existing one when there is no document). One read. */
export async function loadCart(db: Database, openid: OpenId): Promise<StoredCart> {
  let doc: Partial<CartDoc> | undefined;
  try {
    const res = (await db.collection(CARTS).where({ _id: openid }).limit(1).get()) as unknown as { data: Partial<CartDoc>[] };
    doc = res.data[0];
  } catch (e) {
    if (!isCollectionMissing(e)) throw e;
  }
  if (!doc) return { items: [], version: 0, exists: false };
  return {
    items: Array.isArray(doc.items) ? doc.items : [],
    version: typeof doc.version === 'number' ? doc.version : 0,
    exists: true,
  };
}

/**
 * Writes `items` if the cart is still as `read` saw it; false (nothing written) when another write came first.
 * One write.
 */
export async function saveCart(db: Database, openid: OpenId, read: StoredCart, items: CartItem[], now: EpochMs): Promise<boolean> {
  const coll = db.collection(CARTS);
  if (!read.exists) {
    const doc: CartDoc = { _id: openid, items, version: 1, updatedAt: now };
    try {
      await coll.add({ data: doc });
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }
  const _ = db.command;
  const res = (await coll
    .where({ _id: openid, version: read.version === 0 ? _.exists(false) : read.version })
    .update({ data: { items: _.set(items), version: read.version + 1, updatedAt: now } })) as unknown as {
    stats: { updated: number };
  };
  return res.stats.updated === 1;
}
