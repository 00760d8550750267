/**
 * Checkout → pay result, through the real pages on the emulator: the checkout page quotes the cart's selected lines
 * (order function, server prices), asks for subscription messages (recorded by the notify function), creates the
 * order, "pays" (wx.requestPayment answered by the emulator's payment simulation, which notifies payNotify twice),
 * and the pay-result page confirms the payment and shows the pickup code. Also: delivery needs an address, and a
 * price that changed between the quote and the submit is shown again instead of being charged. Coupons: the quote
 * asks for the engine's best coupon, the picker switches to none and back, and the order locks the chosen coupon.
 */
import { dateText } from '../../utils/dates';
import { loadPage, type PageHandle } from '../../../test/page-harness';
import type { OwnedCoupon } from '../../../typings/marketing/coupon';
import type { OpenApiService } from '../../../emulator/src/openapi';
import { DEFAULT_SETTINGS, type OrderTestEnv, startOrderEnv } from '../../../server/orders/test-support';
import { ownedCoupon } from '../../../server/marketing/__fixtures__/coupons';

const BUYER = 'o-page-buyer';
const COUPON_BUYER = 'o-page-coupon-buyer';
const DAY = 86_400_000;
/** Generous: the first call of each function starts a worker, slow when the suite runs on 2 busy cores. */
const LOAD_MS = 20_000;
const ADDRESS = { userName: '张三', telNumber: '13800000000', provinceName: '上海市', cityName: '上海市', countyName: '徐汇区', detailInfo: '衡山路 12 号', postalCode: '200031' };

let env: OrderTestEnv;
let pages: PageHandle[] = [];

beforeAll(async () => {
  env = await startOrderEnv({
    seeds: [
      { id: 'g-latte', title: '拿铁', skus: [{ id: 's-latte', priceFen: 2800, stock: 20 }] },
      { id: 'g-cookie', title: '曲奇', skus: [{ id: 's-cookie', priceFen: 1200, stock: 20 }] },
    ],
    settings: { ...DEFAULT_SETTINGS, shipping: { flatFeeFen: 600, freeOverFen: 0 } },
  });
});

afterEach(() => {
  for (const p of pages) p.detach();
  pages = [];
});

afterAll(async () => {
  await env?.stop();
});

/** wx.requestPayment as the emulator's WeChat Pay answers it: the customer pays (notification delivered twice). */
function payingWx(openid = BUYER) {
  return {
    requestPayment: (o: { package: string; success?: (r: unknown) => void; fail?: (e: unknown) => void }) => {
      const order = env.pay.ledger.allOrders().find((p) => `prepay_id=${p.prepayId}` === o.package);
      if (!order) return o.fail?.({ errMsg: 'requestPayment:fail unknown prepay_id' });
      void env.pay.simulatePayment(order.outTradeNo, { times: 2 }).then(() => o.success?.({ errMsg: 'requestPayment:ok' }));
    },
    // as the phone does: the customer's acceptance is a one-time authorisation WeChat keeps (the emulator's openapi)
    requestSubscribeMessage: (o: { tmplIds: string[]; success?: (r: unknown) => void }) =>
      o.success?.(env.emu.service<OpenApiService>('openapi').grantSubscription(openid, o.tmplIds, true)),
    chooseAddress: (o: { success?: (r: unknown) => void }) => o.success?.({ ...ADDRESS, errMsg: 'chooseAddress:ok' }),
    showModal: (o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, cancel: false }),
  };
}

async function open(path: string, query: Record<string, string>, openid = BUYER): Promise<PageHandle> {
  const page = await loadPage(path, { emulator: env.emu, openid, query, wx: payingWx(openid) });
  pages.push(page);
  return page;
}

