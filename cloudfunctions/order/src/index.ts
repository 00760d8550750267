// The `order` cloud function: checkout and the customer's orders. Thin on purpose: the code lives in server/orders.
import { orderFunction } from '@server/orders/order-function';

export const main = orderFunction.main;
