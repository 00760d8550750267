/** The `order` cloud function (checkout and the customer's orders), as pages use it. */
import type {
  CheckoutCreateInput,
  CheckoutQuote,
  CheckoutCreateResult,
  CheckoutItem,
  FulfilmentChoice,
  OrderListResult,
  OrderListTab,
  OrderView,
  PaymentParams,
} from '../../typings/api/order';
import type { CouponChoice, PointsChoice } from '../../typings/marketing/pricing';
import type { DeliveryAddress, OrderStatus } from '../../typings/shop/order';
import { callCloud } from './cloud';

/**
 * The server's quote; with `coupon` (or `points`) it is priced by the marketing engine and carries `pricing` (the
 * coupon picker, the points deduction).
 */
export function quoteCheckout(items: CheckoutItem[], fulfilment: FulfilmentChoice, coupon?: CouponChoice, points?: PointsChoice): Promise<CheckoutQuote> {
  return callCloud('order', 'checkout.quote', { items, fulfilment, ...(coupon ? { coupon } : {}), ...(points ? { points } : {}) });
}

export function createOrder(input: CheckoutCreateInput): Promise<CheckoutCreateResult> {
  return callCloud('order', 'checkout.create', input);
}

export function repayOrder(orderId: string): Promise<{ orderId: string; payment: PaymentParams }> {
  return callCloud('order', 'order.pay', { orderId });
}

export function recheckOrder(orderId: string): Promise<{ orderId: string; status: OrderStatus; paid: boolean }> {
  return callCloud('order', 'order.recheck', { orderId });
}

export function listOrders(tab: OrderListTab, page: number): Promise<OrderListResult> {
  return callCloud('order', 'order.list', { tab, page });
}

export function getOrder(orderId: string): Promise<OrderView> {
  return callCloud('order', 'order.detail', { orderId });
}

export function cancelOrder(orderId: string, reason?: string): Promise<OrderView> {
  return callCloud('order', 'order.cancel', reason ? { orderId, reason } : { orderId });
}

export function confirmReceipt(orderId: string): Promise<OrderView> {
  return callCloud('order', 'order.confirmReceipt', { orderId });
}

export function requestRefund(orderId: string, reason: string, lines?: Array<{ skuId: string; quantity: number }>): Promise<OrderView> {
  return callCloud('order', 'order.requestRefund', lines ? { orderId, reason, lines } : { orderId, reason });
}

export function withdrawRefund(orderId: string): Promise<OrderView> {
  return callCloud('order', 'order.withdrawRefund', { orderId });
}

export function pickupQr(orderId: string): Promise<{ url: string; pickupCode: string }> {
  return callCloud('order', 'order.pickupQr', { orderId });
}

/** wx.requestPayment as a promise: resolves true when paid, false when the customer closed the sheet. */
export function requestPayment(payment: PaymentParams): Promise<boolean> {
  return new Promise((resolve, reject) => {
    wx.requestPayment({
      timeStamp: payment.timeStamp,
      nonceStr: payment.nonceStr,
      package: payment.package,
      signType: payment.signType as 'MD5',
      paySign: payment.paySign,
      success: () => resolve(true),
      fail: (err: { errMsg?: string }) => {
        if (/cancel/i.test(err?.errMsg ?? '')) resolve(false);
        else reject(new Error(err?.errMsg ?? 'requestPayment:fail'));
      },
    });
  });
}

/** wx.chooseAddress's answer as a delivery address; null when the customer closed the picker. */
export function chooseAddress(): Promise<DeliveryAddress | null> {
  return new Promise((resolve) => {
    wx.chooseAddress({
      success: (a) =>
        resolve({
          name: a.userName,
          phone: a.telNumber,
          province: a.provinceName,
          city: a.cityName,
          district: a.countyName,
          detail: a.detailInfo,
          ...(a.postalCode ? { postalCode: a.postalCode } : {}),
        }),
      fail: () => resolve(null),
    });
  });
}

export const ORDER_STATUS_TEXT: Record<OrderStatus, string> = {
  unpaid: '待付款',
  paid: '已支付',
  ready: '待取货',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
  refund_requested: '退款申请中',
  refunding: '退款中',
  refunded: '已退款',
};

export const ORDER_TABS: Array<{ tab: OrderListTab; label: string }> = [
  { tab: 'all', label: '全部' },
  { tab: 'unpaid', label: '待付款' },
  { tab: 'to_fulfil', label: '待发货/取货' },
  { tab: 'to_receive', label: '待收货' },
  { tab: 'completed', label: '已完成' },
  { tab: 'after_sale', label: '退款/售后' },
];
