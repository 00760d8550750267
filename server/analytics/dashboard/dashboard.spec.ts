/**
 * The staff dashboard actions on the emulator, through the gateway, over the hand-made history
 * (domain/hand-made-history.ts). The expected numbers are worked out by hand from that history (see the comments);
 * staff only, bad inputs refused, and the documents each answer reads grow with the days asked, never the events.
 */
import type { OrderTestEnv } from '../../orders/test-support';
import { at } from '../domain/hand-made-history';
import { addDays, daysFrom } from '../domain/shop-calendar';
import { emptyMetrics } from '../domain/daily-rollup';
import { BOM } from './csv';
import { STAFF_OPENID, startAnalyticsEnv } from '../test-support';

let env: OrderTestEnv;

const staff = <T = any>(action: string, input: unknown) => env.ok<T>('analytics', action, input, STAFF_OPENID);

describe('dashboard.overview (04-01 live, against 03-31 rolled up)', () => {
  // "today" is 04-01 18:00 (shop time); 03-30 and 03-31 are rolled up.
  beforeAll(async () => {
    env = await startAnalyticsEnv({ clockStart: at('2026-04-01', '18:00'), rollup: { from: '2026-03-30', to: '2026-03-31' } });
  }, 60_000);
  afterAll(() => env?.stop());

  it('answers today so far from a live rollup and yesterday from its document, with the change', async () => {
    const o = await staff('dashboard.overview', { days: 7 });
    // 04-01 so far: C visits (00:20, QR), pays 4000 at 00:30; C's 03-31 order is refunded 2000 at 08:30
    expect(o.today).toEqual({
      day: '2026-04-01', visitors: 1, newUsers: 0, payingCustomers: 1, orders: 1, gmvFen: 4000, refunds: 1, refundFen: 2000, aovFen: 4000, conversion: 1,
    });
    // 03-31: A, C, D came; C (5000, 00:30) and A (1000, 23:30) paid; C and D are new
    expect(o.yesterday).toEqual({
      day: '2026-03-31', visitors: 3, newUsers: 2, payingCustomers: 2, orders: 2, gmvFen: 6000, refunds: 0, refundFen: 0, aovFen: 3000, conversion: 2 / 3,
    });
    expect(o.change.visitors).toBeCloseTo(-2 / 3);
    expect(o.change.gmvFen).toBeCloseTo(-1 / 3);
    expect(o.change.aovFen).toBeCloseTo(1 / 3);
    expect(o.change.conversion).toBeCloseTo(0.5);
    expect(o.change.refundFen).toBeNull();
    expect(o.timeZone).toBe('Asia/Shanghai');
    expect(o.trend.map((p: any) => p.day)).toEqual(daysFrom('2026-03-26', '2026-04-01'));
    expect(o.trend.map((p: any) => p.hasData)).toEqual([false, false, false, false, true, true, true]);
    expect(o.trend.map((p: any) => p.gmvFen)).toEqual([0, 0, 0, 0, 3000, 6000, 4000]);
    expect(o.trend[4]).toMatchObject({ day: '2026-03-30', visitors: 2, newUsers: 2, visits: 2, pageViews: 1, orders: 1 });
    expect((await staff('dashboard.overview', {})).trend).toHaveLength(30);
  });

  it('keeps today\'s live rollup for 2 minutes (the page\'s several actions read today\'s facts once)', async () => {
    env.coll('visits').insertOne({ _id: 'v-new', openid: 'E', at: at('2026-04-01', '17:59'), touch: { at: at('2026-04-01', '17:59'), scene: 1001, channel: 'direct' } });
    const cached = await env.call('analytics', 'dashboard.overview', { days: 7 }, STAFF_OPENID);
    expect(cached.reply).toMatchObject({ ok: true, data: { today: { visitors: 1 } } });
    const reads = await env.quota(cached.invocationId);
    await env.emu.clock.advance(3 * 60_000);
    const fresh = await env.call('analytics', 'dashboard.overview', { days: 7 }, STAFF_OPENID);
    expect(fresh.reply).toMatchObject({ ok: true, data: { today: { visitors: 2 } } });
    expect((await env.quota(fresh.invocationId)).dbReadRequests).toBeGreaterThan(reads.dbReadRequests);
  });
});

