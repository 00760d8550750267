/**
 * The dashboard pages against the real analytics handlers on the emulator, over the analytics hand-made history
 * (server/analytics/domain/hand-made-history.ts: customers A, B, C, D from 03-30 to 04-06) stored as raw visits,
 * events, users and orders and rolled up by the real `analyticsRollup` function (server/analytics/test-support.ts).
 * The numbers each page must show are worked out by hand from that history (the server spec
 * server/analytics/dashboard/dashboard.spec.ts explains them).
 */
import type { CouponTemplate } from '../../../../typings/marketing/coupon';
import type { OrderTestEnv } from '../../../../server/orders/test-support';
import { at } from '../../../../server/analytics/domain/hand-made-history';
import { STAFF_OPENID, startAnalyticsEnv } from '../../../../server/analytics/test-support';
import { loadPage, type PageHandle } from '../../../../test/page-harness';
import { writePreviewIfAsked } from '../../../../test/page-preview';

let env: OrderTestEnv;
let page: PageHandle | undefined;
afterEach(() => {
  page?.detach();
  page = undefined;
});

const open = (name: string, query: Record<string, string> = {}, wx: Record<string, (...a: any[]) => unknown> = {}) =>
  loadPage(`merchant/pages/${name}/index`, { emulator: env.emu, openid: STAFF_OPENID, query, wx });

/** The text of each cell of a table row (e.g. `#row-qr`), as a person reads them one by one. */
const cells = (p: PageHandle, row: string, cell = '.dash-cell'): string[] =>
  p.comp.querySelectorAll(`${row} ${cell}`).map((n: any) => String(n._exparserNode.$$?.textContent ?? '').replace(/\s+/g, ' ').trim());

/** A today-vs-yesterday card: label, today, yesterday, change. */
const card = (p: PageHandle, key: string): string[] =>
  ['label', 'value', 'prev', 'change'].map((part) => p.text(`#card-${key} .dash-kpi__${part}`));

const chartOptions = (p: PageHandle, selector: string) => p.comp.querySelector(selector).instance.options;

