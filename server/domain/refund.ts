/**
 * Refund amounts.
 *
 * - Full refund: everything not yet refunded — every line's remaining payFen plus the remaining shipping. Over the
 *   life of an order the refunds add up to exactly what was paid (amounts.totalFen).
 * - Line refund of k units: a line's payFen is spread over its units with `allocate` (the first payFen mod quantity
 *   units carry one extra fen, see money.unitRangeFen) and units are refunded in order, so refunding every unit, in
 *   any number of steps, returns exactly payFen; an amount never exceeds what the line has left.
 * - Shipping is refunded only by the refund that leaves no unit unrefunded (a full refund, or the line refund of
 *   the last remaining units). A partial refund keeps the shipping fee.
 * - Only one refund is open (requested / processing / failed) at a time; line counters (refundedQuantity,
 *   refundedFen) change only when a refund succeeds (updateOpenRefund).
 * - WeChat Pay cannot refund 0 fen: a plan with amount 0 is refused (NOTHING_TO_REFUND).
 */
import type { Fen } from '../../typings/shop/common';
import type { OrderDoc, OrderLine, OrderRefund, OrderStatus, RefundLine, RefundStatus } from '../../typings/shop/order';
import { sumFen, unitRangeFen } from './money';
import { makeRefundNo } from './order-no';

export type RefundOrder = Pick<OrderDoc, 'orderNo' | 'status' | 'lines' | 'amounts' | 'refunds'>;

export type RefundPlanError =
  | 'NOT_REFUNDABLE'
  | 'REFUND_OPEN'
  | 'NOTHING_TO_REFUND'
  | 'UNKNOWN_LINE'
  | 'INVALID_QUANTITY'
  | 'EXCEEDS_REFUNDABLE'
  | 'INCONSISTENT_ORDER';

export type RefundPlanResult = { ok: true; refund: OrderRefund } | { ok: false; code: RefundPlanError; message: string };

/** Order statuses from which a refund may be requested. */
export const REFUNDABLE_STATUSES: readonly OrderStatus[] = ['paid', 'ready', 'shipped', 'completed'];

const OPEN_REFUND_STATUSES: readonly RefundStatus[] = ['requested', 'processing', 'failed'];

/** The refund currently in progress (requested, processing or failed-awaiting-retry), if any. */
export function openRefund(order: Pick<OrderDoc, 'refunds'>): OrderRefund | undefined {
  return order.refunds.find((r) => OPEN_REFUND_STATUSES.includes(r.status));
}

/** Fen refunded by successful refunds. */
export function refundedFen(order: Pick<OrderDoc, 'refunds'>): Fen {
  return sumFen(order.refunds.filter((r) => r.status === 'succeeded').map((r) => r.amountFen));
}

/** Shipping fen refunded by successful refunds. */
export function refundedShippingFen(order: Pick<OrderDoc, 'refunds'>): Fen {
  return sumFen(order.refunds.filter((r) => r.status === 'succeeded').map((r) => r.shippingFen));
}

/** Units of a line not yet refunded. */
export function refundableQuantity(line: Pick<OrderLine, 'quantity' | 'refundedQuantity'>): number {
  return Math.max(0, line.quantity - line.refundedQuantity);
}

/** Fen still refundable on the whole order (lines + shipping). */
export function remainingRefundableFen(order: Pick<OrderDoc, 'lines' | 'amounts' | 'refunds'>): Fen {
  const lines = sumFen(order.lines.map((l) => Math.max(0, l.payFen - l.refundedFen)));
  return lines + Math.max(0, order.amounts.shippingFen - refundedShippingFen(order));
}

/** Every unit of every line has been refunded by successful refunds. */
export function isFullyRefunded(order: Pick<OrderDoc, 'lines'>): boolean {
  return order.lines.every((l) => refundableQuantity(l) === 0);
}

/** Lines and shipping add up to the total (the invariant every refund computation relies on). */
function consistencyProblem(order: RefundOrder): string | null {
  const lines = sumFen(order.lines.map((l) => l.payFen));
  if (lines + order.amounts.shippingFen !== order.amounts.totalFen) {
    return 'order lines and shipping do not add up to the order total';
  }
  return null;
}

function precheck(order: RefundOrder): RefundPlanResult | null {
  if (!REFUNDABLE_STATUSES.includes(order.status)) {
    return { ok: false, code: 'NOT_REFUNDABLE', message: `an order in status ${order.status} cannot be refunded` };
  }
  if (openRefund(order)) return { ok: false, code: 'REFUND_OPEN', message: 'a refund is already in progress' };
  const problem = consistencyProblem(order);
  if (problem) return { ok: false, code: 'INCONSISTENT_ORDER', message: problem };
  return null;
}

