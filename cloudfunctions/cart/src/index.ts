// The `cart` cloud function. Thin on purpose: the code lives in server/cart (bundled in by npm run build).
import { cartFunction } from '@server/cart/cart-function';

export const main = cartFunction.main;
