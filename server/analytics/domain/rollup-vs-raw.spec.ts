/**
 * On random histories (times spread over a week, many of them close to shop midnight): rolling up each day and
 * summing equals counting the raw facts of the week directly, and a day's rollup does not depend on what else
 * (other days, order of the facts) it is given.
 */
import fc from 'fast-check';
import type { TouchChannel } from '../../../typings/shop/attribution';
import { rollupDay } from './daily-rollup';
import { lookupFrom, periodReport } from './reports';
import { dayRange, daysOf, parsePeriod, periodRange } from './shop-calendar';
import type { DayFacts } from './rollup-input';

const WEEK = parsePeriod('week', '2026-W14');
const { start, end } = periodRange(WEEK);
const HOUR = 3_600_000;
// anywhere in the week and 6 hours either side, with a bias to the minutes around each shop midnight
const time = fc.oneof(
  fc.integer({ min: start - 6 * HOUR, max: end + 6 * HOUR }),
  fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: -90_000, max: 90_000 })).map(([d, off]) => start + d * 24 * HOUR + off),
);
const who = fc.constantFrom('A', 'B', 'C', 'D', 'E');
const channel = fc.constantFrom<TouchChannel>('qr', 'share', 'search', 'direct');
const touch = fc.record({ at: fc.constant(0), scene: fc.constantFrom(1047, 1007, 1001), channel });

const history: fc.Arbitrary<DayFacts> = fc.record({
  visits: fc.array(fc.record({ openid: who, at: time, touch }), { maxLength: 30 }),
  events: fc.array(fc.record({ openid: who, at: time, type: fc.constantFrom('page_view', 'goods_view', 'add_to_cart', 'checkout_start', 'share', 'paid' as const) }), { maxLength: 40 }),
  users: fc.uniqueArray(fc.record({ _id: who, createdAt: time, firstTouch: touch }), { selector: (u) => u._id }),
  orders: fc.array(
    fc.record({
      openid: who,
      attribution: touch,
      amounts: fc.record({ totalFen: fc.integer({ min: 1, max: 100_000 }) }),
      payment: fc.option(fc.record({ paidAt: time, paidFen: fc.integer({ min: 1, max: 100_000 }) }), { nil: undefined }),
      refunds: fc.array(fc.record({ status: fc.constantFrom('succeeded', 'failed'), amountFen: fc.integer({ min: 1, max: 5000 }), refundedAt: time }), { maxLength: 2 }),
    }),
    { maxLength: 12 },
  ),
}) as fc.Arbitrary<DayFacts>;

const inWeek = (t: number | undefined) => t !== undefined && t >= start && t < end;

it('summed daily rollups equal the raw counts of the week', () => {
  fc.assert(
    fc.property(history, (h) => {
      const rollups = daysOf(WEEK).map((d) => rollupDay(d, h, { now: 0 }));
      const m = periodReport(WEEK, lookupFrom(rollups)).metrics;
      const paid = h.orders.filter((o) => inWeek(o.payment?.paidAt));
      const refunds = h.orders.flatMap((o) => o.refunds).filter((r) => r.status === 'succeeded' && inWeek(r.refundedAt));
      const count = (type: string) => h.events.filter((e) => e.type === type && inWeek(e.at)).length;
      expect(m.visits).toBe(h.visits.filter((v) => inWeek(v.at)).length);
      expect(m.newUsers).toBe(h.users.filter((u) => inWeek(u.createdAt)).length);
      expect(m.orders).toBe(paid.length);
      expect(m.gmvFen).toBe(paid.reduce((s, o) => s + o.payment!.paidFen!, 0));
      expect(m.refunds).toBe(refunds.length);
      expect(m.refundFen).toBe(refunds.reduce((s, r) => s + r.amountFen, 0));
      expect(m.pageViews).toBe(count('page_view'));
      expect(m.goodsViews).toBe(count('goods_view'));
      expect(m.addToCarts).toBe(count('add_to_cart'));
      expect(m.checkoutStarts).toBe(count('checkout_start'));
      expect(m.shares).toBe(count('share'));
      // per-channel order sums add up to the totals
      for (const r of rollups) {
        expect(r.channels.reduce((s, c) => s + c.gmvFen, 0)).toBe(r.totals.gmvFen);
        expect(r.channels.reduce((s, c) => s + c.visits, 0)).toBe(r.totals.visits);
        const f = r.funnel[0];
        expect(f.visited).toBe(r.totals.visitors);
        expect([f.viewedGoods <= f.visited, f.addedToCart <= f.viewedGoods, f.startedCheckout <= f.addedToCart, f.paid <= f.startedCheckout]).toEqual([true, true, true, true]);
      }
    }),
    { numRuns: 100 },
  );
});

it('a day\'s rollup is the same given only that day\'s facts, in any order', () => {
  fc.assert(
    fc.property(history, fc.integer({ min: 0, max: 6 }), (h, i) => {
      const day = daysOf(WEEK)[i];
      const full = rollupDay(day, h, { now: 1 });
      const reversed: DayFacts = { visits: [...h.visits].reverse(), events: [...h.events].reverse(), users: [...h.users].reverse(), orders: [...h.orders].reverse() };
      expect(rollupDay(day, reversed, { now: 1 })).toEqual(full);
      const r = dayRange(day);
      const inDay = (t: number | undefined) => t !== undefined && t >= r.start && t < r.end;
      const onlyDay: DayFacts = {
        visits: h.visits.filter((v) => inDay(v.at)),
        events: h.events.filter((e) => inDay(e.at)),
        users: h.users,
        orders: h.orders.filter((o) => inDay(o.payment?.paidAt) || o.refunds.some((x) => inDay(x.refundedAt))),
      };
      expect(rollupDay(day, onlyDay, { now: 1 })).toEqual(full);
    }),
    { numRuns: 100 },
  );
});