it('checks out the cart’s selected lines, pays, and shows the paid result with the pickup code', async () => {
  env.coll('carts').insertOne({
    _id: BUYER,
    items: [
      { skuId: 's-latte', goodsId: 'g-latte', quantity: 2, selected: true, addedAt: 2 },
      { skuId: 's-cookie', goodsId: 'g-cookie', quantity: 1, selected: false, addedAt: 1 },
    ],
  });
  const checkout = await open('pages/checkout/index', { from: 'cart' });
  await checkout.waitFor((d) => d.status !== 'loading', LOAD_MS);
  expect(checkout.data.status).toBe('ready');
  expect(checkout.text('#line-s-latte')).toContain('拿铁');
  expect(checkout.exists('#line-s-cookie')).toBe(false);
  expect(checkout.text('#total')).toBe('¥56.00');

  await checkout.tap('#submit');
  await checkout.waitFor(() => checkout.wx.callsTo('redirectTo').length > 0, LOAD_MS);
  const [order] = env.coll('orders').find({ openid: BUYER });
  expect(checkout.wx.callsTo('redirectTo')).toEqual([{ url: `/pages/pay-result/index?orderId=${order._id}` }]);
  expect(checkout.wx.callsTo('requestSubscribeMessage')).toEqual([{ tmplIds: ['KD_TPL_ORDER_PAID', 'KD_TPL_PICKUP_READY', 'KD_TPL_REFUND_DONE'] }]);
  // the ordered line left the cart; the unselected one stayed
  expect((env.coll('carts').byId(BUYER) as { items: Array<{ skuId: string }> }).items.map((i) => i.skuId)).toEqual(['s-cookie']);

  const result = await open('pages/pay-result/index', { orderId: String(order._id) });
  await result.waitFor((d) => d.status !== 'checking', LOAD_MS);
  expect(result.data.status).toBe('paid');
  expect(result.text('#result')).toContain('支付成功');
  expect(result.text('#result')).toContain('¥56.00');
  const paid = env.order(String(order._id));
  expect(paid.status).toBe('paid');
  expect(paid.log.filter((e) => e.action === 'pay')).toHaveLength(1);
  expect(result.text('#pickup-code')).toBe(paid.fulfilment.pickupCode);
  expect(env.sku('s-latte')).toMatchObject({ stock: 18, reserved: 0, sold: 2 });
  // the paid message went out once (the subscription was recorded by the notify function)
  const sent = env.outbox
    .list({ kind: 'openapi' })
    .filter((e) => e.api.includes('subscribeMessage') && e.errCode === 0 && JSON.stringify(e.request).includes('KD_TPL_ORDER_PAID'));
  expect(sent).toHaveLength(1);

  await result.tap('#view-order');
  expect(result.wx.callsTo('redirectTo')).toEqual([{ url: `/pages/order-detail/index?id=${order._id}` }]);
});

it('a delivery needs an address (wx.chooseAddress) and pays the delivery fee', async () => {
  const items = encodeURIComponent(JSON.stringify([{ skuId: 's-cookie', quantity: 1 }]));
  const checkout = await open('pages/checkout/index', { items });
  await checkout.waitFor((d) => d.status === 'ready', LOAD_MS);
  await checkout.tap('#fulfil-delivery');
  await checkout.waitFor((d) => d.quote?.fulfilment === 'delivery', LOAD_MS);
  expect(checkout.text('#total')).toBe('¥18.00');

  await checkout.tap('#submit');
  expect(checkout.wx.callsTo('showToast')).toContainEqual(expect.objectContaining({ title: '请选择收货地址' }));
  expect(env.coll('orders').find({ openid: BUYER, 'fulfilment.type': 'delivery' })).toEqual([]);

  await checkout.tap('#address');
  expect(checkout.text('#address')).toContain('衡山路 12 号');
  await checkout.tap('#submit');
  await checkout.waitFor(() => checkout.wx.callsTo('redirectTo').length > 0, LOAD_MS);
  const [order] = env.coll('orders').find({ openid: BUYER, 'fulfilment.type': 'delivery' });
  expect(order).toMatchObject({ amounts: { totalFen: 1800, shippingFen: 600 }, fulfilment: { address: { name: '张三', detail: '衡山路 12 号' } } });
});

it('a price changed after the quote is shown again, nothing is ordered', async () => {
  const items = encodeURIComponent(JSON.stringify([{ skuId: 's-latte', quantity: 1 }]));
  const checkout = await open('pages/checkout/index', { items });
  await checkout.waitFor((d) => d.status === 'ready', LOAD_MS);
  expect(checkout.text('#total')).toBe('¥28.00');
  const ordersBefore = env.coll('orders').find({}).length;
  env.coll('skus').updateMany({ _id: 's-latte' }, { $set: { priceFen: 3000 } });

  await checkout.tap('#submit');
  await checkout.waitFor((d) => d.totalText === '¥30.00', LOAD_MS);
  expect(checkout.wx.callsTo('showModal')).toEqual([expect.objectContaining({ title: '价格有变化' })]);
  expect(checkout.wx.callsTo('redirectTo')).toEqual([]);
  expect(env.coll('orders').find({}).length).toBe(ordersBefore);
});

