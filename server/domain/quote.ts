/**
 * Server-side pricing of a prospective order. Everything shown or charged (titles, spec text, images, unit prices,
 * totals) comes from the server's SKU and goods documents; the client only says which SKUs and how many.
 *
 * Discounts are an extension point: a `DiscountEngine` proposes discounts; the quote validates them, spreads any
 * that lack line shares over the lines, and caps them so no line (hence no total) goes below zero. The default
 * engine gives none. Shipping is computed after discounts (see shipping.ts).
 *
 *   totalFen = goodsFen − discountFen + shippingFen,   each line: payFen = lineTotalFen − discountFen ≥ 0
 */
import type { GoodsDoc, SkuDoc } from '../../typings/shop/catalogue';
import type {
  Discount,
  FulfilmentType,
  Quote,
  QuoteLine,
  QuoteProblem,
  QuoteRequestItem,
  ShippingRule,
} from '../../typings/shop/checkout';
import type { EpochMs, Fen } from '../../typings/shop/common';
import { byId, checkAvailability } from './availability';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES, MIN_LINE_QUANTITY } from './limits';
import { allocate, assertNonNegativeFen, sumFen } from './money';
import { shippingFee } from './shipping';
import { specText } from './sku-matrix';

export { MAX_LINE_QUANTITY, MAX_ORDER_LINES, MIN_LINE_QUANTITY } from './limits';

export type QuoteRequestErrorCode = 'EMPTY' | 'INVALID_SKU_ID' | 'INVALID_QUANTITY' | 'QUANTITY_LIMIT' | 'TOO_MANY_LINES';

export type NormalisedRequest =
  | { ok: true; items: QuoteRequestItem[] }
  | { ok: false; code: QuoteRequestErrorCode; message: string; skuId?: string };

/** Thrown by buildQuote for a malformed request (call normaliseRequest first to report it cleanly). */
export class QuoteRequestError extends Error {
  constructor(
    readonly code: QuoteRequestErrorCode,
    message: string,
    readonly skuId?: string,
  ) {
    super(message);
    this.name = 'QuoteRequestError';
  }
}

/**
 * Validates and merges a requested item list: each quantity must be an integer ≥ MIN_LINE_QUANTITY; duplicate skuIds
 * are merged (first position kept, quantities summed); a merged quantity above MAX_LINE_QUANTITY, more than
 * MAX_ORDER_LINES distinct SKUs, or an empty list is an error.
 */
export function normaliseRequest(requested: readonly QuoteRequestItem[]): NormalisedRequest {
  if (!Array.isArray(requested) || requested.length === 0) {
    return { ok: false, code: 'EMPTY', message: 'no items requested' };
  }
  const merged = new Map<string, number>();
  for (const item of requested) {
    const skuId = item?.skuId;
    if (typeof skuId !== 'string' || skuId === '') {
      return { ok: false, code: 'INVALID_SKU_ID', message: 'every item needs a skuId' };
    }
    const q = item.quantity;
    if (!Number.isSafeInteger(q) || q < MIN_LINE_QUANTITY) {
      return { ok: false, code: 'INVALID_QUANTITY', message: `quantity must be an integer ≥ ${MIN_LINE_QUANTITY}`, skuId };
    }
    merged.set(skuId, (merged.get(skuId) ?? 0) + q);
  }
  if (merged.size > MAX_ORDER_LINES) {
    return { ok: false, code: 'TOO_MANY_LINES', message: `at most ${MAX_ORDER_LINES} different items per order` };
  }
  for (const [skuId, quantity] of merged) {
    if (quantity > MAX_LINE_QUANTITY) {
      return { ok: false, code: 'QUANTITY_LIMIT', message: `at most ${MAX_LINE_QUANTITY} of one item per order`, skuId };
    }
  }
  return { ok: true, items: [...merged].map(([skuId, quantity]) => ({ skuId, quantity })) };
}

/** A priced line before discounts, as the discount engine sees it. */
export type PricedLine = Omit<QuoteLine, 'discountFen' | 'payFen'>;

export interface DiscountContext {
  lines: readonly PricedLine[];
  goodsFen: Fen;
  fulfilment: FulfilmentType;
  now: EpochMs;
}

/** A discount proposed by an engine. Without lineShares it is spread over the lines in proportion to what is left to pay. */
export interface ProposedDiscount {
  kind: string;
  amountFen: Fen;
  reason: string;
  /** One share per line (same order as ctx.lines), summing to amountFen. */
  lineShares?: Fen[];
}

/** Pluggable marketing engine. Must be pure. Proposed amounts are capped by what the lines still cost. */
export type DiscountEngine = (ctx: DiscountContext) => readonly ProposedDiscount[];

/** The default engine: no discounts. */
export const noDiscounts: DiscountEngine = () => [];

export interface QuoteInput {
  requested: readonly QuoteRequestItem[];
  /** SKU documents for (at least) the requested skuIds; missing ones are NOT_FOUND. */
  skus: readonly SkuDoc[];
  /** Goods documents of those SKUs. */
  goods: readonly GoodsDoc[];
  fulfilment: FulfilmentType;
  shipping: ShippingRule;
  now: EpochMs;
  discounts?: DiscountEngine;
}

