/**
 * The shop's settings as the customers see them: defaults for a shop whose owner has saved nothing yet, and a
 * lenient reading of a stored document (a field missing or of the wrong type falls back to its default, unknown
 * fields are dropped), so a half-edited document never breaks the home page.
 */
import { z } from 'zod';
import type { ShopSettings } from '@typings/api/shop';

export const DEFAULT_SHOP_SETTINGS: ShopSettings = {
  name: '我的小店',
  logo: '',
  notice: '',
  address: '',
  phone: '',
  openHours: '',
  timezone: 'Asia/Shanghai',
  currency: 'CNY',
  shipping: { flatFeeFen: 0, freeOverFen: 0 },
  pickupEnabled: true,
  deliveryEnabled: false,
};

const d = DEFAULT_SHOP_SETTINGS;
const fen = (fallback: number) => z.number().int().min(0).catch(fallback);

const lenientSettings = z.object({
  name: z.string().trim().min(1).catch(d.name),
  logo: z.string().catch(d.logo),
  notice: z.string().catch(d.notice),
  address: z.string().catch(d.address),
  phone: z.string().catch(d.phone),
  openHours: z.string().catch(d.openHours),
  timezone: z.string().min(1).catch(d.timezone),
  currency: z.literal('CNY').catch('CNY'),
  shipping: z
    .object({ flatFeeFen: fen(d.shipping.flatFeeFen), freeOverFen: fen(d.shipping.freeOverFen) })
    .catch({ ...d.shipping }),
  pickupEnabled: z.boolean().catch(d.pickupEnabled),
  deliveryEnabled: z.boolean().catch(d.deliveryEnabled),
});

/** The settings a stored document (or nothing) stands for. Never throws. */
export function readShopSettings(doc: unknown): ShopSettings {
  const source = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? doc : {};
  return lenientSettings.parse(source);
}
