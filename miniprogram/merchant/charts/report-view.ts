/**
 * A day / week / month / quarter report against the previous period, from `reports.period` (pure): one row per
 * number (this period, the previous one, the change) and a column chart of the people counts of both periods.
 */
import type { ComparedReportView, MetricName, PeriodReportView } from '../../../typings/api/analytics';
import type { CategoryChartSpec } from './chart-spec';
import { daysBetween } from './days';
import { changeView, countText, periodTitle, rateText, yuanText, type ChangeView } from './labels';

export interface ReportRow {
  key: MetricName;
  label: string;
  current: string;
  previous: string;
  change: ChangeView;
  /** A short explanation under the label. */
  hint?: string;
}

type Metric = { key: MetricName; label: string; write: (n: number) => string; hint?: string };

export const REPORT_METRICS: readonly Metric[] = [
  { key: 'visitors', label: '访客', write: countText, hint: '每天的访客相加（人·天）' },
  { key: 'newUsers', label: '新用户', write: countText },
  { key: 'payingCustomers', label: '付款人数', write: countText, hint: '每天的付款人数相加' },
  { key: 'orders', label: '订单', write: countText },
  { key: 'gmvFen', label: '成交额', write: yuanText },
  { key: 'aovFen', label: '客单价', write: yuanText },
  { key: 'conversion', label: '转化率', write: (n) => rateText(n), hint: '付款人数 ÷ 访客' },
  { key: 'refunds', label: '退款笔数', write: countText },
  { key: 'refundFen', label: '退款金额', write: yuanText },
  { key: 'visits', label: '打开次数', write: countText },
  { key: 'goodsViews', label: '商品浏览', write: countText },
  { key: 'addToCarts', label: '加购次数', write: countText },
  { key: 'shares', label: '分享次数', write: countText },
];

function valueOf(r: PeriodReportView, key: MetricName): number {
  if (key === 'aovFen') return r.aovFen;
  if (key === 'conversion') return r.conversion;
  return r.metrics[key];
}

export function reportRows(view: ComparedReportView): ReportRow[] {
  return REPORT_METRICS.map(({ key, label, write, hint }) => ({
    key,
    label,
    current: write(valueOf(view.current, key)),
    previous: write(valueOf(view.previous, key)),
    change: changeView(view.change[key]),
    ...(hint ? { hint } : {}),
  }));
}

/** Distinct people over the whole period, when the server keeps them (week / month / quarter). */
export function distinctRows(view: ComparedReportView): Array<{ label: string; current: string; previous: string }> {
  const cur = view.current.distinct;
  if (!cur) return [];
  const prev = view.previous.distinct;
  const dash = '—';
  return [
    { label: '去重访客', current: countText(cur.visitors), previous: prev ? countText(prev.visitors) : dash },
    { label: '去重付款人数', current: countText(cur.payingCustomers), previous: prev ? countText(prev.payingCustomers) : dash },
    { label: '去重转化率', current: rateText(cur.conversion), previous: prev ? rateText(prev.conversion) : dash },
  ];
}

export interface PeriodHeading {
  current: string;
  previous: string;
  /** `有数据 3 / 7 天`. */
  days: string;
  /** Set while the period is not over (fewer days with data than it has): the change compares part of it with a whole one. */
  partial: string;
}

export function periodHeading(view: ComparedReportView): PeriodHeading {
  const { first, last } = view.current.period;
  const total = daysBetween(first, last) + 1;
  const withData = view.current.daysWithData;
  return {
    current: periodTitle(view.current.period.key),
    previous: periodTitle(view.previous.period.key),
    days: `有数据 ${withData} / ${total} 天`,
    partial: withData < total && total > 1 ? `本期还有 ${total - withData} 天没有数据（未过完或未汇总），变化是与上期全期相比。` : '',
  };
}

export function comparisonChart(view: ComparedReportView): CategoryChartSpec {
  const keys: Array<keyof PeriodReportView['metrics']> = ['visitors', 'newUsers', 'payingCustomers', 'orders'];
  return {
    kind: 'column',
    legendValue: 'none',
    categories: ['访客', '新用户', '付款人数', '订单'],
    series: [
      { name: '本期', unit: 'count', values: keys.map((k) => view.current.metrics[k]) },
      { name: '上期', unit: 'count', values: keys.map((k) => view.previous.metrics[k]) },
    ],
  };
}
