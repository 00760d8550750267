/**
 * The order list and order detail pages on the emulator: tabs, opening an order, the pickup code with its QR image,
 * cancelling an unpaid order, asking for (part of) a refund and withdrawing it, all through the built `order` function.
 */
import { loadPage, type PageHandle } from '../../../test/page-harness';
import { type OrderTestEnv, startOrderEnv } from '../../../server/orders/test-support';

const DANA = 'o-page-dana';
/** Generous: the first call of each function starts a worker, slow when the suite runs on 2 busy cores. */
const LOAD_MS = 20_000;

let env: OrderTestEnv;
let pages: PageHandle[] = [];
let unpaid: { orderId: string; orderNo: string };
let paid: { orderId: string; orderNo: string };

beforeAll(async () => {
  env = await startOrderEnv({ seeds: [{ id: 'g-tart', title: '蛋挞', skus: [{ id: 's-tart', priceFen: 800, stock: 50 }] }, { id: 'g-milk', title: '牛奶', skus: [{ id: 's-milk', priceFen: 600, stock: 50 }] }] });
  unpaid = await env.ok('order', 'checkout.create', { items: [{ skuId: 's-tart', quantity: 2 }], fulfilment: { type: 'pickup' } }, DANA);
  await env.emu.clock.advance(5000);
  paid = await env.ok('order', 'checkout.create', { items: [{ skuId: 's-tart', quantity: 3 }, { skuId: 's-milk', quantity: 1 }], fulfilment: { type: 'pickup' } }, DANA);
  await env.pay.simulatePayment(paid.orderNo);
});

afterEach(() => {
  for (const p of pages) p.detach();
  pages = [];
});

afterAll(async () => {
  await env?.stop();
});

async function open(path: string, query: Record<string, string>): Promise<PageHandle> {
  const page = await loadPage(path, {
    emulator: env.emu,
    openid: DANA,
    query,
    wx: { showModal: (o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, cancel: false }) },
  });
  pages.push(page);
  await page.waitFor((d) => d.status !== 'loading', LOAD_MS);
  return page;
}

it('lists orders by tab and opens one', async () => {
  const list = await open('pages/orders/index', { status: 'all' });
  expect(list.data.rows.map((r: { id: string }) => r.id)).toEqual([paid.orderId, unpaid.orderId]);
  expect(list.text(`#order-${unpaid.orderId}`)).toContain('待付款');
  expect(list.text(`#order-${paid.orderId}`)).toContain('¥30.00');

  await list.tap('#tab-unpaid');
  await list.waitFor((d) => d.status === 'ready' && d.tab === 'unpaid', LOAD_MS);
  expect(list.data.rows.map((r: { id: string }) => r.id)).toEqual([unpaid.orderId]);
  await list.tap(`#order-${unpaid.orderId}`);
  expect(list.wx.callsTo('navigateTo')).toEqual([{ url: `/pages/order-detail/index?id=${unpaid.orderId}` }]);

  await list.tap('#tab-after_sale');
  await list.waitFor((d) => d.status === 'ready' && d.tab === 'after_sale', LOAD_MS);
  expect(list.exists('#empty')).toBe(true);
});

it('shows the pickup code and its QR; a partial refund request can be made and withdrawn', async () => {
  const detail = await open('pages/order-detail/index', { id: paid.orderId });
  expect(detail.text('#status')).toBe('已支付');
  const code = env.order(paid.orderId).fulfilment.pickupCode!;
  expect(detail.text('#pickup-code')).toBe(code);
  await detail.waitFor((d) => d.qrUrl !== '', LOAD_MS);
  expect(detail.exists('#pickup-qr')).toBe(true);
  expect(detail.exists('#cancel')).toBe(false);

  await detail.tap('#request-refund');
  expect(detail.exists('#refund-panel')).toBe(true);
  detail.instance.onRefundQty({ detail: { value: 1 }, currentTarget: { dataset: { sku: 's-tart' } } });
  detail.instance.onRefundQty({ detail: { value: 0 }, currentTarget: { dataset: { sku: 's-milk' } } });
  detail.instance.onRefundReason({ detail: { value: '多买了一个' } });
  await detail.tap('#refund-submit');
  await detail.waitFor((d) => d.order.status === 'refund_requested', LOAD_MS);
  expect(env.order(paid.orderId).refunds).toEqual([expect.objectContaining({ lines: [{ skuId: 's-tart', quantity: 1, amountFen: 800 }], amountFen: 800, reason: '多买了一个', status: 'requested' })]);
  expect(detail.text('#refunds')).toContain('待商家处理');

  await detail.tap('#withdraw-refund');
  await detail.waitFor((d) => d.order.status === 'paid', LOAD_MS);
  expect(detail.text('#refunds')).toContain('已撤销');
});

it('cancels an unpaid order after confirmation, giving the stock back', async () => {
  const before = env.sku('s-tart');
  const detail = await open('pages/order-detail/index', { id: unpaid.orderId });
  expect(detail.exists('#pay')).toBe(true);
  await detail.tap('#cancel');
  await detail.waitFor((d) => d.order.status === 'cancelled', LOAD_MS);
  expect(detail.text('#status')).toBe('已取消');
  expect(detail.exists('#pay')).toBe(false);
  expect(env.sku('s-tart')).toMatchObject({ stock: before.stock + 2, reserved: before.reserved - 2 });
});

it('another customer’s order is not found', async () => {
  const page = await loadPage('pages/order-detail/index', { emulator: env.emu, openid: 'o-page-eve', query: { id: paid.orderId } });
  pages.push(page);
  await page.waitFor((d) => d.status !== 'loading', LOAD_MS);
  expect(page.data.status).toBe('error');
  expect(page.text()).toContain('订单不存在');
});
