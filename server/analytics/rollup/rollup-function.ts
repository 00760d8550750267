/**
 * The `analyticsRollup` function's entry. Its timer trigger `nightly` (config.json, `0 0 2 * * * *`: CloudBase
 * evaluates cron in UTC+8, so 02:00 Asia/Shanghai) rolls up the last NIGHTLY_DAYS shop days. Called without a user
 * (console test, another function) with `{day: 'YYYY-MM-DD'}` or `{days: [...]}` (at most 31), it re-rolls those
 * days. Callers with a user identity are refused.
 */
import { z } from 'zod';
import { platformContext, type PlatformContext } from '../../lib/platform-context';
import { daysFrom, parsePeriod } from '../domain/shop-calendar';
import { nightlyDays, rollupDays, shopTimeZone, type RollupRunReport } from './rollup-job';

export const ROLLUP_TRIGGER = 'nightly';
export const MAX_DAYS_PER_RUN = 31;

export type RollupAnswer = { ok: true; report: RollupRunReport } | { ok: false; message: string };

const dayKey = z.string().refine((d) => {
  try {
    parsePeriod('day', d);
    return true;
  } catch {
    return false;
  }
}, 'a day YYYY-MM-DD');
const manualEvent = z.union([
  z.strictObject({ day: dayKey }),
  z.strictObject({ from: dayKey, to: dayKey }),
]);

export async function analyticsRollupMain(event: unknown, context?: PlatformContext): Promise<RollupAnswer> {
  const ctx = platformContext('analyticsRollup', context);
  if (ctx.openid) return { ok: false, message: 'analyticsRollup runs from its timer trigger or the console only' };
  const e = (event ?? {}) as { Type?: unknown; TriggerName?: unknown; Time?: unknown };
  try {
    if (e.Type === 'Timer') {
      if (e.TriggerName !== ROLLUP_TRIGGER) return { ok: false, message: `unknown trigger ${String(e.TriggerName)}` };
      const fired = typeof e.Time === 'string' ? Date.parse(e.Time) : NaN;
      const now = Number.isFinite(fired) ? Math.max(ctx.now(), fired) : ctx.now();
      const tz = await shopTimeZone(ctx.db);
      const report = await rollupDays(ctx, nightlyDays(now, tz), tz);
      ctx.log.info('nightly rollup', { report });
      return { ok: true, report };
    }
    const parsed = manualEvent.safeParse(event);
    if (!parsed.success) return { ok: false, message: 'give {day} or {from, to} (YYYY-MM-DD)' };
    const days = 'day' in parsed.data ? [parsed.data.day] : daysFrom(parsed.data.from, parsed.data.to);
    if (days.length === 0 || days.length > MAX_DAYS_PER_RUN) return { ok: false, message: `1 to ${MAX_DAYS_PER_RUN} days per run` };
    const report = await rollupDays(ctx, days);
    ctx.log.info('manual rollup', { report });
    return { ok: true, report };
  } catch (err) {
    ctx.log.error('rollup failed', { error: err });
    return { ok: false, message: 'failed' };
  }
}
