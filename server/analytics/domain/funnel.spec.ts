import { rollupDay } from './daily-rollup';
import { funnelOver, funnelSteps } from './funnel';
import { at, HISTORY } from './hand-made-history';

const NOW = at('2026-04-07', '02:00');
const DAYS = ['2026-03-30', '2026-03-31', '2026-04-01'].map((d) => rollupDay(d, HISTORY, { now: NOW }));

describe('funnel (hand-worked values)', () => {
  it('sums the days and gives conversion and drop-off per step', () => {
    // visited 2+3+1, viewed 2+1+1, added 1+1+1, checkout 1+0+1, paid 1+0+1
    const steps = funnelOver(DAYS);
    expect(steps.map((s) => [s.step, s.users])).toEqual([
      ['visited', 6], ['viewedGoods', 4], ['addedToCart', 3], ['startedCheckout', 2], ['paid', 2],
    ]);
    expect(steps.map((s) => s.fromPrevious)).toEqual([1, 4 / 6, 3 / 4, 2 / 3, 1]);
    expect(steps.map((s) => s.dropOff)).toEqual([0, 1 - 4 / 6, 1 - 3 / 4, 1 - 2 / 3, 0]);
    expect(steps.map((s) => s.fromStart)).toEqual([1, 4 / 6, 3 / 6, 2 / 6, 2 / 6]);
  });

  it('per channel and per day', () => {
    expect(funnelOver(DAYS, 'qr').map((s) => s.users)).toEqual([2, 2, 2, 2, 2]);
    expect(funnelOver(DAYS, 'share').map((s) => s.users)).toEqual([1, 1, 0, 0, 0]);
    expect(funnelOver(DAYS, 'direct').map((s) => s.users)).toEqual([2, 0, 0, 0, 0]);
    expect(funnelOver([DAYS[1]], 'search').map((s) => s.users)).toEqual([1, 1, 1, 0, 0]);
    expect(funnelOver([DAYS[1]], 'official_account').map((s) => s.fromPrevious)).toEqual([1, 0, 0, 0, 0]);
  });

  it('handles an empty funnel without dividing by zero', () => {
    const steps = funnelSteps({ visited: 0, viewedGoods: 0, addedToCart: 0, startedCheckout: 0, paid: 0 });
    expect(steps.every((s) => Number.isFinite(s.fromStart) && Number.isFinite(s.dropOff))).toBe(true);
  });
});
