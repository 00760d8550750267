/**
 * The `staff` cloud function: the back office. Every action starts with `requireStaff` (FORBIDDEN for anyone not
 * in the `staff` collection, before anything is read or written). Order changes go through
 * server/orders/apply-transition (the one place applying transitions and their effects: stock, messages, refunds).
 */
import { z } from 'zod';
import type { StaffActions } from '@typings/api/staff';
import type { Actor, OrderDoc } from '@typings/shop/order';
import { ORDER_STATUSES } from '../domain/order-state';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '../domain/limits';
import { AppError, defineAction, defineFunction, type ActionContext } from '../lib';
import { applyTransitionOrThrow } from '../orders/apply-transition';
import { requestRefund } from '../orders/refunds';
import { listOrders, loadAnyOrder, ordersWithPickupCode, STAFF_PAGE_SIZE } from './order-queries';
import { orderDetail, pickupCodeOf, summariseOrder } from './order-views';
import { requireStaff } from './staff-guard';

const orderId = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
const statusFilter = z.enum([...(ORDER_STATUSES as [string, ...string[]]), 'todo']) as z.ZodType<
  StaffActions['staff.orders']['input']['status']
>;

async function staffActor(ctx: ActionContext): Promise<Actor> {
  const me = await requireStaff(ctx);
  return { role: 'staff', id: me.openid };
}

const detail = (ctx: ActionContext, order: OrderDoc, actor: Actor) => orderDetail(order, actor.id, ctx.now());

export const staffFunction = defineFunction<StaffActions>({
  name: 'staff',
  actions: {
    'staff.me': defineAction({
      input: z.strictObject({}),
      handler: async (_input, ctx) => requireStaff(ctx),
    }),

    'staff.orders': defineAction({
      input: z.strictObject({ status: statusFilter.optional(), page: z.number().int().min(0).max(500).optional() }),
      handler: async (input, ctx) => {
        await requireStaff(ctx);
        const page = input.page ?? 0;
        const { orders, hasMore } = await listOrders(ctx.db, input.status, page);
        return { orders: orders.map(summariseOrder), page, pageSize: STAFF_PAGE_SIZE, hasMore };
      },
    }),

    'staff.orderDetail': defineAction({
      input: z.strictObject({ orderId }),
      handler: async (input, ctx) => {
        const actor = await staffActor(ctx);
        return detail(ctx, await loadAnyOrder(ctx.db, input.orderId), actor);
      },
    }),

    'staff.markReady': defineAction({
      input: z.strictObject({ orderId }),
      handler: async (input, ctx) => {
        const actor = await staffActor(ctx);
        const order = await loadAnyOrder(ctx.db, input.orderId);
        const done = await applyTransitionOrThrow(ctx, order, 'mark_ready', actor);
        return detail(ctx, done.order, actor);
      },
    }),

    'staff.verifyPickup': defineAction({
      input: z.strictObject({ code: z.string().min(1).max(200), orderId: orderId.optional() }),
      handler: async (input, ctx) => {
        const actor = await staffActor(ctx);
        const code = pickupCodeOf(input.code);
        if (!code) throw new AppError('INVALID_INPUT', 'code: 取货码是 6 位数字');
        const found = (await ordersWithPickupCode(ctx.db, code)).filter((o) => !input.orderId || o._id === input.orderId);
        const open = found.filter((o) => o.status === 'paid' || o.status === 'ready');
        if (open.length === 0) {
          if (found.some((o) => o.status === 'completed')) throw new AppError('PRECONDITION_FAILED', '该取货码的订单已核销');
          if (found.length > 0) throw new AppError('PRECONDITION_FAILED', '该订单当前不能核销（未支付、已取消或退款中）');
          throw new AppError('NOT_FOUND', '取货码不存在，请核对后重试');
        }
        if (open.length > 1) throw new AppError('CONFLICT', '多个订单使用该取货码，请在订单详情中核销');
        const done = await applyTransitionOrThrow(ctx, open[0], 'verify_pickup', actor, { note: `取货码 ${code}` });
        return detail(ctx, done.order, actor);
      },
    }),

    'staff.ship': defineAction({
      input: z.strictObject({ orderId, company: text(40), trackingNo: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/, '运单号为 4-40 位字母或数字') }),
      handler: async (input, ctx) => {
        const actor = await staffActor(ctx);
        const order = await loadAnyOrder(ctx.db, input.orderId);
        const shipping = { company: input.company, trackingNo: input.trackingNo, shippedAt: ctx.now() };
        const done = await applyTransitionOrThrow(ctx, order, 'ship', actor, {
          set: { fulfilment: { ...order.fulfilment, shipping } },
          note: `${input.company} ${input.trackingNo}`,
        });
        return detail(ctx, done.order, actor);
      },
    }),

    'staff.approveRefund': defineAction({
      input: z.strictObject({ orderId, reason: z.string().trim().max(200).optional() }),
      handler: async (input, ctx) => {
        const actor = await staffActor(ctx);
        const order = await loadAnyOrder(ctx.db, input.orderId);
        const done = await applyTransitionOrThrow(ctx, order, 'approve_refund', actor, input.reason ? { note: input.reason } : {});
        return detail(ctx, done.order, actor);
      },
    }),

    'staff.rejectRefund': defineAction({
      input: z.strictObject({ orderId, reason: text(200) }),
      handler: async (input, ctx) => {
        const actor = await staffActor(ctx);
        const order = await loadAnyOrder(ctx.db, input.orderId);
        const done = await applyTransitionOrThrow(ctx, order, 'reject_refund', actor, { note: input.reason });
        return detail(ctx, done.order, actor);
      },
    }),

    'staff.refund': defineAction({
      input: z.strictObject({
        orderId,
        lines: z
          .array(z.strictObject({ skuId: z.string().min(1).max(64), quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY) }))
          .min(1)
          .max(MAX_ORDER_LINES)
          .optional(),
        reason: z.string().trim().max(200).optional(),
      }),
      handler: async (input, ctx) => {
        const actor = await staffActor(ctx);
        const order = await loadAnyOrder(ctx.db, input.orderId);
        const reason = input.reason || '商家退款';
        const requested = await requestRefund(ctx, order, actor, { lines: input.lines, reason });
        const approved = await applyTransitionOrThrow(ctx, requested.order, 'approve_refund', actor, { note: reason });
        return detail(ctx, approved.order, actor);
      },
    }),
  },
});
