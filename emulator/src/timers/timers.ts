import type { EmulatorContext } from '../core/context';
import type { FunctionsInvoker, InvokeResult } from '../core/contracts';
import { sendJson, type Route } from '../core/http';
import { newId } from '../core/ids';
import type { EmulatorService, StatusSection } from '../core/service';
import { escapeHtml, htmlTable } from '../status/page';
import { CronSchedule, formatChinaTime } from './cron';
import { readTimerTriggers, type TimerTrigger } from './triggers';

/**
 * The event SCF hands a function on a timer (Tencent Cloud "触发器事件消息结构汇总"):
 * `{"Type":"Timer","TriggerName":"EveryDay","Time":"2019-02-21T11:49:00Z","Message":"user define msg body"}`.
 * CloudBase's config.json has no message field, so `Message` is empty.
 */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  /** The scheduled time, UTC, `YYYY-MM-DDTHH:mm:ssZ`. */
  Time: string;
  Message: string;
}

/** getWXContext().SOURCE for a timer run ("wx_trigger: 云函数定时触发器调用"). */
export const TIMER_SOURCE = 'wx_trigger';

export interface TimerFire {
  id: string;
  functionName: string;
  triggerName: string;
  /** The time the cron said (or the request time, for an on-demand fire). */
  dueAt: number;
  /** Clock time when the invocation started. */
  firedAt: number;
  onDemand: boolean;
  ok: boolean;
  requestId?: string;
  durationMs?: number;
  /** The function's return value (JSON-safe). */
  result?: unknown;
  error?: { code: string; message: string };
}

/** A runaway expression (every second over a long clock jump) stops after this many fires per step. */
export const MAX_FIRES_PER_STEP = 10_000;
const MAX_KEPT_FIRES = 500;
/** In real-time mode the scheduler looks again at least this often (picks up edited config.json). */
const REAL_TIME_POLL_MS = 60_000;

/**
 * Service `timers`: runs the timer triggers declared in the functions' config.json on the emulator clock.
 *
 * - Manual clock (tests): whenever the clock moves (`advance`/`set`), every trigger whose cron time falls in
 *   (previous time, new time] fires once per due time, oldest first; `advance` resolves after those runs end.
 * - Real clock with `autoTimers` (npm start): a real timer wakes the scheduler at the next due time.
 * - Real clock without `autoTimers`: nothing fires by itself; use `fire()` / `POST /_emulator/timers/fire`.
 */
export class TimersService implements EmulatorService {
  readonly name = 'timers';
  private lastCheck = 0;
  private fires: TimerFire[] = [];
  private skipped = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;
  private readonly cronCache = new Map<string, CronSchedule | Error>();

