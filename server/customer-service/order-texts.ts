/** The words customer service uses about an order (pure). */
import type { OrderDoc, OrderStatus, RefundStatus } from '@typings/shop/order';
import { formatFen } from '../domain/money';
import { openRefund } from '../domain/refund';
import { goodsSummary, messagePage } from '../notify/templates';

export const STATUS_TEXT: Record<OrderStatus, string> = {
  unpaid: '待付款',
  paid: '已付款',
  ready: '待取货',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
  refund_requested: '退款审核中',
  refunding: '退款中',
  refunded: '已退款',
};

const REFUND_TEXT: Record<RefundStatus, string> = {
  requested: '商家审核中',
  processing: '退款处理中，款项将原路退回',
  succeeded: '已退款',
  failed: '退款遇到问题，店员正在处理',
  rejected: '商家未同意',
  withdrawn: '已撤销',
};

/** The mini-program page of the order (what the card / link opens). */
export function orderPagePath(order: Pick<OrderDoc, '_id'>): string {
  return messagePage(order);
}

/** Card title: `已发货 · 拿铁咖啡 等3件 · ¥58.00`. */
export function orderCardTitle(order: OrderDoc): string {
  return `${STATUS_TEXT[order.status]} · ${goodsSummary(order)} · ${formatFen(order.amounts.totalFen)}`;
}

/** One line about where the order stands (pickup code, tracking number…). */
export function orderStatusText(order: OrderDoc): string {
  const head = `订单 ${order.orderNo}：${STATUS_TEXT[order.status]}，${goodsSummary(order)}，${formatFen(order.amounts.totalFen)}。`;
  const f = order.fulfilment;
  if (order.status === 'shipped' && f.shipping) return `${head}${f.shipping.company} 运单号 ${f.shipping.trackingNo}。`;
  if ((order.status === 'paid' || order.status === 'ready') && f.type === 'pickup' && f.pickupCode) {
    return `${head}取货码 ${f.pickupCode}${order.status === 'ready' ? '，商品已备好，请到店自取' : '，商品备好后会通知您'}。`;
  }
  if (order.status === 'paid' && f.type === 'delivery') return `${head}商家正在备货，发货后会通知您。`;
  if (order.status === 'unpaid') return `${head}请在订单详情页完成支付。`;
  return head;
}

/** The refund the customer most likely asks about: the open one, else the latest. */
export function refundStatusText(order: OrderDoc): string | null {
  const refund = openRefund(order) ?? order.refunds[order.refunds.length - 1];
  if (!refund) return null;
  return `订单 ${order.orderNo} 的退款 ${formatFen(refund.amountFen)}：${REFUND_TEXT[refund.status]}。`;
}

/** A text message with a link that opens the order in the mini-program (used when no card thumbnail is available). */
export function orderLinkText(order: OrderDoc, appid: string, linkText: string): string {
  const path = orderPagePath(order);
  return `${orderStatusText(order)}<a href="https://mp.weixin.qq.com" data-miniprogram-appid="${appid}" data-miniprogram-path="${path}">${linkText}</a>`;
}
