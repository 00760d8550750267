// `orderTimers`: unpaid-order timeout and reminder (every minute), delivery auto-confirm (hourly). Code: server/orders.
import { orderTimersMain } from '@server/orders/order-timers-function';

export const main = orderTimersMain;
