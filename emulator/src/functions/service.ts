import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EmulatorContext } from '../core/context';
import type { CallerIdentity, FunctionConfig, FunctionsInvoker, InvocationInfo, InvocationLookup, InvokeResult } from '../core/contracts';
import { TcbCodes, TcbError } from '../core/errors';
import type { Route } from '../core/http';
import { sdkEnvironment } from '../core/sdk-environment';
import type { ActionHandler, EmulatorService, StatusSection } from '../core/service';
import type { QuotaCounters } from '../quota/meters';
import { FunctionCatalog, type FunctionDef } from './catalog';
import { gatewayRoutes } from './gateway';
import { BOOTSTRAP_FILE, type InstanceOutcome } from './instance';
import { InvocationRegistry, type InvocationRecord } from './invocations';
import { FunctionErrorCodes, NOT_FOUND_MESSAGE, timeoutMessage, userErrorMessage } from './platform-errors';
import { FunctionPool } from './pool';
import { renderFunctionsStatus } from './status';

/** SCF's default memory size, reported in `context.memory_limit_in_mb`. */
const MEMORY_LIMIT_MB = 256;
/** Warm instances idle this long are retired (SCF recycles idle containers too). */
const IDLE_INSTANCE_MS = 10 * 60_000;

/** An invocation as the control API shows it. */
export interface InvocationView {
  id: string;
  requestId: string;
  functionName: string;
  openid?: string;
  appid?: string;
  unionid?: string;
  source?: string;
  startedAt: number;
  finished: boolean;
  durationMs?: number;
  ok?: boolean;
  code?: string;
  message?: string;
  result?: string;
  logs: string;
  quota: QuotaCounters;
}

/**
 * The functions runtime: runs the project's cloud functions in warm worker-thread instances with the identity the
 * platform injects, answers function-to-function `callFunction`, and serves the HTTP gateway the mini-program
 * client uses.
 */
