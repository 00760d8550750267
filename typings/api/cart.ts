/**
 * Contract of the `cart` cloud function: the caller's cart (openid from the platform). Every action answers the
 * updated cart view (typings/shop/cart.ts: each item's state and the selected totals, priced by the server).
 */
import type { ActionSpec, NoInput } from '../envelope';
import type { CartView } from '../shop/cart';

export interface CartSkuQuantity {
  skuId: string;
  /** Integer 1..99. */
  quantity: number;
}

export type CartActions = {
  /** The cart as it stands against the current catalogue. */
  'cart.get': ActionSpec<NoInput, CartView>;
  /**
   * Adds units of a SKU (summed with an existing line, capped at 99). NOT_FOUND for an unknown SKU,
   * PRECONDITION_FAILED when off shelf or the cart is full, OUT_OF_STOCK when the line would exceed the stock.
   */
  'cart.add': ActionSpec<CartSkuQuantity, CartView>;
  /** Sets a line's quantity (NOT_FOUND when the SKU is not in the cart). */
  'cart.setQuantity': ActionSpec<CartSkuQuantity, CartView>;
  /** Ticks or unticks lines (NOT_FOUND when any SKU is not in the cart; nothing changes then). */
  'cart.select': ActionSpec<{ skuIds: string[]; selected: boolean }, CartView>;
  /** Ticks or unticks every line. */
  'cart.selectAll': ActionSpec<{ selected: boolean }, CartView>;
  /** Removes lines (NOT_FOUND when any SKU is not in the cart; nothing changes then). */
  'cart.remove': ActionSpec<{ skuIds: string[] }, CartView>;
  /** Removes the lines that can no longer be bought (gone, off shelf, out of stock). */
  'cart.removeInvalid': ActionSpec<NoInput, CartView>;
};