  constructor(private readonly ctx: EmulatorContext) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.lastCheck = this.ctx.clock.now();
    this.unsubscribe = this.ctx.clock.onChange((now) => this.onClockMoved(now));
    if (this.ctx.options.autoTimers) this.arm();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain.catch(() => undefined);
  }

  async reset(): Promise<void> {
    this.fires = [];
    this.skipped = 0;
    this.lastCheck = this.ctx.clock.now();
  }

  /** The timer triggers of the project, valid or not. */
  triggers(): TimerTrigger[] {
    let fns: FunctionsInvoker;
    try {
      fns = this.ctx.functions();
    } catch {
      return [];
    }
    return readTimerTriggers(fns, this.cronCache);
  }

  /** The next due time of a trigger after the clock's now (null when it will never fire again). */
  nextFire(trigger: TimerTrigger): number | null {
    return trigger.schedule ? trigger.schedule.next(this.ctx.clock.now()) : null;
  }

  /** Recorded fires, oldest first (the last 500). */
  history(filter: { functionName?: string; triggerName?: string } = {}): TimerFire[] {
    return this.fires.filter(
      (f) => (filter.functionName === undefined || f.functionName === filter.functionName) && (filter.triggerName === undefined || f.triggerName === filter.triggerName),
    );
  }

  /**
   * Fires a trigger now, whatever its schedule. `triggerName` may be left out when the function has exactly one
   * timer trigger. Throws when the function has no such trigger.
   */
  fire(functionName: string, triggerName?: string): Promise<TimerFire> {
    const all = this.triggers().filter((t) => t.functionName === functionName);
    const candidates = triggerName === undefined ? all : all.filter((t) => t.name === triggerName);
    if (!candidates.length) {
      const known = all.map((t) => t.name).join(', ');
      return Promise.reject(
        new Error(
          triggerName === undefined
            ? `function "${functionName}" declares no timer trigger in its config.json`
            : `function "${functionName}" has no timer trigger "${triggerName}"${known ? ` (it has: ${known})` : ''}`,
        ),
      );
    }
    if (candidates.length > 1) return Promise.reject(new Error(`function "${functionName}" has several timer triggers; name one of: ${all.map((t) => t.name).join(', ')}`));
    const trigger = candidates[0];
    return this.serial(() => this.invoke(trigger, this.ctx.clock.now(), true));
  }

  routes(): Route[] {
    return [
      {
        method: 'GET',
        path: '/_emulator/timers',
        handler: ({ res }) => {
          sendJson(res, 200, {
            triggers: this.triggers().map((t) => ({
              function: t.functionName,
              name: t.name,
              config: t.config,
              next: this.nextFire(t),
              ...(t.error ? { error: t.error } : {}),
            })),
            fires: this.fires,
          });
        },
      },
      {
        method: 'POST',
        path: '/_emulator/timers/fire',
        handler: async ({ res, json }) => {
          const b = await json<{ function?: unknown; trigger?: unknown }>();
          if (typeof b.function !== 'string' || !b.function) return sendJson(res, 400, { code: 'INVALID_PARAM', message: 'body.function (the function name) is required' });
          try {
            const fire = await this.fire(b.function, typeof b.trigger === 'string' && b.trigger ? b.trigger : undefined);
            sendJson(res, 200, fire);
          } catch (e) {
            sendJson(res, 404, { code: 'TRIGGER_NOT_FOUND', message: (e as Error).message });
          }
        },
      },
    ];
  }

  status(): StatusSection[] {
    const triggers = this.triggers();
    const rows = triggers.map((t) => {
      const next = this.nextFire(t);
      return [
        `<code>${escapeHtml(t.functionName)}</code>`,
        escapeHtml(t.name),
        `<code>${escapeHtml(t.config)}</code>`,
        t.error ? `<span class="err">${escapeHtml(t.error)}</span>` : next === null ? '<span class="muted">never again</span>' : escapeHtml(formatChinaTime(next)),
      ];
    });
    const fireRows = this.fires
      .slice(-30)
      .reverse()
      .map((f) => [
        escapeHtml(formatChinaTime(f.dueAt)),
        `<code>${escapeHtml(f.functionName)}</code>`,
        escapeHtml(f.triggerName) + (f.onDemand ? ' <span class="muted">(on demand)</span>' : ''),
        f.ok ? '<span class="ok">ok</span>' : `<span class="err">${escapeHtml(f.error?.code ?? 'error')}</span>`,
        `<pre>${escapeHtml(f.ok ? JSON.stringify(f.result ?? null).slice(0, 300) : f.error?.message ?? '')}</pre>`,
      ]);
    const mode = this.ctx.clock.manual
      ? 'manual clock: triggers fire when the clock is advanced'
      : this.ctx.options.autoTimers
        ? 'real clock: triggers fire on schedule'
        : 'real clock, autoTimers off: triggers fire only on demand (POST /_emulator/timers/fire)';
    const skippedNote = this.skipped ? `<p class="err">${this.skipped} due fires were skipped (over ${MAX_FIRES_PER_STEP} in one clock step).</p>` : '';
    return [
      {
        title: 'Timer triggers',
        html:
          `<p class="muted">Times in UTC+8 (CloudBase evaluates cron in UTC+8). ${escapeHtml(mode)}.</p>` +
          htmlTable(['function', 'trigger', 'cron', 'next fire'], rows) +
          '<h3>Recent fires</h3>' +
          htmlTable(['due (UTC+8)', 'function', 'trigger', 'result', 'detail'], fireRows) +
          skippedNote,
      },
    ];
  }

  // ---- scheduling ---------------------------------------------------------------------------------------

  private onClockMoved(now: number): Promise<void> {
    if (!this.ctx.clock.manual && !this.ctx.options.autoTimers) {
      this.lastCheck = now;
      return Promise.resolve();
    }
    return this.serial(() => this.runDue(now));
  }

  /** Runs `job` after any scheduler work already under way (fires never overlap or reorder). */
  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.chain.then(job, job);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async runDue(now: number): Promise<void> {
    const from = this.lastCheck;
    this.lastCheck = now;
    if (now <= from || this.stopped) return;
    const due: Array<{ trigger: TimerTrigger; at: number }> = [];
    for (const trigger of this.triggers()) {
      if (!trigger.schedule) continue;
      for (const at of trigger.schedule.between(from, now, MAX_FIRES_PER_STEP + 1)) due.push({ trigger, at });
    }
    due.sort((a, b) => a.at - b.at || a.trigger.functionName.localeCompare(b.trigger.functionName) || a.trigger.name.localeCompare(b.trigger.name));
    if (due.length > MAX_FIRES_PER_STEP) {
      this.skipped += due.length - MAX_FIRES_PER_STEP;
      this.ctx.log(`timers: ${due.length - MAX_FIRES_PER_STEP} due fires skipped in one clock step`);
      due.length = MAX_FIRES_PER_STEP;
    }
    for (const d of due) {
      if (this.stopped) return;
      await this.invoke(d.trigger, d.at, false);
    }
  }

  private async invoke(trigger: TimerTrigger, dueAt: number, onDemand: boolean): Promise<TimerFire> {
    const event: TimerEvent = {
      Type: 'Timer',
      TriggerName: trigger.name,
      Time: new Date(Math.floor(dueAt / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      Message: '',
    };
    const fire: TimerFire = { id: newId(), functionName: trigger.functionName, triggerName: trigger.name, dueAt, firedAt: this.ctx.clock.now(), onDemand, ok: false };
    let res: InvokeResult;
    try {
      res = await this.ctx.functions().invoke(trigger.functionName, event, { source: TIMER_SOURCE });
    } catch (e) {
      fire.error = { code: 'SYS_ERR', message: (e as Error).message };
      this.remember(fire);
      return fire;
    }
    fire.requestId = res.requestId;
    fire.durationMs = res.durationMs;
    if (res.ok) {
      fire.ok = true;
      fire.result = res.result;
    } else {
      fire.error = { code: res.code, message: res.message };
    }
    this.remember(fire);
    this.ctx.log(`timer ${trigger.functionName}/${trigger.name} @ ${event.Time}: ${fire.ok ? 'ok' : fire.error?.code}`);
    return fire;
  }

  private remember(fire: TimerFire): void {
    this.fires.push(fire);
    if (this.fires.length > MAX_KEPT_FIRES) this.fires.splice(0, this.fires.length - MAX_KEPT_FIRES);
  }

  /** Real-time mode: sleep until the next due time (or the poll interval), then run what is due. */
  private arm(): void {
    if (this.stopped) return;
    const now = this.ctx.clock.now();
    let wait = REAL_TIME_POLL_MS;
    if (!this.ctx.clock.manual) {
      for (const t of this.triggers()) {
        const next = t.schedule?.next(now);
        if (next !== null && next !== undefined) wait = Math.min(wait, next - now);
      }
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      const p = this.ctx.clock.manual ? Promise.resolve() : this.serial(() => this.runDue(this.ctx.clock.now()));
      p.finally(() => this.arm()).catch(() => undefined);
    }, Math.max(0, wait));
    this.timer.unref();
  }
}

export const timersService = (ctx: EmulatorContext): TimersService => new TimersService(ctx);