/**
 * Prices a request. Throws QuoteRequestError for a malformed request (see normaliseRequest) and TypeError when a
 * document or the discount engine yields non-integer / negative money.
 *
 * `lines` holds every requested SKU that exists (in request order), including ones with a problem; `problems` lists
 * every line that cannot be bought as asked, including NOT_FOUND ones (which have no line). `ok` = no problems.
 */
export function buildQuote(input: QuoteInput): Quote {
  const request = normaliseRequest(input.requested);
  if (!request.ok) throw new QuoteRequestError(request.code, request.message, request.skuId);
  const skus = byId(input.skus);
  const goods = byId(input.goods);

  const priced: PricedLine[] = [];
  const problems: QuoteProblem[] = [];
  for (const { skuId, quantity } of request.items) {
    const sku = skus.get(skuId);
    const g = sku ? goods.get(sku.goodsId) : undefined;
    const availability = checkAvailability(sku, g, quantity);
    if (!availability.ok) {
      problems.push({
        skuId,
        code: availability.code,
        ...(availability.code === 'INSUFFICIENT_STOCK' ? { available: availability.available } : {}),
      });
    }
    if (!sku || !g || sku.goodsId !== g._id) continue;
    assertNonNegativeFen(sku.priceFen, `price of sku ${skuId}`);
    const lineTotalFen = sku.priceFen * quantity;
    assertNonNegativeFen(lineTotalFen, `line total of sku ${skuId}`);
    priced.push({
      skuId,
      goodsId: g._id,
      title: g.title,
      specText: specText(g.specs, sku.specValues),
      image: g.images[0] ?? '',
      unitPriceFen: sku.priceFen,
      quantity,
      lineTotalFen,
      ...(availability.ok ? {} : { problem: availability.code }),
    });
  }

  const goodsFen = sumFen(priced.map((l) => l.lineTotalFen));
  const engine = input.discounts ?? noDiscounts;
  const proposed = engine({ lines: priced, goodsFen, fulfilment: input.fulfilment, now: input.now });
  const { discounts, lineDiscounts } = applyDiscounts(priced, proposed);

  const lines: QuoteLine[] = priced.map((l, i) => ({
    ...l,
    discountFen: lineDiscounts[i],
    payFen: l.lineTotalFen - lineDiscounts[i],
  }));
  const discountFen = sumFen(discounts.map((d) => d.amountFen));
  const goodsAfterDiscount = goodsFen - discountFen;
  const shippingFen = shippingFee(input.shipping, input.fulfilment, goodsAfterDiscount);
  return {
    fulfilment: input.fulfilment,
    lines,
    goodsFen,
    discounts,
    discountFen,
    shippingFen,
    totalFen: goodsAfterDiscount + shippingFen,
    problems,
    ok: problems.length === 0,
    quotedAt: input.now,
  };
}

/**
 * Applies proposed discounts in order. Each one's line shares (given, or allocated by what each line still costs)
 * are capped at what the line still costs; its amount becomes the sum of the capped shares. Discounts that end at
 * 0 are dropped.
 */
function applyDiscounts(
  lines: readonly PricedLine[],
  proposed: readonly ProposedDiscount[],
): { discounts: Discount[]; lineDiscounts: Fen[] } {
  const remaining = lines.map((l) => l.lineTotalFen);
  const discounts: Discount[] = [];
  proposed.forEach((d, k) => {
    assertNonNegativeFen(d.amountFen, `discounts[${k}].amountFen`);
    if (typeof d.kind !== 'string' || typeof d.reason !== 'string') {
      throw new TypeError(`discounts[${k}] needs a kind and a reason`);
    }
    let shares: Fen[];
    if (d.lineShares) {
      if (d.lineShares.length !== lines.length) throw new TypeError(`discounts[${k}].lineShares needs one share per line`);
      d.lineShares.forEach((s, i) => assertNonNegativeFen(s, `discounts[${k}].lineShares[${i}]`));
      if (sumFen(d.lineShares) !== d.amountFen) throw new TypeError(`discounts[${k}].lineShares must sum to amountFen`);
      shares = [...d.lineShares];
    } else if (lines.length === 0) {
      shares = [];
    } else {
      shares = allocate(d.amountFen, remaining);
    }
    const capped = shares.map((s, i) => Math.min(s, remaining[i]));
    capped.forEach((s, i) => (remaining[i] -= s));
    const amountFen = sumFen(capped);
    if (amountFen > 0) discounts.push({ kind: d.kind, amountFen, reason: d.reason, lineShares: capped });
  });
  return { discounts, lineDiscounts: lines.map((l, i) => l.lineTotalFen - remaining[i]) };
}

/** The request to place an order from a quote (the lines that priced), e.g. to re-quote at order time. */
export function quoteRequestOf(quote: Pick<Quote, 'lines'>): QuoteRequestItem[] {
  return quote.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity }));
}
