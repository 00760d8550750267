/** The `order` cloud function: checkout and the caller's own orders. Bundled from cloudfunctions/order/src/index.ts. */
import { z } from 'zod';
import type { OrderActions, OrderListTab } from '@typings/api/order';
import type { Actor, OrderDoc } from '@typings/shop/order';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '../domain/limits';
import { defineAction, defineFunction, requireOpenid } from '../lib';
import type { ActionContext } from '../lib/context';
import { AppError } from '../lib/errors';
import { applyTransitionOrThrow, transitionError } from './apply-transition';
import { cancelUnpaidOrder } from './cancel';
import { createOrder, quoteCheckout } from './checkout';
import { loadCheckoutSettings } from './order-settings';
import { loadOwnOrder, ORDERS } from './order-store';
import { ORDER_TAB_STATUSES, toOrderSummary, toOrderView } from './order-view';
import { queryPayment, requestPayment } from './payment-calls';
import { recordPayment } from './payment';
import { pickupQrUrl } from './pickup-qr';
import { requestRefund } from './refunds';

export const ORDER_PAGE_SIZE = 10;

const id = z.string().trim().min(1).max(64);
/** Raw request lines (merged and limited further by the quote: ≤ 99 per SKU, ≤ 50 SKUs). */
const items = z
  .array(z.strictObject({ skuId: id, quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY) }))
  .min(1)
  .max(MAX_ORDER_LINES * 2);
const text = (max: number) => z.string().trim().min(1).max(max);
const address = z.strictObject({
  name: text(50),
  phone: z.string().trim().regex(/^[0-9+\-\s]{5,20}$/),
  province: text(50),
  city: text(50),
  district: z.string().trim().max(50),
  detail: text(200),
  postalCode: z.string().trim().max(10).optional(),
});
const fulfilment = z.strictObject({ type: z.enum(['pickup', 'delivery']), address: address.optional() });
const orderRef = z.strictObject({ orderId: id });
const coupon = z.union([z.literal('best'), z.literal('none'), z.strictObject({ couponId: id })]).optional();
const points = z.enum(['none', 'max', 'best']).optional();

const customer = (ctx: ActionContext): Actor => ({ role: 'customer', id: requireOpenid(ctx) });

async function ownOrder(ctx: ActionContext, orderId: string): Promise<OrderDoc> {
  return loadOwnOrder(ctx.db, requireOpenid(ctx), orderId);
}

