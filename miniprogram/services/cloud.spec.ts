/**
 * services/cloud.ts against a real emulator: both transports, the envelope unwrapping and the error mapping.
 * (Loaded with require and a local type: this file is type-checked with the Node settings, which do not know the
 * mini-program globals services/cloud.ts uses.)
 */
import path from 'node:path';
import { startTestEmulator } from '../../emulator/src/testing';
import type { EmulatorController } from '../../emulator/src/controller';
import { installWx } from '../../test/page-harness';

interface CloudModule {
  callCloud(fn: string, action: string, input?: unknown): Promise<any>;
  CloudError: new (code: string, message: string, detail?: string) => Error & { code: string; detail: string };
  userMessage(e: unknown): string;
  NETWORK_MESSAGE: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud = require('./cloud') as CloudModule;

let emu: EmulatorController;

beforeAll(async () => {
  emu = await startTestEmulator({ projectDir: path.resolve(__dirname, '../..') });
});
afterAll(async () => {
  await emu?.stop();
});

describe.each(['emulator', 'cloud'] as const)('callCloud in %s mode', (mode) => {
  it('returns the data of an ok reply', async () => {
    const wx = installWx({ emulator: emu, openid: 'o-svc', mode });
    const out = await cloud.callCloud('shop', 'ping');
    expect(out).toEqual({ pong: true, at: expect.any(Number) });
    expect(wx.calls.map((c) => c.api)).toEqual([mode === 'emulator' ? 'request' : 'cloud.callFunction']);
  });

  it('throws CloudError(code, message) for an {ok:false} reply', async () => {
    installWx({ emulator: emu, openid: 'o-svc', mode });
    const err = await cloud.callCloud('shop', 'settings.delete').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cloud.CloudError);
    expect(err).toMatchObject({ code: 'UNKNOWN_ACTION', message: expect.stringContaining('settings.delete') });

    const bad = await cloud.callCloud('shop', 'ping', { extra: 1 }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'INVALID_INPUT' });
    expect(cloud.userMessage(bad)).toBe((bad as Error).message);
  });

  it('throws CloudError(NETWORK) when the platform cannot run the function', async () => {
    installWx({ emulator: emu, openid: 'o-svc', mode });
    const err = (await cloud.callCloud('no-such-function', 'ping').catch((e: unknown) => e)) as { code: string; detail: string; message: string };
    expect(err).toBeInstanceOf(cloud.CloudError);
    expect(err.code).toBe('NETWORK');
    expect(err.message).toBe(cloud.NETWORK_MESSAGE);
    expect(err.detail).toMatch(/-50\d{4}|fail/);
  });
});

it('userMessage hides anything that is not a CloudError', () => {
  expect(cloud.userMessage(new Error('TypeError: x is undefined'))).toBe(cloud.NETWORK_MESSAGE);
  expect(cloud.userMessage(new cloud.CloudError('OUT_OF_STOCK', '只剩 2 件'))).toBe('只剩 2 件');
});
