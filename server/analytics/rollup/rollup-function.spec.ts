/**
 * The analyticsRollup function on the emulator's manual clock: its nightly trigger (02:00 shop time) rolls up the
 * last three shop days from the stored visits, events, users and orders, giving exactly what the pure rollup computes;
 * re-running a day replaces its document and counts a late event.
 */
import path from 'node:path';
import type { EmulatorController } from '../../../emulator/src/controller';
import type { DatabaseService } from '../../../emulator/src/database';
import { seedDataset } from '../../../emulator/src/seed';
import { startTestEmulator } from '../../../emulator/src/testing';
import { rollupDay } from '../domain/daily-rollup';
import { pointSdkAt } from '../../../emulator/src/testing';
import { readDayFacts } from './day-facts-reader';
import { at, EVENTS, HISTORY, ORDERS, USERS, VISITS } from '../domain/hand-made-history';

const PROJECT_DIR = path.resolve(__dirname, '../../..');
let emu: EmulatorController;
let db: DatabaseService;

const docs = <T extends object>(list: readonly T[], prefix: string) => list.map((d, i) => ({ _id: `${prefix}${i}`, ...d }) as Record<string, unknown>);

beforeAll(async () => {
  emu = await startTestEmulator({ projectDir: PROJECT_DIR, manualClockStart: at('2026-04-02', '01:58') });
  await seedDataset(emu, {
    collections: {
      shop_settings: [{ _id: 'default', name: '街角咖啡', timezone: 'Asia/Shanghai' }],
      users: USERS.map((u) => ({ ...u, lastTouch: u.firstTouch })),
      visits: docs(VISITS, 'v'),
      events: docs(EVENTS.map((e) => ({ ...e, receivedAt: e.at })), 'e'),
      orders: docs(ORDERS.map((o, i) => ({ ...o, orderNo: `N${i}`, status: o.payment ? 'paid' : 'unpaid' })), 'o'),
      analytics_daily: [],
    },
  });
  db = emu.service<DatabaseService>('database');
});
afterAll(() => emu?.stop());

const stored = (day: string) => {
  const doc = db.collection('analytics_daily').byId(day) as Record<string, unknown> | undefined;
  if (!doc) return undefined;
  const { computedAt, segments, ...rest } = doc; // segments: segment-members.spec.ts
  expect(typeof computedAt).toBe('number');
  expect(segments).toEqual(expect.any(Object));
  return rest;
};
const expected = (day: string, facts = HISTORY) => {
  const { computedAt, ...rest } = rollupDay(day, facts, { now: 0 });
  return rest;
};

it('rolls up the last three shop days at 02:00 shop time, equal to the pure rollup of the raw history', async () => {
  await emu.clock.advance(60_000);
  expect(db.collection('analytics_daily').find({})).toHaveLength(0);
  await emu.clock.advance(2 * 60_000); // 02:01 on 04-02, Shanghai
  expect(db.collection('analytics_daily').find({}).map((d) => d._id).sort()).toEqual(['2026-03-30', '2026-03-31', '2026-04-01']);
  expect(stored('2026-03-30')).toEqual(expected('2026-03-30'));
  expect(stored('2026-03-31')).toEqual(expected('2026-03-31'));
  expect(stored('2026-04-01')).toEqual(expected('2026-04-01'));
  // the 23:30 order of 03-31 and the 00:30 order of 04-01 are on their own days
  expect((stored('2026-03-31') as any).totals).toMatchObject({ orders: 2, gmvFen: 6000 });
  expect((stored('2026-04-01') as any).totals).toMatchObject({ orders: 1, gmvFen: 4000, refundFen: 2000 });
}, 60_000);

it('re-running a day replaces its one document and counts a late event', async () => {
  const late = { type: 'goods_view', openid: 'A', at: at('2026-03-31', '23:59'), receivedAt: at('2026-04-02', '09:00') };
  db.collection('events').insertOne({ _id: 'late', ...late });
  const out = (await emu.ctx.functions().invoke('analyticsRollup', { day: '2026-03-31' }, { source: 'scf' })) as { ok: boolean; result: any };
  expect(out.ok).toBe(true);
  expect(out.result).toMatchObject({ ok: true, report: { timeZone: 'Asia/Shanghai', days: [{ day: '2026-03-31', orders: 2, gmvFen: 6000 }] } });
  expect(db.collection('analytics_daily').find({})).toHaveLength(3);
  const withLate = { ...HISTORY, events: [...HISTORY.events, late as (typeof HISTORY.events)[number]] };
  expect(stored('2026-03-31')).toEqual(expected('2026-03-31', withLate));
  expect((stored('2026-03-31') as any).totals.goodsViews).toBe(2);
  // and again: same document
  await emu.ctx.functions().invoke('analyticsRollup', { from: '2026-03-31', to: '2026-03-31' }, { source: 'scf' });
  expect(stored('2026-03-31')).toEqual(expected('2026-03-31', withLate));
}, 60_000);

it('refuses callers with a user identity and malformed requests', async () => {
  const asUser = (await emu.ctx.functions().invoke('analyticsRollup', { day: '2026-03-31' }, { openid: 'o-x' })) as { result: any };
  expect(asUser.result).toMatchObject({ ok: false });
  const bad = (await emu.ctx.functions().invoke('analyticsRollup', { day: '2026-02-30' }, { source: 'scf' })) as { result: any };
  expect(bad.result).toMatchObject({ ok: false });
  const tooMany = (await emu.ctx.functions().invoke('analyticsRollup', { from: '2026-01-01', to: '2026-03-31' }, { source: 'scf' })) as { result: any };
  expect(tooMany.result).toMatchObject({ ok: false, message: expect.stringContaining('31') });
});

it('reads a day in pages: a page of 1 gives the same facts as one page', async () => {
  const restore = pointSdkAt(emu);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    const whole = await readDayFacts(cloud.database(), '2026-03-31', 'Asia/Shanghai');
    const paged = await readDayFacts(cloud.database(), '2026-03-31', 'Asia/Shanghai', 1);
    expect(paged).toEqual(whole);
    expect(whole.visits).toHaveLength(3);
    expect(whole.events).toHaveLength(8); // 7 of the history (one a forged paid event) + the late one
    expect(whole.users.map((u) => u._id).sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(whole.orders).toHaveLength(2);
    expect(rollupDay('2026-03-31', paged, { now: 0 }).totals).toEqual(rollupDay('2026-03-31', whole, { now: 0 }).totals);
  } finally {
    restore();
  }
});
