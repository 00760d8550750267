/** Small builders for spec files: documents with sensible defaults. Test-only. */
import type { GoodsDoc, SkuDoc, SpecDef } from '../../../typings/shop/catalogue';

export function goodsDoc(id: string, overrides: Partial<GoodsDoc> = {}): GoodsDoc {
  return {
    _id: id,
    title: `Goods ${id}`,
    categoryId: 'c1',
    images: [`cloud://img/${id}.jpg`],
    description: '',
    specs: [],
    onShelf: true,
    minPriceFen: 0,
    maxPriceFen: 0,
    sales: 0,
    tags: [],
    createdAt: 0,
    searchText: '',
    ...overrides,
  };
}

export function skuDoc(id: string, goodsId: string, overrides: Partial<SkuDoc> = {}): SkuDoc {
  return {
    _id: id,
    goodsId,
    specValues: [],
    priceFen: 1000,
    stock: 10,
    reserved: 0,
    sold: 0,
    refundedToStock: 0,
    restocked: 0,
    onShelf: true,
    ...overrides,
  };
}

export const TEE_SPECS: SpecDef[] = [
  { name: '颜色', values: ['红', '蓝'] },
  { name: '尺码', values: ['S', 'M', 'L'] },
];

import type { FulfilmentType } from '../../../typings/shop/checkout';
import type { OrderDoc } from '../../../typings/shop/order';
import { draftOrder } from '../order-draft';
import { buildQuote, DiscountEngine } from '../quote';

export const CUSTOMER = 'o_customer_openid';
export const T0 = Date.UTC(2024, 5, 1, 4, 0, 0);

/**
 * An unpaid order: 3 × tee at 1000 fen and 1 × mug at 500 fen, with a 1-fen discount on the tee line
 * (tee payFen 2999, mug 500) and, for delivery, 800 fen shipping → total 4299 (3499 for pickup).
 */
export function sampleOrder(fulfilment: FulfilmentType = 'delivery', discounts?: DiscountEngine): OrderDoc {
  const quote = buildQuote({
    requested: [{ skuId: 'tee-1', quantity: 3 }, { skuId: 'mug-1', quantity: 1 }],
    skus: [skuDoc('tee-1', 'tee', { priceFen: 1000 }), skuDoc('mug-1', 'mug', { priceFen: 500 })],
    goods: [goodsDoc('tee'), goodsDoc('mug')],
    fulfilment,
    shipping: { flatFeeFen: 800, freeOverFen: 0 },
    now: T0,
    discounts: discounts ?? (() => [{ kind: 'coupon', amountFen: 1, reason: '1 fen off tee', lineShares: [1, 0] }]),
  });
  const draft = draftOrder({
    quote,
    orderNo: '20240601120000ABCDEFGH',
    openid: CUSTOMER,
    attribution: { at: T0, scene: 1047, channel: 'qr', store: '1' },
    now: T0,
    ...(fulfilment === 'delivery'
      ? { address: { name: '张三', phone: '13800000000', province: '广东省', city: '深圳市', district: '南山区', detail: '科技园 1 号' } }
      : { pickupCode: '123456' }),
  });
  if (!draft.ok) throw new Error(draft.message);
  return { _id: 'order-1', ...draft.order };
}
