/** The staff's reads of the `orders` collection (every customer's orders). */
import type { StaffOrderFilter } from '@typings/api/staff';
import type { OrderDoc, OrderStatus } from '@typings/shop/order';
import type { Database } from '../lib/cloud';
import { AppError } from '../lib/errors';
import { isCollectionMissing } from '../lib/collections';
import { docsOf } from '../notify/db-results';
import { loadOrder, ORDER_NOT_FOUND_MESSAGE, ORDERS } from '../orders/order-store';

export const STAFF_PAGE_SIZE = 20;
export const TODO_STATUSES: readonly OrderStatus[] = ['paid', 'ready', 'refund_requested'];

/** One page of orders, newest first (one query: a page plus one row to know whether more follow). */
export async function listOrders(
  db: Database,
  filter: StaffOrderFilter | undefined,
  page: number,
): Promise<{ orders: OrderDoc[]; hasMore: boolean }> {
  const _ = db.command;
  const where = filter === undefined ? {} : filter === 'todo' ? { status: _.in([...TODO_STATUSES]) } : { status: filter };
  try {
    const rows = await docsOf<OrderDoc>(
      db
        .collection(ORDERS)
        .where(where)
        .orderBy('createdAt', 'desc')
        .skip(page * STAFF_PAGE_SIZE)
        .limit(STAFF_PAGE_SIZE + 1),
    );
    return { orders: rows.slice(0, STAFF_PAGE_SIZE), hasMore: rows.length > STAFF_PAGE_SIZE };
  } catch (e) {
    if (isCollectionMissing(e)) return { orders: [], hasMore: false };
    throw e;
  }
}

/** Any customer's order, or NOT_FOUND. */
export async function loadAnyOrder(db: Database, orderId: string): Promise<OrderDoc> {
  const order = await loadOrder(db, orderId);
  if (!order) throw new AppError('NOT_FOUND', ORDER_NOT_FOUND_MESSAGE);
  return order;
}

/** Pickup orders carrying this code, newest first (one query; codes repeat over time, so a few are read). */
export async function ordersWithPickupCode(db: Database, code: string): Promise<OrderDoc[]> {
  return docsOf<OrderDoc>(
    db.collection(ORDERS).where({ 'fulfilment.type': 'pickup', 'fulfilment.pickupCode': code }).orderBy('createdAt', 'desc').limit(20),
  );
}
