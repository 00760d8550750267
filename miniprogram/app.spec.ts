/**
 * app.ts against a real emulator: coming to the foreground records the visit (`user.enter`) with the scene and
 * query of `wx.getEnterOptionsSync()`, and keeps the answer in globalData.user.
 */
import { useCafeEmulator } from '../test/cafe-emulator';
import { launchApp } from '../test/page-harness';

const cafe = useCafeEmulator();

it('records each foreground entry with its scene and table QR parameters', async () => {
  const app = await launchApp({ emulator: cafe.emu, openid: 'o-app', enter: { scene: 1047, query: { scene: encodeURIComponent('s=1&t=12') } } });

  const user = cafe.db.collection('users').byId('o-app');
  expect(user).toMatchObject({ firstTouch: { scene: 1047, channel: 'qr', store: '1', table: '12' } });
  expect(app.globalData.user).toMatchObject({ isNew: true, user: { firstTouch: { table: '12' } } });
});
