/**
 * End-to-end customer journeys through the REAL pages on one emulator (built functions behind the gateway, WeChat
 * Pay simulation, outbox): every step is a page a person would use, chained by the navigation each page asked for.
 *
 * 1. scan a table QR (app onShow, scene 1047) → home → goods (pick a SKU, add to cart) → cart → checkout → pay
 *    (payment notification delivered twice) → pay result → staff verify the pickup code → the order is completed.
 * 2. a paid order → the customer asks for a refund on the order page → staff approve it on the merchant order page →
 *    WeChat Pay completes the refund (refundNotify) → the order is refunded and its stock is back on the shelf.
 */
import type { DatabaseService } from '../emulator/src/database';
import type { OpenApiService } from '../emulator/src/openapi/openapi';
import { ensureCollections } from '../server/lib/collections';
import { DEFAULT_SETTINGS, type OrderTestEnv, startOrderEnv } from '../server/orders/test-support';
import type { OrderDoc } from '../typings/shop/order';
import { launchApp, loadPage, type LoadPageOptions, type PageHandle } from '../test/page-harness';

const CUSTOMER = 'o-journey-alice';
const REFUNDER = 'o-journey-bob';
const STAFF = 'o-staff';
/** Generous: the first call of each function starts a worker, slow when the suite runs on 2 busy cores. */
const LOAD_MS = 20_000;
jest.setTimeout(120_000);

let env: OrderTestEnv;
let pages: PageHandle[] = [];

beforeAll(async () => {
  env = await startOrderEnv({
    seeds: [
      {
        id: 'g-latte',
        title: '拿铁',
        specs: [{ name: '杯型', values: ['中杯', '大杯'] }],
        skus: [
          { id: 's-latte-m', priceFen: 1800, stock: 10, specValues: ['中杯'] },
          { id: 's-latte-l', priceFen: 2200, stock: 10, specValues: ['大杯'] },
        ],
      },
      { id: 'g-cookie', title: '曲奇', skus: [{ id: 's-cookie', priceFen: 1200, stock: 20 }] },
    ],
    settings: { ...DEFAULT_SETTINGS, shipping: { flatFeeFen: 600, freeOverFen: 0 } },
  });
  // every collection the functions read (staff, categories, …) exists, as after deployment
  await env.withSdk((cloud) => ensureCollections(cloud.database()));
  env.coll('staff').insertOne({ _id: STAFF, role: 'owner', name: '店长' });
}, 60_000);

afterEach(() => {
  for (const p of pages) p.detach();
  pages = [];
});

afterAll(async () => {
  await env?.stop();
});

/**
 * The wx APIs a person answers as `openid`: pay (WeChat Pay notifies twice), accept every subscription template (the
 * emulator's WeChat records the one-time authorisations, as the phone does), confirm dialogs.
 */
function personWx(openid: string): NonNullable<LoadPageOptions['wx']> {
  return {
    requestPayment: (o: { package: string; success?: (r: unknown) => void; fail?: (e: unknown) => void }) => {
      const order = env.pay.ledger.allOrders().find((p) => `prepay_id=${p.prepayId}` === o.package);
      if (!order) return o.fail?.({ errMsg: 'requestPayment:fail unknown prepay_id' });
      void env.pay.simulatePayment(order.outTradeNo, { times: 2 }).then(() => o.success?.({ errMsg: 'requestPayment:ok' }));
    },
    requestSubscribeMessage: (o: { tmplIds: string[]; success?: (r: unknown) => void }) =>
      o.success?.(env.emu.service<OpenApiService>('openapi').grantSubscription(openid, o.tmplIds, true)),
    showModal: (o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, cancel: false }),
  };
}

async function open(pagePath: string, openid: string, query: Record<string, string> = {}): Promise<PageHandle> {
  const page = await loadPage(pagePath, { emulator: env.emu, openid, query, wx: personWx(openid) });
  pages.push(page);
  return page;
}

/** Opens a page and waits until it has loaded (status other than 'loading'), expecting `ready`. */
async function openReady(pagePath: string, openid: string, query: Record<string, string> = {}): Promise<PageHandle> {
  const page = await open(pagePath, openid, query);
  await page.waitFor((d) => d.status !== 'loading', LOAD_MS);
  expect(page.data).toMatchObject({ status: 'ready' });
  return page;
}

/** The page path and query of the page's last wx.navigateTo / wx.redirectTo. */
function lastNavigation(page: PageHandle, api: 'navigateTo' | 'redirectTo' = 'navigateTo'): { path: string; query: Record<string, string> } {
  const calls = page.wx.callsTo(api) as Array<{ url: string }>;
  expect(calls.length).toBeGreaterThan(0);
  const [p, qs = ''] = calls[calls.length - 1].url.split('?');
  return { path: p, query: Object.fromEntries(new URLSearchParams(qs)) };
}

/** subscribeMessage.send calls to `openid` with template `tmpl` that WeChat accepted. */
function messagesSent(openid: string, tmpl: string) {
  return env.outbox
    .list({ kind: 'openapi' })
    .filter((e) => e.api.includes('subscribeMessage') && e.openid === openid && e.errCode === 0 && JSON.stringify(e.request).includes(tmpl));
}

