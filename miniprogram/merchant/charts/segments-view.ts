/**
 * Customer segments from `segments.get` (pure): a ring of today's counts, a line of the counts over the days, and
 * the written definitions; the members of a segment (`segments.members`) as rows the owner recognises: nickname,
 * last visit, last order, paid orders (the openid only as a short secondary id).
 */
import type { SegmentMemberView, SegmentName, SegmentsResult } from '../../../typings/api/analytics';
import type { CategoryChartSpec, RingChartSpec } from './chart-spec';
import { countText, periodLabel } from './labels';
import { SEGMENT_NAMES, SEGMENT_ORDER } from './names';

export function segmentRing(result: SegmentsResult): RingChartSpec {
  const total = SEGMENT_ORDER.reduce((sum, s) => sum + result.counts[s], 0);
  return {
    kind: 'ring',
    unit: 'count',
    slices: SEGMENT_ORDER.map((s) => ({ name: SEGMENT_NAMES[s], value: result.counts[s] })),
    centre: { title: countText(total), subtitle: '顾客' },
  };
}

export function segmentSeries(result: SegmentsResult): CategoryChartSpec {
  return {
    kind: 'line',
    legendValue: 'last',
    categories: result.series.map((p) => periodLabel(p.day)),
    series: SEGMENT_ORDER.map((s) => ({ name: SEGMENT_NAMES[s], unit: 'count' as const, values: result.series.map((p) => (p.counts ? p.counts[s] : null)) })),
  };
}

export interface SegmentRowView {
  segment: SegmentName;
  name: string;
  count: string;
  text: string;
}

export function segmentRows(result: SegmentsResult): SegmentRowView[] {
  // the server's texts start with the segment's name (`流失风险：30 天以上…`); the row shows the name already
  const text = new Map(result.descriptions.map((d) => [d.segment, d.text.replace(/^[^：:]{1,8}[：:]\s*/, '')]));
  return SEGMENT_ORDER.map((s) => ({ segment: s, name: SEGMENT_NAMES[s], count: countText(result.counts[s]), text: text.get(s) ?? '' }));
}

export interface MemberRowView {
  openid: string;
  /** The nickname, or 未设置昵称 when the customer never set one. */
  name: string;
  named: boolean;
  /** `最近访问 04-06 · 最近下单 03-31 · 付款 2 单`. */
  detail: string;
  /** The end of the openid (`ID …a1b2c3`), to tell two customers without a nickname apart. */
  shortId: string;
}

export function memberRows(members: readonly SegmentMemberView[]): MemberRowView[] {
  return members.map((m) => ({
    openid: m.openid,
    name: m.nickname || '未设置昵称',
    named: Boolean(m.nickname),
    detail: [
      m.lastVisitDay ? `最近访问 ${periodLabel(m.lastVisitDay)}` : '没有访问记录',
      m.lastOrderDay ? `最近下单 ${periodLabel(m.lastOrderDay)}` : '没下过单',
      ...(m.paidOrders ? [`付款 ${countText(m.paidOrders)} 单`] : []),
    ].join(' · '),
    shortId: `ID …${m.openid.slice(-6)}`,
  }));
}
