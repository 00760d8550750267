/**
 * Read → decide → conditional write, retried: the one way a cart changes. `decide` gets the items as read and
 * answers the new items (or throws an AppError: nothing is written). When another write got in between, the cart is
 * read again and `decide` runs again on the fresh items, so concurrent adds never lose each other's items.
 */
import type { CartItem } from '../../typings/shop/cart';
import type { EpochMs, OpenId } from '../../typings/shop/common';
import { removeItems } from '../domain/cart';
import type { Database } from '../lib/cloud';
import { AppError } from '../lib/errors';
import { loadCart, saveCart } from './cart-store';

/** Attempts before giving up with CONFLICT (each lost attempt means someone else's write succeeded). */
export const MAX_CART_WRITE_ATTEMPTS = 12;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sameItems(a: readonly CartItem[], b: readonly CartItem[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Applies `decide` to the customer's cart; answers the items now stored. */
export async function mutateCart(
  db: Database,
  openid: OpenId,
  now: EpochMs,
  decide: (items: CartItem[]) => CartItem[] | Promise<CartItem[]>,
): Promise<CartItem[]> {
  for (let attempt = 1; attempt <= MAX_CART_WRITE_ATTEMPTS; attempt++) {
    const cart = await loadCart(db, openid);
    const next = await decide(cart.items);
    if (sameItems(cart.items, next)) return next;
    if (await saveCart(db, openid, cart, next, now)) return next;
    // lost a race: back off a little (randomised, so racing writers spread out) and re-read
    await sleep(Math.floor(Math.random() * 5 * attempt));
  }
  throw new AppError('CONFLICT', '购物车正忙，请稍后再试');
}

/**
 * Removes SKUs from a customer's cart, e.g. the lines of an order just placed from the cart (for the `order`
 * function: use this rather than writing the cart document yourself). SKUs not in the cart are ignored.
 */
export function removeFromCart(db: Database, openid: OpenId, skuIds: readonly string[], now: EpochMs): Promise<CartItem[]> {
  return mutateCart(db, openid, now, (items) => removeItems(items, skuIds));
}
