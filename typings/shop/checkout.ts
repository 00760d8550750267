import type { EpochMs, Fen } from './common';

export type FulfilmentType = 'pickup' | 'delivery';

/**
 * Delivery fee rule of the shop (defined with the shop settings in typings/api/shop.ts): delivery costs `flatFeeFen`
 * unless the goods amount after discounts reaches `freeOverFen` (0 = never free). Pickup is always free.
 */
export type { ShippingRule } from '../api/shop';

/** One line the client asks to buy. */
export interface QuoteRequestItem {
  skuId: string;
  quantity: number;
}

/** Why a requested line cannot be bought as asked. */
export type AvailabilityProblemCode = 'NOT_FOUND' | 'OFF_SHELF' | 'OUT_OF_STOCK' | 'INSUFFICIENT_STOCK';

export interface QuoteProblem {
  skuId: string;
  code: AvailabilityProblemCode;
  /** Units that could be bought now (for INSUFFICIENT_STOCK). */
  available?: number;
}

/** A priced line. Title, spec text, image and unit price always come from the server's documents. */
export interface QuoteLine {
  skuId: string;
  goodsId: string;
  title: string;
  specText: string;
  image: string;
  unitPriceFen: Fen;
  quantity: number;
  /** unitPriceFen × quantity */
  lineTotalFen: Fen;
  /** This line's share of all discounts. */
  discountFen: Fen;
  /** lineTotalFen − discountFen (never negative). */
  payFen: Fen;
  /** Set when this line cannot be bought as asked. */
  problem?: AvailabilityProblemCode;
}

/** One applied discount (computed by the pluggable discount engine; none by default). */
export interface Discount {
  /** Machine name of the rule, e.g. `coupon`, `full_reduction`. */
  kind: string;
  amountFen: Fen;
  /** Human text shown at checkout, e.g. `满100减10`. */
  reason: string;
  /** Amount per quote line (same order as Quote.lines); sums to amountFen. */
  lineShares: Fen[];
}

/** Order money summary: totalFen = goodsFen − discountFen + shippingFen. */
export interface OrderAmounts {
  goodsFen: Fen;
  discountFen: Fen;
  shippingFen: Fen;
  totalFen: Fen;
}

/** A server-computed price for a prospective order. */
export interface Quote extends OrderAmounts {
  fulfilment: FulfilmentType;
  lines: QuoteLine[];
  discounts: Discount[];
  problems: QuoteProblem[];
  /** No problems: an order may be placed from this quote. */
  ok: boolean;
  quotedAt: EpochMs;
}
