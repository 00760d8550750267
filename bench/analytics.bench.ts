/**
 * Operations data (issue 6).
 * - Pure: rolling up one day of 100,000 events in memory, and the dashboard's computations over 30 and 365 days.
 * - On the emulator: the `analyticsRollup` function rolling up one day of 100,000 events (reading the facts, writing
 *   the rollup, the customer facts and the period statistics), and the staff dashboard's load (the actions its pages
 *   call) over 30 and 365 days of demo history, with the documents read from the quota meters: O(days), never
 *   O(events) (only today's live rollup reads today's facts).
 */
import type { TouchChannel } from '../typings/shop/attribution';
import type { EventFact, DayFacts } from '../server/analytics/domain/rollup-input';
import { rollupDay } from '../server/analytics/domain/daily-rollup';
import { comparedReport, daysNeeded, lookupFrom } from '../server/analytics/domain/reports';
import { dailyRetention } from '../server/analytics/domain/retention';
import { funnelOver } from '../server/analytics/domain/funnel';
import { dimensionShares } from '../server/analytics/domain/channels';
import { addDays, dayRange, parsePeriod } from '../server/analytics/domain/shop-calendar';
import { measure, ms, printTable, type BenchRow } from './lib';
import { startOrderEnv, type OrderTestEnv } from '../server/orders/test-support';
import { demoShop, DEMO_STAFF } from '../scripts/demo-shop';

const DAY = '2026-03-31';
const CHANNELS: TouchChannel[] = ['qr', 'share', 'search', 'official_account', 'direct', 'other'];
const TYPES: EventFact['type'][] = ['page_view', 'page_view', 'page_view', 'goods_view', 'goods_view', 'add_to_cart', 'checkout_start', 'share'];

