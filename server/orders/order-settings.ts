/**
 * The order side of the shop's settings, read from the same `shop_settings` document as the public settings (one
 * read gives both). Fields, all optional:
 *
 *   { …ShopSettings,
 *     orders:  { unpaidTimeoutMinutes: 15, autoConfirmDays: 10, reminderBeforeMinutes: 5 },
 *     payment: { subMchId: '1900000109' },
 *     pricing: { tiers, points, lineFloorPercent } }   (member tiers and points: server/domain/member/pricing-rules.ts)
 *
 * The WeChat Pay sub-merchant id falls back to the function's environment variable KAIDIAN_SUB_MCH_ID; without
 * either the shop cannot take payments (checkout refuses before reserving anything).
 */
import { z } from 'zod';
import type { ShopSettings } from '@typings/api/shop';
import type { ShopPricingRules } from '@typings/marketing/pricing';
import { readPricingRules } from '../domain/member/pricing-rules';
import { DEFAULT_AUTO_CONFIRM_MS, DEFAULT_UNPAID_TIMEOUT_MS } from '../domain/order-state';
import { readShopSettings } from '../domain/shop-settings';
import type { Database } from '../lib/cloud';
import { isCollectionMissing } from '../lib/collections';
import { SHOP_SETTINGS_COLLECTION, SHOP_SETTINGS_DOC_ID } from '../shop/settings-store';

export interface OrderSettings {
  unpaidTimeoutMs: number;
  autoConfirmAfterMs: number;
  /** The unpaid-order reminder goes out this long before the order times out. */
  reminderBeforeMs: number;
  /** '' = not configured. */
  subMchId: string;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const DEFAULT_REMINDER_BEFORE_MS = 5 * MINUTE;

const positive = (min: number, max: number) => z.number().min(min).max(max).optional().catch(undefined);

const orderFields = z
  .object({
    orders: z
      .object({
        unpaidTimeoutMinutes: positive(1, 24 * 60),
        autoConfirmDays: positive(1 / 24 / 60, 60),
        reminderBeforeMinutes: positive(0, 24 * 60),
      })
      .optional()
      .catch(undefined),
    payment: z
      .object({ subMchId: z.string().regex(/^\d{1,32}$/).optional().catch(undefined) })
      .optional()
      .catch(undefined),
  })
  .catch({});

/** The order settings a stored settings document (or nothing) stands for. Never throws. */
export function readOrderSettings(doc: unknown, env: Record<string, string | undefined> = process.env): OrderSettings {
  const source = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? doc : {};
  const { orders, payment } = orderFields.parse(source);
  const unpaidTimeoutMs = orders?.unpaidTimeoutMinutes !== undefined ? Math.round(orders.unpaidTimeoutMinutes * MINUTE) : DEFAULT_UNPAID_TIMEOUT_MS;
  const reminder = orders?.reminderBeforeMinutes !== undefined ? Math.round(orders.reminderBeforeMinutes * MINUTE) : DEFAULT_REMINDER_BEFORE_MS;
  const envMch = (env.KAIDIAN_SUB_MCH_ID ?? '').trim();
  return {
    unpaidTimeoutMs,
    autoConfirmAfterMs: orders?.autoConfirmDays !== undefined ? Math.round(orders.autoConfirmDays * DAY) : DEFAULT_AUTO_CONFIRM_MS,
    reminderBeforeMs: Math.min(reminder, unpaidTimeoutMs),
    subMchId: payment?.subMchId ?? (/^\d{1,32}$/.test(envMch) ? envMch : ''),
  };
}

export interface CheckoutSettings {
  shop: ShopSettings;
  orders: OrderSettings;
  /** Member tiers, points and line floor (`pricing` of the same document; server/domain/member/pricing-rules.ts). */
  pricing: ShopPricingRules;
}

/** Both views of the settings document, with one read (defaults when there is none). */
export async function loadCheckoutSettings(db: Database): Promise<CheckoutSettings> {
  let doc: unknown;
  try {
    const res = (await db.collection(SHOP_SETTINGS_COLLECTION).where({ _id: SHOP_SETTINGS_DOC_ID }).limit(1).get()) as unknown as { data: unknown[] };
    doc = res.data[0];
  } catch (e) {
    if (!isCollectionMissing(e)) throw e;
  }
  return { shop: readShopSettings(doc), orders: readOrderSettings(doc), pricing: readPricingRules(doc) };
}
