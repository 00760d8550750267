/**
 * Client event tracking: pages call `track({type: 'goods_view', goodsId})` and forget it. Events are queued with
 * their device time and the launch's session id, and sent in one `analytics` / `track.batch` call when
 * FLUSH_AT events are queued, FLUSH_DELAY_MS after the first queued event, or when the app goes to the background
 * (app.ts onHide → flushTracking). A failed send is retried once; if the retry fails too the batch is dropped
 * (tracking never grows without bound and never throws into a page).
 *
 * The entry scene and QR/share parameters are NOT sent with each event: the server's event schema is strict
 * (server/analytics/tracking/event-schema.ts) and takes no scene; the launch's scene and query are recorded once
 * per foreground by `user.enter` (app.ts onShow), and the rollup joins events to that visit by openid and day.
 */
import type { TrackEventInput } from '../../typings/api/analytics';
import { callCloud } from './cloud';

/** An event as a page gives it: the tracker adds `at` and `session`. */
export type TrackInput = TrackEventInput extends infer E ? (E extends TrackEventInput ? Omit<E, 'at' | 'session'> : never) : never;

/** Queued events that trigger a send. */
export const FLUSH_AT = 10;
/** Longest time an event waits in the queue. */
export const FLUSH_DELAY_MS = 3000;
/** The server keeps at most 50 events of a batch. */
const MAX_BATCH = 50;
/** Events kept while sends are failing or in flight (the oldest are dropped beyond it). */
const MAX_QUEUE = 200;

export interface TrackerDeps {
  send(events: TrackEventInput[]): Promise<unknown>;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Random id of this launch. */
  session: string;
  flushAt?: number;
  flushDelayMs?: number;
}

export interface Tracker {
  /** Queues an event; never throws. */
  track(event: TrackInput): void;
  /** Sends what is queued now (one batch at a time); resolves when done, never rejects. */
  flush(): Promise<void>;
  /** Events waiting to be sent. */
  pending(): number;
}

export function createTracker(deps: TrackerDeps): Tracker {
  const flushAt = deps.flushAt ?? FLUSH_AT;
  const flushDelayMs = deps.flushDelayMs ?? FLUSH_DELAY_MS;
  let queue: TrackEventInput[] = [];
  let timer: unknown;
  let sending: Promise<void> | undefined;

  function clear(): void {
    if (timer !== undefined) {
      try {
        deps.clearTimer(timer);
      } catch {
        /* ignore */
      }
      timer = undefined;
    }
  }

  async function sendOnce(batch: TrackEventInput[]): Promise<void> {
    try {
      await deps.send(batch);
    } catch {
      try {
        await deps.send(batch); // one retry, then the batch is dropped
      } catch {
        /* dropped */
      }
    }
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(batch.length);
      await sendOnce(batch);
    }
  }

  function flush(): Promise<void> {
    clear();
    if (sending) return sending.then(() => (queue.length > 0 ? flush() : undefined));
    if (queue.length === 0) return Promise.resolve();
    sending = drain().finally(() => {
      sending = undefined;
    });
    return sending;
  }

  function track(event: TrackInput): void {
    try {
      queue.push({ ...event, at: deps.now(), session: deps.session } as TrackEventInput);
      if (queue.length > MAX_QUEUE) queue = queue.slice(queue.length - MAX_QUEUE);
      if (queue.length >= flushAt) void flush();
      else if (timer === undefined) timer = deps.setTimer(() => {
        timer = undefined;
        void flush();
      }, flushDelayMs);
    } catch {
      /* tracking never breaks a page */
    }
  }

  return { track, flush, pending: () => queue.length };
}

function randomSession(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The app's tracker: sends through the `analytics` function. */
export const tracker: Tracker = createTracker({
  send: (events) => callCloud('analytics', 'track.batch', { events }),
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as number),
  session: randomSession(),
});

/** Records an event (queued; sent in a batch). Never throws. */
export function track(event: TrackInput): void {
  tracker.track(event);
}

/** Sends the queued events now (app hide). Never rejects. */
export function flushTracking(): Promise<void> {
  return tracker.flush();
}