describe('after the whole history is rolled up (today 04-07 12:00)', () => {
  beforeAll(async () => {
    env = await startAnalyticsEnv({ clockStart: at('2026-04-07', '12:00'), rollup: { from: '2026-03-30', to: '2026-04-06' } });
  }, 60_000);
  afterAll(() => env?.stop());

  it('reports.period: week 14 summed per day, with its distinct people; the current month against March', async () => {
    const w = await staff('reports.period', { period: 'week', key: '2026-W14' });
    expect(w.current.period).toEqual({ kind: 'week', key: '2026-W14', first: '2026-03-30', last: '2026-04-05' });
    // visitor-days 2 + 3 + 1 = 6; but only A, B, C, D (4 people), of whom A and C paid
    expect(w.current.metrics).toMatchObject({ visitors: 6, newUsers: 4, payingCustomers: 4, orders: 4, gmvFen: 13000, refunds: 1, refundFen: 2000 });
    expect(w.current.aovFen).toBe(3250);
    expect(w.current.daysWithData).toBe(7);
    expect(w.current.distinct).toEqual({ visitors: 4, payingCustomers: 2, conversion: 0.5 });
    expect(w.previous.period.key).toBe('2026-W13');
    expect(w.previous.metrics).toEqual(emptyMetrics());
    expect(w.previous.distinct).toBeNull();
    expect(w.change.gmvFen).toBeNull();

    const m = await staff('reports.period', { period: 'month' });
    expect(m.current.period.key).toBe('2026-04');
    expect(m.current.metrics).toMatchObject({ visitors: 2, payingCustomers: 1, orders: 1, gmvFen: 4000, refundFen: 2000 });
    expect(m.current.distinct).toEqual({ visitors: 2, payingCustomers: 1, conversion: 0.5 });
    expect(m.previous.metrics).toMatchObject({ visitors: 5, newUsers: 4, payingCustomers: 3, orders: 3, gmvFen: 9000 });
    expect(m.previous.distinct).toEqual({ visitors: 4, payingCustomers: 2, conversion: 0.5 });
    expect(m.change.gmvFen).toBeCloseTo(-5 / 9);

    const d = await staff('reports.period', { period: 'day', key: '2026-03-31' });
    expect(d.current.distinct).toBeNull();
    expect(d.change.visitors).toBeCloseTo(0.5);
  });

  it('retention.cohorts: day-1/7/30 of each day, and weekly / monthly cohort tables', async () => {
    const day = await staff('retention.cohorts', { grain: 'day', count: 8 });
    expect(day.rows.map((r: any) => r.day)).toEqual(daysFrom('2026-03-30', '2026-04-06'));
    // 03-30: A, B new; A back on 03-31 (d1) and on 04-06 (d7); 04-29 not yet
    expect(day.rows[0]).toEqual({ day: '2026-03-30', cohort: 2, d1: 0.5, d7: 0.5, d30: null, returned: { d1: 1, d7: 1, d30: null } });
    // 03-31: C, D new; C back on 04-01; 04-07 not rolled up yet
    expect(day.rows[1]).toEqual({ day: '2026-03-31', cohort: 2, d1: 0.5, d7: null, d30: null, returned: { d1: 1, d7: null, d30: null } });
    expect(day.rows[2]).toMatchObject({ day: '2026-04-01', cohort: 0, d1: 0, d7: null });

    const week = await staff('retention.cohorts', { grain: 'week', count: 2 });
    expect(week).toEqual({
      grain: 'week',
      columns: 2,
      rows: [
        { cohort: '2026-W14', size: 4, retained: [4, 1], rates: [1, 0.25] }, // A came back in W15
        { cohort: '2026-W15', size: 0, retained: [0, null], rates: [0, null] },
      ],
    });
    const month = await staff('retention.cohorts', { grain: 'month', count: 2 });
    expect(month.rows[0]).toEqual({ cohort: '2026-03', size: 4, retained: [4, 2], rates: [1, 0.5] }); // C and A in April
  });

  it('funnel.get: summed steps with drop-off, per day and per channel', async () => {
    const f = await staff('funnel.get', { from: '2026-03-30', to: '2026-04-01' });
    expect(f.steps.map((s: any) => s.users)).toEqual([6, 4, 3, 2, 2]);
    expect(f.steps[1]).toMatchObject({ step: 'viewedGoods', fromPrevious: 4 / 6, fromStart: 4 / 6 });
    expect(f.steps[1].dropOff).toBeCloseTo(1 / 3);
    expect(f.steps[4]).toMatchObject({ step: 'paid', fromPrevious: 1, dropOff: 0, fromStart: 2 / 6 });
    expect(f.days).toEqual([
      { day: '2026-03-30', visited: 2, viewedGoods: 2, addedToCart: 1, startedCheckout: 1, paid: 1 },
      { day: '2026-03-31', visited: 3, viewedGoods: 1, addedToCart: 1, startedCheckout: 0, paid: 0 },
      { day: '2026-04-01', visited: 1, viewedGoods: 1, addedToCart: 1, startedCheckout: 1, paid: 1 },
    ]);
    expect(f.byChannel).toEqual([
      { channel: 'qr', visited: 2, viewedGoods: 2, addedToCart: 2, startedCheckout: 2, paid: 2 },
      { channel: 'share', visited: 1, viewedGoods: 1, addedToCart: 0, startedCheckout: 0, paid: 0 },
      { channel: 'search', visited: 1, viewedGoods: 1, addedToCart: 1, startedCheckout: 0, paid: 0 },
      { channel: 'direct', visited: 2, viewedGoods: 0, addedToCart: 0, startedCheckout: 0, paid: 0 },
    ]);
    const qr = await staff('funnel.get', { from: '2026-03-30', to: '2026-04-01', channel: 'qr' });
    expect(qr.steps.map((s: any) => s.users)).toEqual([2, 2, 2, 2, 2]);
    expect(qr.days[1]).toEqual({ day: '2026-03-31', visited: 0, viewedGoods: 0, addedToCart: 0, startedCheckout: 0, paid: 0 });
  });

  it('channels.get: per channel, QR code and sharer, with shares of the totals', async () => {
    const c = await staff('channels.get', { from: '2026-03-30', to: '2026-04-06' });
    // 7 visits, 4 new users, 4 orders, 13000 fen in all
    expect(c.channels.map((r: any) => [r.key, r.visits, r.visitors, r.newUsers, r.orders, r.gmvFen])).toEqual([
      ['qr', 2, 2, 1, 2, 7000],
      ['search', 1, 1, 1, 1, 5000],
      ['direct', 3, 3, 1, 1, 1000],
      ['share', 1, 1, 1, 0, 0],
    ]);
    expect(c.channels[0].share).toEqual({ visits: 2 / 7, newUsers: 1 / 4, orders: 2 / 4, gmvFen: 7000 / 13000 });
    expect(c.qrCodes).toEqual([{ key: 'Q1', visits: 2, visitors: 2, newUsers: 1, orders: 2, gmvFen: 7000, share: { visits: 1, newUsers: 1, orders: 1, gmvFen: 1 } }]);
    expect(c.referrers).toEqual([{ key: 'rA', visits: 1, visitors: 1, newUsers: 1, orders: 0, gmvFen: 0, share: { visits: 1, newUsers: 1, orders: 0, gmvFen: 0 } }]);
    expect(c.scenes.map((r: any) => r.key).sort()).toEqual(['1001', '1007', '1047', '1053']);
    expect(c.shares).toBe(1);
  });

  it('segments.get and segments.members: counts now, per day, definitions, and pages of members', async () => {
    const s = await staff('segments.get', { days: 8 });
    expect(s.definitions).toEqual({ atRiskDays: 30, churnedDays: 90 });
    expect(s.descriptions.map((d: any) => d.segment)).toEqual(['churned', 'at_risk', 'active_customer', 'new_returning', 'new_first_visit']);
    // A and C paid; B and D never did and visited on one day only
    expect(s.counts).toEqual({ new_first_visit: 2, new_returning: 0, active_customer: 2, at_risk: 0, churned: 0 });
    expect(s.series.map((p: any) => p.day)).toEqual(daysFrom('2026-03-30', '2026-04-06'));
    expect(s.series[0].counts).toEqual({ new_first_visit: 1, new_returning: 0, active_customer: 1, at_risk: 0, churned: 0 });
    expect((await staff('segments.get', { days: 10 })).series[0]).toEqual({ day: '2026-03-28', counts: null });

    const p1 = await staff('segments.members', { segment: 'new_first_visit', limit: 1 });
    expect(p1).toEqual({ segment: 'new_first_visit', openids: ['B'], nextCursor: 'B' });
    const p2 = await staff('segments.members', { segment: 'new_first_visit', limit: 1, cursor: 'B' });
    expect(p2.openids).toEqual(['D']);
    expect(await staff('segments.members', { segment: 'new_first_visit', cursor: 'D' })).toEqual({ segment: 'new_first_visit', openids: [] });
    expect((await staff('segments.members', { segment: 'active_customer' })).openids).toEqual(['A', 'C']);
  });

  it('reports.export: a CSV with a BOM in cloud storage, one row per day', async () => {
    const out = await staff('reports.export', { report: 'daily', params: { from: '2026-03-30', to: '2026-04-01' } });
    expect(out.rows).toBe(3);
    expect(out.fileID).toMatch(/^cloud:\/\/.+\/exports\/daily-\d{8}T\d{9}Z\.csv$/);
    const bytes = Buffer.from(await (await fetch(out.tempFileURL)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 BOM
    const lines = bytes.toString('utf8').replace(BOM, '').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^日期,访客,新用户,付款人数,订单数,成交额\(分\)/);
    expect(lines[2]).toMatch(/^2026-03-31,3,2,2,2,6000,0,0,3000,/);
    const members = await staff('reports.export', { report: 'segment_members', params: { segment: 'active_customer' } });
    expect(members.rows).toBe(2);
    const ch = await staff('reports.export', { report: 'channels', params: { from: '2026-03-30', to: '2026-04-06', dimension: 'qrCodes' } });
    expect(ch.rows).toBe(1);
    for (const report of [
      { report: 'period', params: { period: 'quarter', key: '2026-Q2' } },
      { report: 'retention', params: { grain: 'week', count: 2 } },
      { report: 'funnel', params: { from: '2026-03-30', to: '2026-04-01' } },
      { report: 'segments', params: { days: 8 } },
    ]) {
      expect((await staff('reports.export', report)).rows).toBeGreaterThan(0);
    }
  });

  it('refuses customers and callers without an openid, changing nothing', async () => {
    for (const [action, input] of [
      ['dashboard.overview', {}],
      ['reports.period', { period: 'day' }],
      ['segments.members', { segment: 'churned' }],
      ['reports.export', { report: 'segment_members', params: { segment: 'active_customer' } }],
    ] as const) {
      expect((await env.call('analytics', action, input, 'o-alice')).reply).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect((await env.call('analytics', action, input, '')).reply).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    }
  });

  it('refuses bad inputs', async () => {
    const bad = async (action: string, input: unknown) => (await env.call('analytics', action, input, STAFF_OPENID)).reply;
    const far = addDays('2026-04-06', -400);
    for (const [action, input] of [
      ['funnel.get', { from: '2026-04-02', to: '2026-04-01' }],
      ['channels.get', { from: far, to: '2026-04-06' }],
      ['channels.get', { from: '2026-02-30', to: '2026-03-01' }],
      ['reports.period', { period: 'week', key: '2026-W54' }],
      ['reports.period', { period: 'year' }],
      ['retention.cohorts', { grain: 'day', count: 121 }],
      ['retention.cohorts', { grain: 'month', count: 0 }],
      ['funnel.get', { from: '2026-03-30', to: '2026-04-01', channel: 'tv' }],
      ['segments.members', { segment: 'vip' }],
      ['segments.members', { segment: 'churned', limit: 1001 }],
      ['dashboard.overview', { days: 3 }],
      ['dashboard.overview', { extra: 1 }],
      ['reports.export', { report: 'everything', params: {} }],
      ['reports.export', { report: 'daily', params: { from: far, to: '2026-04-06' } }],
    ] as const) {
      expect([action, input, await bad(action, input)]).toEqual([action, input, expect.objectContaining({ ok: false, code: 'INVALID_INPUT' })]);
    }
    // 400 days is the most a range may have
    expect(await bad('channels.get', { from: addDays('2026-04-06', -399), to: '2026-04-06' })).toMatchObject({ ok: true });
  });

  // These two change the stored data: they run last.
  const reads = async (action: string, input: unknown) => {
    const { reply, invocationId } = await env.call('analytics', action, input, STAFF_OPENID);
    expect(reply).toMatchObject({ ok: true });
    const q = await env.quota(invocationId);
    return { docs: q.dbReadDocs, requests: q.dbReadRequests };
  };
  const DASHBOARD: Array<[string, unknown]> = [
    ['reports.period', { period: 'week', key: '2026-W14' }],
    ['channels.get', { from: '2026-03-30', to: '2026-04-06' }],
    ['funnel.get', { from: '2026-03-30', to: '2026-04-06' }],
    ['retention.cohorts', { grain: 'week', count: 2 }],
    ['retention.cohorts', { grain: 'day', count: 8 }],
    ['segments.get', { days: 8 }],
  ];

  it('reads the same documents after 10,000 more events on a day (the reports read rollups, not events)', async () => {
    for (const [action, input] of DASHBOARD) await reads(action, input); // today's live rollup is then kept (analytics_live)
    const before = [];
    for (const [action, input] of DASHBOARD) before.push(await reads(action, input));
    // the staff check, the settings, one range read of W13 + W14 (only W14's 7 days are stored), W14's period document
    expect(before[0]).toEqual({ docs: 1 + 1 + 7 + 1, requests: 4 });
    const at3031 = at('2026-03-31', '15:00');
    env.coll('events').insertMany(
      Array.from({ length: 10_000 }, (_, i) => ({ _id: `bulk${i}`, type: 'page_view', page: 'pages/index/index', openid: `u${i % 500}`, at: at3031 + i, receivedAt: at3031 + i })),
    );
    await env.invoke('analyticsRollup', { day: '2026-03-31' }, { source: 'scf' });
    expect((env.coll('analytics_daily').byId('2026-03-31') as any).totals.pageViews).toBe(10_002);
    const after = [];
    for (const [action, input] of DASHBOARD) after.push(await reads(action, input));
    expect(after).toEqual(before);
  }, 60_000);

  it('reads O(days): a 365-day range reads 335 more documents than a 30-day one, in as many requests', async () => {
    const empty = (day: string) => ({ _id: day, day, timeZone: 'Asia/Shanghai', totals: emptyMetrics(), channels: [], scenes: [], qrCodes: [], referrers: [], pages: [], funnel: [], returning: { d1: 0, d7: 0, d30: 0 }, computedAt: 0 });
    env.coll('analytics_daily').insertMany(daysFrom(addDays('2026-04-06', -364), '2026-03-29').map(empty));
    const month = await reads('channels.get', { from: addDays('2026-04-06', -29), to: '2026-04-06' });
    const year = await reads('channels.get', { from: addDays('2026-04-06', -364), to: '2026-04-06' });
    expect(month).toEqual({ docs: 2 + 30, requests: 3 });
    expect(year).toEqual({ docs: 2 + 365, requests: 3 });
  });
});
