import type { EmulatorClock } from '../core/clock';

export interface Due {
  dueAt: number;
}

/** Longest real sleep; the queue looks again after it (cheap; covers a clock switched to real time). */
const MAX_SLEEP_MS = 60_000;

/**
 * Jobs that run when the emulator clock reaches their time: on a manual clock when a test advances it (and
 * `advance()` resolves after they ran), on the real clock through a real timer. Jobs run one at a time, in time
 * order. The list itself lives in the caller's storage (so it can be persisted).
 */
export class ClockQueue<T extends Due> {
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = true;

  constructor(
    private readonly clock: EmulatorClock,
    private readonly store: { get(): T[]; set(items: T[]): void },
    private readonly run: (item: T) => Promise<void>,
  ) {}

  start(): void {
    this.stopped = false;
    this.unsubscribe = this.clock.onChange((now) => this.runDue(now));
    this.arm();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain.catch(() => undefined);
  }

  add(item: T): void {
    this.store.set([...this.store.get(), item]);
    this.arm();
  }

  /** Runs every job due at `now` (also used right after `add` for a job due immediately). */
  runDue(now = this.clock.now()): Promise<void> {
    const job = async () => {
      while (!this.stopped) {
        const items = this.store.get();
        const due = items.filter((i) => i.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
        if (!due.length) break;
        const next = due[0];
        this.store.set(items.filter((i) => i !== next));
        await this.run(next);
      }
      this.arm();
    };
    const p = this.chain.then(job, job);
    this.chain = p.catch(() => undefined);
    return p;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped || this.clock.manual) return;
    const items = this.store.get();
    if (!items.length) return;
    const earliest = Math.min(...items.map((i) => i.dueAt));
    const wait = Math.min(MAX_SLEEP_MS, Math.max(0, earliest - this.clock.now()));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runDue().catch(() => undefined);
    }, wait);
    this.timer.unref();
  }
}
