/**
 * Customer facts kept day by day: rolling the days up in any order, re-rolling some, gives the same document, and
 * its facts (all, or as of a day) equal `customerFacts` of the raw visits and paid orders (up to that day).
 */
import fc from 'fast-check';
import { customerDaysOf, factsAsOf, withDay, type CustomerFactsDoc } from './customer-facts';
import { HISTORY, ORDERS, VISITS } from './hand-made-history';
import { customerFacts, segmentOf } from './segments';
import { segmentCondition, meetsCondition } from './segment-query';
import { addDays, dayKeyOf, daysFrom } from './shop-calendar';

const TZ = 'Asia/Shanghai';
const DAYS = daysFrom('2026-03-29', '2026-04-07');
const paid = ORDERS.filter((o) => o.payment?.paidAt !== undefined).map((o) => ({ openid: o.openid, paidAt: o.payment!.paidAt! }));

function rollAll(order: readonly string[]): Map<string, CustomerFactsDoc> {
  const docs = new Map<string, CustomerFactsDoc>();
  for (const day of order) {
    const entries = customerDaysOf(day, HISTORY, TZ);
    const ids = new Set([...entries.keys(), ...[...docs.values()].filter((d) => d.activeDays.includes(day)).map((d) => d._id)]);
    for (const id of ids) docs.set(id, withDay(docs.get(id), id, day, entries.get(id), TZ));
  }
  return docs;
}

const strip = (f: object) => JSON.parse(JSON.stringify(f));

it('any order of rolling the days, with repeats, gives the same documents, equal to the raw facts', () => {
  const reference = rollAll(DAYS);
  const raw = new Map(customerFacts(VISITS, paid, TZ).map((f) => [f.openid, f]));
  expect([...reference.keys()].sort()).toEqual([...raw.keys()].sort());
  for (const [id, doc] of reference) expect(factsAsOf(doc)).toEqual(raw.get(id));
  fc.assert(
    fc.property(fc.shuffledSubarray(DAYS, { minLength: DAYS.length }), fc.array(fc.constantFrom(...DAYS), { maxLength: 5 }), (order, again) => {
      const docs = rollAll([...order, ...again]);
      expect(strip(Object.fromEntries([...docs].sort()))).toEqual(strip(Object.fromEntries([...reference].sort())));
    }),
    { numRuns: 50 },
  );
});

it('facts as of a day count only that day and before', () => {
  const docs = rollAll(DAYS);
  for (const day of DAYS) {
    const visits = VISITS.filter((v) => dayKeyOf(v.at, TZ) <= day);
    const paidTo = paid.filter((p) => dayKeyOf(p.paidAt, TZ) <= day);
    const raw = customerFacts(visits, paidTo, TZ).sort((a, b) => (a.openid < b.openid ? -1 : 1));
    const kept = [...docs.values()].map((d) => factsAsOf(d, day)).filter(Boolean).sort((a, b) => (a!.openid < b!.openid ? -1 : 1));
    expect(kept).toEqual(raw);
  }
});

it('a segment\'s query condition is equivalent to segmentOf', () => {
  const segments = ['new_first_visit', 'new_returning', 'active_customer', 'at_risk', 'churned'] as const;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 200 }),
      fc.integer({ min: 0, max: 5 }),
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 60 }),
      (idle, visitDays, paidOrders, n, extra) => {
        const today = '2026-06-30';
        const defs = { atRiskDays: n, churnedDays: n + extra };
        const last = addDays(today, -idle);
        const lastAt = new Date(`${last}T04:00:00Z`).getTime(); // noon in Shanghai
        const facts = { openid: 'x', visitDays, paidOrders, lastVisitAt: lastAt };
        const expected = segmentOf(facts, new Date(`${today}T04:00:00Z`).getTime(), defs, TZ);
        const matching = segments.filter((s) => meetsCondition(segmentCondition(s, today, defs), { lastActiveDay: last, visitDays, paidOrders }));
        expect(matching).toEqual([expected]);
      },
    ),
  );
});
