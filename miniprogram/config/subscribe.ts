/**
 * Subscription-message templates (订阅消息): THE one list of template ids, shared by the mini-program (which asks
 * the customer with wx.requestSubscribeMessage) and the server (server/notify/templates.ts maps each kind's data
 * fields and spends the authorisations).
 *
 * Going live: in mp.weixin.qq.com → 功能 → 订阅消息, add one-time templates from the public library (titles and
 * fields suggested in server/notify/templates.ts) and paste their template ids here. If a chosen template's field
 * keys differ (e.g. `thing2` instead of `thing3`), change the mapping in server/notify/templates.ts. An empty id
 * switches that message off (it is then recorded as skipped, never sent).
 *
 * The placeholder ids below are the ones the local emulator knows (emulator.config.json `subscribeTemplates`).
 */
export type SubscribeKind = 'paid' | 'ready' | 'shipped' | 'refunded' | 'unpaid_reminder';

export const SUBSCRIBE_TEMPLATES: Record<SubscribeKind, string> = {
  paid: 'KD_TPL_ORDER_PAID',
  ready: 'KD_TPL_PICKUP_READY',
  shipped: 'KD_TPL_ORDER_SHIPPED',
  refunded: 'KD_TPL_REFUND_DONE',
  unpaid_reminder: 'KD_TPL_UNPAID_REMINDER',
};

/**
 * What checkout asks for (wx.requestSubscribeMessage takes at most 3 one-time templates per call): the messages an
 * order of that fulfilment type can trigger.
 */
export const CHECKOUT_SUBSCRIBE_KINDS: Record<'pickup' | 'delivery', SubscribeKind[]> = {
  pickup: ['paid', 'ready', 'refunded'],
  delivery: ['paid', 'shipped', 'refunded'],
};

/** The configured (non-empty) template ids of some kinds, without duplicates. */
export function templateIdsOf(kinds: readonly SubscribeKind[]): string[] {
  const ids = kinds.map((k) => SUBSCRIBE_TEMPLATES[k]).filter((id) => id !== '');
  return ids.filter((id, i) => ids.indexOf(id) === i);
}

/** Coupon messages (not order messages): the expiring-soon reminder sent by the marketingTimers function. */
export type CouponSubscribeKind = 'coupon_expiring';

export const COUPON_SUBSCRIBE_TEMPLATES: Record<CouponSubscribeKind, string> = {
  coupon_expiring: 'KD_TPL_COUPON_EXPIRING',
};
