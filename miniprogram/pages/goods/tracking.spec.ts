/**
 * Tracking from a real page: opening the goods page queues a `goods_view`, and after FLUSH_DELAY_MS the batch stores it in the
 * emulator's `events` collection through `analytics` / `track.batch`, with the caller's openid from the platform.
 */
import path from 'node:path';
import { startTestEmulator } from '../../../emulator/src/testing';
import type { EmulatorController } from '../../../emulator/src/controller';
import type { DatabaseService } from '../../../emulator/src/database';
import { seedCafe } from '../../../server/catalogue/__fixtures__/cafe-catalogue';
import { loadPage, type PageHandle } from '../../../test/page-harness';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let emu: EmulatorController;
let page: PageHandle | undefined;

beforeAll(async () => {
  emu = await startTestEmulator({ projectDir: path.resolve(__dirname, '../../..') });
  await seedCafe(emu);
  const db = emu.service<DatabaseService>('database');
  if (!db.collection('events').exists()) db.createCollection('events');
});
afterAll(async () => {
  page?.detach();
  await emu?.stop();
});

it('a goods view reaches the events collection', async () => {
  page = await loadPage('pages/goods/index', { emulator: emu, openid: 'o-tracked', query: { id: 'g-latte' } });
  await page.waitFor((d) => d.status !== 'loading');
  expect(page.data.status).toBe('ready');
  // the page's modules are its own (loaded in jest.isolateModules): its tracker sends on its own delay timer (services/tracking.ts FLUSH_DELAY_MS, 3 s)
  const db = emu.service<DatabaseService>('database');
  for (let i = 0; i < 150 && db.collection('events').count({ openid: 'o-tracked' }) === 0; i++) await sleep(100);

  const events = db.collection('events').find({ openid: 'o-tracked' });
  expect(events).toEqual([
    expect.objectContaining({ type: 'goods_view', goodsId: 'g-latte', page: 'pages/goods/index', openid: 'o-tracked', session: expect.any(String) }),
  ]);
});
