/**
 * The verify-pickup page against a real emulator with the demo shop: a customer sees the refusal; staff type the
 * code (or scan the pickup QR) and the order completes.
 */
import path from 'node:path';
import { DEMO_CUSTOMER, DEMO_STAFF } from '../../../../scripts/demo-shop';
import type { PageHandle } from '../../../../test/page-harness';
import { useDemoPages } from '../../../../test/demo-pages';


const demo = useDemoPages();
let page: PageHandle | undefined;

const codeOf = (id: string) => demo.orders.find((o) => o._id === id)!.fulfilment.pickupCode!;

it('shows a refusal to a customer', async () => {
  page = await demo.open('merchant/pages/verify/index', { openid: DEMO_CUSTOMER });
  await page.waitFor((d) => d.status !== 'loading');
  expect(page.data.status).toBe('forbidden');
  expect(page.text('#forbidden')).toContain('仅限店员使用');
  expect(page.exists('#verify')).toBe(false);
});

it('staff type a paid order’s code and it completes; a wrong code is explained', async () => {
  page = await demo.open('merchant/pages/verify/index', { openid: DEMO_STAFF });
  await page.waitFor((d) => d.status === 'ready');
  const used = new Set(demo.orders.map((o) => o.fulfilment.pickupCode));
  page.instance.setData({ code: ['000000', '111111', '999999'].find((c) => !used.has(c)) });
  await page.tap('#verify');
  await page.waitFor((d) => d.failure !== '');
  expect(page.text('#failure')).toContain('取货码不存在');

  page.instance.setData({ code: codeOf('demo-o-02') });
  await page.tap('#verify');
  await page.waitFor((d) => d.result !== null);
  expect(page.text('#result')).toContain('核销成功');
  expect(page.text('#result-no')).toBe(demo.orders.find((o) => o._id === 'demo-o-02')!.orderNo);
  expect(page.data.result.statusText).toBe('已完成');
});

it('staff scan the pickup QR of a ready order', async () => {
  const code = codeOf('demo-o-03');
  page = await demo.open('merchant/pages/verify/index', {
    openid: DEMO_STAFF,
    wx: { scanCode: (o: { success?: (r: unknown) => void }) => o.success?.({ result: `kaidian://pickup/${code}`, scanType: 'QR_CODE' }) },
  });
  await page.waitFor((d) => d.status === 'ready');
  await page.tap('#scan');
  await page.waitFor((d) => d.result !== null || d.failure !== '');
  expect(page.data.failure).toBe('');
  expect(page.data.result).toMatchObject({ orderId: 'demo-o-03', statusText: '已完成' });
});