export class FunctionsService implements EmulatorService, FunctionsInvoker, InvocationLookup {
  readonly name = 'functions';
  readonly catalog: FunctionCatalog;
  private readonly registry = new InvocationRegistry();
  private readonly pools = new Map<string, FunctionPool>();
  private readonly fallbackPaths: string[];
  private reaper: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly ctx: EmulatorContext) {
    this.catalog = new FunctionCatalog(ctx.options.functionsRoot);
    // The emulator package folder: Node's lookup from there reaches the node_modules holding wx-server-sdk.
    this.fallbackPaths = [path.resolve(__dirname, '..', '..')];
  }

  list(): string[] {
    return this.catalog.names();
  }

  config(name: string): FunctionConfig | undefined {
    return this.catalog.config(name);
  }

  byToken(token: string | undefined): InvocationInfo | undefined {
    const rec = this.registry.byToken(token);
    if (!rec) return undefined;
    return { id: rec.id, functionName: rec.functionName, identity: { ...rec.identity }, startedAt: rec.startedAt };
  }

  /**
   * Runs a function as the platform does. The returned `requestId` is also the invocation id (for
   * `ctx.quota.forInvocation(id)` and `GET /_emulator/invocations`).
   */
  async invoke(name: string, event: unknown, identity: CallerIdentity): Promise<InvokeResult> {
    const def = this.catalog.get(name);
    const rec = this.registry.begin(name, identity, this.ctx.clock.now());
    if (this.stopped) {
      const message = 'the emulator is stopping';
      this.registry.finish(rec, { ok: false, code: TcbCodes.SYS_ERR, message }, 0);
      return { ok: false, code: TcbCodes.SYS_ERR, message, requestId: rec.requestId, durationMs: 0 };
    }
    if (!def) {
      const message = NOT_FOUND_MESSAGE;
      this.registry.finish(rec, { ok: false, code: FunctionErrorCodes.NOT_FOUND, message }, 0);
      return { ok: false, code: FunctionErrorCodes.NOT_FOUND, message, requestId: rec.requestId, durationMs: 0 };
    }
    this.ctx.quota.add('functionCalls', 1, rec.id);
    let eventJson: string;
    try {
      eventJson = JSON.stringify(platformEvent(event, identity));
    } catch (e) {
      const message = `the event is not JSON-serializable: ${(e as Error).message}`;
      this.registry.finish(rec, { ok: false, code: TcbCodes.INVALID_PARAM, message }, 0);
      return { ok: false, code: TcbCodes.INVALID_PARAM, message, requestId: rec.requestId, durationMs: 0 };
    }
    const env = this.environmentFor(rec);
    const outcome = await this.pool(def).run(def, {
      id: rec.id,
      env,
      eventJson,
      context: this.contextFor(def, rec, env),
      timeoutMs: def.timeoutMs,
      clock: () => (this.ctx.clock.manual ? { manualAt: this.ctx.clock.now() } : { offsetMs: this.ctx.clock.now() - Date.now() }),
      onLog: (text) => this.onLog(rec, text),
    });
    return this.settle(rec, def, outcome);
  }

  /** Recent invocations, newest first, with their quota. */
  recentInvocations(limit = 50): InvocationView[] {
    return this.registry.recent(limit).map((r) => this.view(r));
  }

  actions(): Record<string, ActionHandler> {
    return {
      'functions.invokeFunction': async (req) => {
        const name = typeof req.body.function_name === 'string' ? req.body.function_name : '';
        if (!name) throw new TcbError(TcbCodes.INVALID_PARAM, 'function_name must not be empty');
        const event = parseRequestData(req.body.request_data);
        const caller = this.registry.byToken(req.token);
        // The called function runs as the caller's user; SOURCE records the chain (e.g. "wx_client,scf").
        const identity: CallerIdentity = caller
          ? { ...caller.identity, source: caller.identity.source ? `${caller.identity.source},scf` : 'scf' }
          : { source: 'scf' };
        const res = await this.invoke(name, event, identity);
        if (!res.ok) throw new TcbError(res.code, res.message);
        return { json: { data: { response_data: JSON.stringify(res.result ?? null) } } };
      },
    };
  }

  routes(): Route[] {
    return gatewayRoutes({
      invoke: (name, event, identity) => this.invoke(name, event, identity),
      defaultAppId: () => this.ctx.options.appId,
      recent: (limit) => this.recentInvocations(limit),
      functions: () => this.functionsOverview(),
    });
  }

  status(): StatusSection[] {
    return [
      { title: 'Cloud functions', html: renderFunctionsStatus(this.functionsOverview(), this.recentInvocations(30)) },
    ];
  }

  async start(): Promise<void> {
    this.reaper = setInterval(() => {
      for (const p of this.pools.values()) p.reapIdle(IDLE_INSTANCE_MS);
    }, 60_000);
    this.reaper.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reaper) clearInterval(this.reaper);
    this.reaper = null;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.stop()));
  }

  /** Forgets the history and retires every warm instance (module state starts over). */
  async reset(): Promise<void> {
    this.registry.clear();
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.stop()));
  }

  functionsOverview(): Array<{ name: string; timeoutMs: number; instances: number; busy: number; queued: number }> {
    return this.catalog.names().map((name) => {
      const def = this.catalog.get(name);
      const st = this.pools.get(name)?.stats() ?? { instances: 0, busy: 0, queued: 0 };
      return { name, timeoutMs: def?.timeoutMs ?? 0, instances: st.instances, busy: st.busy, queued: st.queued };
    });
  }

  private pool(def: FunctionDef): FunctionPool {
    let p = this.pools.get(def.name);
    if (!p) {
      p = new FunctionPool(def.name, Math.max(1, this.ctx.options.maxInstancesPerFunction), this.fallbackPaths);
      this.pools.set(def.name, p);
    }
    return p;
  }

  /** The variables the platform injects (shared notes §0, §3); an absent identity field is unset, not empty. */
  private environmentFor(rec: InvocationRecord): Record<string, string | null> {
    const id = rec.identity;
    const env: Record<string, string | null> = sdkEnvironment(this.ctx.adminUrl(), {
      envId: this.ctx.options.envId,
      token: rec.token,
      openid: id.openid,
      appid: id.appid,
      unionid: id.unionid,
      source: id.source ?? 'wx_unknown',
    });
    for (const k of ['WX_OPENID', 'WX_APPID', 'WX_UNIONID']) if (!env[k]) env[k] = null;
    return env;
  }

  /** The SCF `context` argument. */
  private contextFor(def: FunctionDef, rec: InvocationRecord, env: Record<string, string | null>): Record<string, unknown> {
    const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== null)) as Record<string, string>;
    return {
      callbackWaitsForEmptyEventLoop: true,
      memory_limit_in_mb: MEMORY_LIMIT_MB,
      time_limit_in_ms: def.timeoutMs,
      request_id: rec.requestId,
      environ: Object.entries(present)
        .map(([k, v]) => `${k}=${v}`)
        .join(';'),
      environment: JSON.stringify(present),
      function_version: '$LATEST',
      function_name: def.name,
      namespace: this.ctx.options.envId,
    };
  }

  private settle(rec: InvocationRecord, def: FunctionDef, outcome: InstanceOutcome): InvokeResult {
    const base = { requestId: rec.requestId, durationMs: outcome.execMs };
    let res: InvokeResult;
    switch (outcome.kind) {
      case 'ok': {
        let result: unknown = null;
        try {
          result = JSON.parse(outcome.json);
        } catch {
          result = outcome.json;
        }
        res = { ok: true, result, ...base };
        break;
      }
      case 'error':
        res = { ok: false, code: FunctionErrorCodes.EXECUTE_FAIL, message: userErrorMessage(outcome.message, BOOTSTRAP_FILE), ...base };
        break;
      case 'timeout':
        res = { ok: false, code: FunctionErrorCodes.TIME_LIMIT_EXCEEDED, message: timeoutMessage(def.timeoutMs), ...base };
        break;
      case 'crash':
        res = { ok: false, code: FunctionErrorCodes.EXECUTE_FAIL, message: userErrorMessage(outcome.message, BOOTSTRAP_FILE), ...base };
        break;
    }
    this.registry.finish(rec, res.ok ? { ok: true, result: res.result } : { ok: false, code: res.code, message: res.message }, outcome.execMs);
    return res;
  }

  private onLog(rec: InvocationRecord, text: string): void {
    this.registry.appendLog(rec, text);
    if (!this.ctx.options.quiet) {
      const lines = text.replace(/\n$/, '').split('\n');
      process.stdout.write(lines.map((l) => `[fn ${rec.functionName}] ${l}\n`).join(''));
    }
  }

  private view(r: InvocationRecord): InvocationView {
    return {
      id: r.id,
      requestId: r.requestId,
      functionName: r.functionName,
      openid: r.identity.openid,
      appid: r.identity.appid,
      unionid: r.identity.unionid,
      source: r.identity.source,
      startedAt: r.startedAt,
      finished: r.finished,
      durationMs: r.durationMs,
      ok: r.ok,
      code: r.code,
      message: r.message,
      result: r.resultSummary,
      logs: r.logs,
      quota: this.ctx.quota.forInvocation(r.id),
    };
  }
}

/**
 * The event a function receives: the caller's data plus, when the call comes from a WeChat user or app, the
 * `userInfo: {appId, openId}` the platform injects (overriding any client-sent `userInfo`).
 */
export function platformEvent(event: unknown, identity: CallerIdentity): unknown {
  const base = event === undefined || event === null ? {} : event;
  if (typeof base !== 'object' || Array.isArray(base)) return base;
  if (!identity.openid && !identity.appid) return base;
  const userInfo: Record<string, string> = {};
  if (identity.appid) userInfo.appId = identity.appid;
  if (identity.openid) userInfo.openId = identity.openid;
  return { ...(base as Record<string, unknown>), userInfo };
}

function parseRequestData(raw: unknown): unknown {
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw new TcbError(TcbCodes.INVALID_PARAM, 'request_data is not valid JSON');
  }
}
