/**
 * The dashboard over the demo shop's 90-day history (scripts/demo-shop/history.ts, with the rollup documents the
 * nightly rollup would have written): what `npm start` shows the owner. Yesterday's card numbers are the rollup
 * document's, and the trend has data on every past day. Also writes the page previews of a believable shop when
 * asked (scripts/preview-page.ts).
 */
import { DEMO_STAFF } from '../../../../scripts/demo-shop';
import { useDemoPages } from '../../../../test/demo-pages';
import type { PageHandle } from '../../../../test/page-harness';
import { writePreviewIfAsked } from '../../../../test/page-preview';
import type { DailyRollup } from '../../../../typings/shop/analytics';
import { countText, yuanText } from '../../charts/labels';

const demo = useDemoPages({ history: true, startMs: 120_000 });
let page: PageHandle | undefined;

it('yesterday\'s whole day is the rollup document, the trend has 30 completed days of data', async () => {
  page = await demo.open('merchant/pages/dashboard/index', { openid: DEMO_STAFF });
  await page.waitFor((d) => d.status === 'ready');
  const yesterday = page.data.trend[page.data.trend.length - 1].day as string;
  const doc = demo.db.collection('analytics_daily').findOne({ _id: yesterday }) as unknown as DailyRollup;
  expect(doc.totals.visitors).toBeGreaterThan(0);
  expect(page.text('#card-visitors .dash-kpi__full')).toBe(`昨日全天 ${countText(doc.totals.visitors)}`);
  expect(page.text('#card-gmvFen .dash-kpi__full')).toBe(`昨日全天 ${yuanText(doc.totals.gmvFen)}`);
  const trend = page.data.trend as Array<{ hasData: boolean; visitors: number }>;
  expect(trend).toHaveLength(30);
  expect(trend.every((p) => p.hasData)).toBe(true);
  expect(page.comp.querySelector('#trend').instance.options.series[0].data).toEqual(trend.map((p) => p.visitors));
  writePreviewIfAsked(page, 'merchant/pages/dashboard/index', { charts: ['#trend'], title: 'demo' });
});

it('segments: the members of a segment by nickname, with their last visit and order', async () => {
  page = await demo.open('merchant/pages/segments/index', { openid: DEMO_STAFF, query: { segment: 'at_risk' } });
  await page.waitFor((d) => d.status === 'ready' && d.members.length > 0);
  const members = page.data.members as Array<{ name: string; named: boolean; detail: string }>;
  expect(members.length).toBe(50);
  expect(members.filter((m) => m.named).length).toBeGreaterThan(25);
  expect(members.every((m) => /^最近访问 \d\d-\d\d/.test(m.detail))).toBe(true);
  for (const sel of ['#ring', '#series']) expect(page.comp.querySelector(sel).instance.options).toBeDefined();
  writePreviewIfAsked(page, 'merchant/pages/segments/index', { charts: ['#ring', '#series'] });
});

it.each([
  ['funnel', ['#funnel']],
  ['channels', ['#channels']],
  ['retention', []],
  ['report', ['#comparison']],
])('merchant/pages/%s shows the demo history', async (name, charts) => {
  page = await demo.open(`merchant/pages/${name}/index`, { openid: DEMO_STAFF, query: name === 'report' ? { period: 'week' } : {} });
  await page.waitFor((d) => d.status === 'ready');
  for (const sel of charts) expect(page.comp.querySelector(sel).instance.options).toBeDefined();
  writePreviewIfAsked(page, `merchant/pages/${name}/index`, { charts });
});