export const orderFunction = defineFunction<OrderActions>({
  name: 'order',
  actions: {
    'checkout.quote': defineAction({
      input: z.strictObject({ items, fulfilment, coupon, points }),
      handler: (input, ctx) => quoteCheckout(ctx, input),
    }),

    'checkout.create': defineAction({
      input: z.strictObject({
        items,
        fulfilment,
        address: address.optional(),
        remark: z.string().max(200).optional(),
        clientQuoteTotalFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        source: z.enum(['cart', 'buy_now']).optional(),
        coupon,
        points,
      }),
      handler: (input, ctx) => createOrder(ctx, input),
    }),

    'order.pay': defineAction({
      input: orderRef,
      handler: async ({ orderId }, ctx) => {
        const order = await ownOrder(ctx, orderId);
        if (order.status !== 'unpaid') throw new AppError('PRECONDITION_FAILED', '订单已不是待支付状态');
        if (ctx.now() >= order.expiresAt) throw new AppError('PRECONDITION_FAILED', '订单已超时，请重新下单');
        const { orders } = await loadCheckoutSettings(ctx.db);
        if (!orders.subMchId) throw new AppError('PRECONDITION_FAILED', '本店尚未开通微信支付');
        const pay = await requestPayment(ctx, order, orders.subMchId);
        if (!pay.ok) throw new AppError('PRECONDITION_FAILED', `支付发起失败：${pay.reason}`);
        return { orderId, payment: pay.payment };
      },
    }),

    'order.recheck': defineAction({
      input: orderRef,
      handler: async ({ orderId }, ctx) => {
        let order = await ownOrder(ctx, orderId);
        if (order.status === 'unpaid') {
          const { orders } = await loadCheckoutSettings(ctx.db);
          const state = orders.subMchId ? await queryPayment(ctx, order.orderNo, orders.subMchId) : { state: 'none' as const };
          if (state.state === 'paid') order = (await recordPayment(ctx, order, state.proof, orders.subMchId)).order;
        }
        return { orderId, status: order.status, paid: order.payment?.paidAt !== undefined };
      },
    }),

    'order.list': defineAction({
      input: z.strictObject({
        tab: z.enum(['all', 'unpaid', 'to_fulfil', 'to_receive', 'completed', 'after_sale']).optional(),
        page: z.number().int().min(0).max(1000).optional(),
      }),
      handler: async (input, ctx) => {
        const openid = requireOpenid(ctx);
        const _ = ctx.db.command;
        const tab: OrderListTab = input.tab ?? 'all';
        const page = input.page ?? 0;
        const where: Record<string, unknown> = { openid };
        if (tab !== 'all') where.status = _.in(ORDER_TAB_STATUSES[tab]);
        const res = (await ctx.db
          .collection(ORDERS)
          .where(where)
          .orderBy('createdAt', 'desc')
          .skip(page * ORDER_PAGE_SIZE)
          .limit(ORDER_PAGE_SIZE + 1)
          .field({ log: false, attribution: false })
          .get()) as unknown as { data: OrderDoc[] };
        const now = ctx.now();
        return {
          orders: res.data.slice(0, ORDER_PAGE_SIZE).map((o) => toOrderSummary({ ...o, log: [] }, now)),
          page,
          pageSize: ORDER_PAGE_SIZE,
          hasMore: res.data.length > ORDER_PAGE_SIZE,
        };
      },
    }),

    'order.detail': defineAction({
      input: orderRef,
      handler: async ({ orderId }, ctx) => toOrderView(await ownOrder(ctx, orderId), ctx.now()),
    }),

    'order.cancel': defineAction({
      input: z.strictObject({ orderId: id, reason: z.string().trim().max(100).optional() }),
      handler: async ({ orderId, reason }, ctx) => {
        const order = await ownOrder(ctx, orderId);
        const { orders } = await loadCheckoutSettings(ctx.db);
        const result = await cancelUnpaidOrder(ctx, order, 'cancel', customer(ctx), orders.subMchId, reason || undefined);
        switch (result.outcome) {
          case 'cancelled':
            return toOrderView(result.order, ctx.now());
          case 'paid':
            throw new AppError('PRECONDITION_FAILED', '订单已支付，不能取消');
          case 'unknown':
            throw new AppError('CONFLICT', '暂时无法取消订单，请稍后再试');
          default:
            throw transitionError(result.refusal);
        }
      },
    }),

    'order.confirmReceipt': defineAction({
      input: orderRef,
      handler: async ({ orderId }, ctx) => {
        const order = await ownOrder(ctx, orderId);
        const done = await applyTransitionOrThrow(ctx, order, 'confirm_receipt', customer(ctx));
        return toOrderView(done.order, ctx.now());
      },
    }),

    'order.requestRefund': defineAction({
      input: z.strictObject({
        orderId: id,
        lines: z
          .array(z.strictObject({ skuId: id, quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY) }))
          .max(MAX_ORDER_LINES)
          .optional(),
        reason: text(100),
      }),
      handler: async ({ orderId, lines, reason }, ctx) => {
        const order = await ownOrder(ctx, orderId);
        const done = await requestRefund(ctx, order, customer(ctx), { ...(lines ? { lines } : {}), reason });
        return toOrderView(done.order, ctx.now());
      },
    }),

    'order.withdrawRefund': defineAction({
      input: orderRef,
      handler: async ({ orderId }, ctx) => {
        const order = await ownOrder(ctx, orderId);
        const done = await applyTransitionOrThrow(ctx, order, 'withdraw_refund', customer(ctx));
        return toOrderView(done.order, ctx.now());
      },
    }),

    'order.pickupQr': defineAction({
      input: orderRef,
      handler: async ({ orderId }, ctx) => pickupQrUrl(ctx, await ownOrder(ctx, orderId)),
    }),
  },
});
