/** The `cart` cloud function, as pages use it. Every call answers the updated cart view. */
import type { CartView } from '../../typings/shop/cart';
import { callCloud } from './cloud';

export function getCart(): Promise<CartView> {
  return callCloud('cart', 'cart.get');
}

export function addToCart(skuId: string, quantity: number): Promise<CartView> {
  return callCloud('cart', 'cart.add', { skuId, quantity });
}

export function setCartQuantity(skuId: string, quantity: number): Promise<CartView> {
  return callCloud('cart', 'cart.setQuantity', { skuId, quantity });
}

export function selectCartItems(skuIds: string[], selected: boolean): Promise<CartView> {
  return callCloud('cart', 'cart.select', { skuIds, selected });
}

export function selectAllCartItems(selected: boolean): Promise<CartView> {
  return callCloud('cart', 'cart.selectAll', { selected });
}

export function removeCartItems(skuIds: string[]): Promise<CartView> {
  return callCloud('cart', 'cart.remove', { skuIds });
}

export function removeInvalidCartItems(): Promise<CartView> {
  return callCloud('cart', 'cart.removeInvalid');
}

/**
 * What to check out from the cart (`/pages/checkout/index?from=cart`): the selected lines that can be bought, as
 * the server's view says (the same rule as server/domain/cart.ts checkoutRequest).
 */
export function checkoutItems(view: CartView): Array<{ skuId: string; quantity: number }> {
  return view.items.filter((i) => i.state === 'OK' && i.selected).map((i) => ({ skuId: i.skuId, quantity: i.quantity }));
}
