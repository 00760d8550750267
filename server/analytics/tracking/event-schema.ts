/**
 * What the mini-program may send as a tracked event (zod), one strict schema per client event type. The server
 * events (`paid`, `refunded`, `completed`) are NOT client events: the order functions write them themselves, so an
 * event claiming one is forged. Nor may a client name a user (`openid`) or money (`amountFen`, `orderId`): who is
 * always the caller from the platform context.
 */
import { z } from 'zod';
import type { ClientEventType, ServerEventType } from '../../../typings/shop/analytics';

export const CLIENT_EVENT_TYPES: readonly ClientEventType[] = ['page_view', 'goods_view', 'add_to_cart', 'checkout_start', 'share', 'search'];
export const SERVER_EVENT_TYPES: readonly ServerEventType[] = ['paid', 'refunded', 'completed'];
/** Fields only the server may set on an event. */
export const SERVER_ONLY_FIELDS = ['openid', 'receivedAt', 'orderId', 'amountFen', '_id', '_openid'] as const;

const id = z.string().min(1).max(64).regex(/^[0-9A-Za-z_.~:-]+$/, 'letters, digits and _.~:- only');
const page = z.string().min(1).max(128).regex(/^[0-9A-Za-z_/-]+$/, 'a page route such as pages/goods/detail');
const common = {
  at: z.number().int().nonnegative(),
  session: id.optional(),
};

export const clientEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('page_view'), page, ...common }),
  z.strictObject({ type: z.literal('goods_view'), goodsId: id, page: page.optional(), ...common }),
  z.strictObject({ type: z.literal('add_to_cart'), goodsId: id, skuId: id, quantity: z.number().int().min(1).max(999), page: page.optional(), ...common }),
  z.strictObject({ type: z.literal('checkout_start'), page: page.optional(), ...common }),
  z.strictObject({
    type: z.literal('share'),
    target: z.enum(['chat', 'group', 'timeline', 'poster', 'other']),
    page: page.optional(),
    goodsId: id.optional(),
    ...common,
  }),
  z.strictObject({ type: z.literal('search'), keyword: z.string().trim().min(1).max(64), page: page.optional(), ...common }),
]);

export type ClientEvent = z.output<typeof clientEventSchema>;
