/**
 * The analytics settings of the shop, from its `shop_settings/default` document (one read): the time zone (shop
 * days) and the segment definitions (`segmentDefinitions: {atRiskDays, churnedDays}`, defaults 30 / 90; an invalid
 * stored value falls back to the defaults).
 */
import type { Database } from '../lib/cloud';
import { isCollectionMissing } from '../lib/collections';
import { readShopSettings } from '../domain/shop-settings';
import { SHOP_SETTINGS_COLLECTION, SHOP_SETTINGS_DOC_ID } from '../shop/settings-store';
import { DEFAULT_SHOP_TIME_ZONE, isValidTimeZone } from './domain/shop-calendar';
import { DEFAULT_SEGMENT_DEFINITIONS, validateDefinitions, type SegmentDefinitions } from './domain/segments';

export interface AnalyticsSettings {
  timeZone: string;
  segments: SegmentDefinitions;
}

export function readAnalyticsSettings(doc: unknown): AnalyticsSettings {
  const tz = readShopSettings(doc).timezone;
  let segments = DEFAULT_SEGMENT_DEFINITIONS;
  const raw = (doc as { segmentDefinitions?: unknown } | undefined)?.segmentDefinitions as Partial<SegmentDefinitions> | undefined;
  if (raw && typeof raw === 'object') {
    try {
      segments = validateDefinitions({ atRiskDays: Number(raw.atRiskDays), churnedDays: Number(raw.churnedDays) });
    } catch {
      segments = DEFAULT_SEGMENT_DEFINITIONS;
    }
  }
  return { timeZone: tz && isValidTimeZone(tz) ? tz : DEFAULT_SHOP_TIME_ZONE, segments };
}

export async function loadAnalyticsSettings(db: Database): Promise<AnalyticsSettings> {
  let doc: unknown;
  try {
    const res = (await db.collection(SHOP_SETTINGS_COLLECTION).where({ _id: SHOP_SETTINGS_DOC_ID }).limit(1).get()) as { data: unknown[] };
    doc = res.data[0];
  } catch (e) {
    if (!isCollectionMissing(e)) throw e;
  }
  return readAnalyticsSettings(doc);
}