it('table QR → home → goods → cart → checkout → pay (notified twice) → paid message → staff verify pickup → completed', async () => {
  // 1. the customer scans the table-5 mini-program code: the visit is recorded with the table
  const app = await launchApp({ emulator: env.emu, openid: CUSTOMER, enter: { scene: 1047, query: { scene: encodeURIComponent('s=1&t=5') } } });
  const user = env.emu.service<DatabaseService>('database').collection('users').byId(CUSTOMER);
  expect(user).toMatchObject({ firstTouch: { scene: 1047, channel: 'qr', store: '1', table: '5' } });
  expect(app.globalData.user).toMatchObject({ isNew: true, user: { firstTouch: { table: '5' } } });

  // 2. home → the latte
  const home = await openReady('pages/home/index', CUSTOMER);
  await home.tap('#goods-g-latte');
  const toGoods = lastNavigation(home);
  expect(toGoods).toEqual({ path: '/pages/goods/index', query: { id: 'g-latte' } });

  // 3. goods: pick 大杯, two of them, add to the cart
  const goods = await openReady('pages/goods/index', CUSTOMER, toGoods.query);
  expect(goods.text('#title')).toBe('拿铁');
  await goods.tap('#add-to-cart');
  expect(goods.data).toMatchObject({ pickerVisible: true, pickerMode: 'cart' });
  await goods.tap('#option-0-1');
  expect(goods.data.picker).toMatchObject({ complete: true, skuId: 's-latte-l', available: 10 });
  goods.instance.onQuantityChange({ detail: { value: 2 } });
  await goods.tap('#confirm');
  expect(goods.wx.callsTo('showToast')).toContainEqual({ title: '已加入购物车', icon: 'success' });

  // 4. cart → checkout
  const cart = await openReady('pages/cart/index', CUSTOMER);
  expect(cart.data.rows).toHaveLength(1);
  expect(cart.text('#total')).toBe('¥44.00');
  await cart.tap('#checkout');
  const toCheckout = lastNavigation(cart);
  expect(toCheckout).toEqual({ path: '/pages/checkout/index', query: { from: 'cart' } });

  // 5. checkout → submit → pay (WeChat Pay notifies payNotify twice) → redirected to the pay result
  const checkout = await openReady('pages/checkout/index', CUSTOMER, toCheckout.query);
  expect(checkout.text('#line-s-latte-l')).toContain('拿铁');
  expect(checkout.text('#total')).toBe('¥44.00');
  await checkout.tap('#submit');
  await checkout.waitFor(() => checkout.wx.callsTo('redirectTo').length > 0, LOAD_MS);
  const toResult = lastNavigation(checkout, 'redirectTo');
  expect(toResult.path).toBe('/pages/pay-result/index');
  const orderId = toResult.query.orderId;
  expect(env.coll('orders').find({ openid: CUSTOMER }).map((o) => o._id)).toEqual([orderId]);

  const result = await open('pages/pay-result/index', CUSTOMER, toResult.query);
  await result.waitFor((d) => d.status !== 'checking', LOAD_MS);
  expect(result.data.status).toBe('paid');
  expect(result.text('#result')).toContain('支付成功');
  expect(result.text('#result')).toContain('¥44.00');

  // paid once though notified twice; the stock moved from reserved to sold once; one paid message
  const paid = env.order(orderId);
  expect(paid.status).toBe('paid');
  expect(paid.log.filter((e) => e.action === 'pay')).toHaveLength(1);
  const notifications = env.outbox.list({ kind: 'pay-callback' }).filter((e) => e.api === 'cloudPay.paymentNotify' && JSON.stringify(e.request).includes(paid.orderNo));
  expect(notifications).toHaveLength(2);
  expect(paid.attribution).toMatchObject({ scene: 1047, channel: 'qr', store: '1', table: '5' });
  const code = paid.fulfilment.pickupCode!;
  expect(code).toMatch(/^\d{6}$/);
  expect(result.text('#pickup-code')).toBe(code);
  expect(env.sku('s-latte-l')).toMatchObject({ stock: 8, reserved: 0, sold: 2 });
  expect(env.sku('s-latte-m')).toMatchObject({ stock: 10, reserved: 0, sold: 0 });
  expect(messagesSent(CUSTOMER, 'KD_TPL_ORDER_PAID')).toHaveLength(1);
  // the ordered line left the cart
  expect((env.coll('carts').byId(CUSTOMER) as { items: unknown[] } | undefined)?.items ?? []).toEqual([]);

  // 6. staff type the customer's pickup code on the verify page
  const verify = await openReady('merchant/pages/verify/index', STAFF);
  verify.instance.onCode({ detail: { value: code } });
  expect(verify.data.code).toBe(code);
  await verify.tap('#verify');
  await verify.waitFor((d) => d.result !== null || d.failure !== '', LOAD_MS);
  expect(verify.data.failure).toBe('');
  expect(verify.text('#result')).toContain('核销成功');
  expect(verify.text('#result-no')).toBe(paid.orderNo);
  expect(verify.data.result).toMatchObject({ orderId, statusText: '已完成' });
  const completed = env.order(orderId);
  expect(completed.status).toBe('completed');
  expect(completed.log.at(-1)).toMatchObject({ action: 'verify_pickup', by: STAFF, to: 'completed' });

  // 7. the customer's order page shows it completed
  const detail = await openReady('pages/order-detail/index', CUSTOMER, { id: orderId });
  expect(detail.text('#status')).toBe('已完成');
  expect(detail.exists('#pickup-code')).toBe(false);
  expect(detail.exists('#request-refund')).toBe(true);
});

