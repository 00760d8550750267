/** The staff order list and order detail pages against a real emulator with the demo shop. */
import path from 'node:path';
import { DEMO_CUSTOMER, DEMO_STAFF } from '../../../../scripts/demo-shop';
import type { PageHandle } from '../../../../test/page-harness';
import { useDemoPages } from '../../../../test/demo-pages';

const demo = useDemoPages();
let page: PageHandle | undefined;

it('the list shows what needs a hand, and every order on the 全部 tab; customers see a refusal', async () => {
  page = await demo.open('merchant/pages/orders/index', { openid: DEMO_STAFF, query: { status: 'todo' } });
  await page.waitFor((d) => d.status === 'ready');
  expect(page.data.rows.map((r: { _id: string }) => r._id).sort()).toEqual(['demo-o-02', 'demo-o-03', 'demo-o-04', 'demo-o-05']);
  expect(page.text('#order-demo-o-04')).toContain('退款待审核');
  await page.tap('#tab-all');
  await page.waitFor((d) => d.status === 'ready' && d.tab === 'all');
  expect(page.data.rows).toHaveLength(demo.orders.length);
  await page.tap('#order-demo-o-05');
  expect(page.wx.callsTo('navigateTo')).toEqual([{ url: '/merchant/pages/order/index?id=demo-o-05' }]);
  page.detach();

  page = await demo.open('merchant/pages/orders/index', { openid: DEMO_CUSTOMER });
  await page.waitFor((d) => d.status !== 'loading');
  expect(page.data.status).toBe('forbidden');
  expect(page.data.rows).toEqual([]);
});

it('the detail page ships a paid delivery order', async () => {
  page = await demo.open('merchant/pages/order/index', { openid: DEMO_STAFF, query: { id: 'demo-o-05' } });
  await page.waitFor((d) => d.status === 'ready');
  expect(page.text('#status')).toBe('已付款');
  expect(page.exists('#ship-form')).toBe(true);
  expect(page.exists('#action-refund')).toBe(true);
  page.instance.setData({ company: '顺丰速运', trackingNo: 'SF9988776655' });
  await page.tap('#action-ship');
  await page.waitFor((d) => d.view.order.status === 'shipped');
  expect(page.text('#status')).toBe('已发货');
  expect(page.text('#shipping')).toContain('SF9988776655');
  expect(page.exists('#ship-form')).toBe(false);
});

it('the detail page rejects a refund request with the reason typed in the dialog', async () => {
  page = await demo.open('merchant/pages/order/index', {
    openid: DEMO_STAFF,
    query: { id: 'demo-o-04' },
    wx: { showModal: (o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, cancel: false, content: '蛋糕已做好，无法退款' }) },
  });
  await page.waitFor((d) => d.status === 'ready');
  expect(page.data.view.actions.map((a: { action: string }) => a.action)).toEqual(['approveRefund', 'rejectRefund']);
  await page.tap('#action-rejectRefund');
  await page.waitFor((d) => d.view.order.status === 'paid');
  expect(page.data.view.refunds).toEqual([expect.objectContaining({ status: '已拒绝' })]);
});
