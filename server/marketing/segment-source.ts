/**
 * Where a segment audience comes from: the analytics side's `customer_facts` (kept by the nightly rollup), paged in
 * openid order by `segmentOpenidsPage` (server/analytics/segment-members.ts) with the shop's segment definitions and
 * time zone, so a grant reaches exactly the customers the dashboard lists in that segment.
 */
import type { SegmentName } from '@typings/marketing/growth';
import { loadAnalyticsSettings } from '../analytics/analytics-settings';
import { dayKeyOf } from '../analytics/domain/shop-calendar';
import { segmentOpenidsPage } from '../analytics/segment-members';
import type { ActionContext } from '../lib/context';
import type { AudienceBatch } from './audience-grant';

export async function segmentBatch(ctx: ActionContext, segment: SegmentName, cursor: string | undefined, size: number): Promise<AudienceBatch> {
  const settings = await loadAnalyticsSettings(ctx.db);
  const today = dayKeyOf(ctx.now(), settings.timeZone);
  const page = await segmentOpenidsPage(ctx.db, segment, today, settings.segments, { cursor, limit: size });
  return { openids: page.openids, scanned: page.openids.length, nextCursor: page.nextCursor ?? null };
}
