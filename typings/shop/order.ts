import type { Touch } from './attribution';
import type { FulfilmentType, OrderAmounts } from './checkout';
import type { EpochMs, Fen, OpenId } from './common';

/**
 * Order statuses (the state machine lives in server/domain/order-state.ts):
 * - `unpaid` → `paid` (WeChat Pay confirmed) or `cancelled` (customer/staff cancel, or unpaid timeout)
 * - pickup: `paid` → `ready` (staff: ready for pickup) → `completed` (staff verifies the pickup code)
 * - delivery: `paid` → `shipped` → `completed` (customer confirms, or auto-confirm after a delay)
 * - after-sale: `paid|ready|shipped|completed` → `refund_requested` → `refunding` (WeChat refund in flight) →
 *   `refunded` when the order is now fully refunded, otherwise back to the status it had before the request
 *   (a partial refund; the lines' refundedQuantity/refundedFen record it). There is no separate
 *   "partially refunded" status.
 * Terminal: `completed` (except for after-sale requests), `cancelled`, `refunded`.
 */
export type OrderStatus =
  | 'unpaid'
  | 'paid'
  | 'ready'
  | 'shipped'
  | 'completed'
  | 'cancelled'
  | 'refund_requested'
  | 'refunding'
  | 'refunded';

/** Statuses a refund request can start from, and return to when it ends without a full refund. */
export type RefundableStatus = 'paid' | 'ready' | 'shipped' | 'completed';

export type OrderEvent =
  | 'pay'
  | 'cancel'
  | 'timeout'
  | 'mark_ready'
  | 'ship'
  | 'verify_pickup'
  | 'confirm_receipt'
  | 'auto_confirm'
  | 'request_refund'
  | 'withdraw_refund'
  | 'approve_refund'
  | 'reject_refund'
  | 'refund_succeeded'
  | 'refund_failed';

export type ActorRole = 'customer' | 'staff' | 'system';

/** Who fires an event: a customer or staff member by openid, or the system (`system`, or `wxpay` for callbacks). */
export interface Actor {
  role: ActorRole;
  id: OpenId | 'system' | 'wxpay';
}

export interface OrderLine {
  skuId: string;
  goodsId: string;
  /** Snapshot of the goods title at order time. */
  title: string;
  specText: string;
  image: string;
  unitPriceFen: Fen;
  quantity: number;
  lineTotalFen: Fen;
  discountFen: Fen;
  /** What the customer paid for this line: lineTotalFen − discountFen. */
  payFen: Fen;
  /** Units refunded so far (successful refunds only). */
  refundedQuantity: number;
  /** Fen refunded so far for this line (successful refunds only). */
  refundedFen: Fen;
}

export interface DeliveryAddress {
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  postalCode?: string;
}

export interface ShippingInfo {
  company: string;
  trackingNo: string;
  shippedAt: EpochMs;
}

export interface OrderFulfilment {
  type: FulfilmentType;
  /** Delivery orders. */
  address?: DeliveryAddress;
  /** Pickup orders: 6 digits the customer shows at the counter. */
  pickupCode?: string;
  /** Delivery orders, once shipped. */
  shipping?: ShippingInfo;
}

export interface OrderPayment {
  prepayId?: string;
  transactionId?: string;
  paidFen?: Fen;
  paidAt?: EpochMs;
}

/**
 * Life of one refund record (mirrors the order's after-sale states; see `refund` column of the transition table):
 * requested → processing (approved, WeChat refund called) → succeeded | failed; failed → processing (retry, same
 * refundNo); requested|failed → rejected (staff) ; requested → withdrawn (customer).
 */
export type RefundStatus = 'requested' | 'processing' | 'succeeded' | 'failed' | 'rejected' | 'withdrawn';

export interface RefundLine {
  skuId: string;
  quantity: number;
  amountFen: Fen;
}

export interface OrderRefund {
  /** WeChat Pay out_refund_no (see makeRefundNo). */
  refundNo: string;
  /** Units refunded per line (a full refund lists every remaining unit). */
  lines: RefundLine[];
  /** Part of amountFen that refunds shipping (only when this refund leaves nothing else to refund). */
  shippingFen: Fen;
  /** Total refunded: sum of lines' amountFen + shippingFen. */
  amountFen: Fen;
  /** This refund leaves the order fully refunded. */
  full: boolean;
  reason: string;
  status: RefundStatus;
  requestedAt: EpochMs;
  /** When the status last changed. */
  updatedAt: EpochMs;
  refundedAt?: EpochMs;
}

export interface OrderLogEntry {
  at: EpochMs;
  by: OpenId | 'system' | 'wxpay';
  role: ActorRole;
  /** The event, or `create` for the first entry. */
  action: OrderEvent | 'create';
  /** null for `create`. */
  from: OrderStatus | null;
  to: OrderStatus;
  note?: string;
}

/** Points an order spent at checkout. */
export interface OrderPoints {
  used: number;
  deductFen: Fen;
  /** The ledger entry id of the spend (`spend:<orderNo>`). */
  spendId: string;
}

/** `orders` collection. */
export interface OrderDoc {
  _id: string;
  /** Also the WeChat Pay out_trade_no (see makeOrderNo). */
  orderNo: string;
  openid: OpenId;
  status: OrderStatus;
  /** While a refund is requested/refunding: the status to return to. Absent otherwise. */
  refundResumeStatus?: RefundableStatus;
  lines: OrderLine[];
  amounts: OrderAmounts;
  fulfilment: OrderFulfilment;
  payment?: OrderPayment;
  refunds: OrderRefund[];
  /** Customer's note to the shop. */
  remark?: string;
  attribution: Touch;
  createdAt: EpochMs;
  /** Unpaid orders are cancelled by the `timeout` event at or after this time. */
  expiresAt: EpochMs;
  /** When the unpaid-order reminder was claimed (set once by the orderTimers function). */
  remindedAt?: EpochMs;
  /** The owned coupon this order holds (`user_coupons`): locked while unpaid, used once paid, given back on cancel. */
  couponId?: string;
  /** The new-user offer one unit of this order is priced with (its claim `new_user_claims/<openid>` is held). */
  newUserOfferId?: string;
  /** Points spent as a deduction (ledger entry `spendId` in `members/<openid>`): refunded on cancel / refund. */
  points?: OrderPoints;
  log: OrderLogEntry[];
}
