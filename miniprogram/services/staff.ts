/** The `staff` cloud function (the back office), as the merchant pages use it. Every call is checked on the server. */
import type { StaffMe, StaffOrderDetail, StaffOrderFilter, StaffOrderSummary } from '../../typings/api/staff';
import { callCloud } from './cloud';

export function getStaffMe(): Promise<StaffMe> {
  return callCloud('staff', 'staff.me');
}

export function listStaffOrders(status: StaffOrderFilter | undefined, page: number): Promise<{ orders: StaffOrderSummary[]; page: number; pageSize: number; hasMore: boolean }> {
  return callCloud('staff', 'staff.orders', status ? { status, page } : { page });
}

export function getStaffOrder(orderId: string): Promise<StaffOrderDetail> {
  return callCloud('staff', 'staff.orderDetail', { orderId });
}

export function markReady(orderId: string): Promise<StaffOrderDetail> {
  return callCloud('staff', 'staff.markReady', { orderId });
}

/** `code`: the 6 digits typed, or the text of the scanned pickup QR code. */
export function verifyPickup(code: string, orderId?: string): Promise<StaffOrderDetail> {
  return callCloud('staff', 'staff.verifyPickup', orderId ? { code, orderId } : { code });
}

export function shipOrder(orderId: string, company: string, trackingNo: string): Promise<StaffOrderDetail> {
  return callCloud('staff', 'staff.ship', { orderId, company, trackingNo });
}

export function approveRefund(orderId: string): Promise<StaffOrderDetail> {
  return callCloud('staff', 'staff.approveRefund', { orderId });
}

export function rejectRefund(orderId: string, reason: string): Promise<StaffOrderDetail> {
  return callCloud('staff', 'staff.rejectRefund', { orderId, reason });
}

/** Refunds the whole order (no `lines`) or some units, at once approved. */
export function refundOrder(orderId: string, reason: string, lines?: Array<{ skuId: string; quantity: number }>): Promise<StaffOrderDetail> {
  return callCloud('staff', 'staff.refund', lines ? { orderId, reason, lines } : { orderId, reason });
}
