/**
 * The dashboard's first screen from `dashboard.overview` (pure): cards of today so far against yesterday up to the
 * same time (↑/↓ change), with yesterday's whole day as secondary text, and the trend of the completed days as a
 * chart (people: visitors, new users, orders; or money: GMV). Today is not a point of the trend: a day not yet over
 * would drop towards zero at the end of the line and read like a collapse; its numbers are on the cards. Days
 * without data are gaps, not zeros.
 */
import type { Headline, HeadlineName, OverviewResult } from '../../../typings/api/analytics';
import type { CategoryChartSpec } from './chart-spec';
import { changeView, countText, periodLabel, rateText, yuanText, type ChangeView } from './labels';

export interface HeadlineCard {
  key: HeadlineName;
  label: string;
  value: string;
  /** Yesterday's value up to the same time (what the change compares with). */
  previous: string;
  /** Yesterday's whole-day value. */
  fullDay: string;
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

export function headlineCards(
  current: Headline,
  sameTime: Headline,
  fullDay: Headline,
  change: Record<HeadlineName, number | null>,
): HeadlineCard[] {
  return HEADLINES.map(({ key, label, write }) => ({
    key,
    label,
    value: write(current[key]),
    previous: write(sameTime[key]),
    fullDay: write(fullDay[key]),
    change: changeView(change[key]),
  }));
}

/** `截至 18:05 · 对比昨日 0:00–18:05`: what the cards count and compare with (shop time, as `clock` writes it). */
export function comparisonNote(asOf: string): string {
  return `截至 ${asOf} · 对比昨日同时段（0:00–${asOf}）`;
}

export type TrendMetric = 'people' | 'gmv';

/** A day without a rollup (the shop not open yet, or a rollup that did not run) is a gap in the line, not a zero. */
export function trendChart(trend: OverviewResult['trend'], metric: TrendMetric): CategoryChartSpec {
  const categories = trend.map((p) => periodLabel(p.day));
  const values = (of: (p: OverviewResult['trend'][number]) => number) => trend.map((p) => (p.hasData ? of(p) : null));
  if (metric === 'gmv') {
    return { kind: 'line', categories, series: [{ name: '成交额', unit: 'fen', values: values((p) => p.gmvFen) }] };
  }
  return {
    kind: 'line',
    categories,
    series: [
      { name: '访客', unit: 'count', values: values((p) => p.visitors) },
      { name: '新用户', unit: 'count', values: values((p) => p.newUsers) },
      { name: '订单', unit: 'count', values: values((p) => p.orders) },
    ],
  };
}
