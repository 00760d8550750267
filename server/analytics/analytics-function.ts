/**
 * The `analytics` cloud function: `track.batch` stores the caller's client events (server/analytics/tracking).
 * Bundled from cloudfunctions/analytics/src/index.ts.
 */
import { z } from 'zod';
import type { AnalyticsActions, TrackBatchInput } from '@typings/api/analytics';
import { AppError, defineAction, defineFunction, requireOpenid, type ActionContext } from '../lib';
import { requireStaff } from '../staff/staff-guard';
import * as inputs from './dashboard/inputs';
import { sortBatch, toStoredEvent } from './tracking/batch-validator';
import { addEvents } from './tracking/event-store';

/** Events a batch may carry at all (beyond MAX_BATCH_EVENTS they are refused one by one as oversized). */
export const MAX_BATCH_LENGTH = 200;

// Each event is checked on its own by sortBatch, so the batch schema takes them as unknown: the contract's type is
// what a well-behaved client sends, not what the server trusts.
const trackBatchInput = z.strictObject({
  events: z.array(z.unknown()).min(1).max(MAX_BATCH_LENGTH),
}) as unknown as z.ZodType<TrackBatchInput>;

/** Placeholder while the dashboard actions are built: staff only, then a clear refusal. */
async function notYet(_input: unknown, ctx: ActionContext): Promise<never> {
  await requireStaff(ctx);
  throw new AppError('PRECONDITION_FAILED', 'not implemented yet');
}

export const analyticsFunction = defineFunction<AnalyticsActions>({
  name: 'analytics',
  actions: {
    'track.batch': defineAction({
      input: trackBatchInput,
      handler: async (input, ctx) => {
        const openid = requireOpenid(ctx);
        const now = ctx.now();
        const { accepted, refused } = sortBatch(input.events as unknown[], now);
        await addEvents(ctx.db, accepted.map((e) => toStoredEvent(e, openid, now)));
        if (refused.length) ctx.log.warn('events refused', { refused: refused.slice(0, 10), count: refused.length });
        return { accepted: accepted.length, refused };
      },
    }),
    'dashboard.overview': defineAction({ input: inputs.overviewInput, handler: notYet }),
    'reports.period': defineAction({ input: inputs.periodInput, handler: notYet }),
    'retention.cohorts': defineAction({ input: inputs.retentionInput, handler: notYet }),
    'funnel.get': defineAction({ input: inputs.funnelInput, handler: notYet }),
    'segments.get': defineAction({ input: inputs.segmentsInput, handler: notYet }),
    'segments.members': defineAction({ input: inputs.membersInput, handler: notYet }),
    'channels.get': defineAction({ input: inputs.channelsInput, handler: notYet }),
    'reports.export': defineAction({ input: inputs.exportInput, handler: notYet }),
  },
});
