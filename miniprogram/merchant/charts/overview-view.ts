/**
 * The dashboard's first screen from `dashboard.overview` (pure): today-vs-yesterday cards with ↑/↓ change, and the
 * daily trend as a chart (people: visitors, new users, orders; or money: GMV).
 */
import type { Headline, HeadlineName, OverviewResult } from '../../../typings/api/analytics';
import type { CategoryChartSpec } from './chart-spec';
import { changeView, countText, periodLabel, rateText, yuanText, type ChangeView } from './labels';

export interface HeadlineCard {
  key: HeadlineName;
  label: string;
  value: string;
  /** Yesterday's value. */
  previous: string;
  change: ChangeView;
}

/** The headline numbers in the order the cards show them, with how each is written. */
export const HEADLINES: ReadonlyArray<{ key: HeadlineName; label: string; write: (n: number) => string }> = [
  { key: 'visitors', label: '访客', write: countText },
  { key: 'newUsers', label: '新用户', write: countText },
  { key: 'payingCustomers', label: '付款人数', write: countText },
  { key: 'orders', label: '订单', write: countText },
  { key: 'gmvFen', label: '成交额', write: yuanText },
  { key: 'aovFen', label: '客单价', write: yuanText },
  { key: 'conversion', label: '转化率', write: (n) => rateText(n) },
  { key: 'refundFen', label: '退款', write: yuanText },
];

export function headlineCards(current: Headline, previous: Headline, change: Record<HeadlineName, number | null>): HeadlineCard[] {
  return HEADLINES.map(({ key, label, write }) => ({
    key,
    label,
    value: write(current[key]),
    previous: write(previous[key]),
    change: changeView(change[key]),
  }));
}

export type TrendMetric = 'people' | 'gmv';

export function trendChart(trend: OverviewResult['trend'], metric: TrendMetric): CategoryChartSpec {
  const categories = trend.map((p) => periodLabel(p.day));
  if (metric === 'gmv') {
    return { kind: 'line', categories, series: [{ name: '成交额', unit: 'fen', values: trend.map((p) => p.gmvFen) }] };
  }
  return {
    kind: 'line',
    categories,
    series: [
      { name: '访客', unit: 'count', values: trend.map((p) => p.visitors) },
      { name: '新用户', unit: 'count', values: trend.map((p) => p.newUsers) },
      { name: '订单', unit: 'count', values: trend.map((p) => p.orders) },
    ],
  };
}
