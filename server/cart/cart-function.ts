/**
 * The `cart` cloud function (contract: typings/api/cart.ts): the caller's cart. Every action validates its input,
 * changes the cart through mutateCart (conditional write, retried) and answers the updated view.
 * Bundled from cloudfunctions/cart/src/index.ts.
 */
import { z } from 'zod';
import type { CartActions } from '../../typings/api/cart';
import type { CartItem } from '../../typings/shop/cart';
import { checkAvailability } from '../domain/availability';
import { addToCart, MAX_CART_ITEMS, removeInvalid, removeItems, selectAll, setQuantity, setSelected, type CartMutation } from '../domain/cart';
import { MAX_LINE_QUANTITY, MIN_LINE_QUANTITY } from '../domain/limits';
import { AppError, defineAction, defineFunction, requireOpenid, type ActionContext } from '../lib';
import { idSchema } from '../catalogue/catalogue-actions';
import { loadGoodsByIds, loadSkusByIds } from '../catalogue/catalogue-store';
import { cloudImageResolver } from '../catalogue/image-urls';
import { loadCart } from './cart-store';
import { cartView, loadCartCatalogue } from './cart-view';
import { mutateCart } from './mutate-cart';

const quantity = z.number().int().min(MIN_LINE_QUANTITY).max(MAX_LINE_QUANTITY);
const skuIds = z
  .array(idSchema)
  .min(1)
  .max(MAX_CART_ITEMS)
  .refine((ids) => new Set(ids).size === ids.length, 'skuIds must not repeat');

/** The items of a successful domain mutation, or the refusal as an AppError. */
function applied(m: CartMutation): CartItem[] {
  if (m.ok) return m.items;
  if (m.code === 'NOT_IN_CART') throw new AppError('NOT_FOUND', '购物车里没有这件商品');
  if (m.code === 'CART_FULL') throw new AppError('PRECONDITION_FAILED', `购物车最多放 ${MAX_CART_ITEMS} 种商品`);
  throw new AppError('INVALID_INPUT', m.message);
}

/** Refuses (NOT_FOUND, nothing changes) unless every SKU is in the cart. */
function requireInCart(items: readonly CartItem[], ids: readonly string[]): void {
  const inCart = new Set(items.map((i) => i.skuId));
  if (ids.some((id) => !inCart.has(id))) throw new AppError('NOT_FOUND', '购物车里没有这件商品');
}

/** Applies `decide` to the caller's cart and answers the new view. */
async function change(ctx: ActionContext, decide: (items: CartItem[]) => CartItem[] | Promise<CartItem[]>) {
  const openid = requireOpenid(ctx);
  const items = await mutateCart(ctx.db, openid, ctx.now(), decide);
  return cartView(ctx.db, cloudImageResolver(ctx.log), items);
}

export const cartFunction = defineFunction<CartActions>({
  name: 'cart',
  actions: {
    'cart.get': defineAction({
      input: z.strictObject({}),
      handler: async (_input, ctx) => {
        const cart = await loadCart(ctx.db, requireOpenid(ctx));
        return cartView(ctx.db, cloudImageResolver(ctx.log), cart.items);
      },
    }),

    'cart.add': defineAction({
      input: z.strictObject({ skuId: idSchema, quantity }),
      handler: async (input, ctx) => {
        requireOpenid(ctx);
        const [sku] = await loadSkusByIds(ctx.db, [input.skuId]);
        if (!sku) throw new AppError('NOT_FOUND', '商品不存在');
        const [goods] = await loadGoodsByIds(ctx.db, [sku.goodsId]);
        return change(ctx, (items) => {
          const next = applied(addToCart(items, { skuId: sku._id, goodsId: sku.goodsId, quantity: input.quantity }, ctx.now()));
          const had = items.find((i) => i.skuId === sku._id)?.quantity ?? 0;
          const line = next.find((i) => i.skuId === sku._id)!;
          const availability = checkAvailability(sku, goods, line.quantity);
          if (!availability.ok) {
            if (availability.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', '商品不存在');
            if (availability.code === 'OFF_SHELF') throw new AppError('PRECONDITION_FAILED', '商品已下架');
            if (availability.code === 'OUT_OF_STOCK') throw new AppError('OUT_OF_STOCK', '商品已售罄');
            const more = Math.max(0, availability.available - had);
            throw new AppError('OUT_OF_STOCK', more > 0 ? `库存不足，最多还能加 ${more} 件` : `库存不足，购物车里已有 ${had} 件`);
          }
          return next;
        });
      },
    }),

    'cart.setQuantity': defineAction({
      input: z.strictObject({ skuId: idSchema, quantity }),
      handler: (input, ctx) => change(ctx, (items) => applied(setQuantity(items, input.skuId, input.quantity))),
    }),

    'cart.select': defineAction({
      input: z.strictObject({ skuIds, selected: z.boolean() }),
      handler: (input, ctx) =>
        change(ctx, (items) => {
          requireInCart(items, input.skuIds);
          return setSelected(items, input.skuIds, input.selected);
        }),
    }),

    'cart.selectAll': defineAction({
      input: z.strictObject({ selected: z.boolean() }),
      handler: (input, ctx) => change(ctx, (items) => selectAll(items, input.selected)),
    }),

    'cart.remove': defineAction({
      input: z.strictObject({ skuIds }),
      handler: (input, ctx) =>
        change(ctx, (items) => {
          requireInCart(items, input.skuIds);
          return removeItems(items, input.skuIds);
        }),
    }),

    'cart.removeInvalid': defineAction({
      input: z.strictObject({}),
      handler: async (_input, ctx) => {
        const openid = requireOpenid(ctx);
        let catalogue: Awaited<ReturnType<typeof loadCartCatalogue>> | undefined;
        const items = await mutateCart(ctx.db, openid, ctx.now(), async (current) => {
          catalogue = await loadCartCatalogue(ctx.db, current);
          return removeInvalid(current, catalogue);
        });
        // what is left is a subset of the lines whose catalogue was just read
        return cartView(ctx.db, cloudImageResolver(ctx.log), items, catalogue);
      },
    }),
  },
});
