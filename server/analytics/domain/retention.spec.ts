import { rollupDay } from './daily-rollup';
import { at, HISTORY } from './hand-made-history';
import { activityDays, cohortTable, dailyRetention } from './retention';
import { dayKeyOf } from './shop-calendar';

const NOW = at('2026-04-07', '02:00');
const ROLLUPS = ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-06'].map((d) => rollupDay(d, HISTORY, { now: NOW }));

describe('retention (hand-worked values)', () => {
  it('day-1/7/30 retention of each day\'s new users from rollups only', () => {
    const rows = dailyRetention(['2026-03-30', '2026-03-31', '2026-04-01'], ROLLUPS);
    // 03-30 cohort {A, B}: A back on 03-31 (d1) and on 04-06 (d7)
    expect(rows[0]).toEqual({ day: '2026-03-30', cohort: 2, d1: 0.5, d7: 0.5, d30: null, returned: { d1: 1, d7: 1, d30: null } });
    // 03-31 cohort {C, D}: C back on 04-01; 04-07 not rolled up yet
    expect(rows[1]).toEqual({ day: '2026-03-31', cohort: 2, d1: 0.5, d7: null, d30: null, returned: { d1: 1, d7: null, d30: null } });
    // 04-01 has no new users; 04-02 has no rollup
    expect(rows[2]).toEqual({ day: '2026-04-01', cohort: 0, d1: null, d7: null, d30: null, returned: { d1: null, d7: null, d30: null } });
  });

  const firstDays = HISTORY.users.map((u) => ({ openid: u._id, day: dayKeyOf(u.createdAt) }));
  const activity = activityDays([...HISTORY.visits, ...HISTORY.events], (t) => dayKeyOf(t));

  it('weekly cohort table', () => {
    expect(cohortTable('week', firstDays, activity, 3, '2026-04-06')).toEqual([
      // all four joined in W14; only A was active in W15; W16 has not begun by 04-06
      { cohort: '2026-W14', size: 4, retained: [4, 1, null], rates: [1, 0.25, null] },
    ]);
  });

  it('monthly cohort table', () => {
    expect(cohortTable('month', firstDays, activity, 3, '2026-04-06')).toEqual([
      // March cohort {A, B, C, D}: A (04-06) and C (04-01) active in April
      { cohort: '2026-03', size: 4, retained: [4, 2, null], rates: [1, 0.5, null] },
    ]);
    expect(activity.filter((a) => a.openid === 'A').map((a) => a.day)).toEqual(['2026-03-30', '2026-03-31', '2026-04-06']);
  });
});
