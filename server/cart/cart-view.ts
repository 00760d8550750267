/**
 * The cart as the customer sees it: the domain's buildCartView over the SKU and goods documents of every line,
 * loaded with two `_.in` queries at once whatever the number of lines, and the images as displayable URLs.
 */
import type { CartItem, CartView } from '../../typings/shop/cart';
import { buildCartView, type Catalogue } from '../domain/cart';
import type { Database } from '../lib/cloud';
import { loadGoodsByIds, loadSkusByIds } from '../catalogue/catalogue-store';
import type { ImageResolver } from '../catalogue/image-urls';

/** The SKUs and goods of these lines. Two reads (one per collection), at once. */
export async function loadCartCatalogue(db: Database, items: readonly CartItem[]): Promise<Catalogue> {
  const [skus, goods] = await Promise.all([
    loadSkusByIds(
      db,
      items.map((i) => i.skuId),
    ),
    loadGoodsByIds(
      db,
      items.map((i) => i.goodsId),
    ),
  ]);
  // a SKU moved to another goods: its goods was not among the lines' goodsIds (rare; one more read)
  const known = new Set(goods.map((g) => g._id));
  const missing = skus.map((s) => s.goodsId).filter((id) => !known.has(id));
  return { skus, goods: missing.length ? [...goods, ...(await loadGoodsByIds(db, missing))] : goods };
}

/** The view of these lines; reads the catalogue unless given one that covers them. */
export async function cartView(
  db: Database,
  resolve: ImageResolver,
  items: readonly CartItem[],
  catalogue?: Catalogue,
): Promise<CartView> {
  const skuIds = new Set(catalogue?.skus.map((s) => s._id) ?? []);
  const covered = catalogue && items.every((i) => skuIds.has(i.skuId));
  const view = buildCartView(items, covered ? catalogue : await loadCartCatalogue(db, items));
  const urls = await resolve(view.items.map((v) => v.image).filter(Boolean));
  return { ...view, items: view.items.map((v) => (v.image ? { ...v, image: urls.get(v.image) ?? v.image } : v)) };
}
