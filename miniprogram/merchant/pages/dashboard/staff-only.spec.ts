/** Every dashboard page refuses a customer: the server answers FORBIDDEN, the page shows the refusal and no numbers. */
import { DEMO_CUSTOMER } from '../../../../scripts/demo-shop';
import { useDemoPages } from '../../../../test/demo-pages';

const demo = useDemoPages();

it.each(['dashboard', 'report', 'retention', 'funnel', 'segments', 'channels'])('merchant/pages/%s shows a customer the staff-only refusal', async (name) => {
  const page = await demo.open(`merchant/pages/${name}/index`, { openid: DEMO_CUSTOMER });
  await page.waitFor((d) => d.status !== 'loading');
  expect(page.data.status).toBe('forbidden');
  expect(page.text('#forbidden')).toContain('仅限店员使用');
  expect(page.text()).not.toMatch(/¥|%/);
  const calls = page.wx.callsTo('request') as Array<{ url: string; data: { action: string } }>;
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.every((c) => c.url.endsWith('/functions/analytics'))).toBe(true);
});
