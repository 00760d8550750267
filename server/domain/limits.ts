/** Hard limits on what one order / cart may contain (enforced by quote.ts and cart.ts). */

/** Smallest quantity of one line. */
export const MIN_LINE_QUANTITY = 1;
/** Largest quantity of one line (one SKU) in an order or a cart. */
export const MAX_LINE_QUANTITY = 99;
/** Most distinct SKUs in one order. */
export const MAX_ORDER_LINES = 50;
/** Most distinct SKUs in one cart. */
export const MAX_CART_ITEMS = 50;
