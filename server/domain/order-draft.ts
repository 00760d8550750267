/** Turns an OK quote into a new unpaid order document (the handler adds `_id` and inserts it). */
import type { Touch } from '../../typings/shop/attribution';
import type { Quote } from '../../typings/shop/checkout';
import type { EpochMs, OpenId } from '../../typings/shop/common';
import type { DeliveryAddress, OrderDoc, OrderLine } from '../../typings/shop/order';
import { sumFen } from './money';
import { DEFAULT_UNPAID_TIMEOUT_MS } from './order-state';
import { isValidOutTradeNo } from './order-no';

export interface OrderDraftInput {
  quote: Quote;
  orderNo: string;
  openid: OpenId;
  attribution: Touch;
  now: EpochMs;
  /** Required for delivery orders. */
  address?: DeliveryAddress;
  /** Required for pickup orders (order-no.makePickupCode). */
  pickupCode?: string;
  remark?: string;
  unpaidTimeoutMs?: number;
}

export type OrderDraftResult =
  | { ok: true; order: Omit<OrderDoc, '_id'> }
  | { ok: false; code: 'QUOTE_NOT_OK' | 'ADDRESS_REQUIRED' | 'PICKUP_CODE_REQUIRED' | 'INVALID_ORDER_NO' | 'ZERO_TOTAL'; message: string };

/**
 * A new order in status `unpaid`, expiring `unpaidTimeoutMs` (default 15 min) after `now`, with one `create` log
 * entry by the customer. Refused when the quote has problems, a delivery order lacks an address, a pickup order lacks
 * a pickup code, or the total is 0 (WeChat Pay cannot charge 0 fen).
 */
export function draftOrder(input: OrderDraftInput): OrderDraftResult {
  const { quote } = input;
  if (!quote.ok) return { ok: false, code: 'QUOTE_NOT_OK', message: 'some items cannot be bought as requested' };
  if (!isValidOutTradeNo(input.orderNo)) return { ok: false, code: 'INVALID_ORDER_NO', message: 'invalid order number' };
  if (quote.fulfilment === 'delivery' && !input.address) {
    return { ok: false, code: 'ADDRESS_REQUIRED', message: 'a delivery order needs an address' };
  }
  if (quote.fulfilment === 'pickup' && !/^\d{6}$/.test(input.pickupCode ?? '')) {
    return { ok: false, code: 'PICKUP_CODE_REQUIRED', message: 'a pickup order needs a 6-digit pickup code' };
  }
  if (quote.totalFen <= 0) return { ok: false, code: 'ZERO_TOTAL', message: 'the order total must be at least 1 fen' };
  if (sumFen(quote.lines.map((l) => l.payFen)) + quote.shippingFen !== quote.totalFen) {
    throw new Error('quote lines and shipping do not add up to the total');
  }
  const lines: OrderLine[] = quote.lines.map((l) => ({
    skuId: l.skuId,
    goodsId: l.goodsId,
    title: l.title,
    specText: l.specText,
    image: l.image,
    unitPriceFen: l.unitPriceFen,
    quantity: l.quantity,
    lineTotalFen: l.lineTotalFen,
    discountFen: l.discountFen,
    payFen: l.payFen,
    refundedQuantity: 0,
    refundedFen: 0,
  }));
  return {
    ok: true,
    order: {
      orderNo: input.orderNo,
      openid: input.openid,
      status: 'unpaid',
      lines,
      amounts: {
        goodsFen: quote.goodsFen,
        discountFen: quote.discountFen,
        shippingFen: quote.shippingFen,
        totalFen: quote.totalFen,
      },
      fulfilment:
        quote.fulfilment === 'delivery'
          ? { type: 'delivery', address: input.address }
          : { type: 'pickup', pickupCode: input.pickupCode },
      refunds: [],
      ...(input.remark ? { remark: input.remark } : {}),
      attribution: input.attribution,
      createdAt: input.now,
      expiresAt: input.now + (input.unpaidTimeoutMs ?? DEFAULT_UNPAID_TIMEOUT_MS),
      log: [{ at: input.now, by: input.openid, role: 'customer', action: 'create', from: null, to: 'unpaid' }],
    },
  };
}
