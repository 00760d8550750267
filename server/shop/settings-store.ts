/** Where the shop's settings live: the `shop_settings` collection, one document with _id 'default'. */
import type { ShopSettings } from '@typings/api/shop';
import { readShopSettings } from '../domain/shop-settings';
import type { Database } from '../lib/cloud';
import { isCollectionMissing } from '../lib/collections';

export const SHOP_SETTINGS_COLLECTION = 'shop_settings';
export const SHOP_SETTINGS_DOC_ID = 'default';

/** The stored settings, or the defaults while none are stored (or the collection does not exist yet). One read. */
export async function loadShopSettings(db: Database): Promise<ShopSettings> {
  let doc: unknown;
  try {
    // where(_id) rather than doc(id).get(): a missing document is an empty list, not an error.
    const res = (await db.collection(SHOP_SETTINGS_COLLECTION).where({ _id: SHOP_SETTINGS_DOC_ID }).limit(1).get()) as {
      data: unknown[];
    };
    doc = res.data[0];
  } catch (e) {
    if (!isCollectionMissing(e)) throw e;
  }
  return readShopSettings(doc);
}
