import type { AvailabilityProblemCode } from './checkout';
import type { EpochMs, Fen, OpenId } from './common';

/** One line in a cart (one per SKU). */
export interface CartItem {
  skuId: string;
  goodsId: string;
  quantity: number;
  /** Ticked for checkout. */
  selected: boolean;
  addedAt: EpochMs;
}

/**
 * `carts` collection. `_id` is the openid. Newest item first.
 * Written only by a conditional update on `version` (`where({_id, version}).update({..., version: version + 1})`,
 * retried on a miss; see server/cart/cart-store.ts), so concurrent writers never lose each other's items.
 */
export interface CartDoc {
  _id: OpenId;
  items: CartItem[];
  /** Incremented by every write. */
  version: number;
  updatedAt: EpochMs;
}

/** `OK`, or why the item cannot be checked out as it is. */
export type CartItemState = 'OK' | AvailabilityProblemCode;

export interface CartItemView extends CartItem {
  state: CartItemState;
  /** '' when the SKU or goods no longer exists. */
  title: string;
  specText: string;
  image: string;
  /** Current server price (0 when not found). */
  unitPriceFen: Fen;
  originalPriceFen?: Fen;
  /** Units in stock now (0 when not found / off shelf). */
  available: number;
  lineTotalFen: Fen;
}

export interface CartView {
  items: CartItemView[];
  /** Sum of quantities of items that are selected and OK. */
  selectedQuantity: number;
  /** Number of items that are selected and OK. */
  selectedLines: number;
  /** Goods amount of the selected OK items (before discounts and shipping). */
  selectedGoodsFen: Fen;
  /** Every OK item is selected (false when there is no OK item). */
  allSelected: boolean;
  /** Items that are not OK. */
  invalidCount: number;
}
