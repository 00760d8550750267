/**
 * The order state machine: every legal transition is one row of ORDER_TRANSITIONS.
 *
 * `transition(order, event, actor, at)` decides, without side effects, whether `actor` may fire `event` on the order
 * now; if so it returns the new status, the log entry to append, the effects the handler must carry out, and what
 * the open refund record becomes. The handler then writes the order with a condition on the *old* status (so two
 * concurrent transitions cannot both apply) and performs the effects.
 *
 * Effects:
 * - `releaseStock`: run stock-plan.releaseOps(order.lines) (reservation of an unpaid order given back)
 * - `commitStock`: run stock-plan.commitOps(order.lines) and salesIncrements(order.lines)
 * - `restock`: run stock-plan.restockOps(openRefund.lines) — only emitted when the goods never left the shop (the
 *   refund was requested from `paid` or `ready`); for shipped/completed orders staff restock by hand if goods return
 * - `closePayment`: close the WeChat Pay order so it can no longer be paid
 * - `startRefund`: call the WeChat Pay refund API for the open refund (same refundNo on retry)
 * - `sendMessage:*`: notify the customer; `notifyStaff:*`: notify the shop
 *
 * Money checks: `pay` requires opts.amountFen = the order total, `refund_succeeded` requires opts.amountFen = the open
 * refund's amount (pass what WeChat Pay reports); a mismatch is ILLEGAL_TRANSITION and must be investigated.
 * Payment arriving for a cancelled order is ILLEGAL_TRANSITION too: the handler must refund that payment.
 */
import type { EpochMs } from '../../typings/shop/common';
import type {
  Actor,
  ActorRole,
  OrderDoc,
  OrderEvent,
  OrderLogEntry,
  OrderStatus,
  RefundableStatus,
  RefundStatus,
} from '../../typings/shop/order';
import type { FulfilmentType } from '../../typings/shop/checkout';
import { openRefund, remainingRefundableFen } from './refund';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'unpaid',
  'paid',
  'ready',
  'shipped',
  'completed',
  'cancelled',
  'refund_requested',
  'refunding',
  'refunded',
];

export const ORDER_EVENTS: readonly OrderEvent[] = [
  'pay',
  'cancel',
  'timeout',
  'mark_ready',
  'ship',
  'verify_pickup',
  'confirm_receipt',
  'auto_confirm',
  'request_refund',
  'withdraw_refund',
  'approve_refund',
  'reject_refund',
  'refund_succeeded',
  'refund_failed',
];

/** How long an unpaid order waits for payment before `timeout` may cancel it. */
export const DEFAULT_UNPAID_TIMEOUT_MS = 15 * 60 * 1000;
/** How long after shipping `auto_confirm` may complete a delivery order. */
export const DEFAULT_AUTO_CONFIRM_MS = 10 * 24 * 60 * 60 * 1000;

export type OrderMessage = 'paid' | 'ready' | 'shipped' | 'refunded' | 'refund_rejected';
export type StaffNotice = 'paid' | 'refund_requested' | 'refund_failed';
export type OrderEffect =
  | 'releaseStock'
  | 'commitStock'
  | 'restock'
  | 'closePayment'
  | 'startRefund'
  | `sendMessage:${OrderMessage}`
  | `notifyStaff:${StaffNotice}`;

/** Conditions a row may require (evaluated by GUARDS). */
export type GuardName =
  | 'paidInFull' // opts.amountFen (what WeChat Pay reports paid) = order.amounts.totalFen
  | 'refundAmountMatches' // opts.amountFen (what WeChat Pay reports refunded) = the open refund's amountFen
  | 'expired' // at ≥ order.expiresAt
  | 'autoConfirmDue' // at ≥ shippedAt + autoConfirmAfterMs
  | 'refundInProgress' // the open refund is `processing`
  | 'refundCompletesOrder' // ...and refunds everything still refundable
  | 'refundLeavesRemainder' // ...and leaves something refundable
  | 'goodsInShop' // the refund was requested from paid/ready (goods never handed over)
  | 'goodsHandedOver'; // the refund was requested from shipped/completed

/** Where a row leads: a status, or back to the status the order had when the refund was requested. */
export type Target = OrderStatus | 'RESUME';

export interface TransitionRule {
  event: OrderEvent;
  from: readonly OrderStatus[];
  to: Target;
  /** Roles allowed to fire the event; a customer only on their own order. */
  roles: readonly ActorRole[];
  /** Only for orders of this fulfilment type. */
  fulfilment?: FulfilmentType;
  /** All must hold. */
  when?: readonly GuardName[];
  effects: readonly OrderEffect[];
  /** What the order's open refund record becomes ('requested' = the handler adds the planned refund). */
  refund?: RefundStatus;
}

const CUSTOMER_OR_STAFF: readonly ActorRole[] = ['customer', 'staff'];
const STAFF: readonly ActorRole[] = ['staff'];
const CUSTOMER: readonly ActorRole[] = ['customer'];
const SYSTEM: readonly ActorRole[] = ['system'];
const AFTER_PAYMENT: readonly OrderStatus[] = ['paid', 'ready', 'shipped', 'completed'];

