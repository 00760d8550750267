/**
 * Contract of the `order` cloud function: checkout (server-priced quote, order creation with stock reservation and
 * WeChat Pay) and the customer's own orders. The customer is always the caller (openid from the platform, never
 * from the input): another customer's order answers NOT_FOUND, exactly like an order that does not exist.
 *
 * The payment and refund callbacks (`payNotify`, `refundNotify`) and the timers (`orderTimers`) are functions too,
 * but WeChat calls them, not the mini-program: they have no contract here.
 */
import type { ActionSpec } from '../envelope';
import type { FulfilmentType, OrderAmounts, Quote } from '../shop/checkout';
import type { EpochMs, Fen } from '../shop/common';
import type { AppliedDiscount, ChoiceProblem, CouponChoice, CouponOption, LineBlock, NotApplied, PointsChoice, PointsOutcome } from '../marketing/pricing';
import type { DeliveryAddress, OrderFulfilment, OrderLine, OrderRefund, OrderStatus } from '../shop/order';

export interface CheckoutItem {
  skuId: string;
  /** Integer 1..99 (duplicates of a skuId are merged; the merged quantity must stay ≤ 99). */
  quantity: number;
}

export interface FulfilmentChoice {
  type: FulfilmentType;
  /** Delivery: where to (from wx.chooseAddress). Ignored for pickup. */
  address?: DeliveryAddress;
}

export interface CheckoutQuoteInput {
  items: CheckoutItem[];
  fulfilment: FulfilmentChoice;
  /**
   * Price with the marketing engine: `best` (the engine picks), `none`, or one owned coupon. Absent = no marketing
   * pricing (the quote has no `pricing`; no coupon is read).
   */
  coupon?: CouponChoice;
  /**
   * Points as a deduction: `none` (default), `max` (as many as the shop allows), `best` (the engine decides). Sending
   * it prices with the engine even without `coupon` (coupon then defaults to `none`).
   */
  points?: PointsChoice;
}

/** The marketing engine's answer for a quote (server/domain/pricing): what the checkout coupon picker shows. */
export interface QuotePricing {
  /** The coupon the quote is priced with (null = none). */
  couponId: string | null;
  discounts: AppliedDiscount[];
  couponOptions: CouponOption[];
  notApplied: NotApplied[];
  /** The customer's explicit coupon could not be used (the quote is priced without it; create refuses it). */
  choiceProblem: ChoiceProblem | null;
  /** Points: the spendable balance, points the quote spends and their value, points the order would earn. */
  points?: PointsOutcome;
  /** Member-only lines the caller's tier may not buy (checkout.create refuses them with MEMBER_ONLY). */
  blocked?: LineBlock[];
}

/** checkout.quote's answer: the quote, plus the engine's details when a coupon choice was sent. */
export interface CheckoutQuote extends Quote {
  pricing?: QuotePricing;
}

export interface CheckoutCreateInput {
  items: CheckoutItem[];
  fulfilment: FulfilmentChoice;
  /** Same as fulfilment.address (either may carry it). */
  address?: DeliveryAddress;
  /** Note to the shop, ≤ 200 characters. */
  remark?: string;
  /** The total the customer was shown; when the fresh quote differs, nothing is created (outcome price_changed). */
  clientQuoteTotalFen?: number;
  /** Where the items came from: `cart` (default) removes them from the cart once ordered; `buy_now` leaves the cart. */
  source?: 'cart' | 'buy_now';
  /** As in CheckoutQuoteInput; the coupon the fresh quote uses is locked for the order (one coupon, one order). */
  coupon?: CouponChoice;
  /** As in CheckoutQuoteInput; the points the fresh quote uses are spent atomically with the order (refunded on cancel). */
  points?: PointsChoice;
}

/** What wx.requestPayment needs (from cloudPay.unifiedOrder's `payment`). */
export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export type CheckoutCreateResult =
  | {
      outcome: 'created';
      orderId: string;
      orderNo: string;
      totalFen: Fen;
      /** Unpaid orders are cancelled after this. */
      expiresAt: EpochMs;
      /** null when WeChat Pay could not be asked (the order exists: re-pay it from the order page with order.pay). */
      payment: PaymentParams | null;
      paymentError?: string;
    }
  | {
      /** The price the customer saw is no longer the price: show this quote and let them confirm again. */
      outcome: 'price_changed';
      code: 'PRICE_CHANGED';
      quote: Quote;
    };

