/**
 * The demo shop "开店·Demo 咖啡与烘焙": generated (deterministically) rather than committed, see scripts/demo-shop/.
 *
 *   demoDataset({now, envId})  → the seed dataset (emulator/src/seed: collections + PNG files) for `npm start`
 *   buildDemoShop(...)         → the same plus what the checks need (initial stock, file ids)
 *   demoProblems(shop)         → its consistency checks ([] = consistent)
 *
 * `npx tsx scripts/demo-shop.ts` prints a summary and the result of the checks.
 */
import { fileIdFor } from '../emulator/src/storage/paths';
import type { Dataset } from '../emulator/src/seed';
import { buildDemoShop, type DemoShop } from './demo-shop/dataset';
import { demoProblems } from './demo-shop/checks';

export { buildDemoShop, DEMO_CUSTOMER, DEMO_STAFF, DEMO_SETTINGS, DEMO_STAFF_DOCS, DEMO_SUB_MCH_ID } from './demo-shop/dataset';
export type { DemoShop } from './demo-shop/dataset';
export { demoProblems } from './demo-shop/checks';

/** The key `seedOnce` remembers the demo under. */
export const DEMO_SEED_KEY = 'demo-shop-v1';

export interface DemoDatasetOptions {
  /** Seeding time (default: now). */
  now?: number;
  /** The env id file ids are minted for (default 'local', the emulator's). */
  envId?: string;
  /**
   * Generate the shop's past too (customers, visits, events, orders and their rollups, see demo-shop/history.ts):
   * `true` (default) = 90 days, a number = that many days, `false` = only the few demo orders (what tests that need
   * no history use: fast).
   */
  history?: boolean | number;
}

export const DEMO_HISTORY_DAYS = 90;

export function demoShop(opts: DemoDatasetOptions = {}): DemoShop {
  const envId = opts.envId ?? 'local';
  const history = opts.history ?? true;
  return buildDemoShop({
    now: opts.now ?? Date.now(),
    fileIdFor: (p) => fileIdFor(envId, p),
    history: history === false ? false : { days: history === true ? DEMO_HISTORY_DAYS : history },
  });
}

export function demoDataset(opts: DemoDatasetOptions = {}): Dataset {
  return demoShop(opts).dataset;
}

if (require.main === module) {
  const shop = demoShop();
  const c = shop.dataset.collections;
  const byStatus: Record<string, number> = {};
  for (const o of c.orders as Array<{ status: string }>) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  console.log(`categories ${c.categories.length}, goods ${c.goods.length}, skus ${c.skus.length}, files ${Object.keys(shop.dataset.files).length}`);
  console.log(`orders ${c.orders.length}: ${JSON.stringify(byStatus)}`);
  console.log(`users ${c.users.length}, visits ${c.visits?.length ?? 0}, events ${c.events?.length ?? 0}, rollup days ${c.analytics_daily?.length ?? 0}`);
  const problems = demoProblems(shop);
  console.log(problems.length ? `PROBLEMS:\n  ${problems.join('\n  ')}` : 'consistent');
  process.exit(problems.length ? 1 : 0);
}
