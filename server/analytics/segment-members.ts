/**
 * Who is in a customer segment now, from `customer_facts` (kept by the nightly rollup, so as of the last rollup;
 * idle days are counted to `now`). A segment is one query on the documents' derived fields
 * (domain/segment-query.ts), read in `_id` order, 1000 per request: what the marketing engine uses to grant a coupon
 * to a segment, and what `segments.members` pages through.
 *
 *   const openids = await loadSegmentMembers(db, 'at_risk', ctx.now());
 */
import type { Database } from '../lib/cloud';
import type { OpenId } from '../../typings/shop/common';
import { loadAnalyticsSettings } from './analytics-settings';
import { readEvery, readPage } from './db-reads';
import { segmentCondition, type SegmentCondition } from './domain/segment-query';
import { SEGMENT_NAMES, validateDefinitions, type SegmentDefinitions, type SegmentName } from './domain/segments';
import { dayKeyOf, type DayKey } from './domain/shop-calendar';
import { CUSTOMER_FACTS } from './rollup/customer-facts-store';
import { isCollectionMissing } from '../lib/collections';

export type { SegmentName };

function whereOf(db: Database, c: SegmentCondition): Record<string, unknown> {
  const _ = db.command;
  const where: Record<string, unknown> = {};
  if (c.activeAfter !== undefined && c.activeUntil !== undefined) where.lastActiveDay = _.gt(c.activeAfter).and(_.lte(c.activeUntil));
  else if (c.activeAfter !== undefined) where.lastActiveDay = _.gt(c.activeAfter);
  else if (c.activeUntil !== undefined) where.lastActiveDay = _.lte(c.activeUntil);
  if (c.paid === 'some') where.paidOrders = _.gt(0);
  if (c.paid === 'none') where.paidOrders = 0;
  if (c.visitDays === 'many') where.visitDays = _.gte(2);
  if (c.visitDays === 'one') where.visitDays = _.lt(2);
  return where;
}

/** The segment's query for shop day `today`. */
export function segmentWhere(db: Database, segment: SegmentName, today: DayKey, defs: SegmentDefinitions): Record<string, unknown> {
  return whereOf(db, segmentCondition(segment, today, validateDefinitions(defs)));
}

/** Every member of a segment (sorted openids). Definitions and time zone default to the shop's settings. */
export async function loadSegmentMembers(
  db: Database,
  segment: SegmentName,
  now: number,
  defs?: SegmentDefinitions,
  timeZone?: string,
): Promise<OpenId[]> {
  const settings = defs && timeZone ? undefined : await loadAnalyticsSettings(db);
  const today = dayKeyOf(now, timeZone ?? settings!.timeZone);
  const docs = await readEvery<{ _id: string }>(db, CUSTOMER_FACTS, segmentWhere(db, segment, today, defs ?? settings!.segments), []);
  return docs.map((d) => d._id);
}

/** One page of a segment's members after `cursor` (an openid); nextCursor when there may be more. */
export async function segmentMembersPage(
  db: Database,
  segment: SegmentName,
  today: DayKey,
  defs: SegmentDefinitions,
  page: { cursor?: string; limit: number },
): Promise<{ openids: OpenId[]; nextCursor?: string }> {
  const docs = await readPage<{ _id: string }>(db, CUSTOMER_FACTS, segmentWhere(db, segment, today, defs), { after: page.cursor, limit: page.limit, fields: [] });
  const openids = docs.map((d) => d._id);
  return openids.length === page.limit ? { openids, nextCursor: openids[openids.length - 1] } : { openids };
}

/** The count of each segment now: one count request per segment. */
export async function segmentCountsNow(db: Database, today: DayKey, defs: SegmentDefinitions): Promise<Record<SegmentName, number>> {
  const counts = await Promise.all(
    SEGMENT_NAMES.map(async (s) => {
      try {
        const res = (await db.collection(CUSTOMER_FACTS).where(segmentWhere(db, s, today, defs)).count()) as { total: number };
        return res.total;
      } catch (e) {
        if (isCollectionMissing(e)) return 0;
        throw e;
      }
    }),
  );
  return Object.fromEntries(SEGMENT_NAMES.map((s, i) => [s, counts[i]])) as Record<SegmentName, number>;
}
