import { CUSTOMER, goodsDoc, sampleOrder, skuDoc, T0 } from './__fixtures__/shop';
import { draftOrder, OrderDraftInput } from './order-draft';
import { DEFAULT_UNPAID_TIMEOUT_MS } from './order-state';
import { buildQuote } from './quote';

describe('draftOrder', () => {
  it('snapshots the quote into an unpaid order', () => {
    const order = sampleOrder('delivery');
    expect(order).toMatchObject({
      orderNo: '20240601120000ABCDEFGH',
      openid: CUSTOMER,
      status: 'unpaid',
      amounts: { goodsFen: 3500, discountFen: 1, shippingFen: 800, totalFen: 4299 },
      fulfilment: { type: 'delivery', address: { name: '张三' } },
      refunds: [],
      createdAt: T0,
      expiresAt: T0 + DEFAULT_UNPAID_TIMEOUT_MS,
      log: [{ at: T0, by: CUSTOMER, role: 'customer', action: 'create', from: null, to: 'unpaid' }],
    });
    expect(order.lines.map((l) => [l.skuId, l.quantity, l.lineTotalFen, l.discountFen, l.payFen, l.refundedQuantity, l.refundedFen])).toEqual([
      ['tee-1', 3, 3000, 1, 2999, 0, 0],
      ['mug-1', 1, 500, 0, 500, 0, 0],
    ]);
    expect(sampleOrder('pickup').fulfilment).toEqual({ type: 'pickup', pickupCode: '123456' });
  });

  const quoteOf = (over: { stock?: number; priceFen?: number; fulfilment?: 'pickup' | 'delivery' } = {}) =>
    buildQuote({
      requested: [{ skuId: 's', quantity: 2 }],
      skus: [skuDoc('s', 'g', { stock: over.stock ?? 5, priceFen: over.priceFen ?? 100 })],
      goods: [goodsDoc('g')],
      fulfilment: over.fulfilment ?? 'pickup',
      shipping: { flatFeeFen: 0, freeOverFen: 0 },
      now: T0,
    });
  const input = (over: Partial<OrderDraftInput> = {}): OrderDraftInput => ({
    quote: quoteOf(),
    orderNo: '20240601120000ABCDEFGH',
    openid: CUSTOMER,
    attribution: { at: T0, scene: 1001, channel: 'direct' },
    now: T0,
    pickupCode: '000001',
    ...over,
  });

  it('refuses quotes with problems, missing fulfilment details, bad numbers and zero totals', () => {
    expect(draftOrder(input({ quote: quoteOf({ stock: 1 }) }))).toMatchObject({ ok: false, code: 'QUOTE_NOT_OK' });
    expect(draftOrder(input({ pickupCode: undefined }))).toMatchObject({ ok: false, code: 'PICKUP_CODE_REQUIRED' });
    expect(draftOrder(input({ quote: quoteOf({ fulfilment: 'delivery' }) }))).toMatchObject({ ok: false, code: 'ADDRESS_REQUIRED' });
    expect(draftOrder(input({ orderNo: 'bad no' }))).toMatchObject({ ok: false, code: 'INVALID_ORDER_NO' });
    expect(draftOrder(input({ quote: quoteOf({ priceFen: 0 }) }))).toMatchObject({ ok: false, code: 'ZERO_TOTAL' });
    expect(draftOrder(input({ unpaidTimeoutMs: 1000, remark: '少放冰' }))).toMatchObject({
      ok: true,
      order: { expiresAt: T0 + 1000, remark: '少放冰' },
    });
  });
});
