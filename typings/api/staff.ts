/**
 * Contract of the `staff` cloud function: the shop's back office. Every action first checks that the caller's openid
 * (from the platform, never the event) is in the `staff` collection, and answers FORBIDDEN otherwise — changing
 * nothing.
 */
import type { ActionSpec, NoInput } from '../envelope';
import type { EpochMs, Fen, OpenId } from '../shop/common';
import type { FulfilmentType } from '../shop/checkout';
import type { OrderDoc, OrderStatus } from '../shop/order';
import type { StaffRole } from '../shop/staff';

export interface StaffMe {
  openid: OpenId;
  role: StaffRole;
  name: string;
}

/** One row of the staff order list. */
export interface StaffOrderSummary {
  _id: string;
  orderNo: string;
  status: OrderStatus;
  fulfilment: FulfilmentType;
  /** Pickup orders. */
  pickupCode?: string;
  /** Delivery orders: the recipient's name. */
  recipient?: string;
  totalFen: Fen;
  /** Units over all lines. */
  itemCount: number;
  /** `拿铁 等3件`. */
  summary: string;
  createdAt: EpochMs;
  paidAt?: EpochMs;
}

/** What staff may do with an order now (buttons of the order detail page). */
export type StaffOrderAction = 'markReady' | 'verifyPickup' | 'ship' | 'approveRefund' | 'rejectRefund' | 'refund';

export interface StaffOrderDetail {
  order: OrderDoc;
  actions: StaffOrderAction[];
}

/** Filters of the staff order list: one status, or `todo` = paid/ready/refund_requested (what needs a hand). */
export type StaffOrderFilter = OrderStatus | 'todo';

export type StaffActions = {
  /** The caller's staff record (FORBIDDEN for anyone else: pages use it to decide whether to show the back office). */
  'staff.me': ActionSpec<NoInput, StaffMe>;
  /** Every customer's orders, newest first; `page` counts from 0. */
  'staff.orders': ActionSpec<
    { status?: StaffOrderFilter; page?: number },
    { orders: StaffOrderSummary[]; page: number; pageSize: number; hasMore: boolean }
  >;
  'staff.orderDetail': ActionSpec<{ orderId: string }, StaffOrderDetail>;
  /** Pickup order paid → ready (the customer gets the `ready` message). */
  'staff.markReady': ActionSpec<{ orderId: string }, StaffOrderDetail>;
  /**
   * The customer's 6-digit pickup code (typed, or the scanned pickup QR, whose text ends with the code) → that
   * pickup order, paid or ready → completed. NOT_FOUND: no such code; PRECONDITION_FAILED: already completed (or
   * not payable yet); CONFLICT: several open orders share the code (pass `orderId` to pick one).
   */
  'staff.verifyPickup': ActionSpec<{ code: string; orderId?: string }, StaffOrderDetail>;
  /** Delivery order paid → shipped, with its shipping record (the customer gets the `shipped` message). */
  'staff.ship': ActionSpec<{ orderId: string; company: string; trackingNo: string }, StaffOrderDetail>;
  /** Approves the customer's refund request: the WeChat Pay refund starts (the order becomes `refunding`). */
  'staff.approveRefund': ActionSpec<{ orderId: string; reason?: string }, StaffOrderDetail>;
  /** Rejects the customer's refund request: the order returns to the status it had. */
  'staff.rejectRefund': ActionSpec<{ orderId: string; reason: string }, StaffOrderDetail>;
  /**
   * A refund the shop starts itself: the whole order (no `lines`) or some units of some lines, then at once approved
   * (WeChat Pay refund started).
   */
  'staff.refund': ActionSpec<
    { orderId: string; lines?: Array<{ skuId: string; quantity: number }>; reason?: string },
    StaffOrderDetail
  >;
};
