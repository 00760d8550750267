import { rollupDay } from './daily-rollup';
import { at, HISTORY } from './hand-made-history';
import { comparedReport, daysNeeded, lookupFrom, periodReport } from './reports';
import { dayKeyOf, parsePeriod, periodRange, type PeriodKind } from './shop-calendar';

const NOW = at('2026-04-07', '02:00');
const ROLLUPS = ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-06'].map((d) => rollupDay(d, HISTORY, { now: NOW }));
const lookup = lookupFrom(ROLLUPS);

describe('period reports from daily rollups (hand-worked values)', () => {
  it('day 2026-03-31 against 2026-03-30', () => {
    const r = comparedReport(parsePeriod('day', '2026-03-31'), lookup);
    expect(r.current.metrics).toMatchObject({ visitors: 3, newUsers: 2, payingCustomers: 2, orders: 2, gmvFen: 6000, refundFen: 0 });
    expect(r.current.aovFen).toBe(3000);
    expect(r.current.conversion).toBeCloseTo(2 / 3);
    expect(r.previous.metrics).toMatchObject({ visitors: 2, payingCustomers: 1, orders: 1, gmvFen: 3000 });
    expect(r.change.visitors).toBeCloseTo(0.5);
    expect(r.change.gmvFen).toBeCloseTo(1);
    expect(r.change.aovFen).toBe(0);
    expect(r.change.conversion).toBeCloseTo(1 / 3);
    expect(r.change.refundFen).toBeNull();
  });

  it('week 2026-W14 (Mon 03-30 … Sun 04-05) against an empty W13', () => {
    const r = comparedReport(parsePeriod('week', '2026-W14'), lookup);
    expect(r.current.metrics).toMatchObject({ visitors: 6, newUsers: 4, payingCustomers: 4, orders: 4, gmvFen: 13000, refunds: 1, refundFen: 2000 });
    expect(r.current.aovFen).toBe(3250);
    expect(r.current.conversion).toBeCloseTo(4 / 6);
    expect(r.current.daysWithData).toBe(3);
    expect(r.previous.metrics.visitors).toBe(0);
    expect(r.previous.aovFen).toBe(0);
    expect(r.previous.conversion).toBe(0);
    expect(r.change.gmvFen).toBeNull();
    // the 04-06 visit belongs to W15
    expect(periodReport(parsePeriod('week', '2026-W15'), lookup).metrics.visitors).toBe(1);
  });

  it('month 2026-04 against 2026-03, quarter Q2 against Q1 (split at the 23:30 / 00:30 orders)', () => {
    const month = comparedReport(parsePeriod('month', '2026-04'), lookup);
    expect(month.previous.metrics).toMatchObject({ visitors: 5, newUsers: 4, payingCustomers: 3, orders: 3, gmvFen: 9000, refundFen: 0 });
    expect(month.previous.aovFen).toBe(3000);
    expect(month.previous.conversion).toBeCloseTo(3 / 5);
    expect(month.current.metrics).toMatchObject({ visitors: 2, newUsers: 0, payingCustomers: 1, orders: 1, gmvFen: 4000, refunds: 1, refundFen: 2000 });
    expect(month.current.aovFen).toBe(4000);
    expect(month.current.conversion).toBeCloseTo(1 / 2);
    expect(month.change.gmvFen).toBeCloseTo(-5 / 9);
    expect(month.change.conversion).toBeCloseTo((0.5 - 0.6) / 0.6);

    const quarter = comparedReport(parsePeriod('quarter', '2026-Q2'), lookup);
    expect(quarter.previous.period.key).toBe('2026-Q1');
    expect(quarter.previous.metrics).toEqual(month.previous.metrics);
    expect(quarter.current.metrics).toEqual(month.current.metrics);
  });

  it('gives the same money and event totals as computing straight from the raw history', () => {
    for (const [kind, key] of [['week', '2026-W14'], ['month', '2026-03'], ['month', '2026-04'], ['quarter', '2026-Q1'], ['quarter', '2026-Q2']] as Array<[PeriodKind, string]>) {
      const period = parsePeriod(kind, key);
      const { start, end } = periodRange(period);
      const inP = (t: number | undefined) => t !== undefined && t >= start && t < end;
      const paid = HISTORY.orders.filter((o) => inP(o.payment?.paidAt));
      const refunds = HISTORY.orders.flatMap((o) => o.refunds).filter((r) => r.status === 'succeeded' && inP(r.refundedAt));
      const count = (type: string) => HISTORY.events.filter((e) => e.type === type && inP(e.at)).length;
      const m = periodReport(period, lookup).metrics;
      expect(m.orders).toBe(paid.length);
      expect(m.gmvFen).toBe(paid.reduce((s, o) => s + (o.payment?.paidFen ?? 0), 0));
      expect(m.refundFen).toBe(refunds.reduce((s, r) => s + r.amountFen, 0));
      expect(m.visits).toBe(HISTORY.visits.filter((v) => inP(v.at)).length);
      expect(m.newUsers).toBe(HISTORY.users.filter((u) => inP(u.createdAt)).length);
      expect(m.goodsViews).toBe(count('goods_view'));
      expect(m.addToCarts).toBe(count('add_to_cart'));
      expect(m.checkoutStarts).toBe(count('checkout_start'));
      // visitors summed per day = distinct (person, shop day) pairs with any activity
      const pairs = new Set(
        [...HISTORY.visits, ...HISTORY.events.filter((e) => e.type !== 'paid'), ...paid.map((o) => ({ openid: o.openid, at: o.payment!.paidAt! }))]
          .filter((x) => inP(x.at))
          .map((x) => `${x.openid}@${dayKeyOf(x.at)}`),
      );
      expect(m.visitors).toBe(pairs.size);
    }
  });

  it('lists the days a report needs (its period and the previous one)', () => {
    expect(daysNeeded(parsePeriod('week', '2026-W14'))).toHaveLength(14);
    expect(daysNeeded(parsePeriod('day', '2026-04-01'))).toEqual(['2026-03-31', '2026-04-01']);
  });
});