describe('the dashboard on 04-01 at 18:00, 03-30 and 03-31 rolled up', () => {
  beforeAll(async () => {
    env = await startAnalyticsEnv({ clockStart: at('2026-04-01', '18:00'), rollup: { from: '2026-03-30', to: '2026-03-31' } });
  }, 60_000);
  afterAll(() => env?.stop());

  it('shows today so far against yesterday up to the same time with ↑/↓, yesterday\'s whole day, the trend of the completed days', async () => {
    page = await open('dashboard');
    await page.waitFor((d) => d.status === 'ready');
    expect(page.text('.dash-title')).toBe('今日 4月1日');
    expect(page.text('#as-of')).toMatch(/^截至 18:0\d · 对比昨日同时段（0:00–18:0\d）$/);
    // today: C visited (QR) and paid ¥40; C's order of 03-31 refunded ¥20. Yesterday up to 18:00: C, A, D came, C and
    // D new, C paid ¥50 (A's ¥10 was paid at 23:30). The whole of yesterday: ¥50 + ¥10 by C and A.
    expect(card(page, 'visitors')).toEqual(['访客', '1', '昨日同时段 3', '↓66.7%']);
    expect(card(page, 'newUsers')).toEqual(['新用户', '0', '昨日同时段 2', '↓100.0%']);
    expect(card(page, 'orders')).toEqual(['订单', '1', '昨日同时段 1', '持平']);
    expect(card(page, 'gmvFen')).toEqual(['成交额', '¥40.00', '昨日同时段 ¥50.00', '↓20.0%']);
    expect(card(page, 'aovFen')).toEqual(['客单价', '¥40.00', '昨日同时段 ¥50.00', '↓20.0%']);
    expect(card(page, 'conversion')).toEqual(['转化率', '100.0%', '昨日同时段 33.3%', '↑200.0%']);
    expect(card(page, 'refundFen')).toEqual(['退款', '¥20.00', '昨日同时段 ¥0.00', '—']);
    expect(['visitors', 'orders', 'gmvFen', 'aovFen', 'conversion'].map((k) => page!.text(`#card-${k} .dash-kpi__full`))).toEqual([
      '昨日全天 3', '昨日全天 2', '昨日全天 ¥60.00', '昨日全天 ¥30.00', '昨日全天 66.7%',
    ]);
    expect(page.exists('#card-visitors .dash-down')).toBe(true);
    expect(page.exists('#card-orders .dash-flat')).toBe(true);
    expect(page.exists('#card-conversion .dash-up')).toBe(true);

    // the trend: the 30 days ending yesterday (today, not over, is left out), visitors of 03-30 / 03-31 = 2 / 3; the
    // days before have no rollup: gaps, not zeros
    const people = chartOptions(page, '#trend');
    expect(people.categories).toHaveLength(30);
    expect(people.categories.slice(-3)).toEqual(['03-29', '03-30', '03-31']);
    expect(people.series.map((s: { name: string }) => s.name)).toEqual(['访客', '新用户', '订单']);
    expect(people.series[0].data.slice(-3)).toEqual([null, 2, 3]);
    expect(page.text('#trend')).toContain('访客合计 5');
    expect(page.text('#trend-note')).toContain('今天还没过完');
    await page.tap('#metric-gmv');
    const money = chartOptions(page, '#trend');
    expect(money.series[0].data.slice(-3)).toEqual([null, 3000, 6000]);
    expect(money.series[0].formatter(6000)).toBe('¥60.00');
    expect(money.yAxis.data[0].formatter(6000)).toBe('¥60');
    expect(page.text('#trend')).toContain('成交额合计 ¥90.00');
    writePreviewIfAsked(page, 'merchant/pages/dashboard/index', { charts: ['#trend'] });

    await page.tap('#to-funnel');
    expect(page.wx.callsTo('navigateTo')).toEqual([{ url: '/merchant/pages/funnel/index?today=2026-04-01' }]);
  });

  it('exports the 30 days as CSV and copies the download link', async () => {
    page = await open('dashboard', {}, { showActionSheet: (o: { success: (r: { tapIndex: number }) => void }) => o.success({ tapIndex: 0 }) });
    await page.waitFor((d) => d.status === 'ready');
    await page.tap('#export-daily >>> #export');
    await page.waitForText('已导出 30 行');
    const [copied] = page.wx.callsTo('setClipboardData') as Array<{ data: string }>;
    const csv = await (await fetch(copied.data)).text();
    expect(csv).toMatch(/\n2026-03-31,3,2,2,2,6000,/);
  });

  it('or sends the CSV file to a chat (wx.openDocument cannot open CSV)', async () => {
    page = await open('dashboard', {}, {
      showActionSheet: (o: { success: (r: { tapIndex: number }) => void }) => o.success({ tapIndex: 1 }),
      downloadFile: (o: { url: string; success: (r: { tempFilePath: string; statusCode: number }) => void }) => o.success({ tempFilePath: 'wxfile://tmp/daily.csv', statusCode: 200 }),
      shareFileMessage: () => undefined,
    });
    await page.waitFor((d) => d.status === 'ready');
    await page.tap('#export-daily >>> #export');
    await page.waitFor(() => page!.wx.callsTo('shareFileMessage').length === 1);
    const [download] = page.wx.callsTo('downloadFile') as Array<{ url: string }>;
    expect(download.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+daily-.+\.csv/);
    expect(page.wx.callsTo('shareFileMessage')).toEqual([{ filePath: 'wxfile://tmp/daily.csv', fileName: expect.stringMatching(/^daily-\d{8}T\d{9}Z\.csv$/) }]);
    expect(page.wx.callsTo('setClipboardData')).toEqual([]);
  });

  it('the merchant home leads staff to the dashboard', async () => {
    page = await loadPage('merchant/pages/index/index', { emulator: env.emu, openid: STAFF_OPENID });
    await page.waitFor((d) => d.status === 'ready');
    await page.tap('#dashboard');
    expect(page.wx.callsTo('navigateTo')).toEqual([{ url: '/merchant/pages/dashboard/index' }]);
  });
});

