import fc from 'fast-check';
import { rollupDay } from './daily-rollup';
import { at, HISTORY } from './hand-made-history';
import { dayRange } from './shop-calendar';
import type { DayFacts } from './rollup-input';

const NOW = at('2026-04-07', '02:00');

/** Only the facts whose time falls in the day (what a reader querying by [start, end) gets). */
function factsOfDay(day: string, h: DayFacts = HISTORY): DayFacts {
  const { start, end } = dayRange(day);
  const inDay = (t: number) => t >= start && t < end;
  const cohortDays = [0, 1, 7, 30].map((k) => dayRange(new Date(Date.parse(day) - k * 86_400_000).toISOString().slice(0, 10)));
  return {
    visits: h.visits.filter((v) => inDay(v.at)),
    events: h.events.filter((e) => inDay(e.at)),
    users: h.users.filter((u) => cohortDays.some((r) => u.createdAt >= r.start && u.createdAt < r.end)),
    orders: h.orders.filter((o) => (o.payment?.paidAt !== undefined && inDay(o.payment.paidAt)) || o.refunds.some((r) => r.refundedAt !== undefined && inDay(r.refundedAt))),
  };
}

describe('rollupDay on the hand-made history', () => {
  it('rolls up 2026-03-30 (the 23:30 order stays on the 30th)', () => {
    const r = rollupDay('2026-03-30', HISTORY, { now: NOW });
    expect(r).toMatchObject({ _id: '2026-03-30', day: '2026-03-30', timeZone: 'Asia/Shanghai', computedAt: NOW });
    expect(r.totals).toEqual({
      visits: 2, visitors: 2, newUsers: 2, pageViews: 1, goodsViews: 2, addToCarts: 1, checkoutStarts: 1, shares: 0,
      payingCustomers: 1, orders: 1, gmvFen: 3000, refunds: 0, refundFen: 0,
    });
    expect(r.channels).toEqual([
      { key: 'qr', visits: 1, visitors: 1, newUsers: 1, orders: 1, gmvFen: 3000 },
      { key: 'share', visits: 1, visitors: 1, newUsers: 1, orders: 0, gmvFen: 0 },
    ]);
    expect(r.scenes.map((s) => s.key)).toEqual(['1007', '1047']);
    expect(r.qrCodes).toEqual([{ key: 'Q1', visits: 1, visitors: 1, newUsers: 1, orders: 1, gmvFen: 3000 }]);
    expect(r.referrers).toEqual([{ key: 'rA', visits: 1, visitors: 1, newUsers: 1, orders: 0, gmvFen: 0 }]);
    expect(r.pages).toEqual([{ page: 'pages/index/index', views: 1, visitors: 1 }]);
    expect(r.funnel).toEqual([
      { channel: 'all', visited: 2, viewedGoods: 2, addedToCart: 1, startedCheckout: 1, paid: 1 },
      { channel: 'qr', visited: 1, viewedGoods: 1, addedToCart: 1, startedCheckout: 1, paid: 1 },
      { channel: 'share', visited: 1, viewedGoods: 1, addedToCart: 0, startedCheckout: 0, paid: 0 },
    ]);
    expect(r.returning).toEqual({ d1: 0, d7: 0, d30: 0 });
  });

  it('rolls up 2026-03-31 (00:30 and 23:30 orders both on the 31st; a forged paid event counts for nothing)', () => {
    const r = rollupDay('2026-03-31', HISTORY, { now: NOW });
    expect(r.totals).toEqual({
      visits: 3, visitors: 3, newUsers: 2, pageViews: 2, goodsViews: 1, addToCarts: 1, checkoutStarts: 1, shares: 1,
      payingCustomers: 2, orders: 2, gmvFen: 6000, refunds: 0, refundFen: 0,
    });
    expect(r.channels).toEqual([
      { key: 'direct', visits: 2, visitors: 2, newUsers: 1, orders: 1, gmvFen: 1000 },
      { key: 'search', visits: 1, visitors: 1, newUsers: 1, orders: 1, gmvFen: 5000 },
    ]);
    expect(r.qrCodes).toEqual([]);
    expect(r.pages).toEqual([{ page: 'pages/index/index', views: 2, visitors: 2 }]);
    expect(r.funnel).toEqual([
      { channel: 'all', visited: 3, viewedGoods: 1, addedToCart: 1, startedCheckout: 0, paid: 0 },
      { channel: 'search', visited: 1, viewedGoods: 1, addedToCart: 1, startedCheckout: 0, paid: 0 },
      { channel: 'direct', visited: 2, viewedGoods: 0, addedToCart: 0, startedCheckout: 0, paid: 0 },
    ]);
    expect(r.returning).toEqual({ d1: 1, d7: 0, d30: 0 });
  });

  it('rolls up 2026-04-01 (the 00:30 order and a refund) and 2026-04-06 (day-7 return)', () => {
    const r = rollupDay('2026-04-01', HISTORY, { now: NOW });
    expect(r.totals).toEqual({
      visits: 1, visitors: 1, newUsers: 0, pageViews: 0, goodsViews: 1, addToCarts: 1, checkoutStarts: 1, shares: 0,
      payingCustomers: 1, orders: 1, gmvFen: 4000, refunds: 1, refundFen: 2000,
    });
    expect(r.qrCodes).toEqual([{ key: 'Q1', visits: 1, visitors: 1, newUsers: 0, orders: 1, gmvFen: 4000 }]);
    expect(r.funnel).toEqual([
      { channel: 'all', visited: 1, viewedGoods: 1, addedToCart: 1, startedCheckout: 1, paid: 1 },
      { channel: 'qr', visited: 1, viewedGoods: 1, addedToCart: 1, startedCheckout: 1, paid: 1 },
    ]);
    expect(r.returning).toEqual({ d1: 1, d7: 0, d30: 0 });
    expect(rollupDay('2026-04-06', HISTORY, { now: NOW }).returning).toEqual({ d1: 0, d7: 1, d30: 0 });
  });

  it('is idempotent: the same day gives the same document, whatever the order or superset of the facts', () => {
    const shuffled: DayFacts = {
      visits: [...HISTORY.visits].reverse(),
      events: [...HISTORY.events].reverse(),
      users: [...HISTORY.users].reverse(),
      orders: [...HISTORY.orders].reverse(),
    };
    for (const day of ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-06']) {
      const once = rollupDay(day, HISTORY, { now: NOW });
      expect(rollupDay(day, HISTORY, { now: NOW })).toEqual(once);
      expect(rollupDay(day, shuffled, { now: NOW })).toEqual(once);
      expect(rollupDay(day, factsOfDay(day), { now: NOW })).toEqual(once);
    }
  });

  it('counts a late event when its day is rolled up again', () => {
    const before = rollupDay('2026-03-31', HISTORY, { now: NOW });
    const late: DayFacts = { ...HISTORY, events: [...HISTORY.events, { type: 'goods_view', openid: 'A', at: at('2026-03-31', '23:59') }] };
    const after = rollupDay('2026-03-31', late, { now: NOW + 1 });
    expect(after.totals.goodsViews).toBe(before.totals.goodsViews + 1);
    expect(after.funnel[0]).toEqual({ channel: 'all', visited: 3, viewedGoods: 2, addedToCart: 1, startedCheckout: 0, paid: 0 });
  });

  it('uses the configured time zone for the day', () => {
    // In UTC, the 00:30 Shanghai order of 04-01 (16:30 UTC on 03-31) belongs to 03-31.
    const r = rollupDay('2026-03-31', HISTORY, { now: NOW, timeZone: 'UTC' });
    expect(r.timeZone).toBe('UTC');
    expect(r.totals.orders).toBe(2); // 03-31 00:30 +08 is 03-30 UTC; 03-31 23:30 +08 and 04-01 00:30 +08 are 03-31 UTC
    expect(r.totals.gmvFen).toBe(5000);
  });

  it('cut off at `until`: 03-31 up to 12:00 has C and A, not D (12:00) nor A\'s 23:30 order', () => {
    const r = rollupDay('2026-03-31', HISTORY, { now: NOW, until: at('2026-03-31', '12:00') });
    // visits C 00:30 (search), A 09:00 (direct); events before noon: C page/goods/cart, A page/checkout; C new at 00:30
    expect(r.totals).toEqual({
      visits: 2, visitors: 2, newUsers: 1, pageViews: 2, goodsViews: 1, addToCarts: 1, checkoutStarts: 1, shares: 0,
      payingCustomers: 1, orders: 1, gmvFen: 5000, refunds: 0, refundFen: 0,
    });
    expect(r.returning).toEqual({ d1: 1, d7: 0, d30: 0 }); // A (created 03-30) is back before noon
    // the refund of 04-01 08:30 counts from 08:30 on, not before
    expect(rollupDay('2026-04-01', HISTORY, { now: NOW, until: at('2026-04-01', '08:30') }).totals).toMatchObject({ orders: 1, refunds: 0, refundFen: 0 });
    expect(rollupDay('2026-04-01', HISTORY, { now: NOW, until: at('2026-04-01', '08:31') }).totals).toMatchObject({ orders: 1, refunds: 1, refundFen: 2000 });
  });

  it('cut off at `until` = the rollup of only the facts before `until` (and the day\'s end = the whole day)', () => {
    const before = (t: number): DayFacts => ({
      visits: HISTORY.visits.filter((v) => v.at < t),
      events: HISTORY.events.filter((e) => e.at < t),
      users: HISTORY.users.filter((u) => u.createdAt < t),
      orders: HISTORY.orders.map((o) => ({
        ...o,
        ...(o.payment?.paidAt !== undefined && o.payment.paidAt >= t ? { payment: undefined } : {}),
        refunds: o.refunds.filter((r) => r.refundedAt === undefined || r.refundedAt < t),
      })),
    });
    const days = ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-06'];
    for (const day of days) expect(rollupDay(day, HISTORY, { now: NOW, until: dayRange(day).end })).toEqual(rollupDay(day, HISTORY, { now: NOW }));
    fc.assert(
      fc.property(fc.constantFrom(...days), fc.integer({ min: 0, max: 86_400_000 }), (day, ms) => {
        const until = dayRange(day).start + ms;
        expect(rollupDay(day, HISTORY, { now: NOW, until })).toEqual(rollupDay(day, before(until), { now: NOW }));
      }),
    );
  });
});