/** Every legal transition. Rows of one event are tried in order; the first whose status and guards match applies. */
export const ORDER_TRANSITIONS: readonly TransitionRule[] = [
  { event: 'pay', from: ['unpaid'], to: 'paid', roles: SYSTEM, when: ['paidInFull'], effects: ['commitStock', 'sendMessage:paid', 'notifyStaff:paid'] },
  { event: 'cancel', from: ['unpaid'], to: 'cancelled', roles: CUSTOMER_OR_STAFF, effects: ['releaseStock', 'closePayment'] },
  { event: 'timeout', from: ['unpaid'], to: 'cancelled', roles: SYSTEM, when: ['expired'], effects: ['releaseStock', 'closePayment'] },
  { event: 'mark_ready', from: ['paid'], to: 'ready', roles: STAFF, fulfilment: 'pickup', effects: ['sendMessage:ready'] },
  { event: 'ship', from: ['paid'], to: 'shipped', roles: STAFF, fulfilment: 'delivery', effects: ['sendMessage:shipped'] },
  { event: 'verify_pickup', from: ['paid', 'ready'], to: 'completed', roles: STAFF, fulfilment: 'pickup', effects: [] },
  { event: 'confirm_receipt', from: ['shipped'], to: 'completed', roles: CUSTOMER, fulfilment: 'delivery', effects: [] },
  { event: 'auto_confirm', from: ['shipped'], to: 'completed', roles: SYSTEM, fulfilment: 'delivery', when: ['autoConfirmDue'], effects: [] },
  { event: 'request_refund', from: AFTER_PAYMENT, to: 'refund_requested', roles: CUSTOMER_OR_STAFF, effects: ['notifyStaff:refund_requested'], refund: 'requested' },
  { event: 'withdraw_refund', from: ['refund_requested'], to: 'RESUME', roles: CUSTOMER, effects: [], refund: 'withdrawn' },
  { event: 'approve_refund', from: ['refund_requested'], to: 'refunding', roles: STAFF, effects: ['startRefund'], refund: 'processing' },
  { event: 'reject_refund', from: ['refund_requested'], to: 'RESUME', roles: STAFF, effects: ['sendMessage:refund_rejected'], refund: 'rejected' },
  { event: 'refund_succeeded', from: ['refunding'], to: 'refunded', roles: SYSTEM, when: ['refundInProgress', 'refundAmountMatches', 'refundCompletesOrder', 'goodsInShop'], effects: ['restock', 'sendMessage:refunded'], refund: 'succeeded' },
  { event: 'refund_succeeded', from: ['refunding'], to: 'refunded', roles: SYSTEM, when: ['refundInProgress', 'refundAmountMatches', 'refundCompletesOrder', 'goodsHandedOver'], effects: ['sendMessage:refunded'], refund: 'succeeded' },
  { event: 'refund_succeeded', from: ['refunding'], to: 'RESUME', roles: SYSTEM, when: ['refundInProgress', 'refundAmountMatches', 'refundLeavesRemainder', 'goodsInShop'], effects: ['restock', 'sendMessage:refunded'], refund: 'succeeded' },
  { event: 'refund_succeeded', from: ['refunding'], to: 'RESUME', roles: SYSTEM, when: ['refundInProgress', 'refundAmountMatches', 'refundLeavesRemainder', 'goodsHandedOver'], effects: ['sendMessage:refunded'], refund: 'succeeded' },
  { event: 'refund_failed', from: ['refunding'], to: 'refund_requested', roles: SYSTEM, when: ['refundInProgress'], effects: ['notifyStaff:refund_failed'], refund: 'failed' },
];

/** Statuses no event leaves. (`completed` is done too, but still accepts after-sale refund requests.) */
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['cancelled', 'refunded'];

/** The part of an order the state machine reads. */
export type OrderStateView = Pick<
  OrderDoc,
  'openid' | 'status' | 'refundResumeStatus' | 'fulfilment' | 'expiresAt' | 'lines' | 'amounts' | 'refunds'
>;

export interface TransitionOptions {
  /** Free text for the log entry (e.g. a cancel reason, a tracking number). */
  note?: string;
  /** Required for `pay` (fen WeChat Pay reports paid) and `refund_succeeded` (fen it reports refunded). */
  amountFen?: number;
  /** Delay before `auto_confirm` is allowed (default DEFAULT_AUTO_CONFIRM_MS). */
  autoConfirmAfterMs?: number;
}

export type TransitionResult =
  | {
      ok: true;
      from: OrderStatus;
      status: OrderStatus;
      /** The value refundResumeStatus must have afterwards (null: remove the field). */
      refundResumeStatus: RefundableStatus | null;
      /** New status of the open refund record, if this transition changes it (see refund.updateOpenRefund). */
      refundStatus?: RefundStatus;
      logEntry: OrderLogEntry;
      effects: OrderEffect[];
    }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | 'FORBIDDEN'; message: string };

