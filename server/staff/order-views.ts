/** What staff pages show of an order: list rows and the actions staff may take now. */
import type { StaffOrderAction, StaffOrderDetail, StaffOrderSummary } from '@typings/api/staff';
import type { OrderDoc, OrderEvent } from '@typings/shop/order';
import { availableEvents } from '../domain/order-state';
import { goodsSummary } from '../notify/templates';

export function summariseOrder(o: OrderDoc): StaffOrderSummary {
  return {
    _id: o._id,
    orderNo: o.orderNo,
    status: o.status,
    fulfilment: o.fulfilment.type,
    ...(o.fulfilment.pickupCode ? { pickupCode: o.fulfilment.pickupCode } : {}),
    ...(o.fulfilment.address?.name ? { recipient: o.fulfilment.address.name } : {}),
    totalFen: o.amounts.totalFen,
    itemCount: o.lines.reduce((n, l) => n + l.quantity, 0),
    summary: goodsSummary(o),
    createdAt: o.createdAt,
    ...(o.payment?.paidAt !== undefined ? { paidAt: o.payment.paidAt } : {}),
  };
}

const ACTION_OF: Partial<Record<OrderEvent, StaffOrderAction>> = {
  mark_ready: 'markReady',
  verify_pickup: 'verifyPickup',
  ship: 'ship',
  approve_refund: 'approveRefund',
  reject_refund: 'rejectRefund',
  request_refund: 'refund',
};

/** The staff actions the state machine allows on the order now. */
export function staffActions(order: OrderDoc, staffOpenid: string, at: number): StaffOrderAction[] {
  return availableEvents(order, { role: 'staff', id: staffOpenid }, at)
    .map((e) => ACTION_OF[e])
    .filter((a): a is StaffOrderAction => a !== undefined);
}

export function orderDetail(order: OrderDoc, staffOpenid: string, at: number): StaffOrderDetail {
  return { order, actions: staffActions(order, staffOpenid, at) };
}

/** The 6-digit code in what staff typed or scanned (`123456`, `kaidian://pickup/123456`, ` 123 456 `), or null. */
export function pickupCodeOf(input: string): string | null {
  const compact = input.trim().replace(/\s+/g, '');
  if (/^\d{6}$/.test(compact)) return compact;
  const m = /(?:^|\D)(\d{6})$/.exec(compact);
  return m ? m[1] : null;
}
