/**
 * Operations data (issue 6), pure parts: rolling up one day of 100,000 events in memory, and building reports from
 * daily rollups for 30 and 365 days (documents read = days, independent of the number of events).
 * Not yet measured: reading the day's facts from the emulator, and the dashboard function end to end.
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
}