/** Tabs of the order list (statuses per tab: server/orders/order-view.ts ORDER_TAB_STATUSES). */
export type OrderListTab = 'all' | 'unpaid' | 'to_fulfil' | 'to_receive' | 'completed' | 'after_sale';

/** What a customer may do with their order now (buttons). */
export type CustomerOrderAction = 'pay' | 'cancel' | 'confirmReceipt' | 'requestRefund' | 'withdrawRefund' | 'pickupQr';

export interface OrderSummaryLine {
  skuId: string;
  title: string;
  specText: string;
  image: string;
  unitPriceFen: Fen;
  quantity: number;
}

/** One row of the order list. */
export interface OrderSummary {
  _id: string;
  orderNo: string;
  status: OrderStatus;
  fulfilment: FulfilmentType;
  totalFen: Fen;
  /** Units over all lines. */
  itemCount: number;
  /** The first 3 lines. */
  lines: OrderSummaryLine[];
  createdAt: EpochMs;
  expiresAt: EpochMs;
  actions: CustomerOrderAction[];
}

export interface OrderTimelineEntry {
  at: EpochMs;
  action: string;
  to: OrderStatus;
  note?: string;
}

/** A customer's view of one of their orders. */
export interface OrderView {
  _id: string;
  orderNo: string;
  status: OrderStatus;
  lines: OrderLine[];
  amounts: OrderAmounts;
  fulfilment: OrderFulfilment;
  payment?: { paidFen?: Fen; paidAt?: EpochMs; transactionId?: string };
  refunds: OrderRefund[];
  remark?: string;
  createdAt: EpochMs;
  expiresAt: EpochMs;
  /** Who did what when (staff identities left out). */
  timeline: OrderTimelineEntry[];
  actions: CustomerOrderAction[];
}

export interface OrderListResult {
  orders: OrderSummary[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export type OrderActions = {
  /** Prices the items for the caller now (never creates anything). Problems (sold out, off shelf…) are in `problems`. */
  'checkout.quote': ActionSpec<CheckoutQuoteInput, CheckoutQuote>;
  /**
   * Creates an unpaid order from a FRESH server quote, reserving its stock, and asks WeChat Pay for the payment
   * parameters. OUT_OF_STOCK (message names the item) when a line cannot be reserved; PRECONDITION_FAILED when an
   * item is off shelf, the fulfilment type is switched off, or the shop has no WeChat Pay merchant; NOT_FOUND when an
   * item does not exist; INVALID_INPUT for a delivery without address. Nothing changes on any refusal.
   */
  'checkout.create': ActionSpec<CheckoutCreateInput, CheckoutCreateResult>;
  /** Payment parameters again for an own unpaid, unexpired order (PRECONDITION_FAILED otherwise). */
  'order.pay': ActionSpec<{ orderId: string }, { orderId: string; payment: PaymentParams }>;
  /** Asks WeChat Pay whether an own unpaid order was paid (queryOrder) and records the payment if so. */
  'order.recheck': ActionSpec<{ orderId: string }, { orderId: string; status: OrderStatus; paid: boolean }>;
  /** The caller's orders, newest first; `page` counts from 0. */
  'order.list': ActionSpec<{ tab?: OrderListTab; page?: number }, OrderListResult>;
  'order.detail': ActionSpec<{ orderId: string }, OrderView>;
  /** Own unpaid order → cancelled (stock released, WeChat Pay order closed). */
  'order.cancel': ActionSpec<{ orderId: string; reason?: string }, OrderView>;
  /** Own shipped delivery order → completed. */
  'order.confirmReceipt': ActionSpec<{ orderId: string }, OrderView>;
  /** Asks for a refund of the whole order (no `lines`) or of some units of some lines; staff approve it. */
  'order.requestRefund': ActionSpec<
    { orderId: string; lines?: Array<{ skuId: string; quantity: number }>; reason: string },
    OrderView
  >;
  /** Withdraws an own refund request that staff have not handled yet. */
  'order.withdrawRefund': ActionSpec<{ orderId: string }, OrderView>;
  /** A temporary URL of the pickup code's mini-program code image (own pickup order, paid or ready). */
  'order.pickupQr': ActionSpec<{ orderId: string }, { url: string; pickupCode: string }>;
};
