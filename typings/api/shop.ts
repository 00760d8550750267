/** Contract of the `shop` cloud function: public facts about the shop (typings/shop/ holds the collection documents). */
import type { ActionSpec, NoInput } from '../envelope';
import type { CatalogueActions } from './catalogue';
import type { UserActions } from './user';

/** Fees in integer fen (1 yuan = 100 fen). */
export interface ShippingRule {
  /** Delivery fee charged per order. */
  flatFeeFen: number;
  /** Orders whose goods total reaches this are delivered free; 0 = never free. */
  freeOverFen: number;
}

export interface ShopSettings {
  name: string;
  /** A cloud file id (`cloud://…`) or an https URL; '' = none. */
  logo: string;
  /** A short announcement shown on the home page; '' = none. */
  notice: string;
  address: string;
  phone: string;
  /** Display text, e.g. "每天 09:00-21:00". */
  openHours: string;
  /** IANA zone the shop's days and hours are counted in. */
  timezone: string;
  currency: 'CNY';
  shipping: ShippingRule;
  pickupEnabled: boolean;
  deliveryEnabled: boolean;
}

export type ShopActions = {
  /** Liveness check: answers the server's clock (ms since epoch). */
  ping: ActionSpec<NoInput, { pong: true; at: number }>;
  /** The shop's settings (defaults while the owner has not saved any). */
  'settings.get': ActionSpec<NoInput, ShopSettings>;
} & CatalogueActions &
  UserActions;
