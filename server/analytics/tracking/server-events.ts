/**
 * The server's own events: what an order transition means for the `events` collection — `paid` when an order is
 * paid, `refunded` for each refund that succeeded, `completed` when an order completes. Written by the functions
 * (server/orders/apply-transition.ts), never accepted from a client (`track.batch` refuses them as forged).
 *
 * Each event has a deterministic `_id` (`paid:<orderNo>`, `refunded:<refundNo>`, `completed:<orderNo>`), so a
 * transition applied again (a retried callback, a resumed timer) writes nothing twice: a duplicate id is refused by
 * the database and ignored here. Reports still take money and payers from the orders themselves (the rollup skips
 * these events, see domain/daily-rollup.ts); the events record when and for whom it happened, for event-level
 * analysis and exports.
 */
import type { AnalyticsEvent } from '../../../typings/shop/analytics';
import type { OrderDoc } from '../../../typings/shop/order';
import type { ActionContext } from '../../lib/context';
import { isDuplicateKey } from '../../lib/duplicate-key';
import { EVENTS } from './event-store';

export type ServerEvent = AnalyticsEvent & { _id: string; source: 'server' };

/** The events the transition from `before` to `after` (the same order) produces. Pure. */
export function serverEventsOf(before: OrderDoc, after: OrderDoc, receivedAt: number): ServerEvent[] {
  const base = { openid: after.openid, orderId: after._id, receivedAt, source: 'server' as const };
  const out: ServerEvent[] = [];
  if (before.payment?.paidAt === undefined && after.payment?.paidAt !== undefined) {
    out.push({ ...base, _id: `paid:${after.orderNo}`, type: 'paid', at: after.payment.paidAt, amountFen: after.payment.paidFen ?? after.amounts.totalFen });
  }
  const succeededBefore = new Set(before.refunds.filter((r) => r.status === 'succeeded').map((r) => r.refundNo));
  for (const r of after.refunds) {
    if (r.status !== 'succeeded' || succeededBefore.has(r.refundNo)) continue;
    out.push({ ...base, _id: `refunded:${r.refundNo}`, type: 'refunded', at: r.refundedAt ?? receivedAt, amountFen: r.amountFen });
  }
  if (before.status !== 'completed' && after.status === 'completed') {
    out.push({ ...base, _id: `completed:${after.orderNo}`, type: 'completed', at: receivedAt, amountFen: after.amounts.totalFen });
  }
  return out;
}

/** Writes the transition's events once each. Never throws (an analytics write never undoes an order transition). */
export async function recordServerEvents(ctx: ActionContext, before: OrderDoc, after: OrderDoc): Promise<void> {
  const events = serverEventsOf(before, after, ctx.now());
  for (const event of events) {
    try {
      await ctx.db.collection(EVENTS).add({ data: event });
    } catch (e) {
      if (!isDuplicateKey(e)) ctx.log.error('server event not recorded', { eventId: event._id, error: e });
    }
  }
}
