/**
 * The purchase funnel visit → goods view → add to cart → checkout → paid, from the daily rollups' funnel rows (per
 * day, overall or per channel; closed: each step counts people who also did every earlier step), with the conversion from the previous step, the drop-off (1 − that) and the share
 * of the first step. Counts are distinct people per day; over several days they are summed per day.
 */
import type { DailyRollup, FunnelCounts, FunnelRow } from '../../../typings/shop/analytics';
import type { TouchChannel } from '../../../typings/shop/attribution';

export const FUNNEL_STEPS: ReadonlyArray<keyof FunnelCounts> = ['visited', 'viewedGoods', 'addedToCart', 'startedCheckout', 'paid'];

export interface FunnelStep {
  step: keyof FunnelCounts;
  users: number;
  /** users ÷ previous step's users (1 for the first step; 0 when the previous step is 0). */
  fromPrevious: number;
  /** 1 − fromPrevious (0 for the first step). */
  dropOff: number;
  /** users ÷ first step's users (0 when nobody visited). */
  fromStart: number;
}

export function funnelSteps(counts: FunnelCounts): FunnelStep[] {
  const first = counts.visited;
  return FUNNEL_STEPS.map((step, i) => {
    const users = counts[step];
    const prev = i === 0 ? users : counts[FUNNEL_STEPS[i - 1]];
    const fromPrevious = i === 0 ? 1 : prev ? users / prev : 0;
    return { step, users, fromPrevious, dropOff: i === 0 ? 0 : 1 - fromPrevious, fromStart: first ? users / first : 0 };
  });
}

/** The funnel of some days for `all` or one channel (days or channels without a row count zero). */
export function funnelOver(rollups: ReadonlyArray<Pick<DailyRollup, 'funnel'>>, channel: TouchChannel | 'all' = 'all'): FunnelStep[] {
  const sum: FunnelCounts = { visited: 0, viewedGoods: 0, addedToCart: 0, startedCheckout: 0, paid: 0 };
  for (const r of rollups) {
    const row: FunnelRow | undefined = r.funnel.find((f) => f.channel === channel);
    if (!row) continue;
    for (const step of FUNNEL_STEPS) sum[step] += row[step];
  }
  return funnelSteps(sum);
}