function record(
  order: RefundOrder,
  lines: RefundLine[],
  shippingFen: Fen,
  full: boolean,
  reason: string,
  at: number,
): RefundPlanResult {
  const amountFen = sumFen(lines.map((l) => l.amountFen)) + shippingFen;
  if (amountFen <= 0) return { ok: false, code: 'NOTHING_TO_REFUND', message: 'nothing left to refund' };
  return {
    ok: true,
    refund: {
      refundNo: makeRefundNo(order.orderNo, order.refunds.length + 1),
      lines,
      shippingFen,
      amountFen,
      full,
      reason,
      status: 'requested',
      requestedAt: at,
      updatedAt: at,
    },
  };
}

/** Refund of everything not yet refunded (every remaining unit and the remaining shipping). */
export function planFullRefund(order: RefundOrder, opts: { reason: string; at: number }): RefundPlanResult {
  const blocked = precheck(order);
  if (blocked) return blocked;
  const lines: RefundLine[] = order.lines
    .filter((l) => refundableQuantity(l) > 0)
    .map((l) => ({ skuId: l.skuId, quantity: refundableQuantity(l), amountFen: Math.max(0, l.payFen - l.refundedFen) }));
  const shipping = Math.max(0, order.amounts.shippingFen - refundedShippingFen(order));
  return record(order, lines, shipping, true, opts.reason, opts.at);
}

/**
 * Refund of some units of some lines (items with the same skuId are merged). If it covers every remaining unit of
 * the order it also refunds the remaining shipping and is marked `full`.
 */
export function planLineRefund(
  order: RefundOrder,
  items: readonly { skuId: string; quantity: number }[],
  opts: { reason: string; at: number },
): RefundPlanResult {
  const blocked = precheck(order);
  if (blocked) return blocked;
  if (items.length === 0) return { ok: false, code: 'NOTHING_TO_REFUND', message: 'no lines to refund' };
  const wanted = new Map<string, number>();
  for (const { skuId, quantity } of items) {
    if (!Number.isSafeInteger(quantity) || quantity < 1) {
      return { ok: false, code: 'INVALID_QUANTITY', message: 'refund quantity must be an integer ≥ 1' };
    }
    if (!order.lines.some((l) => l.skuId === skuId)) {
      return { ok: false, code: 'UNKNOWN_LINE', message: `the order has no line for sku ${skuId}` };
    }
    wanted.set(skuId, (wanted.get(skuId) ?? 0) + quantity);
  }
  const lines: RefundLine[] = [];
  let unitsLeftAfter = 0;
  for (const line of order.lines) {
    const k = wanted.get(line.skuId) ?? 0;
    const left = refundableQuantity(line);
    if (k > left) {
      return { ok: false, code: 'EXCEEDS_REFUNDABLE', message: `only ${left} of sku ${line.skuId} can be refunded` };
    }
    unitsLeftAfter += left - k;
    if (k === 0) continue;
    const share = unitRangeFen(line.payFen, line.quantity, line.refundedQuantity, k);
    lines.push({ skuId: line.skuId, quantity: k, amountFen: Math.min(share, Math.max(0, line.payFen - line.refundedFen)) });
  }
  const full = unitsLeftAfter === 0;
  const shipping = full ? Math.max(0, order.amounts.shippingFen - refundedShippingFen(order)) : 0;
  return record(order, lines, shipping, full, opts.reason, opts.at);
}

/**
 * The order's open refund moved to `status` (at time `at`), and — when it succeeded — the lines with its units and
 * amounts added to refundedQuantity / refundedFen. Throws when there is no open refund.
 */
export function updateOpenRefund(
  order: Pick<OrderDoc, 'refunds' | 'lines'>,
  status: RefundStatus,
  at: number,
): { refunds: OrderRefund[]; lines: OrderLine[] } {
  const open = openRefund(order);
  if (!open) throw new Error('the order has no open refund');
  const updated: OrderRefund = { ...open, status, updatedAt: at, ...(status === 'succeeded' ? { refundedAt: at } : {}) };
  const refunds = order.refunds.map((r) => (r === open ? updated : r));
  if (status !== 'succeeded') return { refunds, lines: order.lines };
  const lines = order.lines.map((l) => {
    const part = open.lines.filter((rl) => rl.skuId === l.skuId);
    if (part.length === 0) return l;
    return {
      ...l,
      refundedQuantity: l.refundedQuantity + part.reduce((n, p) => n + p.quantity, 0),
      refundedFen: l.refundedFen + sumFen(part.map((p) => p.amountFen)),
    };
  });
  return { refunds, lines };
}
