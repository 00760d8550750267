/**
 * The emulator's clock. Real by default; tests switch it to manual and move it forward, so that
 * timers, serverDate, payment delays and expiries are deterministic.
 */
export interface Clock {
  now(): number;
  readonly manual: boolean;
}

export type ClockListener = (now: number) => void | Promise<void>;

export class EmulatorClock implements Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;
  private listeners: ClockListener[] = [];

  constructor(opts: { manualStart?: number } = {}) {
    if (opts.manualStart !== undefined) this.frozenAt = opts.manualStart;
  }

  get manual(): boolean {
    return this.frozenAt !== null;
  }

  now(): number {
    return this.frozenAt !== null ? this.frozenAt : Date.now() + this.offsetMs;
  }

  /** Freeze the clock at `ms` (manual mode). */
  set(ms: number): Promise<void> {
    this.frozenAt = ms;
    return this.emit();
  }

  /** Move time forward; in manual mode this is the only way time passes. */
  async advance(ms: number): Promise<void> {
    if (ms < 0) throw new Error('the clock only moves forward');
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
    await this.emit();
  }

  /** Go back to real time (keeping any offset already applied). */
  useRealTime(): void {
    if (this.frozenAt !== null) this.offsetMs = this.frozenAt - Date.now();
    this.frozenAt = null;
  }

  onChange(l: ClockListener): () => void {
    this.listeners.push(l);
    return () => {
      this.listeners = this.listeners.filter((x) => x !== l);
    };
  }

  private async emit(): Promise<void> {
    const t = this.now();
    for (const l of this.listeners) await l(t);
  }
}