describe('the reports on 04-07 at 12:00, 03-30 to 04-06 rolled up', () => {
  beforeAll(async () => {
    env = await startAnalyticsEnv({ clockStart: at('2026-04-07', '12:00'), rollup: { from: '2026-03-30', to: '2026-04-06' } });
    const now = env.emu.clock.now();
    const DAY = 86_400_000;
    const template: CouponTemplate = {
      _id: 't-back', title: '回头客满50减5', benefit: { kind: 'threshold', thresholdFen: 5000, amountFen: 500 }, scope: { type: 'shop' },
      validity: { type: 'days_after_claim', days: 7 }, totalQuantity: 100, issuedCount: 0, perUserLimit: 1, communityOnly: false,
      claimStartsAt: now - DAY, claimEndsAt: now + DAY, enabled: true, createdAt: now - DAY,
    } as CouponTemplate;
    env.coll('coupon_templates').insertOne(template as unknown as Record<string, unknown>);
  }, 60_000);
  afterAll(() => env?.stop());

  it('report: week 14 against week 13, then the month against March, then the week before', async () => {
    page = await open('report', { period: 'week', key: '2026-W14' });
    await page.waitFor((d) => d.status === 'ready');
    expect(page.text('#heading')).toBe('2026年第14周');
    expect(page.exists('#partial')).toBe(false); // all 7 days rolled up
    // visitor-days 6, 4 new users, 4 orders for ¥130 (AOV ¥32.50); week 13 had nothing to compare with
    expect(cells(page, '#row-visitors')).toEqual(['访客每天的访客相加（人·天）', '6', '0', '—']);
    expect(cells(page, '#row-gmvFen')).toEqual(['成交额', '¥130.00', '¥0.00', '—']);
    expect(cells(page, '#row-aovFen')).toEqual(['客单价', '¥32.50', '¥0.00', '—']);
    expect(cells(page, '#distinct-0')).toEqual(['去重访客', '4', '—', '']);
    expect(cells(page, '#distinct-2')).toEqual(['去重转化率', '50.0%', '—', '']);
    expect(chartOptions(page, '#comparison').series.map((s: { data: number[] }) => s.data)).toEqual([[6, 4, 4, 4], [0, 0, 0, 0]]);

    writePreviewIfAsked(page, 'merchant/pages/report/index', { charts: ['#comparison'] });
    await page.tap('#period-month');
    await page.waitFor((d) => d.status === 'ready' && d.period === 'month');
    expect(page.text('#heading')).toBe('2026年4月');
    // April has data for 7 days of 30 (04-01…04-06 rolled up, today live): the page says the change compares part
    // of a month with a whole one
    expect(page.text('#partial')).toBe('本期还有 23 天没有数据（未过完或未汇总），变化是与上期全期相比。');
    expect(cells(page, '#row-gmvFen')).toEqual(['成交额', '¥40.00', '¥90.00', '↓55.6%']);

    await page.tap('#previous');
    await page.waitFor((d) => d.status === 'ready' && d.key === '2026-03');
    expect(cells(page, '#row-gmvFen').slice(0, 2)).toEqual(['成交额', '¥90.00']);
    expect(page.data.exportRequest).toEqual({ report: 'period', params: { period: 'month', key: '2026-03' } });
  });

  it('retention: day-1/7/30 per day, then weekly cohorts, with colour by rate', async () => {
    page = await open('retention');
    await page.waitFor((d) => d.status === 'ready');
    // 03-30: A and B new; A came back on 03-31 and 04-06; day 30 is still to come
    expect(cells(page, '#cohort-2026-03-30', '.cohort__cell')).toEqual(['50.0%', '50.0%', '']);
    expect(page.text('#cohort-2026-03-30 .cohort__size')).toBe('2');
    expect(cells(page, '#cohort-2026-03-31', '.cohort__cell')).toEqual(['50.0%', '', '']);
    await page.tap('#grain-week');
    await page.waitFor((d) => d.status === 'ready' && d.grain === 'week');
    writePreviewIfAsked(page, 'merchant/pages/retention/index');
    await page.waitFor((d) => d.status === 'ready' && d.grain === 'week');
    expect(page.data.table.columns.slice(0, 3)).toEqual(['当周', '+1周', '+2周']);
    expect(cells(page, '#cohort-2026-W14', '.cohort__cell').slice(0, 3)).toEqual(['100.0%', '25.0%', '']);
    expect(page.text('#cohort-2026-W14 .cohort__size')).toBe('4');
    // a week without new users has no rate to show
    expect(cells(page, '#cohort-2026-W15', '.cohort__cell')[0]).toBe('—');
    const [first, second] = page.data.table.rows.find((r: { key: string }) => r.key === '2026-W14').cells;
    expect(first.style).toContain('rgba(227, 77, 89, 0.86)');
    expect(second.style).toContain('rgba(227, 77, 89, 0.86)'); // the best return of the table
  });

  it('funnel: the steps with drop-off over 7 days, then the QR channel only', async () => {
    page = await open('funnel', { today: '2026-04-01' });
    await page.waitFor((d) => d.status === 'ready');
    expect(page.data.range).toEqual({ from: '2026-03-26', to: '2026-04-01' });
    expect(cells(page, '#step-visited')).toEqual(['访问', '6', '—', '—', '100.0%']);
    expect(cells(page, '#step-viewedGoods')).toEqual(['浏览商品', '4', '66.7%', '33.3%', '66.7%']);
    expect(cells(page, '#step-paid')).toEqual(['支付', '2', '100.0%', '0.0%', '33.3%']);
    const funnel = chartOptions(page, '#funnel');
    expect(funnel.type).toBe('funnel');
    expect(funnel.series[0].data.map((d: { labelText: string }) => d.labelText)).toEqual([
      '访问 6', '浏览商品 4', '加入购物车 3', '去结算 2', '支付 2',
    ]);
    writePreviewIfAsked(page, 'merchant/pages/funnel/index', { charts: ['#funnel'] });
    expect(page.text('#funnel')).toContain('浏览商品4 流失33.3%');
    await page.tap('#channel-qr');
    await page.waitFor((d) => d.status === 'ready' && d.channel === 'qr');
    expect(page.data.rows.map((r: { users: string }) => r.users)).toEqual(['2', '2', '2', '2', '2']);
  });

  it('channels: per channel over 30 days, then per QR code', async () => {
    page = await open('channels', { today: '2026-04-06' });
    await page.waitFor((d) => d.status === 'ready');
    await page.tap('#range-30');
    await page.waitFor((d) => d.status === 'ready' && d.days === 30);
    // 7 visits, 4 new users, 4 orders, ¥130 in all; QR: 2 visits, 1 new user, 2 orders, ¥70
    expect(cells(page, '#row-qr')).toEqual(['扫码', '2', '1', '2', '¥70.00', '28.6%']);
    expect(cells(page, '#row-share')).toEqual(['分享', '1', '1', '0', '¥0.00', '14.3%']);
    expect(page.text('#shares')).toBe('顾客分享 1 次');
    expect(chartOptions(page, '#channels').categories).toEqual(['扫码', '搜索', '直接打开', '分享']);
    writePreviewIfAsked(page, 'merchant/pages/channels/index', { charts: ['#channels'] });
    await page.tap('#dimension-qrCodes');
    expect(cells(page, '#row-Q1')).toEqual(['Q1', '2', '1', '2', '¥70.00', '100.0%']);
    expect(page.data.exportRequest).toEqual({ report: 'channels', params: { from: '2026-03-08', to: '2026-04-06', dimension: 'qrCodes' } });
  });

  it('segments: the ring of counts, the members of a segment, and a coupon sent to them', async () => {
    page = await open('segments', {}, { showActionSheet: (o: { success: (r: { tapIndex: number }) => void }) => o.success({ tapIndex: 0 }) });
    await page.waitFor((d) => d.status === 'ready');
    // A and C paid; B and D visited on one day only
    expect(page.text('#segment-active_customer')).toBe('活跃顾客2 人付过款，且未进入流失风险');
    expect(page.text('#segment-new_first_visit')).toContain('首访新客2 人');
    const ring = chartOptions(page, '#ring');
    expect(ring).toMatchObject({ type: 'ring', title: { name: '4' } });
    expect(ring.series[0].data.map((d: { value: number }) => d.value)).toEqual([2, 0, 2, 0, 0]);
    expect(page.text('#series')).toContain('活跃顾客最新 2');

    await page.tap('#segment-active_customer');
    await page.waitFor((d) => d.members.length === 2);
    // A 安安 and C 陈晨 by their nicknames, with their last visit, last order and paid orders
    expect(page.text('#member-A')).toBe('安安ID …A最近访问 04-06 · 最近下单 03-31 · 付款 2 单');
    expect(page.text('#member-C .seg-member__name')).toBe('陈晨');
    expect(page.text('#member-C .seg-member__detail')).toBe('最近访问 04-01 · 最近下单 04-01 · 付款 2 单');
    await page.tap('#send-coupon');
    await page.waitFor((d) => d.grantNote !== '' && !d.granting);
    expect(page.text('#grant-note')).toBe('已发出 2 张');
    writePreviewIfAsked(page, 'merchant/pages/segments/index', { charts: ['#ring', '#series'] });
    // B and D have no nickname: said so, with the end of the openid to tell them apart
    await page.tap('#segment-new_first_visit');
    await page.waitFor((d) => d.segment === 'new_first_visit' && d.members.length === 2);
    expect(page.text('#member-B')).toBe('未设置昵称ID …B最近访问 03-30 · 没下过单');
    const owned = env.coll('user_coupons').find({ templateId: 't-back' }) as Array<{ openid: string }>;
    expect(owned.map((c) => c.openid).sort()).toEqual(['A', 'C']);
  });
});