function dayOfFacts(day: string, events: number, seed = 1): DayFacts {
  let x = seed;
  const rnd = (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  const { start } = dayRange(day);
  const people = Math.max(10, Math.floor(events / 20));
  const visits = Array.from({ length: Math.floor(events / 8) }, () => {
    const channel = CHANNELS[rnd(CHANNELS.length)];
    const at = start + rnd(86_400_000);
    return { openid: `u${rnd(people)}`, at, touch: { at, scene: 1000 + rnd(100), channel, ...(channel === 'qr' ? { qr: `Q${rnd(20)}` } : {}) } };
  });
  const list: EventFact[] = Array.from({ length: events }, () => ({
    openid: `u${rnd(people)}`,
    at: start + rnd(86_400_000),
    type: TYPES[rnd(TYPES.length)],
    page: `pages/p${rnd(12)}/index`,
  }));
  const users = Array.from({ length: Math.floor(people / 10) }, (_, i) => ({ _id: `u${i}`, createdAt: start + rnd(86_400_000), firstTouch: visits[0].touch }));
  const orders = Array.from({ length: Math.floor(events / 200) }, () => {
    const paidAt = start + rnd(86_400_000);
    return { openid: `u${rnd(people)}`, attribution: visits[rnd(visits.length)].touch, amounts: { totalFen: 1000 + rnd(9000) }, payment: { paidAt, paidFen: 1000 + rnd(9000) }, refunds: [] };
  });
  return { visits, events: list, users, orders };
}

export async function analyticsBench(): Promise<void> {
  const rows: BenchRow[] = [];
  const facts = dayOfFacts(DAY, 100_000);
  const roll = await measure(5, async () => rollupDay(DAY, facts, { now: 0 }), 1);
  rows.push({ name: 'rollupDay: 100,000 events, 12,500 visits, 500 orders (in memory)', median: ms(roll.median), p95: ms(roll.p95) });

  const small = dayOfFacts(DAY, 2000);
  for (const days of [30, 365]) {
    const last = '2026-03-31';
    const rollups = Array.from({ length: days }, (_, i) => rollupDay(addDays(last, -i), { ...small, visits: [], events: [], users: [], orders: [] }, { now: 0 }));
    const base = rollupDay(DAY, small, { now: 0 });
    for (const r of rollups) Object.assign(r, { ...base, _id: r._id, day: r.day });
    const lookup = lookupFrom(rollups);
    const period = parsePeriod('day', last);
    const t = await measure(50, async () => {
      comparedReport(period, lookup);
      dailyRetention(rollups.map((r) => r.day), rollups);
      funnelOver(rollups);
      dimensionShares(rollups, 'channels');
      dimensionShares(rollups, 'qrCodes');
    });
    rows.push({ name: `dashboard computations over ${days} days of rollups`, median: ms(t.median), p95: ms(t.p95), extra: `documents read: ${days} (O(days)); a month report needs ${daysNeeded(parsePeriod('month', '2026-03')).length}` });
  }
  printTable('analytics (pure)', rows);
  await rollupOnEmulator();
  await dashboardOnEmulator();
}

async function totals(env: OrderTestEnv): Promise<Record<string, number>> {
  return (await (await fetch(`${env.emu.baseUrl}/_emulator/quota`)).json()) as Record<string, number>;
}

/** analyticsRollup for one day of 100,000 events on the emulator. */
async function rollupOnEmulator(): Promise<void> {
  const facts = dayOfFacts(DAY, 100_000);
  const env = await startOrderEnv({ clockStart: dayRange(addDays(DAY, 1)).start + 3 * 3600_000 });
  const rows: BenchRow[] = [];
  try {
    const ids = <T extends object>(list: readonly T[], p: string) => list.map((d, i) => ({ _id: `${p}${i}`, ...d })) as unknown as Array<Record<string, unknown>>;
    env.coll('visits').insertMany(ids(facts.visits, 'v'));
    env.coll('events').insertMany(ids(facts.events.map((e) => ({ ...e, receivedAt: e.at })), 'e'));
    env.coll('users').insertMany(facts.users.map((u) => ({ ...u, lastTouch: u.firstTouch })) as unknown as Array<Record<string, unknown>>);
    env.coll('orders').insertMany(ids(facts.orders.map((o, i) => ({ ...o, orderNo: `B${i}`, status: 'paid' })), 'o'));
    let before: Record<string, number> = {};
    let after: Record<string, number> = {};
    const t = await measure(1, async () => {
      before = await totals(env);
      const out = (await env.invoke('analyticsRollup', { day: DAY }, { source: 'scf' })) as { ok: boolean; message?: string };
      if (!out.ok) throw new Error(`rollup failed: ${out.message}`);
      after = await totals(env);
    }, 0);
    const d = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
    rows.push({
      name: 'analyticsRollup: one day of 100,000 events, 12,500 visits, 500 orders (emulator)',
      median: ms(t.median),
      p95: ms(t.p95),
      extra: `one run; DB reads ${d('dbReadRequests')} (${d('dbReadDocs')} docs), writes ${d('dbWriteRequests')} (${d('dbWriteDocs')} docs: the day, a customer-facts document per customer, 3 periods). The emulator scans for range queries (no range index), so reading 100,000 events in pages of 1,000 dominates`,
    });
  } finally {
    await env.stop();
  }
  printTable('analytics rollup (emulator)', rows);
}

/** The actions the dashboard pages call on opening, over `days` days of history ending yesterday. */
function dashboardCalls(days: number): Array<[string, unknown]> {
  const yesterday = addDays(DAY, -1);
  const from = addDays(yesterday, -(days - 1));
  return [
    ['dashboard.overview', {}],
    ['reports.period', { period: 'month' }],
    ['reports.period', { period: 'quarter' }],
    ['retention.cohorts', { grain: 'day', count: Math.min(days, 120) }],
    ['retention.cohorts', { grain: 'week', count: Math.min(Math.ceil(days / 7), 26) }],
    ['funnel.get', { from, to: yesterday }],
    ['channels.get', { from, to: yesterday }],
    ['segments.get', { days }],
    ['segments.members', { segment: 'at_risk' }],
  ];
}

/** The staff dashboard's load over 30 and 365 days of demo history, with the documents each action reads. */
async function dashboardOnEmulator(): Promise<void> {
  const rows: BenchRow[] = [];
  const now = dayRange(DAY).start + 15 * 3600_000; // 15:00 shop time: today so far has visits
  for (const days of [30, 365]) {
    const shop = demoShop({ now, history: days });
    const env = await startOrderEnv({ clockStart: now });
    try {
      let events = 0;
      for (const [name, docs] of Object.entries(shop.dataset.collections)) {
        env.coll(name).removeMany({});
        env.coll(name).insertMany(docs);
        if (name === 'events') events = docs.length;
      }
      const calls = dashboardCalls(days);
      const reads: Array<{ docs: number; requests: number }> = [];
      let cold: { docs: number; requests: number } | undefined;
      const t = await measure(5, async () => {
        if (reads.length && !cold) cold = reads.reduce((a, r) => ({ docs: a.docs + r.docs, requests: a.requests + r.requests }), { docs: 0, requests: 0 });
        reads.length = 0;
        for (const [action, input] of calls) {
          const { reply, invocationId } = await env.call('analytics', action, input, DEMO_STAFF);
          if (!reply.ok) throw new Error(`${action} refused: ${reply.code} ${reply.message}`);
          const q = await env.quota(invocationId);
          reads.push({ docs: q.dbReadDocs, requests: q.dbReadRequests });
        }
      }, 1);
      const sum = reads.reduce((a, r) => ({ docs: a.docs + r.docs, requests: a.requests + r.requests }), { docs: 0, requests: 0 });
      rows.push({
        name: `dashboard load: ${calls.length} actions over ${days} days (${events.toLocaleString('en')} events stored)`,
        median: ms(t.median),
        p95: ms(t.p95),
        extra: `documents read ${sum.docs} in ${sum.requests} requests (first load, computing today live: ${cold?.docs} in ${cold?.requests}); per action: ${calls.map(([a], i) => `${a} ${reads[i].docs}`).join(', ')}`,
      });
    } finally {
      await env.stop();
    }
  }
  printTable('analytics dashboard (emulator, demo history)', rows);
}
