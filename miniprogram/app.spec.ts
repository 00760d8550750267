/**
 * app.ts against a real emulator: coming to the foreground records the visit (`user.enter`) with the scene and
 * query of `wx.getEnterOptionsSync()`, and keeps the answer in globalData.user.
 */
import path from 'node:path';
import { startTestEmulator } from '../emulator/src/testing';
import type { EmulatorController } from '../emulator/src/controller';
import type { DatabaseService } from '../emulator/src/database';
import { seedCafe } from '../server/catalogue/__fixtures__/cafe-catalogue';
import { installWx } from '../test/page-harness';

let emu: EmulatorController;

beforeAll(async () => {
  emu = await startTestEmulator({ projectDir: path.resolve(__dirname, '..') });
  await seedCafe(emu);
});
afterAll(async () => {
  await emu?.stop();
});

interface AppOptions {
  globalData: { user?: { isNew: boolean; user: { firstTouch: Record<string, unknown> } } };
  onShow(this: AppOptions): void;
}

it('records each foreground entry with its scene and table QR parameters', async () => {
  const enter = { scene: 1047, query: { scene: encodeURIComponent('s=1&t=12') }, referrerInfo: {} };
  const { inflight } = installWx({ emulator: emu, openid: 'o-app', wx: { getEnterOptionsSync: () => enter } });
  let app: AppOptions | undefined;
  const g = globalThis as unknown as { App: (o: AppOptions) => void };
  const previousApp = g.App;
  g.App = (o) => {
    app = o;
  };
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('./app');
    });
  } finally {
    g.App = previousApp;
  }
  expect(app).toBeDefined();
  app!.onShow.call(app!);
  while (inflight.size) await Promise.allSettled([...inflight]);
  await new Promise((r) => setTimeout(r, 0));

  const user = emu.service<DatabaseService>('database').collection('users').byId('o-app');
  expect(user).toMatchObject({ firstTouch: { scene: 1047, channel: 'qr', store: '1', table: '12' } });
  expect(app!.globalData.user).toMatchObject({ isNew: true, user: { firstTouch: { table: '12' } } });
});
