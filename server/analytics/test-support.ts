/**
 * Test set-up of the analytics handler specs: the order test environment (server/orders/test-support.ts) with its
 * clock at a chosen shop time, the hand-made history (domain/hand-made-history.ts) stored as visits, events, users
 * and orders, a staff member `o-staff`, and the history rolled up by the real `analyticsRollup` function.
 */
import { seedDataset } from '../../emulator/src/seed';
import { startOrderEnv, type OrderTestEnv } from '../orders/test-support';
import { EVENTS, ORDERS, USERS, VISITS } from './domain/hand-made-history';

export const STAFF_OPENID = 'o-staff';

const docs = <T extends object>(list: readonly T[], prefix: string) => list.map((d, i) => ({ _id: `${prefix}${i}`, ...d }) as Record<string, unknown>);

/** The hand-made history as stored documents. */
export function handMadeCollections(): Record<string, Record<string, unknown>[]> {
  return {
    users: USERS.map((u) => ({ ...u, lastTouch: u.firstTouch })),
    visits: docs(VISITS, 'v'),
    events: docs(EVENTS.map((e) => ({ ...e, receivedAt: e.at })), 'e'),
    orders: docs(ORDERS.map((o, i) => ({ ...o, orderNo: `N${i}`, status: o.payment ? 'paid' : 'unpaid' })), 'o'),
  };
}

export async function startAnalyticsEnv(opts: { clockStart: number; settings?: Record<string, unknown>; rollup?: { from: string; to: string } }): Promise<OrderTestEnv> {
  const env = await startOrderEnv({ clockStart: opts.clockStart, settings: { _id: 'default', name: '街角咖啡', timezone: 'Asia/Shanghai', ...opts.settings } });
  await seedDataset(env.emu, {
    collections: {
      ...handMadeCollections(),
      staff: [{ _id: STAFF_OPENID, role: 'owner', name: '店长' }],
      analytics_daily: [],
      analytics_periods: [],
      customer_facts: [],
    },
  });
  if (opts.rollup) {
    const out = (await env.invoke('analyticsRollup', opts.rollup, { source: 'scf' })) as { ok: boolean; message?: string };
    if (!out.ok) throw new Error(`rollup failed: ${out.message}`);
  }
  return env;
}
