/**
 * The `marketingTimers` function's entry: timer events `{Type: 'Timer', TriggerName, Time}` (config.json):
 * `hourly` expires coupons past their validity; `morning` (10:00 UTC+8) expires too, then sends the expiring-soon
 * reminders. Callers with a user identity are refused: only the platform's timer triggers run it.
 */
import { platformContext, type PlatformContext } from '../lib/platform-context';
import { expireCoupons, remindExpiringCoupons, type ExpiryReport, type ReminderReport } from './coupon-expiry';

export const MARKETING_TRIGGERS = ['hourly', 'morning'] as const;
export type MarketingTrigger = (typeof MARKETING_TRIGGERS)[number];

export type MarketingTimerAnswer =
  | { ok: true; trigger: MarketingTrigger; expiry: ExpiryReport; reminders?: ReminderReport }
  | { ok: false; message: string };

export async function marketingTimersMain(event: unknown, context?: PlatformContext): Promise<MarketingTimerAnswer> {
  const ctx = platformContext('marketingTimers', context);
  if (ctx.openid) return { ok: false, message: 'marketingTimers runs from its timer triggers only' };
  const e = (event ?? {}) as { TriggerName?: unknown; Time?: unknown };
  const trigger = MARKETING_TRIGGERS.find((t) => t === e.TriggerName);
  if (!trigger) return { ok: false, message: `unknown trigger ${String(e.TriggerName)}` };
  const fired = typeof e.Time === 'string' ? Date.parse(e.Time) : NaN;
  const now = () => (Number.isFinite(fired) ? Math.max(Date.now(), fired) : Date.now());
  try {
    const run = { ...ctx, now };
    const expiry = await expireCoupons(run);
    const reminders = trigger === 'morning' ? await remindExpiringCoupons(run) : undefined;
    ctx.log.info('marketing timers', { trigger, expiry, reminders });
    return { ok: true, trigger, expiry, ...(reminders ? { reminders } : {}) };
  } catch (err) {
    ctx.log.error('marketing timers failed', { trigger, error: err });
    return { ok: false, message: 'failed' };
  }
}
