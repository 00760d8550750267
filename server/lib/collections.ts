/**
 * Collections must exist before the real cloud database lets a function read or write them (a read of a missing
 * collection fails with DATABASE_COLLECTION_NOT_EXIST, errCode -502005). Functions do NOT create collections on the
 * fly: the seed / install step calls `ensureCollections(db)` once, which creates every collection listed in
 * COLLECTIONS and ignores those that already exist. Add a collection's name here when you add one.
 * (Read paths that can meet a fresh environment, like `settings.get`, also treat a missing collection as empty.)
 */
import type { Database } from './cloud';

export const COLLECTIONS = [
  'shop_settings',
  'staff',
  'subscriptions',
  'message_log',
  // catalogue, cart and users (server/catalogue, server/cart, server/users)
  'categories',
  'goods',
  'skus',
  'carts',
  'users',
  'visits',
  // orders (server/orders)
  'orders',
  'payment_issues',
  // marketing (server/marketing)
  'coupon_templates',
  'user_coupons',
  'promotions',
  'new_user_claims',
  // member accounts, points gifts (server/member)
  'members',
  'points_gifts',
  'points_exchanges',
  // operations data (server/analytics)
  'events',
  'analytics_daily',
  'analytics_periods',
  'analytics_live',
  'customer_facts',
] as const;

/** errCode of wx-server-sdk for a read/write on a collection that does not exist. */
export const COLLECTION_NOT_EXIST_ERRCODE = -502005;

interface SdkError {
  errCode?: number;
  errMsg?: string;
  code?: string;
  message?: string;
}

export function isCollectionMissing(e: unknown): boolean {
  const err = (e ?? {}) as SdkError;
  if (err.errCode === COLLECTION_NOT_EXIST_ERRCODE) return true;
  const text = `${err.code ?? ''} ${err.errMsg ?? ''} ${err.message ?? ''}`;
  return /COLLECTION_NOT_EXIST|collection not exist/i.test(text);
}

/** What `read` answers, or no documents where the collection does not exist yet (a fresh environment). */
export async function orEmpty<T>(read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read();
  } catch (e) {
    if (isCollectionMissing(e)) return [];
    throw e;
  }
}

function isAlreadyExists(e: unknown): boolean {
  const err = (e ?? {}) as SdkError;
  const text = `${err.code ?? ''} ${err.errMsg ?? ''} ${err.message ?? ''}`;
  // The real cloud answers: "-501001 resource system error. [ResourceUnavailable.ResourceExist] Table exist.
  // DATABASE_COLLECTION_ALREADY_EXIST".
  return /ALREADY_EXIST|ResourceExist|Table exist|already exists/i.test(text);
}

/** Creates each missing collection; answers the names it created. */
export async function ensureCollections(
  db: Pick<Database, 'createCollection'>,
  names: readonly string[] = COLLECTIONS,
): Promise<string[]> {
  const created: string[] = [];
  for (const name of names) {
    try {
      await db.createCollection(name);
      created.push(name);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }
  return created;
}
