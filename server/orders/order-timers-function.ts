/**
 * The `orderTimers` function's entry: timer events `{Type: 'Timer', TriggerName, Time}`. Callers with a user
 * identity (a mini-program calling it by name) are refused: only the platform's timer triggers run it.
 */
import { platformContext, type PlatformContext } from '../lib/platform-context';
import { runOrderTimers, TIMER_TRIGGERS, type TimerReport, type TimerTrigger } from './order-timers';

export type TimerAnswer = { ok: true; trigger: TimerTrigger; report: TimerReport } | { ok: false; message: string };

export async function orderTimersMain(event: unknown, context?: PlatformContext): Promise<TimerAnswer> {
  const ctx = platformContext('orderTimers', context);
  if (ctx.openid) return { ok: false, message: 'orderTimers runs from its timer triggers only' };
  const e = (event ?? {}) as { TriggerName?: unknown; Time?: unknown };
  const trigger = TIMER_TRIGGERS.find((t) => t === e.TriggerName);
  if (!trigger) return { ok: false, message: `unknown trigger ${String(e.TriggerName)}` };
  const fired = typeof e.Time === 'string' ? Date.parse(e.Time) : NaN;
  const now = () => (Number.isFinite(fired) ? Math.max(Date.now(), fired) : Date.now());
  try {
    const report = await runOrderTimers({ ...ctx, now }, trigger);
    ctx.log.info('order timers', { trigger, report });
    return { ok: true, trigger, report };
  } catch (e) {
    ctx.log.error('order timers failed', { trigger, error: e });
    return { ok: false, message: 'failed' };
  }
}
