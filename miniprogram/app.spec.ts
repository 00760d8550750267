/**
 * app.ts against a real emulator: coming to the foreground records the visit (`user.enter`) with the scene and
 * query of `wx.getEnterOptionsSync()`, and keeps the answer in globalData.user.
 */
import path from 'node:path';
import { startTestEmulator } from '../emulator/src/testing';
import type { EmulatorController } from '../emulator/src/controller';
import type { DatabaseService } from '../emulator/src/database';
import { seedCafe } from '../server/catalogue/__fixtures__/cafe-catalogue';
import { launchApp } from '../test/page-harness';

let emu: EmulatorController;

beforeAll(async () => {
  emu = await startTestEmulator({ projectDir: path.resolve(__dirname, '..') });
  await seedCafe(emu);
});
afterAll(async () => {
  await emu?.stop();
});

it('records each foreground entry with its scene and table QR parameters', async () => {
  const app = await launchApp({ emulator: emu, openid: 'o-app', enter: { scene: 1047, query: { scene: encodeURIComponent('s=1&t=12') } } });

  const user = emu.service<DatabaseService>('database').collection('users').byId('o-app');
  expect(user).toMatchObject({ firstTouch: { scene: 1047, channel: 'qr', store: '1', table: '12' } });
  expect(app.globalData.user).toMatchObject({ isNew: true, user: { firstTouch: { table: '12' } } });
});
