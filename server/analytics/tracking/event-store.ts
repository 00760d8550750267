/** The `events` collection: tracked events, appended in one insert per batch. */
import type { AnalyticsEvent } from '../../../typings/shop/analytics';
import type { Database } from '../../lib/cloud';

export const EVENTS = 'events';

/** Appends events (one request for the whole batch; nothing when empty). */
export async function addEvents(db: Database, events: readonly AnalyticsEvent[]): Promise<void> {
  if (events.length === 0) return;
  // wx-server-sdk 4 (via @cloudbase/database) sends an array as one insertDocument with several documents.
  const collection = db.collection(EVENTS) as unknown as { add(options: { data: AnalyticsEvent[] }): Promise<unknown> };
  await collection.add({ data: [...events] });
}
