/**
 * The BUILT `shop` function (cloudfunctions/shop/index.js, bundled by jest's globalSetup) run by the emulator's
 * functions runtime with the real wx-server-sdk, called through the HTTP gateway as the mini-program does.
 */
import path from 'node:path';
import { startTestEmulator } from '../../../emulator/src/testing';
import type { EmulatorController } from '../../../emulator/src/controller';

let emu: EmulatorController;

beforeAll(async () => {
  emu = await startTestEmulator({ projectDir: path.resolve(__dirname, '../../..') });
});
afterAll(async () => {
  await emu?.stop();
});

async function call(event: unknown, openid = 'o-tester'): Promise<unknown> {
  const res = await fetch(`${emu.baseUrl}/functions/shop`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ data: event }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { result?: unknown; errMsg?: string };
  if (!('result' in body)) throw new Error(`platform failure: ${body.errMsg}`);
  return body.result;
}

it('answers ping with the time', async () => {
  const before = Date.now();
  const out = (await call({ action: 'ping', input: {} })) as { ok: boolean; data: { pong: boolean; at: number } };
  expect(out).toMatchObject({ ok: true, data: { pong: true } });
  expect(out.data.at).toBeGreaterThanOrEqual(before);
});

it('answers the default settings on a fresh environment (no shop_settings collection yet)', async () => {
  await expect(call({ action: 'settings.get' })).resolves.toMatchObject({
    ok: true,
    data: { name: '我的小店', currency: 'CNY', timezone: 'Asia/Shanghai', shipping: { flatFeeFen: 0, freeOverFen: 0 } },
  });
});

it('answers the envelope errors for a bad action or input', async () => {
  await expect(call({ action: 'settings.delete' })).resolves.toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  await expect(call({ nothing: true })).resolves.toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  await expect(call({ action: 'ping', input: { openid: 'o-forged' } })).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});
