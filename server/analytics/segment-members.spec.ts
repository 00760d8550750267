/**
 * The rollup's customer facts, period counts and segment members on the emulator, for the hand-made history rolled
 * up over 03-30 … 04-06: the segments of loadSegmentMembers equal the pure segmentation of the raw visits and paid
 * orders, for the default definitions and for short ones; the distinct visitors of a week / month / quarter are
 * distinct people, not sums of daily counts.
 */
import type { OrderTestEnv } from '../orders/test-support';
import { at, ORDERS, VISITS } from './domain/hand-made-history';
import { customerFacts, segmentCustomers, SEGMENT_NAMES } from './domain/segments';
import { loadSegmentMembers, segmentCountsNow, segmentMembersPage } from './segment-members';
import { startAnalyticsEnv } from './test-support';

let env: OrderTestEnv;
const NOW = at('2026-04-07', '12:00');

beforeAll(async () => {
  env = await startAnalyticsEnv({ clockStart: NOW, rollup: { from: '2026-03-30', to: '2026-04-06' } });
}, 60_000);
afterAll(() => env?.stop());

const paid = ORDERS.filter((o) => o.payment?.paidAt !== undefined).map((o) => ({ openid: o.openid, paidAt: o.payment!.paidAt! }));

it('keeps one customer_facts document per customer with their visit and paying days', () => {
  const a = env.coll('customer_facts').byId('A') as Record<string, unknown>;
  expect(a).toMatchObject({
    createdDay: '2026-03-30',
    activeDays: ['2026-03-30', '2026-03-31', '2026-04-06'],
    paidDays: ['2026-03-30', '2026-03-31'],
    visitDays: 3,
    paidOrders: 2,
    lastActiveDay: '2026-04-06',
  });
  expect(env.coll('customer_facts').find({}).map((d) => d._id).sort()).toEqual(['A', 'B', 'C', 'D']);
});

it.each([
  ['default definitions (30 / 90 days)', { atRiskDays: 30, churnedDays: 90 }],
  ['short definitions (3 / 7 days)', { atRiskDays: 3, churnedDays: 7 }],
])('segment members equal the pure segmentation of the raw history, %s', async (_name, defs) => {
  const expected = segmentCustomers(customerFacts(VISITS, paid), NOW, defs);
  await env.withSdk(async (cloud) => {
    const db = cloud.database();
    for (const s of SEGMENT_NAMES) expect(await loadSegmentMembers(db, s, NOW, defs, 'Asia/Shanghai')).toEqual(expected.members[s]);
    expect(await segmentCountsNow(db, '2026-04-07', defs)).toEqual(expected.counts);
  });
});

it('worked by hand: on 04-07 with 3 / 7 days, A is active, C at risk, B and D churned', async () => {
  await env.withSdk(async (cloud) => {
    const db = cloud.database();
    const defs = { atRiskDays: 3, churnedDays: 7 };
    expect(await loadSegmentMembers(db, 'active_customer', NOW, defs, 'Asia/Shanghai')).toEqual(['A']);
    expect(await loadSegmentMembers(db, 'at_risk', NOW, defs, 'Asia/Shanghai')).toEqual(['C']);
    expect(await loadSegmentMembers(db, 'churned', NOW, defs, 'Asia/Shanghai')).toEqual(['B', 'D']);
    // defaults from the shop settings (none stored: 30 / 90): B and D never paid, one visit day each
    expect(await loadSegmentMembers(db, 'new_first_visit', NOW)).toEqual(['B', 'D']);
    // pages of one
    const first = await segmentMembersPage(db, 'churned', '2026-04-07', defs, { limit: 1 });
    expect(first).toEqual({ openids: ['B'], nextCursor: 'B' });
    const second = await segmentMembersPage(db, 'churned', '2026-04-07', defs, { cursor: first.nextCursor, limit: 1 });
    expect(second.openids).toEqual(['D']);
    const third = await segmentMembersPage(db, 'churned', '2026-04-07', defs, { cursor: 'D', limit: 1 });
    expect(third).toEqual({ openids: [] });
  });
});

it('writes each day\'s segment counts into its rollup, from the facts up to that day', () => {
  const seg = (day: string) => (env.coll('analytics_daily').byId(day) as { segments: unknown }).segments;
  // end of 03-30: A paid, B one visit
  expect(seg('2026-03-30')).toEqual({ new_first_visit: 1, new_returning: 0, active_customer: 1, at_risk: 0, churned: 0 });
  // end of 03-31: A, C paid; B, D one visit day
  expect(seg('2026-03-31')).toEqual({ new_first_visit: 2, new_returning: 0, active_customer: 2, at_risk: 0, churned: 0 });
  // 04-02 … 04-05 have no activity but still a rollup with the counts of that day
  expect(seg('2026-04-03')).toEqual(seg('2026-03-31'));
});

it('counts distinct people per week, month and quarter (the daily visitors sum to more)', () => {
  const period = (id: string) => env.coll('analytics_periods').byId(id) as Record<string, unknown>;
  const daily = ['2026-03-30', '2026-03-31', '2026-04-01'].map((d) => (env.coll('analytics_daily').byId(d) as any).totals.visitors);
  expect(daily).toEqual([2, 3, 1]); // 6 visitor-days in week 14
  expect(period('week:2026-W14')).toMatchObject({ first: '2026-03-30', last: '2026-04-05', visitors: 4, payingCustomers: 2, cohorts: { '2026-W14': 4 } });
  expect(period('week:2026-W15')).toMatchObject({ visitors: 1, payingCustomers: 0, cohorts: { '2026-W14': 1 } });
  expect(period('month:2026-03')).toMatchObject({ visitors: 4, payingCustomers: 2, cohorts: { '2026-03': 4 } });
  expect(period('month:2026-04')).toMatchObject({ visitors: 2, payingCustomers: 1, cohorts: { '2026-03': 2 } });
  expect(period('quarter:2026-Q1')).toMatchObject({ visitors: 4, payingCustomers: 2, cohorts: {} });
  expect(period('quarter:2026-Q2')).toMatchObject({ visitors: 2, payingCustomers: 1 });
});

it('takes the definitions from the shop settings when none are given', async () => {
  env.coll('shop_settings').updateMany({ _id: 'default' }, { $set: { segmentDefinitions: { atRiskDays: 3, churnedDays: 7 } } });
  try {
    await env.withSdk(async (cloud) => {
      expect(await loadSegmentMembers(cloud.database(), 'churned', NOW)).toEqual(['B', 'D']);
      expect(await loadSegmentMembers(cloud.database(), 'at_risk', NOW)).toEqual(['C']);
    });
  } finally {
    env.coll('shop_settings').updateMany({ _id: 'default' }, { $unset: { segmentDefinitions: '' } });
  }
});
