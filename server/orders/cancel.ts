/**
 * Cancelling an unpaid order (customer or staff `cancel`, timer `timeout`): the WeChat Pay order is closed FIRST,
 * so a payment cannot slip in after the order is cancelled. If closing shows the customer already paid, the payment
 * is recorded instead (the order becomes paid, nothing is cancelled). Then the transition releases the stock.
 */
import type { Actor, OrderDoc } from '@typings/shop/order';
import { transition } from '../domain/order-state';
import type { ActionContext } from '../lib/context';
import { applyTransition, type ApplyResult } from './apply-transition';
import { closePayment } from './payment-calls';
import { recordPayment } from './payment';

export type CancelResult =
  | { outcome: 'cancelled'; order: OrderDoc }
  /** The customer had paid: the payment was recorded instead. */
  | { outcome: 'paid'; order: OrderDoc }
  /** The transition was refused (not unpaid, not expired, not allowed, or changed meanwhile). */
  | { outcome: 'refused'; refusal: Extract<ApplyResult, { ok: false }> }
  /** WeChat Pay could not confirm the order is closed: nothing changed, try again later. */
  | { outcome: 'unknown'; reason: string };

export async function cancelUnpaidOrder(
  ctx: ActionContext,
  order: OrderDoc,
  event: 'cancel' | 'timeout',
  actor: Actor,
  subMchId: string,
  note?: string,
): Promise<CancelResult> {
  // decided before touching WeChat Pay: a refused cancel must not close the payment either
  const decided = transition(order, event, actor, ctx.now());
  if (!decided.ok) return { outcome: 'refused', refusal: decided };
  const closed = await closePayment(ctx, order, subMchId);
  if (!closed.closed) {
    if (closed.paid) {
      const recorded = await recordPayment(ctx, order, closed.paid, subMchId);
      return { outcome: 'paid', order: recorded.order };
    }
    return { outcome: 'unknown', reason: closed.reason };
  }
  const result = await applyTransition(ctx, order, event, actor, { ...(note ? { note } : {}), skipEffects: ['closePayment'] });
  if (!result.ok) return { outcome: 'refused', refusal: result };
  return { outcome: 'cancelled', order: result.order };
}