it('applies the customer’s best coupon by default, switches to none and back, and locks it for the order', async () => {
  const now = env.emu.clock.now();
  const owned = (id: string, title: string, thresholdFen: number, amountFen: number): OwnedCoupon =>
    ownedCoupon(id, COUPON_BUYER, now, { templateId: `t-${id}`, title, benefit: { kind: 'threshold', thresholdFen, amountFen } });
  env.coll('user_coupons').insertMany([owned('c-30-5', '满30减5', 3000, 500), owned('c-100-20', '满100减20', 10000, 2000)] as unknown as Record<string, unknown>[]);

  const items = encodeURIComponent(JSON.stringify([{ skuId: 's-cookie', quantity: 3 }]));
  // the customer closes the payment sheet: the order stays unpaid, holding the coupon
  const checkout = await loadPage('pages/checkout/index', {
    emulator: env.emu,
    openid: COUPON_BUYER,
    query: { items },
    wx: { ...payingWx(COUPON_BUYER), requestPayment: (o: { fail?: (e: unknown) => void }) => o.fail?.({ errMsg: 'requestPayment:fail cancel' }) },
  });
  pages.push(checkout);
  /** The coupon choices the page sent with each order-function action. */
  const sent = (action: string) =>
    checkout.wx
      .callsTo('request')
      .map((r) => (r as { data: { data: { action: string; input: { coupon?: unknown } } } }).data.data)
      .filter((e) => e.action === action)
      .map((e) => e.input.coupon);
  await checkout.waitFor((d) => d.status !== 'loading', LOAD_MS);
  expect(checkout.data.status).toBe('ready');
  // the quote was asked with coupon 'best': the 满30减5 coupon is applied, 5 yuan off ¥36.00
  expect(sent('checkout.quote')).toEqual(['best']);
  expect(checkout.text('#total')).toBe('¥31.00');
  expect(checkout.text('#discount-0')).toContain('-¥5.00');
  expect(checkout.text('#coupon')).toContain('满30减5');
  expect(checkout.text('#coupon')).toContain('-¥5.00');

  await checkout.tap('#coupon');
  await checkout.waitFor((d) => d.couponPickerVisible === true);
  expect(checkout.text('#coupon-c-30-5')).toContain('-¥5.00');
  // every coupon shows when it expires (the last day of its validity, in the phone's time zone)
  expect(checkout.text('#coupon-expiry-c-30-5')).toBe(`有效期至 ${dateText(now + DAY - 1)}`);
  // the 满100减20 coupon is listed, greyed, with the engine's reason
  expect(checkout.data.couponRows.find((r: { couponId: string }) => r.couponId === 'c-100-20')).toMatchObject({ usable: false, valueText: '' });
  expect(checkout.text('#coupon-c-100-20')).toContain('满100减20');
  expect(checkout.text('#coupon-c-100-20').length).toBeGreaterThan('满100减20'.length);

  await checkout.tap('#coupon-none');
  await checkout.waitFor((d) => d.totalText === '¥36.00', LOAD_MS);
  expect(sent('checkout.quote')).toEqual(['best', 'none']);
  expect(checkout.exists('#discount-0')).toBe(false);
  expect(checkout.text('#coupon')).not.toContain('满30减5');

  await checkout.tap('#coupon');
  await checkout.tap('#coupon-c-30-5');
  await checkout.waitFor((d) => d.totalText === '¥31.00', LOAD_MS);
  expect(sent('checkout.quote')).toEqual(['best', 'none', { couponId: 'c-30-5' }]);

  await checkout.tap('#submit');
  await checkout.waitFor(() => checkout.wx.callsTo('redirectTo').length > 0, LOAD_MS);
  const [order] = env.coll('orders').find({ openid: COUPON_BUYER });
  expect(order).toMatchObject({ couponId: 'c-30-5', amounts: { goodsFen: 3600, discountFen: 500, totalFen: 3100 } });
  expect(checkout.wx.callsTo('redirectTo')).toEqual([{ url: `/pages/order-detail/index?id=${order._id}` }]);
  expect(sent('checkout.create')).toEqual([{ couponId: 'c-30-5' }]);
  expect(env.coll('user_coupons').byId('c-30-5')).toMatchObject({ status: 'locked', orderNo: order.orderNo });
  expect(env.coll('user_coupons').byId('c-100-20')).toMatchObject({ status: 'available' });
});
