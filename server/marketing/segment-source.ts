/**
 * Where a segment audience comes from: the analytics domain's `customer_facts` (kept by the nightly rollup, so as of
 * the last rollup), one page after the cursor through `segmentMembersPage` (server/analytics/segment-members.ts), with
 * the shop's time zone and segment definitions (one settings read).
 */
import type { SegmentName } from '@typings/marketing/growth';
import { loadAnalyticsSettings } from '../analytics/analytics-settings';
import { dayKeyOf } from '../analytics/domain/shop-calendar';
import { segmentMembersPage } from '../analytics/segment-members';
import type { ActionContext } from '../lib/context';
import type { AudienceBatch } from './audience-grant';

export async function segmentBatch(ctx: ActionContext, segment: SegmentName, cursor: string | undefined, size: number): Promise<AudienceBatch> {
  const settings = await loadAnalyticsSettings(ctx.db);
  const today = dayKeyOf(ctx.now(), settings.timeZone);
  const page = await segmentMembersPage(ctx.db, segment, today, settings.segments, { ...(cursor ? { cursor } : {}), limit: size });
  return { openids: page.openids, scanned: page.openids.length, nextCursor: page.nextCursor ?? null };
}
