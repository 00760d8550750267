import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** The plain-JS worker entry (runs without a TypeScript loader). */
export const BOOTSTRAP_FILE = path.join(__dirname, 'worker-bootstrap.js');

export type InvocationClock = { offsetMs: number } | { manualAt: number };

/** One invocation as an instance runs it. */
export interface InstanceJob {
  id: string;
  /** Environment to set in the worker before calling main; `null` deletes the variable. */
  env: Record<string, string | null>;
  eventJson: string;
  context: Record<string, unknown>;
  timeoutMs: number;
  /**
   * The emulator clock, so code reading `Date.now()` follows it: a real clock moved by `offsetMs`, or a manual
   * clock standing at `manualAt` — then the function's time starts at `manualAt` when `main` is called (a cold
   * start's loading time does not count) and runs on from there.
   */
  clock?: () => InvocationClock;
  /** Receives what the function prints while it runs. */
  onLog(text: string): void;
}

/** Loading `index.js` (cold start) has its own, generous limit, like SCF's initialization timeout. */
export const INIT_TIMEOUT_MS = 60_000;

export type InstanceOutcome = { execMs: number } & (
  | { kind: 'ok'; json: string }
  | { kind: 'error'; message: string }
  | { kind: 'timeout' }
  | { kind: 'crash'; message: string }
);

type WorkerMessage =
  | { type: 'done'; id: string; ok: boolean; json?: string; error?: { message: string } }
  | { type: 'started'; id: string }
  | { type: 'log'; text: string };

/**
 * A warm function instance: one worker thread that has (or will have) `index.js` loaded and runs one invocation
 * at a time. A timeout or a crash kills it; the pool then starts a fresh one.
 */
export class FunctionInstance {
  readonly worker: Worker;
  busy = false;
  dead = false;
  lastUsed = Date.now();
  invocations = 0;
  private logSink: ((text: string) => void) | null = null;
  private current: {
    id: string;
    resolve: (o: InstanceOutcome) => void;
    started: number;
    timer: NodeJS.Timeout;
    timeoutMs: number;
  } | null = null;

  constructor(
    readonly functionName: string,
    readonly codeVersion: number,
    entry: string,
    fallbackPaths: string[],
    private readonly onGone: (inst: FunctionInstance) => void,
  ) {
    this.worker = new Worker(BOOTSTRAP_FILE, {
      workerData: { entry, fallbackPaths },
      env: { ...process.env },
      execArgv: [],
    });
    this.worker.on('message', (m: WorkerMessage) => this.onMessage(m));
    this.worker.on('error', (err) => this.finish({ kind: 'crash', message: String(err?.stack ?? err) }, true));
    this.worker.on('exit', (code) => {
      this.finish({ kind: 'crash', message: `the function instance exited (code ${code}) before completing the request` }, true);
    });
  }

  run(job: InstanceJob): Promise<InstanceOutcome> {
    if (this.busy || this.dead) throw new Error('instance not available');
    this.busy = true;
    this.invocations++;
    this.logSink = job.onLog;
    return new Promise<InstanceOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.finish({ kind: 'crash', message: `Function initialization timed out after ${INIT_TIMEOUT_MS / 1000} seconds` }, true);
      }, INIT_TIMEOUT_MS);
      this.current = { id: job.id, resolve, started: performance.now(), timer, timeoutMs: job.timeoutMs };
      this.worker.postMessage({ type: 'invoke', id: job.id, env: job.env, event: job.eventJson, context: job.context, clock: job.clock?.() ?? { offsetMs: 0 } });
    });
  }

  /** Stops the worker (idle recycle, hot reload, shutdown). */
  async terminate(): Promise<void> {
    this.markDead();
    await this.worker.terminate().catch(() => undefined);
  }

  private onMessage(m: WorkerMessage): void {
    if (m?.type === 'log') return this.logSink?.(m.text);
    if (m?.type === 'started' && this.current && m.id === this.current.id) {
      // The code is loaded: from here on the function's own time limit applies.
      const cur = this.current;
      clearTimeout(cur.timer);
      cur.started = performance.now();
      cur.timer = setTimeout(() => this.finish({ kind: 'timeout' }, true), cur.timeoutMs);
      return;
    }
    if (m?.type !== 'done' || !this.current || m.id !== this.current.id) return;
    if (m.ok) this.finish({ kind: 'ok', json: m.json ?? 'null' }, false);
    else this.finish({ kind: 'error', message: m.error?.message ?? 'unknown error' }, false);
  }

  /** Settles the running invocation (if any); `kill` also retires the instance. */
  private finish(outcome: { kind: 'ok'; json: string } | { kind: 'error'; message: string } | { kind: 'timeout' } | { kind: 'crash'; message: string }, kill: boolean): void {
    const cur = this.current;
    if (kill) {
      const wasDead = this.dead;
      this.markDead();
      if (!wasDead) void this.worker.terminate().catch(() => undefined);
    }
    if (!cur) return;
    this.current = null;
    clearTimeout(cur.timer);
    this.busy = false;
    this.lastUsed = Date.now();
    cur.resolve({ ...outcome, execMs: performance.now() - cur.started });
  }

  private markDead(): void {
    if (this.dead) return;
    this.dead = true;
    this.onGone(this);
  }
}
