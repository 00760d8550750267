/** The tracking batcher, with callCloud stubbed and a hand-driven timer. */
import type { TrackEventInput } from '../../typings/api/analytics';

// Loaded with require and local types: this file is type-checked with the Node settings, which do not know the
// mini-program globals services/cloud.ts (imported by tracking.ts) uses.
type TrackInput = Record<string, unknown> & { type: TrackEventInput['type'] };
interface TrackerDeps {
  send(events: TrackEventInput[]): Promise<unknown>;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  session: string;
  flushAt?: number;
  flushDelayMs?: number;
}
interface Tracker {
  track(event: TrackInput): void;
  flush(): Promise<void>;
  pending(): number;
}
interface TrackingModule {
  createTracker(deps: TrackerDeps): Tracker;
  track(event: TrackInput): void;
  flushTracking(): Promise<void>;
}
jest.mock('./cloud', () => ({ callCloud: jest.fn(() => Promise.resolve({ accepted: 1, refused: [] })) }));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createTracker } = require('./tracking') as TrackingModule;

function setup(send: (events: TrackEventInput[]) => Promise<unknown>, over: Partial<TrackerDeps> = {}) {
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  let now = 1_000;
  const tracker = createTracker({
    send,
    now: () => now++,
    setTimer: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => {
      (h as { cleared: boolean }).cleared = true;
    },
    session: 's1',
    flushAt: 3,
    flushDelayMs: 4000,
    ...over,
  });
  const fire = () => timers.filter((t) => !t.cleared).forEach((t) => ((t.cleared = true), t.fn()));
  return { tracker, timers, fire };
}

it('sends one batch when flushAt events are queued, with device time and session', async () => {
  const sent: TrackEventInput[][] = [];
  const { tracker } = setup(async (e) => void sent.push(e));
  tracker.track({ type: 'goods_view', goodsId: 'g1' });
  tracker.track({ type: 'add_to_cart', goodsId: 'g1', skuId: 's1', quantity: 2 });
  expect(sent).toEqual([]);
  tracker.track({ type: 'checkout_start' });
  await tracker.flush();
  expect(sent).toEqual([
    [
      { type: 'goods_view', goodsId: 'g1', at: 1000, session: 's1' },
      { type: 'add_to_cart', goodsId: 'g1', skuId: 's1', quantity: 2, at: 1001, session: 's1' },
      { type: 'checkout_start', at: 1002, session: 's1' },
    ],
  ]);
  expect(tracker.pending()).toBe(0);
});

it('sends what is queued when the delay timer fires (one timer for the batch)', async () => {
  const sent: TrackEventInput[][] = [];
  const { tracker, timers, fire } = setup(async (e) => void sent.push(e));
  tracker.track({ type: 'share', target: 'chat', goodsId: 'g1' });
  tracker.track({ type: 'search', keyword: '拿铁' });
  expect(timers).toHaveLength(1);
  expect(timers[0].ms).toBe(4000);
  fire();
  await tracker.flush();
  expect(sent.map((b) => b.map((e) => e.type))).toEqual([['share', 'search']]);
});

it('flush (app hide) sends at once and clears the timer; nothing queued sends nothing', async () => {
  const send = jest.fn(async () => undefined);
  const { tracker, timers } = setup(send);
  await tracker.flush();
  expect(send).not.toHaveBeenCalled();
  tracker.track({ type: 'page_view', page: 'pages/home/index' });
  await tracker.flush();
  expect(send).toHaveBeenCalledTimes(1);
  expect(timers[0].cleared).toBe(true);
});

it('retries a failed send once, then drops the batch without throwing', async () => {
  const send = jest.fn(async () => {
    throw new Error('network');
  });
  const { tracker } = setup(send);
  tracker.track({ type: 'goods_view', goodsId: 'g1' });
  await expect(tracker.flush()).resolves.toBeUndefined();
  expect(send).toHaveBeenCalledTimes(2);
  expect(tracker.pending()).toBe(0);
  await tracker.flush();
  expect(send).toHaveBeenCalledTimes(2);
});

it('a retry that succeeds delivers the batch once', async () => {
  let calls = 0;
  const delivered: TrackEventInput[][] = [];
  const { tracker } = setup(async (e) => {
    if (calls++ === 0) throw new Error('blip');
    delivered.push(e);
  });
  tracker.track({ type: 'goods_view', goodsId: 'g1' });
  await tracker.flush();
  expect(delivered).toHaveLength(1);
});

it('never throws into a page, even when the clock or timer fails', () => {
  const { tracker } = setup(async () => undefined, {
    now: () => {
      throw new Error('boom');
    },
  });
  expect(() => tracker.track({ type: 'goods_view', goodsId: 'g1' })).not.toThrow();
});

it('the app tracker sends through callCloud(analytics, track.batch)', async () => {
  const { callCloud } = jest.requireMock('./cloud') as { callCloud: jest.Mock };
  const { track, flushTracking } = jest.requireActual('./tracking') as TrackingModule;
  track({ type: 'goods_view', goodsId: 'g9' });
  await flushTracking();
  expect(callCloud).toHaveBeenCalledWith('analytics', 'track.batch', {
    events: [expect.objectContaining({ type: 'goods_view', goodsId: 'g9', at: expect.any(Number), session: expect.any(String) })],
  });
});