const GUARDS: Record<GuardName, (o: OrderStateView, at: EpochMs, opts: TransitionOptions) => boolean> = {
  paidInFull: (o, _at, opts) => opts.amountFen === o.amounts.totalFen,
  refundAmountMatches: (o, _at, opts) => opts.amountFen !== undefined && opts.amountFen === openRefund(o)?.amountFen,
  expired: (o, at) => at >= o.expiresAt,
  autoConfirmDue: (o, at, opts) => {
    const shippedAt = o.fulfilment.shipping?.shippedAt;
    return shippedAt !== undefined && at >= shippedAt + (opts.autoConfirmAfterMs ?? DEFAULT_AUTO_CONFIRM_MS);
  },
  refundInProgress: (o) => openRefund(o)?.status === 'processing',
  refundCompletesOrder: (o) => {
    const open = openRefund(o);
    return !!open && open.amountFen >= remainingRefundableFen(o);
  },
  refundLeavesRemainder: (o) => {
    const open = openRefund(o);
    return !!open && open.amountFen < remainingRefundableFen(o);
  },
  goodsInShop: (o) => o.refundResumeStatus === 'paid' || o.refundResumeStatus === 'ready',
  goodsHandedOver: (o) => o.refundResumeStatus === 'shipped' || o.refundResumeStatus === 'completed',
};

const GUARD_MESSAGES: Record<GuardName, string> = {
  paidInFull: 'the paid amount does not match the order total',
  refundAmountMatches: 'the refunded amount does not match the refund',
  expired: 'the order has not expired yet',
  autoConfirmDue: 'auto-confirmation is not due yet',
  refundInProgress: 'no refund is being processed',
  refundCompletesOrder: 'the refund does not complete the order',
  refundLeavesRemainder: 'the refund completes the order',
  goodsInShop: 'the goods have been handed over',
  goodsHandedOver: 'the goods have not been handed over',
};

const REFUND_PHASE: readonly OrderStatus[] = ['refund_requested', 'refunding'];

/** Events an actor could fire on the order right now (for showing buttons). */
export function availableEvents(order: OrderStateView, actor: Actor, at: EpochMs, opts: TransitionOptions = {}): OrderEvent[] {
  return ORDER_EVENTS.filter((e) => transition(order, e, actor, at, opts).ok);
}

/** Decides one transition. Pure: the order is not modified. */
export function transition(
  order: OrderStateView,
  event: OrderEvent,
  actor: Actor,
  at: EpochMs,
  opts: TransitionOptions = {},
): TransitionResult {
  const rows = ORDER_TRANSITIONS.filter((r) => r.event === event);
  if (rows.length === 0) return { ok: false, code: 'ILLEGAL_TRANSITION', message: `unknown event ${String(event)}` };
  if (actor.role === 'customer' && actor.id !== order.openid) {
    return { ok: false, code: 'FORBIDDEN', message: 'not your order' };
  }
  if (!rows.some((r) => r.roles.includes(actor.role))) {
    return { ok: false, code: 'FORBIDDEN', message: `a ${actor.role} may not ${event} an order` };
  }
  const fromStatus = rows.filter((r) => r.from.includes(order.status));
  if (fromStatus.length === 0) {
    return { ok: false, code: 'ILLEGAL_TRANSITION', message: `cannot ${event} an order that is ${order.status}` };
  }
  const ofType = fromStatus.filter((r) => !r.fulfilment || r.fulfilment === order.fulfilment.type);
  if (ofType.length === 0) {
    return { ok: false, code: 'ILLEGAL_TRANSITION', message: `cannot ${event} a ${order.fulfilment.type} order` };
  }
  let failed: GuardName | undefined;
  const rule = ofType.find((r) => {
    const miss = (r.when ?? []).find((g) => !GUARDS[g](order, at, opts));
    failed ??= miss;
    return miss === undefined;
  });
  if (!rule) {
    return { ok: false, code: 'ILLEGAL_TRANSITION', message: failed ? GUARD_MESSAGES[failed] : `cannot ${event} now` };
  }

  let to: OrderStatus;
  if (rule.to === 'RESUME') {
    if (!order.refundResumeStatus) {
      return { ok: false, code: 'ILLEGAL_TRANSITION', message: 'the order does not record its status before the refund' };
    }
    to = order.refundResumeStatus;
  } else {
    to = rule.to;
  }
  let resume: RefundableStatus | null = null;
  if (REFUND_PHASE.includes(to)) {
    resume = event === 'request_refund' ? (order.status as RefundableStatus) : (order.refundResumeStatus ?? null);
  }

  const logEntry: OrderLogEntry = {
    at,
    by: actor.id,
    role: actor.role,
    action: event,
    from: order.status,
    to,
    ...(opts.note !== undefined ? { note: opts.note } : {}),
  };
  return {
    ok: true,
    from: order.status,
    status: to,
    refundResumeStatus: resume,
    ...(rule.refund ? { refundStatus: rule.refund } : {}),
    logEntry,
    effects: [...rule.effects],
  };
}
