/** End to end: a real function's config.json trigger fires on the manual clock and sees the platform's timer context. */
import path from 'node:path';
import type { EmulatorController } from '../controller';
import { functionsService } from '../functions';
import { startTestEmulator } from '../testing';
import { chinaToUtc } from './cron';
import { timersService, type TimersService } from './index';

describe('timer triggers with the real functions runtime', () => {
  let emu: EmulatorController;
  let timers: TimersService;

  beforeAll(async () => {
    emu = await startTestEmulator({
      functionsRoot: path.join(__dirname, 'fixtures'),
      manualClockStart: chinaToUtc(2024, 2, 10, 0, 0, 0),
      maxInstancesPerFunction: 1,
      services: [functionsService, timersService],
    });
    timers = emu.service<TimersService>('timers');
  });

  afterAll(async () => {
    await emu.stop();
  });

  it('reads the trigger from config.json and fires it at 02:30 UTC+8, not before', async () => {
    expect(timers.triggers().map((t) => [t.functionName, t.name, t.config, t.error])).toEqual([['nightly', 'daily', '0 30 2 * * * *', undefined]]);
    await emu.clock.advance((2 * 60 + 29) * 60_000 + 59_000);
    expect(timers.history()).toHaveLength(0);
    await emu.clock.advance(1000);
    const fires = timers.history();
    expect(fires).toHaveLength(1);
    expect(fires[0]).toMatchObject({
      functionName: 'nightly',
      triggerName: 'daily',
      ok: true,
      result: { event: { Type: 'Timer', TriggerName: 'daily', Time: '2024-02-09T18:30:00Z', Message: '' }, source: 'wx_trigger', openid: null },
    });
  });

  it('fires on demand over HTTP', async () => {
    const res = await fetch(`${emu.baseUrl}/_emulator/timers/fire`, { method: 'POST', body: JSON.stringify({ function: 'nightly', trigger: 'daily' }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, onDemand: true, result: { source: 'wx_trigger' } });
    expect(timers.history()).toHaveLength(2);
  });
});
