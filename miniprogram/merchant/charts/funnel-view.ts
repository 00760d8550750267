/**
 * The purchase funnel from `funnel.get` (pure): the funnel chart (people at each step, with the drop-off from the
 * step before) and the rows of the step table; the channel filter's choices.
 */
import type { FunnelResult } from '../../../typings/api/analytics';
import type { TouchChannel } from '../../../typings/shop/attribution';
import type { FunnelChartSpec } from './chart-spec';
import { countText, rateText } from './labels';
import { CHANNEL_NAMES, FUNNEL_STEP_NAMES } from './names';

export interface FunnelRowView {
  step: string;
  name: string;
  users: string;
  fromPrevious: string;
  dropOff: string;
  fromStart: string;
}

export function funnelChart(result: FunnelResult): FunnelChartSpec {
  return {
    kind: 'funnel',
    unit: 'count',
    steps: result.steps.map((s, i) => ({
      name: FUNNEL_STEP_NAMES[s.step],
      value: s.users,
      ...(i > 0 ? { note: `流失${rateText(s.dropOff)}` } : {}),
    })),
  };
}

export function funnelRows(result: FunnelResult): FunnelRowView[] {
  return result.steps.map((s, i) => ({
    step: s.step,
    name: FUNNEL_STEP_NAMES[s.step],
    users: countText(s.users),
    fromPrevious: i === 0 ? '—' : rateText(s.fromPrevious),
    dropOff: i === 0 ? '—' : rateText(s.dropOff),
    fromStart: rateText(s.fromStart),
  }));
}

export const FUNNEL_CHANNEL_CHOICES: ReadonlyArray<{ value: TouchChannel | 'all'; label: string }> = [
  { value: 'all', label: '全部' },
  ...(Object.keys(CHANNEL_NAMES) as TouchChannel[]).map((c) => ({ value: c, label: CHANNEL_NAMES[c] })),
];
