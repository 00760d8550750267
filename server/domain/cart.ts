/**
 * Cart: a view of the cart items against the current SKU/goods documents, and the cart mutations as pure functions
 * (each returns a new item list; the handler writes it back).
 */
import type { CartItem, CartItemView, CartView } from '../../typings/shop/cart';
import type { GoodsDoc, SkuDoc } from '../../typings/shop/catalogue';
import type { QuoteRequestItem } from '../../typings/shop/checkout';
import type { EpochMs } from '../../typings/shop/common';
import { byId, checkAvailability } from './availability';
import { MAX_CART_ITEMS, MAX_LINE_QUANTITY, MIN_LINE_QUANTITY } from './limits';
import { assertNonNegativeFen, sumFen } from './money';
import { specText } from './sku-matrix';

export { MAX_CART_ITEMS } from './limits';

export interface Catalogue {
  skus: readonly SkuDoc[];
  goods: readonly GoodsDoc[];
}

/** The current state of every cart item, and the totals of the selected items that can be checked out. */
export function buildCartView(items: readonly CartItem[], catalogue: Catalogue): CartView {
  const skus = byId(catalogue.skus);
  const goods = byId(catalogue.goods);
  const views: CartItemView[] = items.map((item) => {
    const sku = skus.get(item.skuId);
    const g = sku ? goods.get(sku.goodsId) : undefined;
    const availability = checkAvailability(sku, g, item.quantity);
    const state = availability.ok ? 'OK' : availability.code;
    if (!sku || !g || state === 'NOT_FOUND') {
      return { ...item, state, title: '', specText: '', image: '', unitPriceFen: 0, available: 0, lineTotalFen: 0 };
    }
    assertNonNegativeFen(sku.priceFen, `price of sku ${sku._id}`);
    return {
      ...item,
      state,
      title: g.title,
      specText: specText(g.specs, sku.specValues),
      image: g.images[0] ?? '',
      unitPriceFen: sku.priceFen,
      ...(sku.originalPriceFen !== undefined ? { originalPriceFen: sku.originalPriceFen } : {}),
      available: sku.onShelf && g.onShelf ? Math.max(0, sku.stock) : 0,
      lineTotalFen: sku.priceFen * item.quantity,
    };
  });
  const ok = views.filter((v) => v.state === 'OK');
  const chosen = ok.filter((v) => v.selected);
  return {
    items: views,
    selectedQuantity: chosen.reduce((n, v) => n + v.quantity, 0),
    selectedLines: chosen.length,
    selectedGoodsFen: sumFen(chosen.map((v) => v.lineTotalFen)),
    allSelected: ok.length > 0 && chosen.length === ok.length,
    invalidCount: views.length - ok.length,
  };
}

/** The quote request for checking out the selected OK items. */
export function checkoutRequest(view: CartView): QuoteRequestItem[] {
  return view.items.filter((v) => v.state === 'OK' && v.selected).map((v) => ({ skuId: v.skuId, quantity: v.quantity }));
}

export type CartMutationError = 'INVALID_QUANTITY' | 'CART_FULL' | 'NOT_IN_CART';

export type CartMutation =
  | { ok: true; items: CartItem[]; /** The quantity was reduced to MAX_LINE_QUANTITY. */ capped: boolean }
  | { ok: false; code: CartMutationError; message: string };

function validQuantity(quantity: number): boolean {
  return Number.isSafeInteger(quantity) && quantity >= MIN_LINE_QUANTITY;
}

function invalidQuantity(): CartMutation {
  return { ok: false, code: 'INVALID_QUANTITY', message: `quantity must be an integer ≥ ${MIN_LINE_QUANTITY}` };
}

/**
 * Adds `quantity` of a SKU. An existing item keeps its place, gets the quantities summed and becomes selected; a new
 * item goes first, selected. The resulting quantity is capped at MAX_LINE_QUANTITY (`capped: true`). A new item in a
 * cart that already holds MAX_CART_ITEMS items is refused (CART_FULL). Stock is not checked here (the view shows it).
 */
export function addToCart(
  items: readonly CartItem[],
  add: { skuId: string; goodsId: string; quantity: number },
  at: EpochMs,
): CartMutation {
  if (!validQuantity(add.quantity)) return invalidQuantity();
  const existing = items.find((i) => i.skuId === add.skuId);
  if (existing) {
    const wanted = existing.quantity + add.quantity;
    const quantity = Math.min(wanted, MAX_LINE_QUANTITY);
    return {
      ok: true,
      capped: quantity < wanted,
      items: items.map((i) => (i.skuId === add.skuId ? { ...i, quantity, selected: true } : i)),
    };
  }
  if (items.length >= MAX_CART_ITEMS) {
    return { ok: false, code: 'CART_FULL', message: `a cart holds at most ${MAX_CART_ITEMS} different items` };
  }
  const quantity = Math.min(add.quantity, MAX_LINE_QUANTITY);
  return {
    ok: true,
    capped: quantity < add.quantity,
    items: [{ skuId: add.skuId, goodsId: add.goodsId, quantity, selected: true, addedAt: at }, ...items],
  };
}

/** Sets an item's quantity (integer ≥ 1, capped at MAX_LINE_QUANTITY). */
export function setQuantity(items: readonly CartItem[], skuId: string, quantity: number): CartMutation {
  if (!validQuantity(quantity)) return invalidQuantity();
  if (!items.some((i) => i.skuId === skuId)) return { ok: false, code: 'NOT_IN_CART', message: 'item not in cart' };
  const q = Math.min(quantity, MAX_LINE_QUANTITY);
  return { ok: true, capped: q < quantity, items: items.map((i) => (i.skuId === skuId ? { ...i, quantity: q } : i)) };
}

/** Ticks or unticks the given items (unknown skuIds are ignored). */
export function setSelected(items: readonly CartItem[], skuIds: readonly string[], selected: boolean): CartItem[] {
  const ids = new Set(skuIds);
  return items.map((i) => (ids.has(i.skuId) ? { ...i, selected } : i));
}

/** Ticks or unticks every item. */
export function selectAll(items: readonly CartItem[], selected: boolean): CartItem[] {
  return items.map((i) => ({ ...i, selected }));
}

/** Removes the given items (unknown skuIds are ignored). */
export function removeItems(items: readonly CartItem[], skuIds: readonly string[]): CartItem[] {
  const ids = new Set(skuIds);
  return items.filter((i) => !ids.has(i.skuId));
}

/**
 * Removes items that can no longer be bought at all: NOT_FOUND, OFF_SHELF, OUT_OF_STOCK. Items with
 * INSUFFICIENT_STOCK stay (the customer can lower the quantity).
 */
export function removeInvalid(items: readonly CartItem[], catalogue: Catalogue): CartItem[] {
  const view = buildCartView(items, catalogue);
  const gone = new Set(
    view.items.filter((v) => v.state !== 'OK' && v.state !== 'INSUFFICIENT_STOCK').map((v) => v.skuId),
  );
  return items.filter((i) => !gone.has(i.skuId));
}

/** Removes items that were just ordered (after a successful checkout from the cart). */
export function removeOrdered(items: readonly CartItem[], ordered: readonly { skuId: string }[]): CartItem[] {
  return removeItems(
    items,
    ordered.map((o) => o.skuId),
  );
}
