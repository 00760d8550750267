/**
 * Loading orders. One read each; a customer's load is scoped to their openid in the query itself, so another
 * customer's order is indistinguishable from a missing one (NOT_FOUND, never FORBIDDEN).
 */
import type { OrderDoc } from '@typings/shop/order';
import type { Database } from '../lib/cloud';
import { AppError } from '../lib/errors';

export const ORDERS = 'orders';
export const SKUS = 'skus';
export const GOODS = 'goods';
export const CARTS = 'carts';
export const USERS = 'users';

export const ORDER_NOT_FOUND_MESSAGE = '订单不存在';

async function first(db: Database, where: Record<string, unknown>): Promise<OrderDoc | null> {
  const res = (await db.collection(ORDERS).where(where).limit(1).get()) as unknown as { data: OrderDoc[] };
  return res.data[0] ?? null;
}

export function loadOrder(db: Database, orderId: string): Promise<OrderDoc | null> {
  return first(db, { _id: orderId });
}

export function loadOrderByNo(db: Database, orderNo: string): Promise<OrderDoc | null> {
  return first(db, { orderNo });
}

/** The caller's own order, or NOT_FOUND (also for someone else's order). */
export async function loadOwnOrder(db: Database, openid: string, orderId: string): Promise<OrderDoc> {
  const order = await first(db, { _id: orderId, openid });
  if (!order) throw new AppError('NOT_FOUND', ORDER_NOT_FOUND_MESSAGE);
  return order;
}
