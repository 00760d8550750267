// The `shop` cloud function. Thin on purpose: the code lives in server/shop (bundled in by npm run build).
import { shopFunction } from '@server/shop/shop-function';

export const main = shopFunction.main;
