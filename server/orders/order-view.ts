/** What a customer sees of their orders: the list rows, the detail, and the buttons they may press now. */
import type { CustomerOrderAction, OrderListTab, OrderSummary, OrderView } from '@typings/api/order';
import type { Actor, OrderDoc, OrderEvent, OrderStatus } from '@typings/shop/order';
import { transition } from '../domain/order-state';
import { remainingRefundableFen } from '../domain/refund';

/** The statuses each tab of the order list shows (`all`: every status). */
export const ORDER_TAB_STATUSES: Record<Exclude<OrderListTab, 'all'>, OrderStatus[]> = {
  unpaid: ['unpaid'],
  to_fulfil: ['paid', 'ready'],
  to_receive: ['shipped'],
  completed: ['completed'],
  after_sale: ['refund_requested', 'refunding', 'refunded'],
};

const EVENT_ACTIONS: Array<[OrderEvent, CustomerOrderAction]> = [
  ['cancel', 'cancel'],
  ['confirm_receipt', 'confirmReceipt'],
  ['request_refund', 'requestRefund'],
  ['withdraw_refund', 'withdrawRefund'],
];

/** The buttons for the order's owner at time `now`. */
export function customerActions(order: OrderDoc, now: number): CustomerOrderAction[] {
  const actor: Actor = { role: 'customer', id: order.openid };
  const actions: CustomerOrderAction[] = [];
  if (order.status === 'unpaid' && now < order.expiresAt) actions.push('pay');
  for (const [event, action] of EVENT_ACTIONS) {
    if (event === 'request_refund' && remainingRefundableFen(order) <= 0) continue;
    if (transition(order, event, actor, now).ok) actions.push(action);
  }
  if (order.fulfilment.type === 'pickup' && (order.status === 'paid' || order.status === 'ready')) actions.push('pickupQr');
  return actions;
}

export function toOrderSummary(order: OrderDoc, now: number): OrderSummary {
  return {
    _id: order._id,
    orderNo: order.orderNo,
    status: order.status,
    fulfilment: order.fulfilment.type,
    totalFen: order.amounts.totalFen,
    itemCount: order.lines.reduce((n, l) => n + l.quantity, 0),
    lines: order.lines.slice(0, 3).map((l) => ({
      skuId: l.skuId,
      title: l.title,
      specText: l.specText,
      image: l.image,
      unitPriceFen: l.unitPriceFen,
      quantity: l.quantity,
    })),
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
    actions: customerActions(order, now),
  };
}

export function toOrderView(order: OrderDoc, now: number): OrderView {
  const { payment } = order;
  return {
    _id: order._id,
    orderNo: order.orderNo,
    status: order.status,
    lines: order.lines,
    amounts: order.amounts,
    fulfilment: order.fulfilment,
    ...(payment?.paidAt !== undefined
      ? { payment: { paidFen: payment.paidFen, paidAt: payment.paidAt, transactionId: payment.transactionId } }
      : {}),
    refunds: order.refunds,
    ...(order.remark ? { remark: order.remark } : {}),
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
    timeline: order.log.map((e) => ({ at: e.at, action: e.action, to: e.to, ...(e.note ? { note: e.note } : {}) })),
    actions: customerActions(order, now),
  };
}
