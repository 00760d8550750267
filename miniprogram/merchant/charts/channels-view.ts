/**
 * Channels and sharing from `channels.get` (pure): for the chosen dimension (channel, launch scene, QR code,
 * sharer) a column chart of visits, new users and orders, and a table with GMV and shares of the totals.
 */
import type { ChannelRow, ChannelsResult } from '../../../typings/api/analytics';
import type { CategoryChartSpec } from './chart-spec';
import { countText, rateText, yuanText } from './labels';
import { channelName, sceneName } from './names';

export type ChannelDimension = 'channels' | 'scenes' | 'qrCodes' | 'referrers';

export const DIMENSION_CHOICES: ReadonlyArray<{ value: ChannelDimension; label: string }> = [
  { value: 'channels', label: '渠道' },
  { value: 'scenes', label: '场景' },
  { value: 'qrCodes', label: '二维码' },
  { value: 'referrers', label: '分享人' },
];

/** At most this many rows go into the chart (the table has them all). */
export const CHART_ROWS = 8;

export function keyName(dimension: ChannelDimension, key: string): string {
  if (dimension === 'channels') return channelName(key);
  if (dimension === 'scenes') return sceneName(key);
  return key;
}

export function channelChart(result: ChannelsResult, dimension: ChannelDimension): CategoryChartSpec {
  const rows = result[dimension].slice(0, CHART_ROWS);
  return {
    kind: 'column',
    categories: rows.map((r) => keyName(dimension, r.key)),
    series: [
      { name: '访问', unit: 'count', values: rows.map((r) => r.visits) },
      { name: '新用户', unit: 'count', values: rows.map((r) => r.newUsers) },
      { name: '订单', unit: 'count', values: rows.map((r) => r.orders) },
    ],
  };
}

export interface ChannelRowView {
  key: string;
  name: string;
  visits: string;
  visitors: string;
  newUsers: string;
  orders: string;
  gmv: string;
  visitShare: string;
  gmvShare: string;
}

export function channelRows(rows: ChannelRow[], dimension: ChannelDimension): ChannelRowView[] {
  return rows.map((r) => ({
    key: r.key,
    name: keyName(dimension, r.key),
    visits: countText(r.visits),
    visitors: countText(r.visitors),
    newUsers: countText(r.newUsers),
    orders: countText(r.orders),
    gmv: yuanText(r.gmvFen),
    visitShare: rateText(r.share.visits),
    gmvShare: rateText(r.share.gmvFen),
  }));
}
