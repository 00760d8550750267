/** The `shop` cloud function, as pages use it. */
import type { ShopSettings } from '../../typings/api/shop';
import { callCloud } from './cloud';

export function getShopSettings(): Promise<ShopSettings> {
  return callCloud('shop', 'settings.get');
}

export function pingShop(): Promise<{ pong: true; at: number }> {
  return callCloud('shop', 'ping');
}
