/**
 * How each order message fills its subscription template: the template id (from the one shared list,
 * miniprogram/config/subscribe.ts), the page the message opens, and each data field's value.
 *
 * The field keys follow common templates of the public library (公共模板库); if the template you picked has other
 * keys, change them here (and in emulator.config.json `subscribeTemplates`, which lists the keys the emulator
 * checks). Value limits (WeChat): thing ≤ 20 characters, character_string ≤ 32, phrase ≤ 5; amount like `¥12.30`;
 * time like `2024-06-01 12:30`. Values are cut to fit.
 */
import type { OrderDoc } from '../../typings/shop/order';
import { COUPON_SUBSCRIBE_TEMPLATES, SUBSCRIBE_TEMPLATES, type SubscribeKind } from '../../miniprogram/config/subscribe';
import { formatFen } from '../domain/money';

export type OrderMessageKind = SubscribeKind;

export const ORDER_MESSAGE_KINDS: readonly OrderMessageKind[] = ['paid', 'ready', 'shipped', 'refunded', 'unpaid_reminder'];

/** The page a message opens (the customer's order detail). */
export const ORDER_DETAIL_PAGE = 'pages/order-detail/index';

export interface MessageTemplate {
  /** Suggested library template title (what to look for in 订阅消息 → 公共模板库). */
  title: string;
  /** Data key → the value for an order at time `at`. */
  fields: Record<string, (order: OrderDoc, at: number) => string>;
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** `2024-06-01 12:30` in Asia/Shanghai. */
export function formatShanghaiMinute(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** Cuts a value to `max` characters (counting code points), ending with `…` when cut. */
export function fit(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

/** `拿铁咖啡 等3件` — the first line's title and the number of units. */
export function goodsSummary(order: Pick<OrderDoc, 'lines'>): string {
  const units = order.lines.reduce((n, l) => n + l.quantity, 0);
  const first = order.lines[0]?.title ?? '商品';
  const suffix = order.lines.length > 1 || units > 1 ? ` 等${units}件` : '';
  return fit(first, 20 - [...suffix].length) + suffix;
}

function latestSucceededRefund(order: OrderDoc) {
  const done = order.refunds.filter((r) => r.status === 'succeeded');
  return done[done.length - 1];
}

const orderNo = (o: OrderDoc) => fit(o.orderNo, 32);
const thing = (v: string) => fit(v || '-', 20);

export const ORDER_MESSAGE_TEMPLATES: Record<OrderMessageKind, MessageTemplate> = {
  paid: {
    title: '订单支付成功通知',
    fields: {
      character_string1: orderNo,
      amount2: (o) => formatFen(o.amounts.totalFen),
      thing3: (o) => goodsSummary(o),
      time4: (o, at) => formatShanghaiMinute(o.payment?.paidAt ?? at),
    },
  },
  ready: {
    title: '取货提醒',
    fields: {
      character_string1: orderNo,
      thing2: (o) => goodsSummary(o),
      character_string3: (o) => o.fulfilment.pickupCode ?? '-',
      thing4: () => thing('商品已备好，请凭取货码到店自取'),
    },
  },
  shipped: {
    title: '订单发货通知',
    fields: {
      character_string1: orderNo,
      thing2: (o) => goodsSummary(o),
      thing3: (o) => thing(o.fulfilment.shipping?.company ?? ''),
      character_string4: (o) => fit(o.fulfilment.shipping?.trackingNo || '-', 32),
    },
  },
  refunded: {
    title: '退款成功通知',
    fields: {
      character_string1: orderNo,
      amount2: (o) => formatFen(latestSucceededRefund(o)?.amountFen ?? 0),
      thing3: (o) => thing(latestSucceededRefund(o)?.reason ?? ''),
      time4: (o, at) => formatShanghaiMinute(latestSucceededRefund(o)?.refundedAt ?? at),
    },
  },
  unpaid_reminder: {
    title: '待付款提醒',
    fields: {
      character_string1: orderNo,
      amount2: (o) => formatFen(o.amounts.totalFen),
      thing3: (o) => goodsSummary(o),
      time4: (o) => formatShanghaiMinute(o.expiresAt),
    },
  },
};

/** The template id of a kind ('' = not configured: the message is switched off). */
export function templateIdOf(kind: OrderMessageKind): string {
  return SUBSCRIBE_TEMPLATES[kind] ?? '';
}

/** Every configured template id (what notify.recordSubscription accepts): order messages and coupon messages. */
export function knownTemplateIds(): Set<string> {
  return new Set([...ORDER_MESSAGE_KINDS.map(templateIdOf), ...Object.values(COUPON_SUBSCRIBE_TEMPLATES)].filter((id) => id !== ''));
}

/** What the coupon expiring-soon reminder says (server/marketing/coupon-reminders.ts sends it). */
export interface ExpiringCouponFacts {
  title: string;
  /** Coupons of the customer in this reminder (≥ 1). */
  count: number;
  validUntil: number;
}

/** 优惠券到期提醒: coupon name (`满30减5券 等2张`), expiry time, a tip. The page it opens is my coupons. */
export const COUPON_EXPIRING_TEMPLATE = {
  title: '优惠券到期提醒',
  page: 'pages/my-coupons/index',
  fields: {
    thing1: (c: ExpiringCouponFacts) => {
      const suffix = c.count > 1 ? ` 等${c.count}张` : '';
      return fit(c.title || '优惠券', 20 - [...suffix].length) + suffix;
    },
    time2: (c: ExpiringCouponFacts) => formatShanghaiMinute(c.validUntil - 60_000),
    thing3: () => thing('优惠券即将过期，记得使用哦'),
  },
} as const;

export function couponMessageData(c: ExpiringCouponFacts): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const [key, value] of Object.entries(COUPON_EXPIRING_TEMPLATE.fields)) data[key] = { value: value(c) };
  return data;
}

/** The `data` argument of subscribeMessage.send for an order. */
export function messageData(kind: OrderMessageKind, order: OrderDoc, at: number): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const [key, value] of Object.entries(ORDER_MESSAGE_TEMPLATES[kind].fields)) data[key] = { value: value(order, at) };
  return data;
}

/** The page the message opens. */
export function messagePage(order: Pick<OrderDoc, '_id'>): string {
  return `${ORDER_DETAIL_PAGE}?id=${encodeURIComponent(order._id)}`;
}
