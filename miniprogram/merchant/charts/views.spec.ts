/** Report data → what the dashboard pages show (cards, rows, cohort cells, chart specs), worked out by hand. */
import type { ChannelsResult, ComparedReportView, FunnelResult, Headline, RetentionResult, SegmentsResult } from '../../../typings/api/analytics';
import type { DayMetrics } from '../../../typings/shop/analytics';
import { channelChart, channelRows } from './channels-view';
import { addDays, dayKeyAt, daysBetween, lastDays } from './days';
import { funnelChart, funnelRows } from './funnel-view';
import { headlineCards, trendChart } from './overview-view';
import { comparisonChart, distinctRows, periodHeading, reportRows } from './report-view';
import { cellAlpha, cohortTable } from './retention-view';
import { memberRows, segmentRing, segmentRows, segmentSeries } from './segments-view';
import { legendOf } from './uoptions';

const headline = (h: Partial<Headline>): Headline => ({
  visitors: 0, newUsers: 0, payingCustomers: 0, orders: 0, gmvFen: 0, refunds: 0, refundFen: 0, aovFen: 0, conversion: 0, ...h,
});
const metrics = (m: Partial<DayMetrics>): DayMetrics => ({
  visits: 0, visitors: 0, newUsers: 0, pageViews: 0, goodsViews: 0, addToCarts: 0, checkoutStarts: 0, shares: 0,
  payingCustomers: 0, orders: 0, gmvFen: 0, refunds: 0, refundFen: 0, ...m,
});

it('today vs yesterday cards (against the same time, the whole day beside) and the trend', () => {
  const today = headline({ visitors: 120, orders: 9, gmvFen: 45_030, aovFen: 5003, conversion: 0.075 });
  const yesterday = headline({ visitors: 100, orders: 12, gmvFen: 45_030, aovFen: 3753, conversion: 0.1 });
  const wholeYesterday = headline({ visitors: 260, orders: 30, gmvFen: 120_000, aovFen: 4000, conversion: 0.09 });
  const cards = headlineCards(today, yesterday, wholeYesterday, { visitors: 0.2, newUsers: null, payingCustomers: null, orders: -0.25, gmvFen: 0, refunds: null, refundFen: null, aovFen: 0.333, conversion: -0.25 });
  const byKey = Object.fromEntries(cards.map((c) => [c.key, c]));
  expect(byKey.visitors).toMatchObject({ label: '访客', value: '120', previous: '100', fullDay: '260', change: { text: '↑20.0%', trend: 'up' } });
  expect(byKey.gmvFen).toMatchObject({ previous: '¥450.30', fullDay: '¥1,200.00' });
  expect(byKey.orders.change).toEqual({ text: '↓25.0%', trend: 'down' });
  expect(byKey.gmvFen).toMatchObject({ value: '¥450.30', change: { text: '持平' } });
  expect(byKey.conversion.value).toBe('7.5%');
  expect(byKey.newUsers.change.text).toBe('—');

  const trend = [
    { day: '2026-03-30', visits: 0, pageViews: 0, hasData: true, ...headline({ visitors: 5, newUsers: 2, orders: 1, gmvFen: 990 }) },
    { day: '2026-03-31', visits: 0, pageViews: 0, hasData: true, ...headline({ visitors: 7, newUsers: 1, orders: 3, gmvFen: 2970 }) },
  ];
  expect(trendChart(trend, 'people')).toEqual({
    kind: 'line',
    categories: ['03-30', '03-31'],
    series: [
      { name: '访客', unit: 'count', values: [5, 7] },
      { name: '新用户', unit: 'count', values: [2, 1] },
      { name: '订单', unit: 'count', values: [1, 3] },
    ],
  });
  expect(trendChart(trend, 'gmv').series).toEqual([{ name: '成交额', unit: 'fen', values: [990, 2970] }]);
  // a day without a rollup is a gap, not a zero that would look like a bad day
  const gap = [{ ...trend[0], day: '2026-03-29', hasData: false }, ...trend];
  expect(trendChart(gap, 'gmv').series[0].values).toEqual([null, 990, 2970]);
});

