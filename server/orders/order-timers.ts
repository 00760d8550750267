/**
 * The order timers (function `orderTimers`, triggers in cloudfunctions/orderTimers/config.json):
 *
 * - `everyMinute`: unpaid orders past expiresAt → `timeout` (WeChat Pay order closed first, stock released; an
 *   order found paid meanwhile is recorded as paid instead); unpaid orders within `reminderBeforeMs` of their
 *   expiry → one `unpaid_reminder` message per order (claimed with a conditional update of `remindedAt`).
 * - `hourly`: shipped delivery orders past `autoConfirmAfterMs` → `auto_confirm`; refunds stuck in `refunding`
 *   are asked again (same refund number).
 *
 * "Now" is the later of the trigger's `Time` and the clock: on the emulator's manual clock a trigger's Time is
 * emulator time. Each job takes at most `batch` orders per run (the next run takes the rest).
 */
import type { Actor, OrderDoc } from '@typings/shop/order';
import type { ActionContext } from '../lib/context';
import { sendOrderMessage } from '../notify/order-messages';
import { applyTransition } from './apply-transition';
import { cancelUnpaidOrder } from './cancel';
import { loadCheckoutSettings, type OrderSettings } from './order-settings';
import { ORDERS } from './order-store';
import { retryStuckRefunds } from './refunds';

const SYSTEM: Actor = { role: 'system', id: 'system' };
const BATCH = 50;

export interface TimerReport {
  timedOut: number;
  foundPaid: number;
  reminded: number;
  autoConfirmed: number;
  refundsRetried: number;
}

function emptyReport(): TimerReport {
  return { timedOut: 0, foundPaid: 0, reminded: 0, autoConfirmed: 0, refundsRetried: 0 };
}

async function find(ctx: ActionContext, where: Record<string, unknown>, order: string, batch: number): Promise<OrderDoc[]> {
  const res = (await ctx.db.collection(ORDERS).where(where).orderBy(order, 'asc').limit(batch).get()) as unknown as { data: OrderDoc[] };
  return res.data;
}

export async function closeExpiredOrders(ctx: ActionContext, settings: OrderSettings, report: TimerReport, batch = BATCH): Promise<void> {
  const _ = ctx.db.command;
  const expired = await find(ctx, { status: 'unpaid', expiresAt: _.lte(ctx.now()) }, 'expiresAt', batch);
  for (const order of expired) {
    const result = await cancelUnpaidOrder(ctx, order, 'timeout', SYSTEM, settings.subMchId);
    if (result.outcome === 'cancelled') report.timedOut++;
    else if (result.outcome === 'paid') report.foundPaid++;
    else ctx.log.warn('unpaid order not timed out', { orderId: order._id, result });
  }
}

export async function remindUnpaidOrders(ctx: ActionContext, settings: OrderSettings, report: TimerReport, batch = BATCH): Promise<void> {
  if (settings.reminderBeforeMs <= 0) return;
  const _ = ctx.db.command;
  const now = ctx.now();
  const due = await find(
    ctx,
    { status: 'unpaid', expiresAt: _.gt(now).and(_.lte(now + settings.reminderBeforeMs)), remindedAt: _.exists(false) },
    'expiresAt',
    batch,
  );
  for (const order of due) {
    // claim the reminder first: a concurrent run (or a retried one) never sends it twice
    const claimed = (await ctx.db
      .collection(ORDERS)
      .where({ _id: order._id, status: 'unpaid', remindedAt: _.exists(false) })
      .update({ data: { remindedAt: now } })) as { stats: { updated: number } };
    if (claimed.stats.updated !== 1) continue;
    const outcome = await sendOrderMessage(ctx, order, 'unpaid_reminder');
    if (outcome.sent) report.reminded++;
  }
}

export async function autoConfirmOrders(ctx: ActionContext, settings: OrderSettings, report: TimerReport, batch = BATCH): Promise<void> {
  const _ = ctx.db.command;
  const due = await find(
    ctx,
    { status: 'shipped', 'fulfilment.shipping.shippedAt': _.lte(ctx.now() - settings.autoConfirmAfterMs) },
    'fulfilment.shipping.shippedAt',
    batch,
  );
  for (const order of due) {
    const result = await applyTransition(ctx, order, 'auto_confirm', SYSTEM, { autoConfirmAfterMs: settings.autoConfirmAfterMs });
    if (result.ok) report.autoConfirmed++;
    else ctx.log.warn('auto-confirm refused', { orderId: order._id, reason: result.message });
  }
}

export const TIMER_TRIGGERS = ['everyMinute', 'hourly'] as const;
export type TimerTrigger = (typeof TIMER_TRIGGERS)[number];

export async function runOrderTimers(ctx: ActionContext, trigger: TimerTrigger): Promise<TimerReport> {
  const { orders: settings } = await loadCheckoutSettings(ctx.db);
  const report = emptyReport();
  if (trigger === 'everyMinute') {
    await closeExpiredOrders(ctx, settings, report);
    await remindUnpaidOrders(ctx, settings, report);
  } else {
    await autoConfirmOrders(ctx, settings, report);
    report.refundsRetried = await retryStuckRefunds(ctx, settings.subMchId);
  }
  return report;
}
