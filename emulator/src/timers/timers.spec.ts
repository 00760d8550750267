import { startTestEmulator } from '../testing';
import type { EmulatorController } from '../controller';
import { chinaToUtc } from './cron';
import { FakeFunctions, fakeFunctionsService } from './fake-functions';
import { timersService, TimersService, type TimerEvent } from './index';

const START = chinaToUtc(2024, 3, 1, 0, 0, 0);
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('timers on the manual clock (fake functions service)', () => {
  let emu: EmulatorController;
  let fns: FakeFunctions;
  let timers: TimersService;

  beforeAll(async () => {
    emu = await startTestEmulator({
      manualClockStart: START,
      services: [
        fakeFunctionsService(
          {
            nightly: (event) => ({ got: (event as TimerEvent).TriggerName }),
            often: () => 'ok',
            'on-demand-only': () => 'done',
            broken: () => {
              throw new Error('boom at night');
            },
          },
          {
            nightly: { triggers: [{ name: 'daily', type: 'timer', config: '0 30 2 * * * *' }] },
            often: { triggers: [{ name: 'quarter', type: 'timer', config: '0 */15 * * * * *' }] },
            broken: { triggers: [{ name: 'bad', type: 'timer', config: '0 0 3 * * *' }, { name: '1st', type: 'timer', config: '* * * * * * *' }] },
            'on-demand-only': { triggers: [{ name: 'manual', type: 'timer', config: '0 0 0 1 1 * 2099' }] },
          },
        ),
        timersService,
      ],
    });
    fns = emu.service<FakeFunctions>('functions');
    timers = emu.service<TimersService>('timers');
  });

  afterAll(async () => {
    await emu.stop();
  });

  it('fires a daily 02:30 (UTC+8) trigger exactly at its time, once per day', async () => {
    fns.calls.length = 0;
    await emu.clock.set(START);
    // `often` fires every quarter hour; look only at `nightly` here.
    await emu.clock.advance(2 * HOUR + 29 * MIN + 59 * SEC); // 02:29:59
    expect(fns.callsTo('nightly')).toHaveLength(0);

    await emu.clock.advance(SEC); // 02:30:00
    const first = fns.callsTo('nightly');
    expect(first).toHaveLength(1);
    expect(first[0].event).toEqual({ Type: 'Timer', TriggerName: 'daily', Time: '2024-02-29T18:30:00Z', Message: '' });
    expect(first[0].identity).toEqual({ source: 'wx_trigger' });
    expect(first[0].at).toBe(chinaToUtc(2024, 3, 1, 2, 30, 0));

    await emu.clock.advance(DAY - SEC); // next day 02:29:59
    expect(fns.callsTo('nightly')).toHaveLength(1);
    await emu.clock.advance(SEC);
    expect(fns.callsTo('nightly')).toHaveLength(2);
    expect((fns.callsTo('nightly')[1].event as TimerEvent).Time).toBe('2024-03-01T18:30:00Z');
  });

  it('fires every due time of a long jump once, in time order across triggers', async () => {
    await emu.clock.set(chinaToUtc(2024, 3, 10, 2, 0, 0));
    fns.calls.length = 0;
    await emu.clock.advance(HOUR); // 02:00 → 03:00: quarters at 02:15, 02:30, 02:45, 03:00 and daily at 02:30
    const seen = fns.calls.filter((c) => c.name !== 'broken').map((c) => `${c.name}@${(c.event as TimerEvent).Time}`);
    expect(seen).toEqual([
      'often@2024-03-09T18:15:00Z',
      'nightly@2024-03-09T18:30:00Z',
      'often@2024-03-09T18:30:00Z',
      'often@2024-03-09T18:45:00Z',
      'often@2024-03-09T19:00:00Z',
    ]);
    // Setting the clock back fires nothing; moving forward again over a due time fires it again (a replay).
    await emu.clock.set(chinaToUtc(2024, 3, 10, 2, 50, 0));
    expect(fns.calls.filter((c) => c.name === 'often')).toHaveLength(4);
    await emu.clock.advance(10 * MIN);
    expect(fns.calls.filter((c) => c.name === 'often')).toHaveLength(5);
  });

  it('records fires with their result, and failures', async () => {
    const last = timers.history({ functionName: 'nightly' }).at(-1)!;
    expect(last).toMatchObject({ functionName: 'nightly', triggerName: 'daily', ok: true, result: { got: 'daily' }, onDemand: false });
    const page = await (await fetch(`${emu.baseUrl}/`)).text();
    expect(page).toContain('Timer triggers');
    expect(page).toContain('0 30 2 * * * *');
  });

  it('reports invalid triggers and never fires them', async () => {
    const broken = timers.triggers().filter((t) => t.functionName === 'broken');
    expect(broken.map((t) => [t.name, t.error !== undefined])).toEqual([
      ['bad', true],
      ['1st', true],
    ]);
    expect(broken[0].error).toMatch(/7 \(second minute/);
    expect(broken[1].error).toMatch(/invalid trigger name/);
    expect(fns.callsTo('broken')).toHaveLength(0);
  });

  it('fires on demand over HTTP, with the current time', async () => {
    const before = fns.callsTo('on-demand-only').length;
    const res = await fetch(`${emu.baseUrl}/_emulator/timers/fire`, { method: 'POST', body: JSON.stringify({ function: 'on-demand-only' }) });
    expect(res.status).toBe(200);
    const fire = (await res.json()) as { ok: boolean; onDemand: boolean; triggerName: string; dueAt: number };
    expect(fire).toMatchObject({ ok: true, onDemand: true, triggerName: 'manual', dueAt: emu.clock.now() });
    const calls = fns.callsTo('on-demand-only');
    expect(calls).toHaveLength(before + 1);
    expect((calls.at(-1)!.event as TimerEvent).Time).toBe(new Date(Math.floor(emu.clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z'));

    const missing = await fetch(`${emu.baseUrl}/_emulator/timers/fire`, { method: 'POST', body: JSON.stringify({ function: 'nightly', trigger: 'nope' }) });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toContain('it has: daily');
  });

  it('lists triggers with their next time over HTTP', async () => {
    await emu.clock.set(chinaToUtc(2024, 4, 1, 12, 0, 0));
    const body = (await (await fetch(`${emu.baseUrl}/_emulator/timers`)).json()) as { triggers: Array<{ function: string; next: number | null }> };
    const nightly = body.triggers.find((t) => t.function === 'nightly')!;
    expect(nightly.next).toBe(chinaToUtc(2024, 4, 2, 2, 30, 0));
  });

  it('records a failing function as a failed fire', async () => {
    fns.handlers.nightly = () => {
      throw new Error('db down');
    };
    await emu.clock.set(chinaToUtc(2024, 5, 1, 2, 29, 0));
    await emu.clock.advance(MIN);
    const last = timers.history({ functionName: 'nightly' }).at(-1)!;
    expect(last).toMatchObject({ ok: false, error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: 'db down' } });
  });
});

describe('timers on the real clock without autoTimers', () => {
  it('fires nothing when the clock is moved; only on demand', async () => {
    const emu = await startTestEmulator({
      services: [fakeFunctionsService({ job: () => 1 }, { job: { triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }] } }), timersService],
    });
    try {
      const fns = emu.service<FakeFunctions>('functions');
      await emu.clock.advance(5 * SEC);
      expect(fns.calls).toHaveLength(0);
      const fire = await emu.service<TimersService>('timers').fire('job');
      expect(fire.ok).toBe(true);
      expect(fns.calls).toHaveLength(1);
    } finally {
      await emu.stop();
    }
  });
});

describe('timers on the real clock with autoTimers', () => {
  it('fires on schedule by itself (a real timer wakes the scheduler)', async () => {
    const emu = await startTestEmulator({
      autoTimers: true,
      services: [fakeFunctionsService({ job: () => 1 }, { job: { triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }] } }), timersService],
    });
    try {
      const fns = emu.service<FakeFunctions>('functions');
      const deadline = Date.now() + 5000;
      while (fns.calls.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(fns.calls.length).toBeGreaterThan(0);
      const event = fns.calls[0].event as TimerEvent;
      expect(event).toMatchObject({ Type: 'Timer', TriggerName: 'everySecond' });
      // The event names a whole second that has passed by the time the function runs.
      expect(Date.parse(event.Time)).toBeLessThanOrEqual(fns.calls[0].at);
    } finally {
      await emu.stop();
    }
  });
});
