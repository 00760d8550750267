/**
 * The `memberTimers` function's entry: timer events `{Type: 'Timer', TriggerName, Time}` (config.json trigger
 * `daily`: points expiry). Callers with a user identity are refused: only the platform's timer triggers run it.
 */
import { platformContext, type PlatformContext } from '../lib/platform-context';
import { type ExpiryReport, expireDuePoints } from './points-expiry';

export const MEMBER_TIMER_TRIGGERS = ['daily'] as const;

export type MemberTimerAnswer = { ok: true; trigger: string; report: ExpiryReport } | { ok: false; message: string };

export async function memberTimersMain(event: unknown, context?: PlatformContext): Promise<MemberTimerAnswer> {
  const ctx = platformContext('memberTimers', context);
  if (ctx.openid) return { ok: false, message: 'memberTimers runs from its timer triggers only' };
  const e = (event ?? {}) as { TriggerName?: unknown; Time?: unknown };
  const trigger = MEMBER_TIMER_TRIGGERS.find((t) => t === e.TriggerName);
  if (!trigger) return { ok: false, message: `unknown trigger ${String(e.TriggerName)}` };
  const fired = typeof e.Time === 'string' ? Date.parse(e.Time) : NaN;
  const now = () => (Number.isFinite(fired) ? Math.max(Date.now(), fired) : Date.now());
  try {
    const report = await expireDuePoints({ ...ctx, now });
    ctx.log.info('member timers', { trigger, report });
    return { ok: true, trigger, report };
  } catch (err) {
    ctx.log.error('member timers failed', { trigger, error: err });
    return { ok: false, message: 'failed' };
  }
}