it('a period report against the previous one', () => {
  const view: ComparedReportView = {
    current: { period: { kind: 'week', key: '2026-W14', first: '2026-03-30', last: '2026-04-05' }, metrics: metrics({ visitors: 40, orders: 4, gmvFen: 12_000, payingCustomers: 3 }), aovFen: 3000, conversion: 0.075, daysWithData: 7, distinct: { visitors: 25, payingCustomers: 3, conversion: 0.12 } },
    previous: { period: { kind: 'week', key: '2026-W13', first: '2026-03-23', last: '2026-03-29' }, metrics: metrics({ visitors: 50, orders: 2, gmvFen: 8000, payingCustomers: 2 }), aovFen: 4000, conversion: 0.04, daysWithData: 7, distinct: null },
    change: { visits: null, visitors: -0.2, newUsers: null, pageViews: null, goodsViews: null, addToCarts: null, checkoutStarts: null, shares: null, payingCustomers: 0.5, orders: 1, gmvFen: 0.5, refunds: null, refundFen: null, aovFen: -0.25, conversion: 0.875 },
  };
  const rows = Object.fromEntries(reportRows(view).map((r) => [r.key, r]));
  expect(rows.gmvFen).toMatchObject({ current: '¥120.00', previous: '¥80.00', change: { text: '↑50.0%' } });
  expect(rows.aovFen).toMatchObject({ current: '¥30.00', previous: '¥40.00', change: { text: '↓25.0%', trend: 'down' } });
  expect(rows.conversion).toMatchObject({ current: '7.5%', previous: '4.0%', change: { text: '↑87.5%' } });
  expect(distinctRows(view)).toEqual([
    { label: '去重访客', current: '25', previous: '—' },
    { label: '去重付款人数', current: '3', previous: '—' },
    { label: '去重转化率', current: '12.0%', previous: '—' },
  ]);
  expect(periodHeading(view)).toEqual({ current: '2026年第14周', previous: '2026年第13周', days: '有数据 7 / 7 天', partial: '' });
  expect(periodHeading({ ...view, current: { ...view.current, daysWithData: 3 } }).partial).toBe('本期还有 4 天没有数据（未过完或未汇总），变化是与上期全期相比。');
  expect(comparisonChart(view).series.map((s) => s.values)).toEqual([[40, 0, 3, 4], [50, 0, 2, 2]]);
  // visitors + orders would add apples and pears: the legend names the series only
  expect(legendOf(comparisonChart(view)).map((l) => l.value)).toEqual(['', '']);
});

it('cohort tables: percentages, colour intensity, empty cells for the future', () => {
  const weekly: RetentionResult = { grain: 'week', columns: 3, rows: [{ cohort: '2026-W13', size: 4, retained: [4, 1, null], rates: [1, 0.25, null] }] };
  const t = cohortTable(weekly);
  expect(t.columns).toEqual(['当周', '+1周', '+2周']);
  expect(t.rows[0]).toMatchObject({ label: 'W13', size: '4' });
  expect(t.rows[0].cells.map((c) => c.text)).toEqual(['100.0%', '25.0%', '']);
  expect(t.rows[0].cells[0].style).toBe('background: rgba(227, 77, 89, 0.86); color: #ffffff;');
  // 25% is the best return of this table: full colour; the rest scale from it
  expect(t.rows[0].cells[1].style).toBe('background: rgba(227, 77, 89, 0.86); color: #ffffff;');
  const two = cohortTable({ grain: 'week', columns: 3, rows: [{ cohort: '2026-W13', size: 10, retained: [10, 4, 1], rates: [1, 0.4, 0.1] }] });
  expect(two.rows[0].cells.map((c) => c.style)).toEqual([
    'background: rgba(227, 77, 89, 0.86); color: #ffffff;',
    'background: rgba(227, 77, 89, 0.86); color: #ffffff;',
    'background: rgba(227, 77, 89, 0.26); color: #1f1f1f;',
  ]);
  expect(cellAlpha(0)).toBe(0.06);
  expect(cellAlpha(0.05, 0.1)).toBe(0.46);
  const daily: RetentionResult = { grain: 'day', rows: [{ day: '2026-03-01', cohort: 3, d1: 1 / 3, d7: 0, d30: null, returned: { d1: 1, d7: 0, d30: null } }] };
  expect(cohortTable(daily).rows[0].cells.map((c) => c.text)).toEqual(['33.3%', '0.0%', '']);
  expect(cohortTable({ grain: 'month', columns: 2, rows: [] }).columns).toEqual(['当月', '+1月']);
  // a cohort without new users: no rate, not 0%
  const none = cohortTable({ grain: 'week', columns: 2, rows: [{ cohort: '2026-W15', size: 0, retained: [0, null], rates: [0, null] }] });
  expect(none.rows[0].cells.map((c) => c.text)).toEqual(['—', '']);
  expect(cohortTable({ grain: 'day', rows: [{ day: '2026-04-01', cohort: 0, d1: 0, d7: null, d30: null, returned: { d1: 0, d7: null, d30: null } }] }).rows[0].cells.map((c) => c.text)).toEqual(['—', '', '']);
});

