/**
 * Customer segments from `segments.get` (pure): a ring of today's counts, a line of the counts over the days, and
 * the written definitions.
 */
import type { SegmentName, SegmentsResult } from '../../../typings/api/analytics';
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
