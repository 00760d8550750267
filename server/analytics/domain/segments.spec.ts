import { at, HISTORY } from './hand-made-history';
import { customerFacts, segmentCustomers, segmentOf, validateDefinitions } from './segments';

const paid = HISTORY.orders.filter((o) => o.payment?.paidAt !== undefined).map((o) => ({ openid: o.openid, paidAt: o.payment!.paidAt! }));
// E came once on 04-05, F on 04-04 and 04-05 (never bought)
const extraVisits = [
  { openid: 'E', at: at('2026-04-05', '12:00') },
  { openid: 'F', at: at('2026-04-04', '12:00') },
  { openid: 'F', at: at('2026-04-05', '09:00') },
];
const FACTS = customerFacts([...HISTORY.visits, ...extraVisits], paid);
const NOW = at('2026-04-06', '20:00');

describe('segments (hand-worked values)', () => {
  it('computes each customer\'s facts', () => {
    const byId = Object.fromEntries(FACTS.map((f) => [f.openid, f]));
    expect(byId.A).toEqual({ openid: 'A', visitDays: 3, paidOrders: 2, lastVisitAt: at('2026-04-06', '10:00'), lastOrderAt: at('2026-03-31', '23:30') });
    expect(byId.C).toMatchObject({ visitDays: 2, paidOrders: 2, lastOrderAt: at('2026-04-01', '00:30') });
    expect(byId.D).toEqual({ openid: 'D', visitDays: 1, paidOrders: 0, lastVisitAt: at('2026-03-31', '12:00') });
  });

  it('classifies with at risk after 3 idle days and churned after 6', () => {
    const seg = segmentCustomers(FACTS, NOW, { atRiskDays: 3, churnedDays: 6 });
    expect(seg.members).toEqual({
      new_first_visit: ['E'],
      new_returning: ['F'],
      active_customer: ['A'],
      at_risk: ['C'], // last activity 04-01: 5 days
      churned: ['B', 'D'], // 03-30 (7 days), 03-31 (6 days)
    });
    expect(seg.counts).toEqual({ new_first_visit: 1, new_returning: 1, active_customer: 1, at_risk: 1, churned: 2 });
  });

  it('classifies with the default definitions (30 / 90 days)', () => {
    const seg = segmentCustomers(FACTS, NOW);
    expect(seg.members).toEqual({ new_first_visit: ['B', 'D', 'E'], new_returning: ['F'], active_customer: ['A', 'C'], at_risk: [], churned: [] });
    // 90 shop days after A's last visit A is churned
    expect(segmentOf(FACTS.find((f) => f.openid === 'A')!, at('2026-07-05', '00:00'))).toBe('churned');
    expect(segmentOf(FACTS.find((f) => f.openid === 'A')!, at('2026-07-04', '23:59'))).toBe('at_risk');
  });

  it('refuses inconsistent definitions', () => {
    expect(() => validateDefinitions({ atRiskDays: 10, churnedDays: 10 })).toThrow(RangeError);
    expect(() => validateDefinitions({ atRiskDays: 0, churnedDays: 10 })).toThrow(RangeError);
    expect(() => segmentCustomers(FACTS, NOW, { atRiskDays: 1.5, churnedDays: 10 })).toThrow(RangeError);
  });
});
