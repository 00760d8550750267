/**
 * The `analytics` cloud function: `track.batch` stores the caller's client events (server/analytics/tracking); the
 * staff dashboard's reports (server/analytics/dashboard) read the daily rollups.
 * Bundled from cloudfunctions/analytics/src/index.ts.
 */
import { z } from 'zod';
import type { AnalyticsActions, TrackBatchInput } from '@typings/api/analytics';
import { defineAction, defineFunction, requireOpenid } from '../lib';
import * as dash from './dashboard/dashboard-actions';
import { exportReport } from './dashboard/export-report';
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
    // Staff dashboard (server/analytics/dashboard): staff check first, then rollup reads only.
    'dashboard.overview': defineAction({ input: inputs.overviewInput, handler: async (i, ctx) => dash.overview(i, await dash.openDashboard(ctx)) }),
    'reports.period': defineAction({ input: inputs.periodInput, handler: async (i, ctx) => dash.periodReport(i, await dash.openDashboard(ctx)) }),
    'retention.cohorts': defineAction({ input: inputs.retentionInput, handler: async (i, ctx) => dash.retention(i, await dash.openDashboard(ctx)) }),
    'funnel.get': defineAction({ input: inputs.funnelInput, handler: async (i, ctx) => dash.funnel(i, await dash.openDashboard(ctx)) }),
    'segments.get': defineAction({ input: inputs.segmentsInput, handler: async (i, ctx) => dash.segments(i, await dash.openDashboard(ctx)) }),
    'segments.members': defineAction({ input: inputs.membersInput, handler: async (i, ctx) => dash.segmentMembers(i, await dash.openDashboard(ctx)) }),
    'channels.get': defineAction({ input: inputs.channelsInput, handler: async (i, ctx) => dash.channels(i, await dash.openDashboard(ctx)) }),
    'reports.export': defineAction({ input: inputs.exportInput, handler: async (i, ctx) => exportReport(i, await dash.openDashboard(ctx)) }),
  },
});
