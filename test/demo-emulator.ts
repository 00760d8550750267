/**
 * An in-memory emulator for this project with every collection created and the demo shop seeded (the same data
 * `npm start` seeds), for tests that act on a believable shop: staff, customer service, merchant pages.
 */
import path from 'node:path';
import { pointSdkAt, startTestEmulator } from '../emulator/src/testing';
import type { EmulatorController } from '../emulator/src/controller';
import { seedDataset } from '../emulator/src/seed';
import type { OrderDoc } from '../typings/shop/order';
import { demoShop } from '../scripts/demo-shop';
import { getDatabase } from '../server/lib/cloud';
import { ensureCollections } from '../server/lib/collections';

export const PROJECT_DIR = path.resolve(__dirname, '..');

export interface DemoEmulator {
  emu: EmulatorController;
  /** The seeded demo orders (one or more in each state). */
  orders: OrderDoc[];
}

/**
 * Starts the emulator and seeds the demo shop as it stood a minute ago. Remember `await emu.stop()`. Without its
 * past unless asked (`{history: true}` or a number of days: 90 days of customers, visits and rollups, slower).
 */
export async function startDemoEmulator(opts: { history?: boolean | number } = {}): Promise<DemoEmulator> {
  const emu = await startTestEmulator({ projectDir: PROJECT_DIR });
  const shop = demoShop({ now: Date.now() - 60_000, history: opts.history ?? false });
  const restore = pointSdkAt(emu);
  try {
    await ensureCollections(getDatabase());
    await seedDataset(emu, shop.dataset);
  } finally {
    restore();
  }
  return { emu, orders: shop.dataset.collections.orders as unknown as OrderDoc[] };
}