it('a paid order → customer requests a refund → staff approve → WeChat Pay refunds → refunded, stock back', async () => {
  // a paid pickup order of two cookies, bought now from the goods page's "buy now" link and paid on the checkout page
  const checkout = await openReady('pages/checkout/index', REFUNDER, { items: encodeURIComponent(JSON.stringify([{ skuId: 's-cookie', quantity: 2 }])) });
  expect(checkout.text('#total')).toBe('¥24.00');
  await checkout.tap('#submit');
  await checkout.waitFor(() => checkout.wx.callsTo('redirectTo').length > 0, LOAD_MS);
  const orderId = lastNavigation(checkout, 'redirectTo').query.orderId;
  expect(env.order(orderId).status).toBe('paid');
  expect(env.sku('s-cookie')).toMatchObject({ stock: 18, reserved: 0, sold: 2, refundedToStock: 0 });

  // the customer asks for the whole order back on the order page
  const detail = await openReady('pages/order-detail/index', REFUNDER, { id: orderId });
  expect(detail.text('#status')).toBe('已支付');
  await detail.tap('#request-refund');
  expect(detail.exists('#refund-panel')).toBe(true);
  await detail.tap('#refund-submit'); // no reason yet: refused on the page
  expect(detail.wx.callsTo('showToast')).toContainEqual(expect.objectContaining({ title: '请填写退款原因' }));
  expect(env.order(orderId).status).toBe('paid');
  detail.instance.onRefundReason({ detail: { value: '临时有事不要了' } });
  await detail.tap('#refund-submit');
  await detail.waitFor((d) => d.order?.status === 'refund_requested', LOAD_MS);
  expect(detail.text('#refunds')).toContain('待商家处理');
  const requested = env.order(orderId);
  expect(requested.refunds).toEqual([expect.objectContaining({ amountFen: 2400, reason: '临时有事不要了', status: 'requested' })]);
  detail.detach();
  pages = pages.filter((p) => p !== detail);

  // staff approve it on the merchant order page (confirming the dialog): WeChat Pay is asked for the refund
  const staffPage = await openReady('merchant/pages/order/index', STAFF, { id: orderId });
  expect(staffPage.text('#status')).toBe('退款待审核');
  expect(staffPage.data.view.actions.map((a: { action: string }) => a.action)).toContain('approveRefund');
  await staffPage.tap('#action-approveRefund');
  await staffPage.waitFor((d) => d.view.order.status === 'refunding', LOAD_MS);
  expect(staffPage.wx.callsTo('showModal')).toEqual([expect.objectContaining({ title: '同意退款' })]);
  const refunding = env.order(orderId);
  const refund = refunding.refunds.at(-1)!;
  expect(refund).toMatchObject({ status: 'processing', amountFen: 2400 });
  expect(env.pay.refundByNo(refund.refundNo)).toMatchObject({ refundFee: 2400, status: 'PROCESSING', functionName: 'refundNotify' });
  // nothing restocked before the money is back
  expect(env.sku('s-cookie')).toMatchObject({ stock: 18, sold: 2, refundedToStock: 0 });

  // WeChat Pay completes the refund and notifies refundNotify (twice: the second changes nothing)
  await env.pay.simulateRefund(refund.refundNo, { times: 2 });
  const refunded = env.order(orderId) as OrderDoc;
  expect(refunded.status).toBe('refunded');
  expect(refunded.refunds).toEqual([expect.objectContaining({ refundNo: refund.refundNo, status: 'succeeded' })]);
  expect(refunded.log.filter((e) => e.action === 'refund_succeeded')).toHaveLength(1);
  // refunded from `paid`: the goods never left the shop, so both cookies are back on the shelf (once)
  expect(env.sku('s-cookie')).toMatchObject({ stock: 20, reserved: 0, sold: 2, refundedToStock: 2 });
  // the customer accepted the refund template at checkout: one refunded message
  expect(messagesSent(REFUNDER, 'KD_TPL_REFUND_DONE')).toHaveLength(1);
  expect(messagesSent(REFUNDER, 'KD_TPL_ORDER_PAID')).toHaveLength(1);

  // the customer's order page shows the refund done
  const after = await openReady('pages/order-detail/index', REFUNDER, { id: orderId });
  expect(after.text('#status')).toBe('已退款');
  expect(after.text('#refunds')).toContain('已退款');
  expect(after.exists('#request-refund')).toBe(false);
});