it('the funnel with drop-off', () => {
  const result: FunnelResult = {
    from: '2026-03-01', to: '2026-03-07', channel: 'all', days: [], byChannel: [],
    steps: [
      { step: 'visited', users: 200, fromPrevious: 1, dropOff: 0, fromStart: 1 },
      { step: 'viewedGoods', users: 120, fromPrevious: 0.6, dropOff: 0.4, fromStart: 0.6 },
      { step: 'addedToCart', users: 30, fromPrevious: 0.25, dropOff: 0.75, fromStart: 0.15 },
      { step: 'startedCheckout', users: 20, fromPrevious: 2 / 3, dropOff: 1 / 3, fromStart: 0.1 },
      { step: 'paid', users: 15, fromPrevious: 0.75, dropOff: 0.25, fromStart: 0.075 },
    ],
  };
  expect(funnelChart(result).steps.map((s) => [s.name, s.value, s.note])).toEqual([
    ['访问', 200, undefined], ['浏览商品', 120, '流失40.0%'], ['加入购物车', 30, '流失75.0%'], ['去结算', 20, '流失33.3%'], ['支付', 15, '流失25.0%'],
  ]);
  expect(funnelRows(result)[4]).toEqual({ step: 'paid', name: '支付', users: '15', fromPrevious: '75.0%', dropOff: '25.0%', fromStart: '7.5%' });
  expect(funnelRows(result)[0].dropOff).toBe('—');
});

it('segments: ring, series with gaps, definitions', () => {
  const counts = { new_first_visit: 5, new_returning: 2, active_customer: 3, at_risk: 1, churned: 0 };
  const result: SegmentsResult = {
    definitions: { atRiskDays: 30, churnedDays: 90 },
    descriptions: [{ segment: 'at_risk', text: '30 天没来过' }, { segment: 'churned', text: '流失：90 天以上没有访问也没有下单' }],
    counts,
    series: [{ day: '2026-03-30', counts }, { day: '2026-03-31', counts: null }],
  };
  expect(segmentRing(result)).toMatchObject({ centre: { title: '11', subtitle: '顾客' } });
  expect(segmentRing(result).slices.map((s) => s.value)).toEqual([5, 2, 3, 1, 0]);
  expect(segmentSeries(result).series[2]).toEqual({ name: '活跃顾客', unit: 'count', values: [3, null] });
  expect(segmentRows(result)[3]).toEqual({ segment: 'at_risk', name: '流失风险', count: '1', text: '30 天没来过' });
  expect(segmentRows(result)[4]).toEqual({ segment: 'churned', name: '已流失', count: '0', text: '90 天以上没有访问也没有下单' });
});

it('channels: names of channels and scenes, shares', () => {
  const row = (key: string, visits: number, gmvFen: number) => ({ key, visits, visitors: visits, newUsers: 1, orders: 1, gmvFen, share: { visits: visits / 10, newUsers: 0.5, orders: 0.5, gmvFen: gmvFen / 3000 } });
  const result: ChannelsResult = { from: '2026-03-01', to: '2026-03-07', channels: [row('qr', 6, 2000), row('share', 4, 1000)], scenes: [row('1047', 6, 2000), row('9999', 4, 1000)], qrCodes: [], referrers: [], shares: 3 };
  expect(channelChart(result, 'channels')).toMatchObject({ kind: 'column', categories: ['扫码', '分享'] });
  expect(channelChart(result, 'scenes').categories).toEqual(['扫小程序码 1047', '场景 9999']);
  expect(channelRows(result.channels, 'channels')[0]).toMatchObject({ name: '扫码', gmv: '¥20.00', visitShare: '60.0%', gmvShare: '66.7%' });
});

it('shop days on the client', () => {
  expect(dayKeyAt(Date.UTC(2026, 2, 31, 15, 59))).toBe('2026-03-31'); // 23:59 in Shanghai
  expect(dayKeyAt(Date.UTC(2026, 2, 31, 16, 0))).toBe('2026-04-01'); // 00:00 in Shanghai
  expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  expect(lastDays('2026-03-31', 7)).toEqual({ from: '2026-03-25', to: '2026-03-31' });
  expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
});

it('segment members as the owner recognises them: nickname, last visit / order, paid orders; openid short and secondary', () => {
  expect(
    memberRows([
      { openid: 'oAbCdEf123456', nickname: '安安', lastVisitDay: '2026-04-06', lastOrderDay: '2026-03-31', paidOrders: 2, visitDays: 3 },
      { openid: 'oXyZ987654', lastVisitDay: '2026-03-30', paidOrders: 0, visitDays: 1 },
    ]),
  ).toEqual([
    { openid: 'oAbCdEf123456', name: '安安', named: true, detail: '最近访问 04-06 · 最近下单 03-31 · 付款 2 单', shortId: 'ID …123456' },
    { openid: 'oXyZ987654', name: '未设置昵称', named: false, detail: '最近访问 03-30 · 没下过单', shortId: 'ID …987654' },
  ]);
});
