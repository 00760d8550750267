/**
 * The demo shop's generated past (history.ts + the rollup documents of server/analytics/domain/history-rollup.ts):
 * the same every time, believable (thousands of customers, every channel, QR codes per table, sharers, paid and
 * refunded orders), consistent by the shop's own checks, and consistent with the analytics: rolling up seeded days
 * again with the real `analyticsRollup` function gives exactly the seeded rollup, customer-facts and period
 * documents.
 */
import path from 'node:path';
import type { EmulatorController } from '../../emulator/src/controller';
import type { DatabaseService } from '../../emulator/src/database';
import { startTestEmulator } from '../../emulator/src/testing';
import type { DailyRollup } from '../../typings/shop/analytics';
import type { OrderDoc } from '../../typings/shop/order';
import { addDays, dayKeyOf } from '../../server/analytics/domain/shop-calendar';
import { periodsOfDays, periodStatsId } from '../../server/analytics/domain/period-stats';
import { demoProblems, demoShop, type DemoShop } from '../demo-shop';
import { HISTORY_SEED } from './dataset';
import { buildDemoHistory } from './history';
import { seededRng } from './rng';

const NOW = Date.UTC(2026, 3, 7, 4, 0, 0); // 2026-04-07 12:00 in Shanghai
let shop: DemoShop;
const col = <T>(name: string) => (shop.dataset.collections[name] ?? []) as unknown as T[];

beforeAll(() => {
  shop = demoShop({ now: NOW });
});

it('is the same every time for the same time (from its seed)', () => {
  // (the history alone, compared as JSON: the rest of the shop is checked by demo-shop.spec.ts, and a deep toEqual of
  // 70,000 documents is slow)
  const again = () => buildDemoHistory({ now: NOW, rng: seededRng(HISTORY_SEED), goods: col('goods'), skus: col('skus') });
  const first = again();
  expect(JSON.stringify(again())).toBe(JSON.stringify(first));
  expect(JSON.stringify(first.visits)).toBe(JSON.stringify(col('visits')));
  expect(JSON.stringify(first.events)).toBe(JSON.stringify(col('events')));
  expect(first.orderPlans.length).toBe(col<OrderDoc>('orders').filter((o) => o._id.startsWith('h-')).length);
});

it('is a believable 90 days: thousands of customers, every channel, tables, sharers, paid and refunded orders', () => {
  const rollups = col<DailyRollup>('analytics_daily');
  expect(rollups.map((r) => r.day)).toEqual(Array.from({ length: 90 }, (_, i) => addDays('2026-04-07', i - 90)));
  expect(col('users').length).toBeGreaterThan(2000);
  expect(col('visits').length).toBeGreaterThan(5000);
  expect(col('events').length).toBeGreaterThan(20000);
  const channels = new Set(rollups.flatMap((r) => r.channels.map((c) => c.key)));
  expect([...channels].sort()).toEqual(['direct', 'official_account', 'other', 'qr', 'search', 'share']);
  expect(new Set(rollups.flatMap((r) => r.qrCodes.map((q) => q.key))).size).toBeGreaterThanOrEqual(12);
  expect(new Set(rollups.flatMap((r) => r.referrers.map((q) => q.key))).size).toBeGreaterThan(20);
  const orders = col<OrderDoc>('orders');
  expect(orders.filter((o) => o.status === 'completed').length).toBeGreaterThan(1000);
  expect(orders.filter((o) => o.status === 'refunded').length).toBeGreaterThan(20);
  const last = rollups[rollups.length - 1];
  expect(last.totals.visitors).toBeGreaterThan(50);
  expect(last.totals.payingCustomers).toBeGreaterThan(10);
  expect(last.totals.visitors).toBeGreaterThan(last.totals.payingCustomers);
  expect(Object.values(last.segments!).reduce((a, b) => a + b, 0)).toBeGreaterThan(2000);
  // today so far has activity too, but no rollup (tonight's)
  expect(col<{ at: number }>('visits').some((v) => dayKeyOf(v.at) === '2026-04-07')).toBe(true);
  expect(col<{ at: number }>('visits').every((v) => v.at <= NOW)).toBe(true);
  expect(new Set(orders.map((o) => o.orderNo)).size).toBe(orders.length);
});

it('passes the shop\'s own consistency checks (stock counters, sales, totals) with the history', () => {
  expect(demoProblems(shop)).toEqual([]);
});

describe('seeded into the emulator', () => {
  let emu: EmulatorController;
  let db: DatabaseService;
  beforeAll(async () => {
    emu = await startTestEmulator({ projectDir: path.resolve(__dirname, '../..'), manualClockStart: NOW });
    db = emu.service<DatabaseService>('database');
    for (const [name, docs] of Object.entries(shop.dataset.collections)) db.collection(name).insertMany(docs);
  });
  afterAll(() => emu?.stop());

  const strip = ({ computedAt, ...rest }: Record<string, unknown>) => rest;

  it.each([
    ['the last 3 days (what the nightly run re-rolls)', '2026-04-04', '2026-04-06'],
    ['the first 3 days (cohorts and segments from nothing)', '2026-01-07', '2026-01-09'],
  ])('rolling up %s again gives the seeded documents', async (_name, from, to) => {
    const seeded = (name: string) => new Map(col<Record<string, unknown>>(name).map((d) => [String(d._id), d]));
    const daily = seeded('analytics_daily');
    const facts = seeded('customer_facts');
    const periods = seeded('analytics_periods');
    const out = (await emu.ctx.functions().invoke('analyticsRollup', { from, to }, { source: 'scf' })) as { result: { ok: boolean } };
    expect(out.result).toMatchObject({ ok: true });
    for (let d = from; d <= to; d = addDays(d, 1)) expect(strip(db.collection('analytics_daily').byId(d) as Record<string, unknown>)).toEqual(strip(daily.get(d)!));
    const storedFacts = db.collection('customer_facts').find({});
    expect(storedFacts).toHaveLength(facts.size);
    for (const f of storedFacts) expect(f).toEqual(facts.get(String(f._id)));
    const days = [from, to];
    for (const p of periodsOfDays(days)) {
      const id = periodStatsId(p.kind, p.key);
      expect(strip(db.collection('analytics_periods').byId(id) as Record<string, unknown>)).toEqual(strip(periods.get(id)!));
    }
  }, 60_000);
});
