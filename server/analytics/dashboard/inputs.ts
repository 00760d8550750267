/**
 * Zod inputs of the dashboard actions (contract: typings/api/analytics.ts): day keys that are real dates, ranges
 * from ≤ to of at most MAX_RANGE_DAYS days, bounded counts and page sizes. A bad input is refused with
 * INVALID_INPUT by the router before anything is read.
 */
import { z } from 'zod';
import { FUNNEL_CHANNELS } from '../domain/daily-rollup';
import { daysBetween, parsePeriod, PERIOD_KINDS, type PeriodKind } from '../domain/shop-calendar';
import { SEGMENT_NAMES } from '../domain/segments';

export const MAX_RANGE_DAYS = 400;
export const RETENTION_MAX: Record<'day' | 'week' | 'month', number> = { day: 120, week: 26, month: 13 };
export const MAX_MEMBERS_PAGE = 1000;
export const DEFAULT_MEMBERS_PAGE = 200;

const isDay = (d: string) => {
  try {
    parsePeriod('day', d);
    return true;
  } catch {
    return false;
  }
};

export const dayKey = z.string().max(10).refine(isDay, 'a day YYYY-MM-DD');

const rangeShape = { from: dayKey, to: dayKey };
// (zod still runs an object's refinement when a field failed: only judge two real days.)
const rangeOk = (r: { from: string; to: string }) => !isDay(r.from) || !isDay(r.to) || (r.from <= r.to && daysBetween(r.from, r.to) < MAX_RANGE_DAYS);
const RANGE_MESSAGE = `from ≤ to, at most ${MAX_RANGE_DAYS} days`;

export const rangeInput = z.strictObject(rangeShape).refine(rangeOk, { message: RANGE_MESSAGE, path: ['to'] });

export const overviewInput = z.strictObject({ days: z.number().int().min(7).max(90).optional() });

export const periodInput = z
  .strictObject({ period: z.enum(PERIOD_KINDS as [PeriodKind, ...PeriodKind[]]), key: z.string().max(10).optional() })
  .refine(
    (p) => {
      if (p.key === undefined || !PERIOD_KINDS.includes(p.period)) return true;
      try {
        parsePeriod(p.period, p.key);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a key of that period (2026-03-31, 2026-W14, 2026-03, 2026-Q1)', path: ['key'] },
  );

export const retentionInput = z
  .strictObject({ grain: z.enum(['day', 'week', 'month']), count: z.number().int().min(1) })
  .refine((r) => !(r.grain in RETENTION_MAX) || !Number.isInteger(r.count) || r.count <= RETENTION_MAX[r.grain], { message: 'at most 120 days, 26 weeks or 13 months', path: ['count'] });

const channel = z.enum(['all', ...FUNNEL_CHANNELS] as ['all', ...string[]]) as z.ZodType<'all' | (typeof FUNNEL_CHANNELS)[number]>;

export const funnelInput = z.strictObject({ ...rangeShape, channel: channel.optional() }).refine(rangeOk, { message: RANGE_MESSAGE, path: ['to'] });

export const segmentsInput = z.strictObject({ days: z.number().int().min(1).max(MAX_RANGE_DAYS).optional() });

const segment = z.enum(SEGMENT_NAMES as [string, ...string[]]) as z.ZodType<(typeof SEGMENT_NAMES)[number]>;

export const membersInput = z.strictObject({
  segment,
  cursor: z.string().min(1).max(128).optional(),
  limit: z.number().int().min(1).max(MAX_MEMBERS_PAGE).optional(),
});

export const channelsInput = rangeInput;

const dimension = z.enum(['channels', 'scenes', 'qrCodes', 'referrers']);

export const exportInput = z.discriminatedUnion('report', [
  z.strictObject({ report: z.literal('daily'), params: rangeInput }),
  z.strictObject({ report: z.literal('period'), params: periodInput }),
  z.strictObject({ report: z.literal('retention'), params: retentionInput }),
  z.strictObject({ report: z.literal('funnel'), params: funnelInput }),
  z.strictObject({ report: z.literal('segments'), params: segmentsInput }),
  z.strictObject({ report: z.literal('segment_members'), params: z.strictObject({ segment }) }),
  z.strictObject({
    report: z.literal('channels'),
    params: z.strictObject({ ...rangeShape, dimension: dimension.optional() }).refine(rangeOk, { message: RANGE_MESSAGE, path: ['to'] }),
  }),
]);
